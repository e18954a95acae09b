// Body phase: one JSON-RPC message per POST -> a local reply, or a tools/call
// to run. Pure; never traps. HTTP 400 for unparsable/invalid messages and
// batches, 202 (no body) for notifications and client responses, 200 for
// every JSON-RPC answer to a request (errors included).
import { PluginConfig, Tool } from "../config/types";
import { JNode, J_NULL, J_NUMBER, J_OBJECT, J_STRING, J_ARRAY, parseJson } from "../util/jsonview";
import {
  errorResponse, errorResponseWithData, resultResponse, resultResponseOf, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR,
} from "./jsonrpc";
import { exceedsDepth } from "./depth";
import { parseAllowHeader, toolAllowed, unrestricted } from "./allow";
import { initializeResult } from "./lifecycle";
import { supportedJsonArray, supportedList } from "./versions";

/** Reply now with status/body/details. */
export const OUTCOME_REPLY: i32 = 0;
/** Run the tools/call in `tool` with `argumentsJson`. */
export const OUTCOME_CALL: i32 = 1;

/** What the filter should do with a request body. */
export class RpcOutcome {
  kind: i32 = OUTCOME_REPLY;
  status: i32 = 200;
  body: string = "";
  details: string = "";
  /** method for metrics: a known method name, "other" for unknown ones, "" when unreadable */
  method: string = "";
  tool: Tool | null = null;
  /** raw JSON text of the id, echoed exactly ("null" when unreadable) */
  idJson: string = "null";
  /** params.arguments of a tools/call (null if absent) */
  argsNode: JNode | null = null;
  /** served in the modern era (2026-07-28): tool results carry resultType and _meta */
  modern: bool = false;
  /** when set, the reply body as UTF-8 bytes (used instead of `body`; large tools/list) */
  bodyBytes: ArrayBuffer | null = null;

  /**
   * Raw JSON text of params.arguments, "" if absent. Copied on demand only: the filter plans from `argsNode`, and a
   * copy per call was 2 MB of garbage for a 1 MB body.
   */
  get argumentsJson(): string {
    const a = this.argsNode;
    return a === null ? "" : a.raw();
  }

  /** The reply body as text, whichever form it is held in. */
  text(): string {
    const b = this.bodyBytes;
    return b === null ? this.body : String.UTF8.decode(b);
  }
}

const KNOWN: string[] = [
  "initialize", "ping", "tools/list", "tools/call", "server/discover", "notifications/initialized", "notifications/cancelled",
];
const ENVELOPE_KEYS: string[] = ["jsonrpc", "id", "method", "params"];

export function reply(out: RpcOutcome, status: i32, details: string, body: string): RpcOutcome {
  out.kind = OUTCOME_REPLY;
  out.status = status;
  out.details = details;
  out.body = body;
  return out;
}

export function rpcError(out: RpcOutcome, status: i32, details: string, code: i32, message: string): RpcOutcome {
  return reply(out, status, details, errorResponse(out.idJson, code, message));
}

/** Dispatch one request body (legacy era only); `allowToolsHeader` is x-envoy-allow-mcp-tools (null when absent). */
export function dispatch(cfg: PluginConfig, body: string, allowToolsHeader: string | null): RpcOutcome {
  const out = new RpcOutcome();
  const env = readEnvelope(out, cfg, body);
  if (env === null || env.answered) return out;
  return dispatchLegacy(out, cfg, env, allowToolsHeader);
}

/** A JSON-RPC message that passed the envelope checks. */
export class Envelope {
  /** a reply is already set in the outcome (notification / response: 202, or bad params) */
  answered: bool = false;
  method: string = "";
  params: JNode | null = null;
}

/** Envelope checks shared by both eras: null (reply set in `out`) or the request/notification. */
export function readEnvelope(out: RpcOutcome, cfg: PluginConfig, body: string): Envelope | null {
  const maxDepth = <i32>min<u32>(cfg.limits.maxJsonDepth, 256);
  if (exceedsDepth(body, maxDepth)) {
    rpcError(out, 400, "mcp.too_deep", INVALID_REQUEST, "invalid request: nesting exceeds " + maxDepth.toString() + " levels");
    return null;
  }
  const root = parseJson(body);
  if (root === null) return nul(rpcError(out, 400, "mcp.parse_error", PARSE_ERROR, "parse error: invalid JSON"));
  if (root.kind == J_ARRAY) return nul(rpcError(out, 400, "mcp.batch_not_supported", INVALID_REQUEST, "batch requests are not supported"));
  if (root.kind != J_OBJECT) return nul(rpcError(out, 400, "mcp.invalid_request", INVALID_REQUEST, "invalid request: expected a JSON object"));
  for (let i = 0; i < ENVELOPE_KEYS.length; i++) {
    if (root.countKey(unchecked(ENVELOPE_KEYS[i])) > 1) {
      return nul(rpcError(out, 400, "mcp.invalid_request", INVALID_REQUEST, "invalid request: duplicate key \"" + unchecked(ENVELOPE_KEYS[i]) + "\""));
    }
  }
  const id = root.get("id");
  const idOk = id !== null && (id.kind == J_STRING || id.kind == J_NUMBER);
  if (idOk) out.idJson = id!.raw();
  const v = root.get("jsonrpc");
  if (v === null || v.kind != J_STRING || v.str() != "2.0") {
    return nul(rpcError(out, 400, "mcp.invalid_request", INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\""));
  }
  const env = new Envelope();
  const m = root.get("method");
  if (m === null) {
    if (root.get("result") !== null || root.get("error") !== null) {
      reply(out, 202, "mcp.response_accepted", "");
      env.answered = true;
      return env;
    }
    return nul(rpcError(out, 400, "mcp.invalid_request", INVALID_REQUEST, "invalid request: method must be a string"));
  }
  if (m.kind != J_STRING) return nul(rpcError(out, 400, "mcp.invalid_request", INVALID_REQUEST, "invalid request: method must be a string"));
  const method = m.str();
  env.method = method;
  out.method = KNOWN.includes(method) ? method : "other";
  const params = root.get("params");
  env.params = params;
  if (id === null) {
    reply(out, 202, "mcp.notification_accepted", "");
    env.answered = true;
    return env;
  }
  if (!idOk) return nul(rpcError(out, 400, "mcp.invalid_request", INVALID_REQUEST, "invalid request: id must be a string or a number"));
  if (params !== null && params.kind != J_OBJECT) {
    rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS, "invalid params: params must be an object");
    env.answered = true;
  }
  return env;
}

function nul(_o: RpcOutcome): Envelope | null {
  return null;
}

/** Legacy era (initialize handshake, 2024-11-05 … 2025-11-25). */
export function dispatchLegacy(out: RpcOutcome, cfg: PluginConfig, env: Envelope, allowToolsHeader: string | null): RpcOutcome {
  const method = env.method;
  const params = env.params;
  if (method == "initialize") return reply(out, 200, "mcp.initialize", resultResponse(out.idJson, initializeResult(cfg, params)));
  if (method == "ping") return reply(out, 200, "mcp.ping", resultResponse(out.idJson, "{}"));
  if (method == "tools/list") return toolsList(out, cfg, params, allowToolsHeader, "{\"tools\":", "}");
  if (method == "tools/call") return toolsCall(out, cfg, params, allowToolsHeader);
  if (method == "server/discover") {
    return reply(out, 400, "mcp.unsupported_protocol_version", errorResponseWithData(out.idJson, INVALID_REQUEST,
      "unsupported protocol revision; this server supports " + supportedList() + " (use initialize)",
      "{\"supported\":" + supportedJsonArray() + "}"));
  }
  return rpcError(out, 200, "mcp.method_not_found", METHOD_NOT_FOUND, "method not found: " + method);
}

/** tools/list; the result object is `head` + tools array + `tail` (both eras), details mcp.tools_list. */
export function toolsList(
  out: RpcOutcome, cfg: PluginConfig, params: JNode | null, header: string | null, head: string, tail: string,
): RpcOutcome {
  if (params !== null) {
    const c = params.get("cursor");
    if (c !== null && c.kind != J_NULL) return rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS, "invalid params: unknown cursor");
  }
  const hs = parseAllowHeader(header);
  reply(out, 200, "mcp.tools_list", "");
  const prefix = resultResponseOf(out.idJson, head, "", "");
  if (unrestricted(cfg, hs)) {
    // unfiltered list: reuse its UTF-8 bytes (made at configure), so a 1,000-tool reply is one copy, not three
    out.bodyBytes = concatUtf8(prefix, cfg.toolsListUtf8, tail + "}", true);
    return out;
  }
  out.bodyBytes = concatUtf8(prefix, allowedList(cfg, hs), tail + "}", false);
  return out;
}

/** The tools/list array of the allowed tools only: their entries' bytes copied from the configured list. */
function allowedList(cfg: PluginConfig, hs: Set<string> | null): ArrayBuffer {
  const all = cfg.toolsListUtf8;
  const keep = new Array<Tool>();
  let size = 2;
  for (let i = 0; i < cfg.tools.length; i++) {
    const t = unchecked(cfg.tools[i]);
    if (!toolAllowed(cfg, hs, t.name) || t.listUtf8 !== all) continue;
    if (t.listStart < 0 || t.listEnd > all.byteLength || t.listStart > t.listEnd) continue; // made by ListBuilder: never
    if (keep.length > 0) size++;
    size += t.listEnd - t.listStart;
    keep.push(t);
  }
  const out = new ArrayBuffer(size);
  const p = changetype<usize>(out);
  const src = changetype<usize>(all);
  let at = 0;
  store<u8>(p, 0x5b);
  at++;
  for (let i = 0; i < keep.length; i++) {
    const t = unchecked(keep[i]);
    if (i > 0) {
      store<u8>(p + <usize>at, 0x2c);
      at++;
    }
    const n = t.listEnd - t.listStart;
    // ranges checked above against all.byteLength; size counts every byte written
    memory.copy(p + <usize>at, src + <usize>t.listStart, <usize>n);
    at += n;
  }
  store<u8>(p + <usize>at, 0x5d);
  return out;
}

export function toolsCall(out: RpcOutcome, cfg: PluginConfig, params: JNode | null, header: string | null): RpcOutcome {
  if (params === null) return rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS, "invalid params: params must be an object");
  if (params.countKey("name") > 1 || params.countKey("arguments") > 1) {
    return rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS, "invalid params: duplicate key");
  }
  const n = params.get("name");
  if (n === null || n.kind != J_STRING) {
    return rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS, "invalid params: name must be a string");
  }
  const name = n.str();
  if (!toolAllowed(cfg, parseAllowHeader(header), name)) {
    return rpcError(out, 200, "mcp.tools_call.not_allowed", INVALID_PARAMS, "tool not allowed: " + name);
  }
  const tool = cfg.findTool(name);
  if (tool === null) return rpcError(out, 200, "mcp.tools_call.unknown_tool", INVALID_PARAMS, "unknown tool: " + name);
  const a = params.get("arguments");
  if (a !== null) {
    if (a.kind != J_OBJECT) return rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS, "invalid params: arguments must be an object");
    if (<u32>a.length > cfg.limits.maxArguments) {
      return rpcError(out, 200, "mcp.invalid_params", INVALID_PARAMS,
        "invalid params: too many arguments (limit " + cfg.limits.maxArguments.toString() + ")");
    }
    out.argsNode = a;
  }
  out.kind = OUTCOME_CALL;
  out.status = 200;
  out.details = "mcp.tools_call";
  out.tool = tool;
  return out;
}

// The unfiltered tools/list reply (~0.7 MB for 1,000 tools) reuses one buffer while its size stays the same: a fresh
// 0.7 MB of garbage per request started a GC cycle over the whole config heap every ~14 requests (tools/list p90
// 2.7-6 ms against a 0.35 ms median; 60 % of its time in ~lib/rt/itcms/step). The bytes are valid until the next
// tools/list reply: every consumer sends them (or decodes them) before dispatching again, as filter.ts does.
let listReply: ArrayBuffer | null = null;

/**
 * UTF-8 of `prefix` minus its last char ("}" of resultResponseOf), then `middle`, then `suffix` (in listReply when
 * `reuse`: the unfiltered list; a filtered one gets its own buffer).
 */
function concatUtf8(prefixWithBrace: string, middle: ArrayBuffer, suffix: string, reuse: bool): ArrayBuffer {
  const a = String.UTF8.encode(prefixWithBrace.substring(0, prefixWithBrace.length - 1));
  const c = String.UTF8.encode(suffix);
  const size = a.byteLength + middle.byteLength + c.byteLength;
  let out = reuse ? listReply : null;
  if (out === null || out.byteLength != size) {
    out = new ArrayBuffer(size);
    if (reuse) listReply = out;
  }
  const p = changetype<usize>(out);
  memory.copy(p, changetype<usize>(a), <usize>a.byteLength);
  memory.copy(p + <usize>a.byteLength, changetype<usize>(middle), <usize>middle.byteLength);
  memory.copy(p + <usize>a.byteLength + <usize>middle.byteLength, changetype<usize>(c), <usize>c.byteLength);
  return out;
}
