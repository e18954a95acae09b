// REST tool calls end to end: the built plugin in the local gateway, a real
// recording backend. Every argument position and body mode, hostile values
// that try to change the request's structure, and each response mode.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, startStack, callTool, rpc, connectClient, resultText, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";

const CONFIG = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/configs/rest.json"), "utf8"));

describe("REST tools through the gateway", () => {
  let be: RecordingBackend;
  let stack: Stack;
  const call = async (name: string, args: unknown) => (await callTool(stack.mcpUrl, name, args)).result;
  const last = () => be.requests[be.requests.length - 1];
  before(async () => {
    be = await startBackend();
    stack = await startStack({
      config: CONFIG,
      upstreams: { "api.test": be.url, "cfg.test": be.url, "box-abc-1.sandbox.test": be.url },
    });
  });
  after(async () => {
    await stack.close();
    await be.close();
  });

  test("path placeholders are percent-encoded with no safe characters", async () => {
    const cases: Array<[string, string]> = [
      ["a b", "/items/a%20b"],
      ["a/b", "/items/a%2Fb"],
      ["?x#y", "/items/%3Fx%23y"],
      ["é", "/items/%C3%A9"],
      ["%2e%2e", "/items/%252e%252e"],
      ["a\r\nb", "/items/a%0D%0Ab"],
    ];
    for (const [value, want] of cases) {
      be.reset();
      const r = await call("path_arg", { id: value });
      assert.equal(r.isError, false, `${JSON.stringify(value)}: ${resultText(r)}`);
      assert.equal(be.requests.length, 1);
      assert.equal(last().url, want, JSON.stringify(value));
    }
  });

  test("dot segments are refused, also encoded, and nothing reaches the backend", async () => {
    be.reset();
    for (const [tool, args] of [
      ["path_arg", { id: ".." }],
      ["path_arg", { id: "." }],
      ["path_tpl", { owner: "me", path: "../../secrets" }],
      ["path_tpl", { owner: "..", path: "x" }],
      ["path_tpl", { owner: "me", path: "a/./b" }],
    ] as const) {
      const r = await call(tool, args);
      assert.equal(r.isError, true, `${tool} ${JSON.stringify(args)}`);
    }
    assert.equal(be.requests.length, 0);
    // an encoded dot segment in a value is encoded once more, so it stays data, never a segment
    const r = await call("path_tpl", { owner: "me", path: "a/%2e%2e/b" });
    assert.equal(r.isError, false);
    assert.equal(last().url, "/repos/me/contents/a/%252e%252e/b");
  });

  test("a template value in the path keeps '/' (file paths) but is otherwise encoded", async () => {
    be.reset();
    const r = await call("path_tpl", { owner: "me", path: "src/lib/a b?.ts" });
    assert.equal(r.isError, false, resultText(r));
    assert.equal(last().url, "/repos/me/contents/src/lib/a%20b%3F.ts");
  });

  test("a template value in the query stays one value (no parameter injection)", async () => {
    be.reset();
    await call("query_tpl", { q: "a&b=c#frag" });
    assert.equal(last().query.get("q"), "a&b=c#frag");
    assert.equal(last().query.get("b"), null);
    assert.equal(last().query.get("fixed"), "1");
  });

  test("query arguments are form-encoded in a stable order after the URL's own query", async () => {
    be.reset();
    await call("query_args", { b: "x y", a: 1, flag: true, undeclared: "dropped" });
    assert.equal(last().url, "/list?z=9&a=1&b=x+y&flag=true");
  });

  test("header and cookie arguments; CR/LF in a header value refuses the call", async () => {
    be.reset();
    await call("header_cookie", { "X-Trace": "t1", session: "s1" });
    assert.equal(last().headers["x-trace"], "t1");
    assert.equal(last().headers["x-api-key"], "cfg-key");
    assert.equal(last().headers.cookie, "session=s1");
    be.reset();
    for (const bad of ["a\r\nX-Evil: 1", "a\nb", "a\u0000b"]) {
      const r = await call("header_cookie", { "X-Trace": bad });
      assert.equal(r.isError, true, JSON.stringify(bad));
    }
    assert.equal(be.requests.length, 0);
  });

  test("argsToJsonBody builds a JSON object with defaults and the JSON content type", async () => {
    be.reset();
    await call("json_body", { name: 'n"1', tags: ["x", "y"] });
    assert.equal(last().method, "POST");
    assert.match(String(last().headers["content-type"]), /^application\/json/);
    assert.deepEqual(JSON.parse(last().body), { name: 'n"1', count: 1, tags: ["x", "y"] });
    assert.equal(last().headers["content-length"], String(Buffer.byteLength(last().body)));
  });

  test("argsToFormBody builds a form body", async () => {
    be.reset();
    await call("form_body", { user: "a b", note: "x&y=z" });
    assert.match(String(last().headers["content-type"]), /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(last().body);
    assert.equal(form.get("user"), "a b");
    assert.equal(form.get("note"), "x&y=z");
    assert.equal([...form.keys()].length, 2);
  });

  test("a JSON body template escapes values inside strings and cannot be broken out of", async () => {
    be.reset();
    await call("body_tpl", { title: '","admin":true,"x":"', n: 5 });
    assert.equal(last().method, "PUT");
    const body = JSON.parse(last().body);
    assert.equal(body.title, '","admin":true,"x":"');
    assert.equal(body.admin, false);
    assert.equal(body.n, 5);
  });

  test("position: body arguments go to a JSON body, position: query to the query", async () => {
    be.reset();
    await call("body_pos", { msg: "m", level: "warn" });
    assert.equal(last().url, "/log?level=warn");
    assert.deepEqual(JSON.parse(last().body), { msg: "m" });
  });

  test("{{.config.baseUrl}} supplies scheme, host and base path", async () => {
    be.reset();
    await call("config_base", { id: "7" });
    assert.equal(last().url, "/v2/things/7");
    assert.equal(last().headers.host, "cfg.test");
  });

  test("an argument may be one whole DNS label of the host, never more", async () => {
    be.reset();
    const ok = await call("label_host", { sandbox: "abc-1" });
    assert.equal(ok.isError, false, resultText(ok));
    assert.equal(last().headers.host, "box-abc-1.sandbox.test");
    be.reset();
    for (const bad of ["evil.com/", "a.b", "x@y", "1:80", "a/b", "", "a".repeat(64), "a b"]) {
      const r = await call("label_host", { sandbox: bad });
      assert.equal(r.isError, true, JSON.stringify(bad));
    }
    assert.equal(be.requests.length, 0);
  });

  test("argument validation: type, required, enum; nothing sent on a violation", async () => {
    be.reset();
    for (const [args, word] of [
      [{ limit: "abc" }, "limit"],
      [{ limit: 2.5 }, "limit"],
      [{}, "limit"],
      [{ limit: 1, mode: "c" }, "mode"],
      [{ limit: 1, mode: 3 }, "mode"],
    ] as const) {
      const r = await call("typed", args);
      assert.equal(r.isError, true, JSON.stringify(args));
      assert.ok(resultText(r).includes(word), resultText(r));
    }
    assert.equal(be.requests.length, 0);
    const ok = await call("typed", { limit: "3", mode: "b" });
    assert.equal(ok.isError, false);
    assert.equal(last().url, "/typed?limit=3&mode=b");
  });

  test("response template with range over the backend JSON", async () => {
    be.on("/list-items", {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ items: [{ name: "a" }, { name: "b" }] }),
    });
    const r = await call("templated", {});
    assert.equal(resultText(r), "1. a\n2. b\ntotal=2");
  });

  test("prependBody/appendBody wrap the raw body", async () => {
    be.on("/raw", { status: 200, headers: { "content-type": "application/json" }, body: '{"k":1}' });
    assert.equal(resultText(await call("wrapped", {})), 'BEGIN\n{"k":1}\nEND');
  });

  test("errorResponseTemplate renders non-2xx bodies as isError", async () => {
    be.on("/err", {
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error: { message: "bad thing" } }),
    });
    const r = await call("errtpl", {});
    assert.equal(r.isError, true);
    assert.equal(resultText(r), "failed: bad thing");
  });

  test("raw responses: text, empty, image, error status, reset, oversized", async () => {
    be.on("/plain", { status: 200, headers: { "content-type": "text/plain" }, body: "hello" });
    assert.equal(resultText(await call("plain", {})), "hello");
    be.on("/plain", { status: 204 });
    assert.equal(resultText(await call("plain", {})), "success");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    be.on("/plain", { status: 200, headers: { "content-type": "image/png" }, body: png });
    const img = await call("plain", {});
    assert.deepEqual(img.content[0], { type: "image", data: png.toString("base64"), mimeType: "image/png" });
    be.on("/plain", {
      status: 503,
      headers: { "content-type": "text/plain", "set-cookie": "sid=1" },
      body: "down for maintenance",
    });
    const res = await rpc(stack.mcpUrl, {
      jsonrpc: "2.0",
      id: 9,
      method: "tools/call",
      params: { name: "plain", arguments: {} },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("set-cookie"), null);
    assert.equal(res.json.result.isError, true);
    assert.equal(resultText(res.json.result), "backend returned HTTP 503: down for maintenance");
    be.on("/plain", { reset: true });
    const reset = await call("plain", {});
    assert.equal(reset.isError, true);
    assert.match(resultText(reset), /503/);
    be.on("/plain", { status: 200, headers: { "content-type": "text/plain" }, body: "x".repeat(5 * 1024 * 1024) });
    const big = await call("plain", {});
    assert.equal(big.isError, true);
    assert.match(resultText(big), /exceeds the limit/);
    be.on("/plain", { status: 200, headers: { "content-type": "text/plain" }, body: "y".repeat(3 * 1024 * 1024) });
    const ok = await call("plain", {});
    assert.equal(resultText(ok).length, 3 * 1024 * 1024);
  });

  test("big request bodies: under the limit they work, over it 413 and nothing is sent", async () => {
    be.reset();
    const r = await call("json_body", { name: "z".repeat(900 * 1024) });
    assert.equal(r.isError, false);
    assert.equal(JSON.parse(last().body).name.length, 900 * 1024);
    be.reset();
    const big = await rpc(stack.mcpUrl, {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "json_body", arguments: { name: "z".repeat(2 * 1024 * 1024) } },
    });
    assert.equal(big.status, 413);
    assert.equal(be.requests.length, 0);
  });

  test("the MCP SDK client calls a tool end to end", async () => {
    be.reset();
    const client = await connectClient(stack.mcpUrl);
    const r: any = await client.callTool({ name: "json_body", arguments: { name: "sdk" } });
    assert.equal(r.isError, false);
    assert.deepEqual(JSON.parse(last().body), { name: "sdk", count: 1 });
    await client.close();
  });
});

describe("relative URLs in Higress mode (route's service fixed)", () => {
  test("a relative URL rewrites only the path and keeps the route's host", async () => {
    const be = await startBackend();
    const stack = await startStack({ config: CONFIG, routeUpstream: be.url });
    try {
      const r = (await callTool(stack.mcpUrl, "relative", { noteId: "n 1" })).result;
      assert.equal(r.isError, false, resultText(r));
      assert.equal(be.requests[0].method, "DELETE");
      assert.equal(be.requests[0].url, "/notes/n%201");
      assert.equal(be.requests[0].headers.host, new URL(stack.mcpUrl).host);
    } finally {
      await stack.close();
      await be.close();
    }
  });
});
