// Issue 14 items 4, 5, 6, 8 and the duplicated x-envoy-allow-mcp-tools header (regressions), through the
// built plugin in the local gateway with a recording backend on 127.0.0.1:
// 4. forwardHeaders could forward another tool's client credential (cookie, an API-key header), and a
//    client Authorization read by one tool's scheme reached the backends of the others;
// 5. a password in a tool URL was accepted and echoed in every call's error;
// 6. a whole-host argument accepted 2130706433 / 0x7f000001 / localhost;
// 8. a header argument named content-type switched a JSON body template to raw text insertion;
// +  a client copy of x-envoy-allow-mcp-tools placed first lifted the auth plugin's restriction.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startBackend, type RecordingBackend } from "./backend.js";
import { callTool, resultText, rpc, startStack } from "./harness.js";
import { postWithHost, rejectionLines } from "./issue14-helpers.js";

const KEY = { id: "key", type: "apiKey", in: "header", name: "X-Api-Key" };
const COOKIE = { id: "ck", type: "apiKey", in: "cookie", name: "session" };
const BEARER = { id: "user", type: "http", scheme: "bearer" };
const SVC = { id: "svc", type: "http", scheme: "basic", defaultCredential: "svc:s3cret-pw-issue14" };

function hasLine(lines: string[], field: string, words: RegExp): boolean {
  return lines.some((l) => l.includes(field) && words.test(l));
}

describe("configuration footguns are rejected at configure time, naming the field (issue 14)", () => {
  test("item 4: forwardHeaders naming a header or cookie a client scheme reads", async () => {
    const tools = [
      { name: "a", security: { id: "key" }, requestTemplate: { url: "http://api.test/a" } },
      { name: "b", security: { id: "ck" }, requestTemplate: { url: "http://api.test/b" } },
    ];
    const lines = await rejectionLines({
      server: { name: "s", securitySchemes: [KEY, COOKIE], forwardHeaders: ["x-request-tag", "x-api-key", "cookie"] },
      tools,
    });
    assert.ok(hasLine(lines, "server.forwardHeaders[1]", /x-api-key.*client credential/), lines.join(" | "));
    assert.ok(hasLine(lines, "server.forwardHeaders[2]", /cookie.*client credential/), lines.join(" | "));
    assert.equal(lines.length, 2, lines.join(" | "));
  });

  test("item 5: userinfo in a tool URL, without echoing the password", async () => {
    const lines = await rejectionLines({
      server: { name: "s" },
      tools: [{ name: "t", requestTemplate: { url: "https://user:hunter2-pw@api.test/x" } }],
    });
    assert.ok(hasLine(lines, "tools[0].requestTemplate.url", /userinfo.*basic/), lines.join(" | "));
    assert.ok(!lines.join("\n").includes("hunter2-pw"), lines.join(" | "));
  });

  test("item 6: an argument that is the whole host (or its last label, or host:port)", async () => {
    for (const url of ["http://{{.args.h}}/x", "http://{{.args.h}}:8080/x", "http://api.{{.args.h}}/x", "http://{h}/x"]) {
      const lines = await rejectionLines({
        server: { name: "s" },
        tools: [{ name: "t", args: [{ name: "h", position: "path" }], requestTemplate: { url } }],
      });
      assert.ok(hasLine(lines, "tools[0].requestTemplate.url", /never the whole host/), `${url}: ${lines.join(" | ")}`);
    }
    assert.deepEqual(
      await rejectionLines({
        server: { name: "s" },
        tools: [{ name: "t", args: [{ name: "h" }], requestTemplate: { url: "http://{{.args.h}}.api.test/x" } }],
      }),
      [],
    );
  });

  test("item 8: header arguments that switch body mode, framing or routing, or that a scheme writes", async () => {
    const names = [
      "content-type",
      "Content-Length",
      "host",
      "transfer-encoding",
      "connection",
      "x-envoy-upstream-rq-timeout-ms",
      "proxy-authorization",
      "authorization",
      "x-api-key",
    ];
    const lines = await rejectionLines({
      server: { name: "s", securitySchemes: [KEY, SVC] },
      tools: [
        {
          name: "t",
          security: { id: "key" },
          args: names.map((name) => ({ name, position: "header" })),
          requestTemplate: { url: "http://api.test/x", method: "POST", body: '{"a":"{{.args.host}}"}', security: { id: "svc" } },
        },
      ],
    });
    names.forEach((n, i) => assert.ok(hasLine(lines, `tools[0].args[${i}].name`, /cannot set/), `${n}: ${lines.join(" | ")}`));
  });
});

describe("runtime: credentials stay per server, URLs never echo userinfo, host labels are not IPs (issue 14)", () => {
  let backend: RecordingBackend;
  before(async () => {
    backend = await startBackend();
  });
  after(async () => {
    await backend?.close();
  });

  test("item 4: a client Authorization read by one tool's scheme never reaches another tool's backend", async () => {
    backend.reset();
    const base = `http://${backend.authority}`;
    const stack = await startStack({
      config: {
        server: { name: "s", securitySchemes: [BEARER, KEY], passthroughAuthHeader: true, forwardHeaders: ["x-request-tag"] },
        tools: [
          {
            name: "mine",
            security: { id: "user", passthrough: true },
            requestTemplate: { url: `${base}/mine`, security: { id: "key" } },
          },
          { name: "other", requestTemplate: { url: `${base}/other` } },
        ],
      },
    });
    try {
      const r = await callTool(
        stack.mcpUrl,
        "other",
        {},
        { authorization: "Bearer client-token-issue14", "x-request-tag": "t1" },
      );
      assert.equal(r.result?.isError, false, JSON.stringify(r));
      const seen = backend.requests.at(-1)!;
      assert.equal(seen.path, "/other");
      assert.equal(seen.headers["x-request-tag"], "t1");
      assert.equal(seen.headers.authorization, undefined, "the client's token reached an unrelated backend");
    } finally {
      await stack.close();
    }
  });

  test("items 5 and 6: a config URL with userinfo is refused without echo; numeric and hex host labels are refused", async () => {
    backend.reset();
    const stack = await startStack({
      config: {
        server: { name: "s", config: { base: `http://svc:pw-in-url-issue14@${backend.authority}` } },
        tools: [
          { name: "cfg", requestTemplate: { url: "{{.config.base}}/x" } },
          {
            name: "tenant",
            args: [{ name: "t", required: true }],
            requestTemplate: { url: `http://{{.args.t}}.localhost:${backend.port}/x` },
          },
        ],
      },
    });
    try {
      const r = await callTool(stack.mcpUrl, "cfg", {});
      assert.equal(r.result?.isError, true, JSON.stringify(r));
      assert.ok(!JSON.stringify(r).includes("pw-in-url-issue14"), JSON.stringify(r));
      assert.match(resultText(r.result), /userinfo/);
      for (const t of ["2130706433", "0x7f000001", "0X7F000001"]) {
        const h = await callTool(stack.mcpUrl, "tenant", { t });
        assert.equal(h.result?.isError, true, `${t}: ${JSON.stringify(h)}`);
        assert.match(resultText(h.result), /not all digits or hex/, t);
      }
      assert.equal(backend.requests.length, 0);
    } finally {
      await stack.close();
    }
  });

  test("duplicated x-envoy-allow-mcp-tools: every copy restricts (intersection), whatever the order", async () => {
    const stack = await startStack({
      config: {
        server: { name: "s" },
        tools: ["a", "b", "c"].map((name) => ({ name, requestTemplate: {}, responseTemplate: { body: name } })),
      },
    });
    try {
      const list = async (copies: string[]) => {
        const r = await postWithRawHeaders(stack.mcpUrl, copies);
        return (r.json?.result?.tools ?? [])
          .map((t: { name: string }) => t.name)
          .sort()
          .join(",");
      };
      assert.equal(await list(["a,b,c", "a"]), "a", "a client copy first lifted the restriction");
      assert.equal(await list(["a", "a,b,c"]), "a");
      assert.equal(await list(["b", "a"]), "");
      assert.equal(await list(["", "b"]), "b");
      const single = await rpc(
        stack.mcpUrl,
        { jsonrpc: "2.0", id: 1, method: "tools/list" },
        { "x-envoy-allow-mcp-tools": "a,c" },
      );
      assert.deepEqual(
        single.json.result.tools.map((t: { name: string }) => t.name),
        ["a", "c"],
      );
    } finally {
      await stack.close();
    }
  });
});

/** tools/list with the allow header sent once per entry of `copies` (raw headers keep the duplicates). */
function postWithRawHeaders(url: string, copies: string[]): Promise<any> {
  return postWithHost(
    url,
    new URL(url).host,
    { jsonrpc: "2.0", id: 1, method: "tools/list" },
    {},
    copies.map((v) => ["x-envoy-allow-mcp-tools", v]),
  );
}
