// MCP Streamable HTTP endpoint through the local gateway, with the real MCP
// SDK client and raw HTTP, against both release builds.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BUILDS, ROOT, startStack, rpc, connectClient, resultText, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";

const CONFIG = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/configs/protocol.json"), "utf8"));

for (const build of BUILDS) {
  describe(`MCP protocol (${build.name}.wasm)`, () => {
    let backend: RecordingBackend;
    let stack: Stack;
    before(async () => {
      backend = await startBackend();
      stack = await startStack({ config: CONFIG, build, upstreams: { "backend.test": backend.url } });
    });
    after(async () => {
      await stack.close();
      await backend.close();
    });

    test("the MCP SDK client connects, lists tools and reads their schemas", async () => {
      const client = await connectClient(stack.mcpUrl);
      assert.equal(client.getServerVersion()?.name, "protocol-test");
      assert.equal(client.getServerVersion()?.title, "Protocol test server");
      assert.ok(client.getServerCapabilities()?.tools);
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        ["get_item", "create_item", "hello"],
      );
      const get = tools[0];
      assert.equal(get.title, "Get an item");
      assert.equal(get.description, "Reads one item by id.");
      assert.deepEqual(get.inputSchema.required, ["id"]);
      const props = get.inputSchema.properties as any;
      assert.equal(props.id.type, "integer");
      assert.deepEqual(props.fields.items, { type: "string" });
      assert.deepEqual(props.mode.enum, ["short", "long"]);
      assert.equal(props.mode.default, "short");
      assert.equal(get.outputSchema?.type, "object");
      assert.equal(get.annotations?.readOnlyHint, true);
      assert.deepEqual((tools[1].inputSchema.properties as any).tags.properties, { color: { type: "string" } });
      await client.close();
    });

    test("the SDK client calls a REST tool and gets structuredContent and a text copy", async () => {
      backend.reset();
      const client = await connectClient(stack.mcpUrl);
      const r: any = await client.callTool({ name: "get_item", arguments: { id: 7 } });
      assert.equal(r.isError, false);
      assert.equal(backend.requests.length, 1);
      assert.equal(backend.requests[0].method, "GET");
      assert.equal(backend.requests[0].url, "/items/7?mode=short");
      assert.deepEqual(r.structuredContent, { method: "GET", url: "/items/7?mode=short", body: "" });
      assert.deepEqual(JSON.parse(resultText(r)), r.structuredContent);
      const h: any = await client.callTool({ name: "hello", arguments: {} });
      assert.equal(resultText(h), "hello world");
      await client.close();
    });

    test("GET, DELETE and PUT get 405 with Allow: POST", async () => {
      for (const method of ["GET", "DELETE", "PUT"]) {
        const res = await fetch(stack.mcpUrl, { method, headers: { accept: "text/event-stream" } });
        assert.equal(res.status, 405, method);
        assert.equal(res.headers.get("allow"), "POST", method);
        await res.text();
      }
    });

    test("an unsupported MCP-Protocol-Version gets 400", async () => {
      const r = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-protocol-version": "1999-01-01" });
      assert.equal(r.status, 400);
      const ok = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-protocol-version": "2025-06-18" });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.json, { jsonrpc: "2.0", id: 1, result: {} });
    });

    test("Origin is checked against server.allowedOrigins (403 otherwise)", async () => {
      const bad = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "ping" }, { origin: "https://evil.example" });
      assert.equal(bad.status, 403);
      const good = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "ping" }, { origin: "https://allowed.example" });
      assert.equal(good.status, 200);
    });

    test("JSON-RPC framing errors get the right HTTP status and code", async () => {
      const cases: Array<[string, string, number, number]> = [
        ["invalid JSON", "{bad", 400, -32700],
        ["batch", JSON.stringify([{ jsonrpc: "2.0", id: 1, method: "ping" }]), 400, -32600],
        ["not an object", "42", 400, -32600],
        ["missing jsonrpc", JSON.stringify({ id: 1, method: "ping" }), 400, -32600],
        ["unknown method", JSON.stringify({ jsonrpc: "2.0", id: 1, method: "resources/list" }), 200, -32601],
        ["unknown tool", JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "nope" } }), 200, -32602],
        [
          "arguments not an object",
          JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "hello", arguments: [1] } }),
          200,
          -32602,
        ],
      ];
      for (const [name, body, status, code] of cases) {
        const r = await rpc(stack.mcpUrl, body);
        assert.equal(r.status, status, name);
        assert.equal(r.json?.error?.code, code, name);
      }
      const parse = await rpc(stack.mcpUrl, "{bad");
      assert.equal(parse.json.id, null);
    });

    test("compressed or non-JSON request bodies are refused, never passed upstream (Higress bug)", async () => {
      backend.reset();
      const gz = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "ping" }, { "content-encoding": "gzip" });
      assert.equal(gz.status, 415);
      const bin = await rpc(stack.mcpUrl, "\u0000\u0001", { "content-type": "application/octet-stream" });
      assert.equal(bin.status, 415);
      assert.equal(backend.requests.length, 0);
    });

    test("notifications and client responses get 202 with no body", async () => {
      for (const body of [
        { jsonrpc: "2.0", method: "notifications/initialized" },
        { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1 } },
        { jsonrpc: "2.0", id: 5, result: {} },
      ]) {
        const r = await rpc(stack.mcpUrl, body);
        assert.equal(r.status, 202, JSON.stringify(body));
        assert.equal(r.text, "");
      }
    });

    test("the id is echoed exactly, whatever its form", async () => {
      for (const id of ['"a\\"b\\u00e9"', "123456789012345678901234567890", "-1.5e3", "0"]) {
        const r = await rpc(stack.mcpUrl, `{"jsonrpc":"2.0","id":${id},"method":"ping"}`);
        assert.equal(r.status, 200);
        assert.ok(r.text.includes(`"id":${id}`), `${id} in ${r.text}`);
      }
    });

    test("initialize echoes a supported version, else answers the newest", async () => {
      for (const [asked, answered] of [
        ["2025-06-18", "2025-06-18"],
        ["2025-03-26", "2025-03-26"],
        ["2099-01-01", "2025-11-25"],
      ]) {
        const r = await rpc(stack.mcpUrl, {
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: asked, capabilities: {}, clientInfo: { name: "t", version: "1" } },
        });
        assert.equal(r.json.result.protocolVersion, answered);
      }
    });

    test("x-envoy-allow-mcp-tools filters tools/list and tools/call and never reaches the backend", async () => {
      backend.reset();
      const only = { "x-envoy-allow-mcp-tools": " get_item , hello " };
      const list = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "tools/list" }, only);
      assert.deepEqual(
        list.json.result.tools.map((t: any) => t.name),
        ["get_item", "hello"],
      );
      const none = await rpc(
        stack.mcpUrl,
        { jsonrpc: "2.0", id: 1, method: "tools/list" },
        { "x-envoy-allow-mcp-tools": " , , " },
      );
      assert.deepEqual(none.json.result.tools, []);
      const denied = await rpc(
        stack.mcpUrl,
        { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "create_item", arguments: { name: "x" } } },
        only,
      );
      assert.equal(denied.json.error.code, -32602);
      assert.equal(backend.requests.length, 0);
      const ok = await rpc(
        stack.mcpUrl,
        { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_item", arguments: { id: 1 } } },
        only,
      );
      assert.equal(ok.json.result.isError, false);
      assert.equal(backend.requests.length, 1);
      assert.equal(backend.requests[0].headers["x-envoy-allow-mcp-tools"], undefined);
    });

    test("a 2026-07-28 server/discover probe gets a 4xx so clients fall back to initialize", async () => {
      const r = await rpc(
        stack.mcpUrl,
        { jsonrpc: "2.0", id: 1, method: "server/discover", params: {} },
        { "mcp-protocol-version": "2026-07-28", "mcp-method": "server/discover" },
      );
      assert.ok(r.status >= 400 && r.status < 500, String(r.status));
      assert.ok(r.json?.error, r.text);
    });

    test("no error-level log line was written", () => {
      const bad = stack.logs.filter((l) => l.startsWith("[error]") || l.startsWith("[critical]"));
      assert.deepEqual(bad, []);
    });
  });
}
