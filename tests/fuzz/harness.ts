// Drives the built plugin through the Node proxy-wasm host (no HTTP) and checks the
// invariants every fuzz case must keep: the VM is alive, the client gets a well-formed
// HTTP / JSON-RPC answer, a refused request forwards nothing, no secret leaks.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Host, type HostOptions } from "../../host/vm.js";
import type { HttpStream } from "../../host/stream.js";
import type { Pairs } from "../../host/memory.js";
import { TOKEN_CLUSTER } from "./config.js";

/** Repository root (this file runs from dist/tests/fuzz). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The built modules. */
export const WASM = {
  higress: path.join(ROOT, "build/higress.wasm"),
  envoy: path.join(ROOT, "build/envoy.wasm"),
  debug: path.join(ROOT, "build/debug.wasm"),
};

/** An invariant a fuzz case broke (not a trap). */
export class InvariantError extends Error {}

/** Throws an InvariantError unless `cond`. */
export function check(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new InvariantError(msg);
}

/** Deterministic clock: advances `stepMs` per read, so token caching is reproducible. */
export function fakeClock(stepMs = 1): () => bigint {
  let t = 1_700_000_000_000_000_000n;
  const step = BigInt(stepMs) * 1_000_000n;
  return () => (t += step);
}

/** Loads `wasm` and starts it with `config`; throws if the config is rejected. */
export async function loadPlugin(config: object | string, wasm: string = WASM.higress, options: HostOptions = {}): Promise<Host> {
  const host = await Host.load(wasm, {
    clusters: { [TOKEN_CLUSTER]: "http://127.0.0.1:9" },
    allowOnHeadersStopIteration: wasm.includes("envoy"),
    logLevel: "info",
    now: fakeClock(),
    // A trap must stay visible to the fuzz engine (Higress would re-create the VM on the next stream).
    failurePolicy: "fail_closed",
    ...options,
  });
  const text = typeof config === "string" ? config : JSON.stringify(config);
  if (!host.startPlugin(text)) throw new Error(`config rejected: ${host.getLogs("error").join("; ")}`);
  host.clearLogs();
  return host;
}

/** Request headers of an MCP POST. */
export function mcpHeaders(extra: Pairs = []): Pairs {
  return [
    [":method", "POST"],
    [":path", "/mcp"],
    [":authority", "mcp.test"],
    [":scheme", "https"],
    ["content-type", "application/json"],
    ["accept", "application/json, text/event-stream"],
    ...extra,
  ];
}

/** Opens a stream with the gateway's properties. */
export function openStream(host: Host): HttpStream {
  return host.newHttpStream({ properties: { route_name: "mcp-route", cluster_name: "api" } });
}

/** Sends request headers and the body in `chunks` (the last one with end_of_stream). */
export function sendRequest(s: HttpStream, headers: Pairs, chunks: Uint8Array[]): void {
  const noBody = chunks.length === 0;
  s.callOnRequestHeaders(headers, noBody);
  for (let i = 0; i < chunks.length; i++) {
    if (s.requestState !== "waiting") return;
    s.callOnRequestBody(chunks[i], i === chunks.length - 1);
  }
}

/** Sends backend response headers and the body in `chunks` (no chunks = headers with end_of_stream). */
export function sendResponse(s: HttpStream, status: number | string, headers: Pairs, chunks: Uint8Array[]): void {
  if (s.requestState !== "forwarded") return;
  s.callOnResponseHeaders([[":status", String(status)], ...headers], chunks.length === 0);
  for (let i = 0; i < chunks.length; i++) {
    if (s.responseState !== "waiting") return;
    s.callOnResponseBody(chunks[i], i === chunks.length - 1);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Kept for the runner's report. Invalid UTF-8 in a reply used to be a known bug (counted, not failed);
 * it is fixed (request bodies must be UTF-8, backend bodies are decoded with U+FFFD), so every reply is
 * now checked strictly; FUZZ_LENIENT_UTF8=1 would count instead of failing.
 */
export const KNOWN_BUGS = { invalidUtf8Replies: 0, example: "" };
const LENIENT_UTF8 = process.env.FUZZ_LENIENT_UTF8 === "1";

/** Decodes UTF-8 strictly (invalid bytes are an invariant violation). */
export function strictText(b: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(b);
  } catch {
    if (!LENIENT_UTF8) throw new InvariantError(`${what}: not valid UTF-8`);
    if (!KNOWN_BUGS.example) KNOWN_BUGS.example = what;
    KNOWN_BUGS.invalidUtf8Replies++;
    return new TextDecoder("utf-8").decode(b);
  }
}

/** Parses a JSON body strictly. */
export function parseJsonBody(b: Uint8Array, what: string): any {
  const t = strictText(b, what);
  try {
    return JSON.parse(t);
  } catch {
    throw new InvariantError(`${what}: not JSON: ${t.slice(0, 200)}`);
  }
}

/** Checks a JSON-RPC response object; returns it. `id` (raw JSON) is checked when given. */
export function checkRpc(msg: any, what: string, id?: string): any {
  check(msg !== null && typeof msg === "object" && !Array.isArray(msg), `${what}: JSON-RPC reply is not an object`);
  check(msg.jsonrpc === "2.0", `${what}: jsonrpc is not "2.0"`);
  check("result" in msg !== "error" in msg, `${what}: needs exactly one of result / error`);
  check(msg.id === null || typeof msg.id === "string" || typeof msg.id === "number" || msg.id === undefined, `${what}: bad id`);
  if (id !== undefined)
    check(JSON.stringify(msg.id) === JSON.stringify(JSON.parse(id)), `${what}: id ${JSON.stringify(msg.id)} != ${id}`);
  if ("error" in msg) {
    check(Number.isInteger(msg.error?.code), `${what}: error.code not an integer`);
    check(typeof msg.error?.message === "string", `${what}: error.message not a string`);
  }
  return msg;
}

/** Checks a CallToolResult. */
export function checkToolResult(result: any, what: string): void {
  check(result && Array.isArray(result.content), `${what}: result.content is not an array`);
  check(typeof result.isError === "boolean", `${what}: result.isError is not a boolean`);
  for (const c of result.content) {
    check(c && (c.type === "text" || c.type === "image"), `${what}: content type ${c?.type}`);
    if (c.type === "text") check(typeof c.text === "string", `${what}: text content without text`);
    else check(typeof c.data === "string" && typeof c.mimeType === "string", `${what}: image content incomplete`);
  }
}

/** Texts that must never reach the client or a backend they are not meant for. */
export function checkNoSecret(text: string, secrets: readonly string[], what: string): void {
  for (const sec of secrets)
    if (sec && text.includes(sec)) throw new InvariantError(`${what}: leaks secret ${JSON.stringify(sec.slice(0, 6))}…`);
}

/** Nothing of the request went upstream. */
export function checkNothingForwarded(s: HttpStream, what: string): void {
  check(!s.req.headersSent && s.req.sentBody.length === 0, `${what}: refused request was (partly) forwarded upstream`);
}

/** Final request-phase outcome of a stream, after the invariants were checked. */
export type Outcome =
  | { kind: "local"; status: number; details: string; json: any; body: string }
  | { kind: "forwarded"; headers: Pairs; body: Uint8Array; path: string };

const ALLOWED_LOCAL = new Set([200, 202, 400, 403, 405, 413, 415]);

/** Checks the request phase: VM alive, a local JSON(-RPC) reply with nothing forwarded, or a clean forwarded request. */
export function checkRequestPhase(host: Host, s: HttpStream, what: string, secrets: readonly string[] = []): Outcome {
  check(!host.failed, `${what}: VM failed: ${String(host.failure)}`);
  const state = s.requestState;
  if (state === "local_reply") {
    const lr = s.getLocalResponse()!;
    checkNothingForwarded(s, what);
    check(ALLOWED_LOCAL.has(lr.status), `${what}: unexpected local status ${lr.status} (${lr.details})`);
    check(lr.details.length > 0 && !lr.details.startsWith("wasm_fail"), `${what}: bad details ${lr.details}`);
    const body = strictText(lr.body, what);
    let json: any = null;
    if (lr.status === 202) check(body === "", `${what}: 202 with a body`);
    else if (lr.details !== "request_payload_too_large" && lr.status !== 413) {
      check(body.length > 0, `${what}: ${lr.status} without a body`);
      const ct = lr.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
      check(ct.startsWith("application/json"), `${what}: content-type ${ct}`);
      json = checkRpc(parseJsonBody(lr.body, what), what);
      if (lr.status === 200 && "result" in json && lr.details.startsWith("mcp.tools_call")) checkToolResult(json.result, what);
    }
    checkNoSecret(body, secrets, what);
    return { kind: "local", status: lr.status, details: lr.details, json, body };
  }
  check(state === "forwarded", `${what}: request state is ${state}`);
  const up = s.getUpstreamRequest()!;
  const h = new Map<string, string>();
  for (const [k, v] of up.headers) {
    check(!/[\r\n\0]/.test(k) && !/[\r\n\0]/.test(v), `${what}: CR/LF/NUL in forwarded header ${JSON.stringify(k)}`);
    if (!h.has(k)) h.set(k, v);
  }
  check(
    /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(h.get(":method") ?? ""),
    `${what}: forwarded method ${h.get(":method")}`,
  );
  const p = h.get(":path") ?? "";
  check(
    p.startsWith("/") && !/[\s\0-\x1f\x7f]/.test(p) && /^[\x21-\x7e]*$/.test(p),
    `${what}: forwarded path not a clean origin-form: ${JSON.stringify(p.slice(0, 120))}`,
  );
  check(
    /^[A-Za-z0-9.-]+(:\d+)?$/.test(h.get(":authority") ?? ""),
    `${what}: forwarded authority ${JSON.stringify(h.get(":authority"))}`,
  );
  const cl = h.get("content-length");
  if (cl !== undefined) check(Number(cl) === up.body.length, `${what}: content-length ${cl} but body ${up.body.length} bytes`);
  else check(up.body.length === 0, `${what}: body without content-length`);
  return { kind: "forwarded", headers: up.headers, body: up.body, path: p };
}

/** Checks the response phase of a forwarded tools/call: a 200 JSON-RPC result with the right id (when given). */
export function checkResponsePhase(
  host: Host,
  s: HttpStream,
  idJson: string | undefined,
  what: string,
  secrets: readonly string[] = [],
): any {
  check(!host.failed, `${what}: VM failed: ${String(host.failure)}`);
  const state = s.responseState;
  check(state === "forwarded" || state === "local_reply", `${what}: response state is ${state}`);
  const out = s.getDownstreamResponse()!;
  const status = out.headers.find(([k]) => k === ":status")?.[1];
  check(status === "200", `${what}: client status ${status}`);
  const ct = out.headers.find(([k]) => k === "content-type")?.[1] ?? "";
  check(ct.startsWith("application/json"), `${what}: client content-type ${ct}`);
  const cl = out.headers.find(([k]) => k === "content-length")?.[1];
  if (cl !== undefined) check(Number(cl) === out.body.length, `${what}: client content-length ${cl} != ${out.body.length}`);
  const msg = checkRpc(parseJsonBody(out.body, what), what, idJson);
  check("result" in msg, `${what}: tools/call answered with a JSON-RPC error`);
  checkToolResult(msg.result, what);
  checkNoSecret(strictText(out.body, what), secrets, what);
  return msg;
}

/** Header value from pairs (first match). */
export function headerOf(pairs: Pairs, key: string): string | undefined {
  return pairs.find(([k]) => k === key)?.[1];
}
