// Lone-surrogate policy (README "Argument encoding", assembly/util/jsonstring.ts) through the built
// .wasm in the local gateway, checked on the bytes a real backend receives: JSON outputs carry the
// escape `\ud800` (lossless, valid JSON, valid UTF-8); URL, query, header, form and text outputs carry
// U+FFFD (EF BF BD), never the invalid WTF-8 bytes ED A0 80. A client sends "a\ud800b" as JSON text
// (JSON.stringify escapes a lone surrogate), so every path starts from the same argument.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { BUILDS, startStack, callTool, rpc, resultText, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";

const ARG = { q: "a\ud800b" };
const Q = { name: "q", description: "q", type: "string" };
const FFFD = "a\u00ef\u00bf\u00bdb"; // "a" U+FFFD "b" as UTF-8 bytes read as latin1
const WTF8 = Buffer.from([0xed, 0xa0, 0x80]);

function tool(name: string, requestTemplate: unknown, args: unknown[] = [Q], description = "d"): unknown {
  return { name, description, args, requestTemplate };
}

const CONFIG = {
  server: { name: "surrogates" },
  tools: [
    tool("json_body", { url: "http://api.test/json", method: "POST", argsToJsonBody: true }),
    tool("tpl_json", {
      url: "http://api.test/tpl",
      method: "POST",
      headers: [{ key: "Content-Type", value: "application/json" }],
      body: '{"in":"{{.args.q}}","out":{{.args.q}}}',
    }),
    tool("tpl_text", {
      url: "http://api.test/text",
      method: "POST",
      headers: [{ key: "Content-Type", value: "text/plain" }],
      body: "r={{.args.q}} j={{toJson .args.q}}",
    }),
    tool("query", { url: "http://api.test/q?t={{.args.q}}", method: "GET", argsToUrlParam: true }),
    tool("path", { url: "http://api.test/p/{q}", method: "GET" }, [{ ...Q, position: "path" }]),
    tool("header", { url: "http://api.test/h", method: "GET" }, [{ ...Q, position: "header" }]),
    tool("form", { url: "http://api.test/form", method: "POST", argsToFormBody: true }),
    tool("listed", { url: "http://api.test/l", method: "GET" }, [], "desc a\ud800b"),
  ],
};

for (const build of BUILDS) {
  describe(`lone surrogates on every path (${build.name} build)`, () => {
    let be: RecordingBackend;
    let stack: Stack;
    const last = () => be.requests[be.requests.length - 1];
    const call = async (name: string) => {
      be.reset();
      const r = (await callTool(stack.mcpUrl, name, ARG)).result;
      assert.equal(r.isError, false, `${name}: ${resultText(r)}`);
      assert.equal(be.requests.length, 1, name);
      const bytes = last().bodyBytes ?? Buffer.alloc(0);
      assert.equal(bytes.includes(WTF8), false, `${name}: WTF-8 bytes in the body`);
      return last();
    };
    before(async () => {
      be = await startBackend();
      stack = await startStack({ config: CONFIG, build, upstreams: { "api.test": be.url } });
    });
    after(async () => {
      await stack.close();
      await be.close();
    });

    test("JSON bodies carry the \\ud800 escape: argsToJsonBody and a JSON body template", async () => {
      assert.equal((await call("json_body")).body, '{"q":"a\\ud800b"}');
      assert.equal((await call("tpl_json")).body, '{"in":"a\\ud800b","out":"a\\ud800b"}');
    });

    test("a text body template: plain text as U+FFFD, toJson as the escape", async () => {
      const r = await call("tpl_text");
      assert.deepEqual(r.bodyBytes, Buffer.from('r=a\ufffdb j="a\\ud800b"', "utf8"));
    });

    test("URL, query and form get U+FFFD percent-encoded", async () => {
      assert.equal((await call("query")).url, "/q?t=a%EF%BF%BDb&q=a%EF%BF%BDb");
      assert.equal((await call("path")).url, "/p/a%EF%BF%BDb");
      assert.equal((await call("form")).body, "q=a%EF%BF%BDb");
    });

    test("a header gets U+FFFD as UTF-8 bytes", async () => {
      const r = await call("header");
      const i = r.rawHeaders.findIndex((h, k) => k % 2 === 0 && h.toLowerCase() === "q");
      assert.ok(i >= 0, "header q reached the backend");
      assert.equal(r.rawHeaders[i + 1], FFFD);
    });

    test("tools/list echoes a configured lone surrogate as the escape", async () => {
      const r = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "tools/list" });
      assert.equal(r.status, 200);
      assert.ok(r.text.includes('"desc a\\ud800b"'), r.text.slice(0, 400));
      const listed = r.json.result.tools.find((t: { name: string }) => t.name === "listed");
      assert.equal(listed.description, "desc a\ud800b");
    });
  });
}
