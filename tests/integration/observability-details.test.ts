// Local reply details (Envoy `response_code_details`) through the local
// gateway: every stable detail string the plugin emits, with its HTTP status
// and JSON-RPC code; and docs/observability.md lists exactly the detail
// strings found in assembly/.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { BUILDS, ROOT, rpc, type RpcReply } from "./harness.js";
import { startObsStack, type ObsStack } from "./observability-stack.js";

/** One request and the local reply it must get. */
interface Row {
  name: string;
  send: (url: string) => Promise<RpcReply>;
  status: number;
  /** expected details; null = not a local reply (the backend response was rewritten) */
  details: string | null;
  /** JSON-RPC error code, "result" for a result, "isError" for an isError result, "none" for no body */
  body: number | "result" | "isError" | "none";
}

const post =
  (body: unknown, headers: Record<string, string> = {}) =>
  (url: string) =>
    rpc(url, body, headers);
const callTool = (name: string, args: unknown, headers: Record<string, string> = {}) =>
  post({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { name, arguments: args } }, headers);
const rpcOf = (method: string, params?: unknown) =>
  post({ jsonrpc: "2.0", id: 1, method, ...(params === undefined ? {} : { params }) });

async function raw(url: string, init: RequestInit): Promise<RpcReply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const deep = `{"jsonrpc":"2.0","id":1,"method":"ping","params":${"[".repeat(100)}${"]".repeat(100)}}`;

const ROWS: Row[] = [
  { name: "GET", send: (u) => raw(u, { method: "GET" }), status: 405, details: "mcp.method_not_allowed", body: -32000 },
  {
    name: "foreign Origin",
    send: post({ jsonrpc: "2.0", id: 1, method: "ping" }, { origin: "https://evil.example" }),
    status: 403,
    details: "mcp.origin_forbidden",
    body: -32000,
  },
  {
    name: "empty body",
    send: (u) => raw(u, { method: "POST", headers: { "content-type": "application/json" } }),
    status: 400,
    details: "mcp.missing_body",
    body: -32600,
  },
  {
    name: "bad MCP-Protocol-Version",
    send: post({ jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-protocol-version": "1999-01-01" }),
    status: 400,
    details: "mcp.unsupported_protocol_version",
    body: -32600,
  },
  {
    name: "text/plain body",
    send: post("{}", { "content-type": "text/plain" }),
    status: 415,
    details: "mcp.unsupported_media_type",
    body: -32600,
  },
  {
    name: "gzip body",
    send: post({ jsonrpc: "2.0", id: 1, method: "ping" }, { "content-encoding": "gzip" }),
    status: 415,
    details: "mcp.unsupported_content_encoding",
    body: -32600,
  },
  { name: "invalid JSON", send: post("{bad"), status: 400, details: "mcp.parse_error", body: -32700 },
  {
    name: "batch",
    send: post([{ jsonrpc: "2.0", id: 1, method: "ping" }]),
    status: 400,
    details: "mcp.batch_not_supported",
    body: -32600,
  },
  {
    name: "jsonrpc 1.0",
    send: post({ jsonrpc: "1.0", id: 1, method: "ping" }),
    status: 400,
    details: "mcp.invalid_request",
    body: -32600,
  },
  { name: "too deep", send: post(deep), status: 400, details: "mcp.too_deep", body: -32600 },
  {
    name: "notification",
    send: post({ jsonrpc: "2.0", method: "notifications/initialized" }),
    status: 202,
    details: "mcp.notification_accepted",
    body: "none",
  },
  {
    name: "client response",
    send: post({ jsonrpc: "2.0", id: 4, result: {} }),
    status: 202,
    details: "mcp.response_accepted",
    body: "none",
  },
  {
    name: "initialize",
    send: rpcOf("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } }),
    status: 200,
    details: "mcp.initialize",
    body: "result",
  },
  { name: "ping", send: rpcOf("ping"), status: 200, details: "mcp.ping", body: "result" },
  { name: "tools/list", send: rpcOf("tools/list"), status: 200, details: "mcp.tools_list", body: "result" },
  { name: "unknown method", send: rpcOf("resources/list"), status: 200, details: "mcp.method_not_found", body: -32601 },
  { name: "bad cursor", send: rpcOf("tools/list", { cursor: "x" }), status: 200, details: "mcp.invalid_params", body: -32602 },
  {
    name: "server/discover",
    send: rpcOf("server/discover"),
    status: 400,
    details: "mcp.unsupported_protocol_version",
    body: -32600,
  },
  { name: "unknown tool", send: callTool("nope", {}), status: 200, details: "mcp.tools_call.unknown_tool", body: -32602 },
  {
    name: "tool not allowed",
    send: callTool("get_item", { id: 1 }, { "x-envoy-allow-mcp-tools": "hello" }),
    status: 200,
    details: "mcp.tools_call.not_allowed",
    body: -32602,
  },
  {
    name: "missing argument",
    send: callTool("get_item", {}),
    status: 200,
    details: "mcp.tools_call.refused_input",
    body: "isError",
  },
  {
    name: "missing client credential",
    send: callTool("profile", {}),
    status: 200,
    details: "mcp.tools_call.refused_auth",
    body: "isError",
  },
  { name: "template tool", send: callTool("hello", {}), status: 200, details: "mcp.tools_call.template", body: "result" },
  {
    name: "backend 204 (headers only)",
    send: callTool("get_item", { id: 204 }),
    status: 200,
    details: "mcp.tools_call.result",
    body: "result",
  },
  { name: "backend 200", send: callTool("get_item", { id: 1 }), status: 200, details: null, body: "result" },
  { name: "backend 500", send: callTool("get_item", { id: 500 }), status: 200, details: null, body: "isError" },
  { name: "route timeout (504)", send: callTool("get_item", { id: 7000 }), status: 200, details: null, body: "isError" },
];

for (const build of BUILDS) {
  describe(`observability: local reply details (${build.name}.wasm)`, () => {
    let o: ObsStack;
    before(async () => {
      o = await startObsStack(build);
    });
    after(async () => {
      await o.close();
    });

    for (const row of ROWS) {
      test(`${row.name} → ${row.status} ${row.details ?? "(backend response rewritten)"}`, async () => {
        const before = o.streams.length;
        const r = await row.send(o.stack.mcpUrl);
        assert.equal(o.streams.length, before + 1, "one stream per request");
        assert.equal(r.status, row.status, r.text);
        assert.equal(o.lastDetails(), row.details);
        if (row.body === "none") assert.equal(r.text, "");
        else if (row.body === "result") assert.ok(r.json?.result && r.json.result.isError !== true, r.text);
        else if (row.body === "isError") assert.equal(r.json?.result?.isError, true, r.text);
        else assert.equal(r.json?.error?.code, row.body, r.text);
      });
    }

    test("a backend response over maxResponseBodyBytes → mcp.tools_call.response_too_large, body not passed", async () => {
      const r = await callTool("get_item", { id: 9999 })(o.stack.mcpUrl);
      assert.equal(r.status, 200);
      assert.equal(o.lastDetails(), "mcp.tools_call.response_too_large");
      assert.equal(r.json?.result?.isError, true);
      assert.match(r.json.result.content[0].text, /exceeds the limit of 4096 bytes/);
      assert.ok(!r.text.includes("xxxxxxxx"), "no backend body passed through");
    });

    test("a request over maxRequestBodyBytes → 413 mcp.request_too_large, nothing sent to the backend", async () => {
      const n = o.backend.requests.length;
      const big = {
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "get_item", arguments: { id: 1, note: "y".repeat(9000) } },
      };
      const r = await rpc(o.stack.mcpUrl, big);
      assert.equal(r.status, 413);
      assert.equal(o.lastDetails(), "mcp.request_too_large");
      assert.equal(r.json?.error?.code, -32600);
      assert.match(r.json.error.message, /server\.limits\.maxRequestBodyBytes/);
      assert.equal(o.backend.requests.length, n);
    });
  });
}

/** Every .ts file under dir. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("observability: details documentation", () => {
  test("docs/observability.md lists exactly the details strings the plugin emits", () => {
    const emitted = new Set<string>();
    for (const f of sources(path.join(ROOT, "assembly"))) {
      for (const m of readFileSync(f, "utf8").matchAll(/"(mcp\.[a-z_]+(?:\.[a-z_]+)*)"/g)) emitted.add(m[1]);
    }
    // "mcp.tools_call." + outcome (filter.ts refuse) and the dispatch-internal "mcp.tools_call" marker
    emitted.delete("mcp.tools_call");
    for (const o of ["refused_input", "refused_auth", "backend_error"]) emitted.add(`mcp.tools_call.${o}`);
    const doc = readFileSync(path.join(ROOT, "docs/observability.md"), "utf8");
    const table = doc.slice(doc.indexOf("<!-- details-table -->"), doc.indexOf("<!-- /details-table -->"));
    assert.ok(table.length > 100, "the details table is delimited by <!-- details-table --> markers");
    const documented = new Set([...table.matchAll(/^\| `(mcp\.[a-z_.]+)`/gm)].map((m) => m[1]));
    assert.deepEqual([...emitted].sort(), [...documented].sort());
  });
});
