// Differential test: the same 2026-07-28 requests, valid and invalid, go to the
// plugin (built .wasm in the local gateway) and to a reference server built with
// @modelcontextprotocol/server 2.4.0 serving the same tool. Status codes,
// JSON-RPC error codes, echoed ids and result shapes (member names) must agree.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack, type Stack } from "./harness.js";
import { REFERENCE_CONFIG, startReferenceServer, type RefServer } from "./reference-server.js";

const V = "2026-07-28";
const META = { "io.modelcontextprotocol/protocolVersion": V, "io.modelcontextprotocol/clientCapabilities": {} };
const H = { "mcp-protocol-version": V };

interface Case {
  label: string;
  headers: Record<string, string>;
  body: any;
}

const call = (args: object, extra: Record<string, string> = {}): Case => ({
  label: `tools/call ${JSON.stringify(args)} ${JSON.stringify(extra)}`,
  headers: { ...H, "mcp-method": "tools/call", "mcp-name": "hello", ...extra },
  body: { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "hello", arguments: args, _meta: META } },
});

const CASES: Case[] = [
  {
    label: "server/discover",
    headers: { ...H, "mcp-method": "server/discover" },
    body: { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: META } },
  },
  {
    label: "tools/list",
    headers: { ...H, "mcp-method": "tools/list" },
    body: { jsonrpc: "2.0", id: "a", method: "tools/list", params: { _meta: META } },
  },
  call({ who: "x" }),
  call({ who: "x", region: "eu" }, { "mcp-param-region": "eu" }),
  call({ who: "x", region: "eu" }, { "mcp-param-region": "=?base64?ZXU=?=" }),
  call({ who: "x", region: "eu" }),
  call({ who: "x", region: "eu" }, { "mcp-param-region": "us" }),
  call({ who: "x", region: "eu" }, { "mcp-param-region": "=?base64?ZXU?=" }),
  call({ who: "x" }, { "mcp-name": "other" }),
  call({ who: "x" }, { "mcp-name": "  hello  " }),
  {
    label: "unknown tool",
    headers: { ...H, "mcp-method": "tools/call", "mcp-name": "nope" },
    body: { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "nope", arguments: {}, _meta: META } },
  },
  {
    label: "missing Mcp-Name",
    headers: { ...H, "mcp-method": "tools/call" },
    body: { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "hello", _meta: META } },
  },
  {
    label: "missing _meta",
    headers: { ...H, "mcp-method": "tools/list" },
    body: { jsonrpc: "2.0", id: 4, method: "tools/list", params: {} },
  },
  {
    label: "missing Mcp-Method",
    headers: { ...H },
    body: { jsonrpc: "2.0", id: 5, method: "tools/list", params: { _meta: META } },
  },
  {
    label: "wrong-case Mcp-Method",
    headers: { ...H, "mcp-method": "TOOLS/LIST" },
    body: { jsonrpc: "2.0", id: 5, method: "tools/list", params: { _meta: META } },
  },
  {
    label: "missing MCP-Protocol-Version",
    headers: { "mcp-method": "tools/list" },
    body: { jsonrpc: "2.0", id: 6, method: "tools/list", params: { _meta: META } },
  },
  {
    label: "header/body version mismatch",
    headers: { ...H, "mcp-method": "tools/list" },
    body: {
      jsonrpc: "2.0",
      id: 6,
      method: "tools/list",
      params: { _meta: { ...META, "io.modelcontextprotocol/protocolVersion": "v9" } },
    },
  },
  {
    label: "unsupported version",
    headers: { "mcp-protocol-version": "v9", "mcp-method": "tools/list" },
    body: {
      jsonrpc: "2.0",
      id: 8,
      method: "tools/list",
      params: { _meta: { ...META, "io.modelcontextprotocol/protocolVersion": "v9" } },
    },
  },
  {
    label: "removed method ping",
    headers: { ...H, "mcp-method": "ping" },
    body: { jsonrpc: "2.0", id: 9, method: "ping", params: { _meta: META } },
  },
  {
    label: "unknown method",
    headers: { ...H, "mcp-method": "x/y" },
    body: { jsonrpc: "2.0", id: 10, method: "x/y", params: { _meta: META } },
  },
  {
    label: "notification",
    headers: { ...H, "mcp-method": "notifications/x" },
    body: { jsonrpc: "2.0", method: "notifications/x", params: { _meta: META } },
  },
];

let stack: Stack;
let ref: RefServer;
before(async () => {
  stack = await startStack({ config: REFERENCE_CONFIG });
  ref = await startReferenceServer();
});
after(async () => {
  await stack.close();
  await ref.close();
});

async function post(url: string, c: Case): Promise<{ status: number; json: any }> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...c.headers },
    body: JSON.stringify(c.body),
  });
  const text = await r.text();
  return { status: r.status, json: text.length > 0 ? JSON.parse(text) : null };
}

/** What must agree: status, id, error code, or the result's member names (resultType value included). */
function shape(r: { status: number; json: any }): object {
  const j = r.json;
  if (j === null) return { status: r.status, body: null };
  if (j.error)
    return { status: r.status, id: j.id, code: j.error.code, hasData: j.error.data !== undefined && j.error.code === -32022 };
  // `isError: false` is optional (the reference omits it, the plugin always says it)
  const keys = Object.keys(j.result)
    .filter((k) => !(k === "isError" && j.result.isError === false))
    .sort();
  return {
    status: r.status,
    id: j.id,
    keys,
    resultType: j.result.resultType,
    serverInfo: j.result._meta?.["io.modelcontextprotocol/serverInfo"],
  };
}

for (const c of CASES) {
  test(`plugin and reference agree: ${c.label}`, async () => {
    const [mine, theirs] = await Promise.all([post(stack.mcpUrl, c), post(ref.url, c)]);
    assert.deepEqual(shape(mine), shape(theirs), `plugin ${JSON.stringify(mine.json)}\nreference ${JSON.stringify(theirs.json)}`);
  });
}

test("plugin and reference agree on tool results and the tool list", async () => {
  const [a, b] = await Promise.all([post(stack.mcpUrl, CASES[2]), post(ref.url, CASES[2])]);
  assert.deepEqual(a.json.result.content, b.json.result.content);
  const [l1, l2] = await Promise.all([post(stack.mcpUrl, CASES[1]), post(ref.url, CASES[1])]);
  assert.deepEqual(
    l1.json.result.tools.map((t: any) => t.inputSchema),
    l2.json.result.tools.map((t: any) => t.inputSchema),
  );
  assert.equal(typeof l1.json.result.ttlMs, "number");
  assert.ok(["public", "private"].includes(l1.json.result.cacheScope));
});

for (const method of ["GET", "DELETE"]) {
  test(`plugin and reference agree: ${method} is 405`, async () => {
    const [a, b] = await Promise.all([fetch(stack.mcpUrl, { method, headers: H }), fetch(ref.url, { method, headers: H })]);
    assert.equal(a.status, 405);
    assert.equal(b.status, 405);
  });
}
