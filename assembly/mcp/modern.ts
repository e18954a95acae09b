// Modern era (2026-07-28): stateless, every request carries its version,
// capabilities and identity in params._meta, mirrored into HTTP headers
// (MCP-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Param-*). Checks run in
// the order of the spec's reference behaviour; every error echoes the id.
import { PluginConfig } from "../config/types";
import { JNode, J_OBJECT, J_STRING } from "../util/jsonview";
import { quoteJson } from "../util/jsonstring";
import {
  errorResponseWithData, resultResponse, HEADER_MISMATCH, INVALID_PARAMS, METHOD_NOT_FOUND, UNSUPPORTED_PROTOCOL_VERSION,
} from "./jsonrpc";
import { Envelope, OUTCOME_CALL, RpcOutcome, reply, rpcError, toolsCall, toolsList } from "./dispatch";
import { parseAllowHeader } from "./allow";
import { decodeHeaderValue, trimOws } from "./headervalue";
import { checkMcpParams } from "./params";
import { MODERN_VERSION, allVersionsJsonArray } from "./versions";

export const META_VERSION = "io.modelcontextprotocol/protocolVersion";
const META_CAPS = "io.modelcontextprotocol/clientCapabilities";
const META_SERVER = "io.modelcontextprotocol/serverInfo";

/** The request headers the modern era reads (values raw, null when absent). */
export class McpHeaders {
  version: string | null = null;
  method: string | null = null;
  name: string | null = null;
  /** lower-cased `mcp-param-*` names and their raw values, in request order */
  paramNames: string[] = [];
  paramValues: string[] = [];
}

/** params._meta[protocolVersion] when present (any JSON), else null. */
export function metaVersion(params: JNode | null): JNode | null {
  if (params === null || params.kind != J_OBJECT) return null;
  const meta = params.get("_meta");
  if (meta === null || meta.kind != J_OBJECT) return null;
  return meta.get(META_VERSION);
}

/** Serve one modern request (notifications were answered 202 by the envelope). */
export function dispatchModern(out: RpcOutcome, cfg: PluginConfig, env: Envelope, allow: string | null, h: McpHeaders): RpcOutcome {
  out.modern = true;
  const hv = h.version;
  if (hv === null) return mismatch(out, "missing MCP-Protocol-Version header");
  const params = env.params;
  const meta = params !== null ? params.get("_meta") : null;
  const mv = meta !== null && meta.kind == J_OBJECT ? meta.get(META_VERSION) : null;
  const mc = meta !== null && meta.kind == J_OBJECT ? meta.get(META_CAPS) : null;
  if (mv === null || mv.kind != J_STRING || mc === null || mc.kind != J_OBJECT) {
    return modernError(out, 400, "mcp.invalid_meta", INVALID_PARAMS,
      "invalid params: _meta must carry \"" + META_VERSION + "\" (string) and \"" + META_CAPS + "\" (object)", "");
  }
  const version = mv.str();
  if (trimOws(hv) != version) return mismatch(out, "MCP-Protocol-Version header does not match _meta." + META_VERSION);
  if (version != MODERN_VERSION) {
    return modernError(out, 400, "mcp.unsupported_protocol_version", UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version",
      "{\"supported\":" + allVersionsJsonArray() + ",\"requested\":" + quoteJson(version) + "}");
  }
  const hm = h.method;
  if (hm === null) return mismatch(out, "missing Mcp-Method header");
  if (trimOws(hm) != env.method) return mismatch(out, "Mcp-Method header does not match the body method");
  const e = checkName(env, h);
  if (e.length > 0) return mismatch(out, e);
  const method = env.method;
  if (method == "server/discover") return reply(out, 200, "mcp.server_discover", resultResponse(out.idJson, discoverResult(cfg)));
  if (method == "tools/list") {
    const scope = parseAllowHeader(allow) !== null ? "private" : cfg.server.cacheScope;
    return toolsList(out, cfg, params, allow, "{\"resultType\":\"complete\",\"tools\":", caching(cfg, scope) + ",\"_meta\":" + serverMeta(cfg) + "}");
  }
  if (method == "tools/call") {
    toolsCall(out, cfg, params, allow);
    if (out.kind == OUTCOME_CALL && out.tool !== null && out.tool!.mcpParams.length > 0) {
      const pe = checkMcpParams(out.tool!, out.argsNode, h.paramNames, h.paramValues);
      if (pe.length > 0) {
        out.kind = 0;
        out.tool = null;
        return mismatch(out, pe);
      }
    }
    return out;
  }
  return modernError(out, 404, "mcp.method_not_found", METHOD_NOT_FOUND, "Method not found: " + method, "");
}

/** Mcp-Name must mirror params.name (tools/call, prompts/get) or params.uri (resources/read). */
function checkName(env: Envelope, h: McpHeaders): string {
  const m = env.method;
  const key = m == "tools/call" || m == "prompts/get" ? "name" : m == "resources/read" ? "uri" : "";
  if (key.length == 0 || env.params === null) return "";
  const src = env.params!.get(key);
  if (src === null || src.kind != J_STRING) return "";
  const raw = h.name;
  if (raw === null) return "missing Mcp-Name header";
  const d = decodeHeaderValue(raw);
  if (!d.ok) return "Mcp-Name header value is malformed";
  if (d.value != src.str()) return "Mcp-Name header does not match params." + key;
  return "";
}

function mismatch(out: RpcOutcome, message: string): RpcOutcome {
  return modernError(out, 400, "mcp.header_mismatch", HEADER_MISMATCH, "Header mismatch: " + message, "");
}

function modernError(out: RpcOutcome, status: i32, details: string, code: i32, message: string, dataJson: string): RpcOutcome {
  if (dataJson.length == 0) return rpcError(out, status, details, code, message);
  return reply(out, status, details, errorResponseWithData(out.idJson, code, message, dataJson));
}

function caching(cfg: PluginConfig, scope: string): string {
  return ",\"ttlMs\":" + cfg.server.ttlMs.toString() + ",\"cacheScope\":" + quoteJson(scope);
}

/** `{"io.modelcontextprotocol/serverInfo":{name,version,title?}}` */
export function serverMeta(cfg: PluginConfig): string {
  const s = cfg.server;
  let info = "{\"name\":" + quoteJson(s.name) + ",\"version\":" + quoteJson(s.version);
  if (s.title.length > 0) info += ",\"title\":" + quoteJson(s.title);
  return "{\"" + META_SERVER + "\":" + info + "}}";
}

/** DiscoverResult: versions, capabilities, instructions?, caching hints, server identity in _meta. */
export function discoverResult(cfg: PluginConfig): string {
  let r = "{\"resultType\":\"complete\",\"supportedVersions\":" + allVersionsJsonArray() +
    ",\"capabilities\":{\"tools\":{\"listChanged\":false}}";
  if (cfg.server.instructions.length > 0) r += ",\"instructions\":" + quoteJson(cfg.server.instructions);
  return r + caching(cfg, cfg.server.cacheScope) + ",\"_meta\":" + serverMeta(cfg) + "}";
}

/** A CallToolResult object for the modern era: resultType and _meta.serverInfo added in front. */
export function modernResult(cfg: PluginConfig, resultJson: string): string {
  if (resultJson.length < 2 || resultJson.charCodeAt(0) != 0x7b) return resultJson;
  const rest = resultJson.substring(1).trimStart();
  const sep = rest.startsWith("}") ? "" : ",";
  return "{\"resultType\":\"complete\",\"_meta\":" + serverMeta(cfg) + sep + rest;
}
