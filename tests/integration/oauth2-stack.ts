// Shared fixture of the oauth2 integration tests: the plugin in the local
// gateway, a real token endpoint and a recording backend, all on 127.0.0.1.
import assert from "node:assert/strict";
import { BUILDS, startStack, rpc, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";
import { startTokenServer, type TokenServer } from "./token-server.js";

/** Token URL every test scheme uses: the authority is virtual, the cluster "idp" reaches the token server. */
export const TOKEN_URL = "http://idp.test/oauth/token";

/** A running gateway + token endpoint + backend. */
export interface OAuthStack {
  stack: Stack;
  idp: TokenServer;
  backend: RecordingBackend;
  mcpUrl: string;
  close(): Promise<void>;
}

/** Start the three servers (clusters "idp" and "idp.test" reach the token server; `clusters`: extra ones); `config(idp)` builds the plugin config once the token server is up. `now`: the plugin's clock. */
export async function startOAuthStack(
  config: object | ((idp: TokenServer) => object),
  clusters: Record<string, string> = {},
  build: (typeof BUILDS)[number] = BUILDS[0],
  now?: () => bigint,
): Promise<OAuthStack> {
  const idp = await startTokenServer();
  const backend = await startBackend();
  const cfg = typeof config === "function" ? config(idp) : config;
  const stack = await startStack({
    config: cfg,
    upstreams: { "backend.test": backend.url },
    clusters: { idp: idp.url, "idp.test": idp.url, ...clusters },
    build,
    now,
  });
  return {
    stack,
    idp,
    backend,
    mcpUrl: stack.mcpUrl,
    close: async () => {
      await stack.close();
      await backend.close();
      await idp.close();
    },
  };
}

/** A GET tool on the backend with the given upstream / downstream requirements. */
export function tool(name: string, upstream?: object, downstream?: object): object {
  const t: any = {
    name,
    description: `tool ${name}`,
    args: [],
    requestTemplate: { url: `http://backend.test/${name}`, method: "GET" },
  };
  if (upstream) t.requestTemplate.security = upstream;
  if (downstream) t.security = downstream;
  return t;
}

let nextId = 1;

/** tools/call; returns the CallToolResult (fails the test on a JSON-RPC error or non-200). */
export async function call(url: string, name: string, headers: Record<string, string> = {}, args: object = {}): Promise<any> {
  const r = await rpc(url, { jsonrpc: "2.0", id: nextId++, method: "tools/call", params: { name, arguments: args } }, headers);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json?.result, r.text);
  return r.json.result;
}

/** Text of the first content item. */
export function text(result: any): string {
  return result?.content?.[0]?.text ?? "";
}

/** Authorization header of each backend request, in order. */
export function backendTokens(backend: RecordingBackend): string[] {
  return backend.requests.map((r) => String(r.headers.authorization ?? ""));
}

/** Assert that none of `secrets` occurs in any log line or in `texts`. */
export function assertNoLeak(logs: string[], texts: string[], secrets: string[]): void {
  for (const s of secrets) {
    for (const l of logs) assert.ok(!l.includes(s), `log line leaks "${s}": ${l}`);
    for (const t of texts) assert.ok(!t.includes(s), `result leaks "${s}": ${t}`);
  }
}

/** Sleep. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Unsigned JWT (alg none) with `payload`: base64url(header).base64url(payload).sig. */
export function jwt(payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.c2ln`;
}
