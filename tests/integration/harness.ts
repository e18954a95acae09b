// Integration harness: the built plugin in the local gateway, real backends on
// 127.0.0.1, raw JSON-RPC over HTTP and the real MCP SDK client.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startGateway, type Gateway } from "../../host/gateway.js";

/** Repository root (tests run from dist/tests/integration). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The two release builds, with the host options each needs. */
export const BUILDS = [
  { name: "higress", wasm: path.join(ROOT, "build/higress.wasm"), allowOnHeadersStopIteration: false },
  { name: "envoy", wasm: path.join(ROOT, "build/envoy.wasm"), allowOnHeadersStopIteration: true },
] as const;

/** A started gateway plus every log line it printed. */
export interface Stack {
  gateway: Gateway;
  mcpUrl: string;
  logs: string[];
  close(): Promise<void>;
}

/** Options of startStack. */
export interface StackOptions {
  config: object;
  upstreams?: Record<string, string>;
  /** Higress mode: every backend request goes to this URL */
  routeUpstream?: string;
  clusters?: Record<string, string>;
  build?: (typeof BUILDS)[number];
  adminPort?: number;
  /** plugin clock (default: wall clock) */
  now?: () => bigint;
  /** extra Host names the local gateway accepts (its own DNS-rebinding guard), like Envoy's wildcard virtual host */
  allowedHosts?: string[];
}

/** Start the gateway with `config` (an object) on a free port; logs captured at trace level. */
export async function startStack(o: StackOptions): Promise<Stack> {
  const build = o.build ?? BUILDS[0];
  const logs: string[] = [];
  const gateway = await startGateway({
    config: JSON.stringify(o.config),
    wasm: build.wasm,
    port: 0,
    upstreams: o.upstreams,
    routeUpstream: o.routeUpstream,
    clusters: o.clusters,
    adminPort: o.adminPort,
    allowedHosts: o.allowedHosts,
    allowOnHeadersStopIteration: build.allowOnHeadersStopIteration,
    logLevel: "trace",
    writeLog: (l) => logs.push(l),
    now: o.now,
  });
  return { gateway, mcpUrl: `${gateway.url}/mcp`, logs, close: () => gateway.close() };
}

/** Response of a raw JSON-RPC POST. */
export interface RpcReply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** POST a JSON-RPC body (object or raw string) to the MCP endpoint. */
export async function rpc(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RpcReply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

let nextId = 1;

/** tools/call over raw HTTP; returns the JSON-RPC result (or error) object. */
export async function callTool(url: string, name: string, args: unknown, headers: Record<string, string> = {}): Promise<any> {
  const r = await rpc(url, { jsonrpc: "2.0", id: nextId++, method: "tools/call", params: { name, arguments: args } }, headers);
  return r.json;
}

/** The MCP SDK client connected to `url` (with optional extra request headers). */
export async function connectClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "integration-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return client;
}

/** Text of the first content item of a CallToolResult. */
export function resultText(result: any): string {
  return result?.content?.[0]?.text ?? "";
}
