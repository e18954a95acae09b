// Header-phase checks of the Streamable HTTP transport (before any body):
// Origin (DNS-rebinding protection, 403), method (405, both eras), missing
// body (400), legacy MCP-Protocol-Version (400), Content-Type (415).
import { PluginConfig } from "../config/types";
import { stripPort } from "../util/authority";
import { errorResponse, errorResponseWithData, INVALID_REQUEST } from "./jsonrpc";
import { isSupportedVersion, supportedJsonArray, supportedList } from "./versions";
import { modernShaped } from "./era";

/** Implementation-defined JSON-RPC code for transport-level refusals. */
export const TRANSPORT_ERROR: i32 = -32000;

/** Outcome of the header checks: ok, or a local reply (status, JSON body, details, Allow header). */
export class HeaderDecision {
  ok: bool = true;
  status: i32 = 200;
  body: string = "";
  details: string = "";
  /** value of the Allow header for 405 ("" otherwise) */
  allowHeader: string = "";
}

function refuse(status: i32, details: string, body: string): HeaderDecision {
  const d = new HeaderDecision();
  d.ok = false;
  d.status = status;
  d.details = details;
  d.body = body;
  return d;
}

/** Check a request's method and headers; header values are null when absent. A modern-shaped request
 * (Mcp-Method present, or MCP-Protocol-Version 2026-07-28) has its version checked in the body phase. */
export function checkRequestHeaders(
  cfg: PluginConfig, method: string, authority: string, origin: string | null, protocolVersion: string | null,
  contentType: string | null, contentEncoding: string | null, endOfStream: bool, mcpMethod: string | null = null,
): HeaderDecision {
  if (origin !== null && !originAllowed(cfg.server.allowedOrigins, origin, authority)) {
    return refuse(403, "mcp.origin_forbidden", errorResponse("", TRANSPORT_ERROR, "forbidden: origin not allowed"));
  }
  if (method != "POST") {
    const d = refuse(405, "mcp.method_not_allowed",
      errorResponse("", TRANSPORT_ERROR, "method not allowed: this MCP endpoint accepts POST only"));
    d.allowHeader = "POST";
    return d;
  }
  if (endOfStream) return missingBody();
  if (protocolVersion !== null && !isSupportedVersion(protocolVersion.trim()) && !modernShaped(protocolVersion, mcpMethod)) {
    return refuse(400, "mcp.unsupported_protocol_version", legacyVersionError());
  }
  if (contentType !== null && !isJsonMediaType(contentType)) {
    return refuse(415, "mcp.unsupported_media_type",
      errorResponse("", INVALID_REQUEST, "unsupported content type: expected application/json"));
  }
  if (contentEncoding !== null && contentEncoding.trim().toLowerCase() != "identity") {
    // Higress passes encoded bodies upstream unprocessed; we refuse them.
    return refuse(415, "mcp.unsupported_content_encoding",
      errorResponse("", INVALID_REQUEST, "compressed request bodies (content-encoding) are not supported"));
  }
  return new HeaderDecision();
}

/** The legacy era's 400 body for an unsupported MCP-Protocol-Version (no id: answers no particular request). */
/** A POST without a body (headers ending the stream, or an empty body ended later): 400 mcp.missing_body. */
export function missingBody(): HeaderDecision {
  return refuse(400, "mcp.missing_body", errorResponse("", INVALID_REQUEST, "missing request body"));
}

export function legacyVersionError(): string {
  return errorResponseWithData("", INVALID_REQUEST,
    "unsupported MCP-Protocol-Version; supported: " + supportedList(), "{\"supported\":" + supportedJsonArray() + "}");
}

/** application/json or any `+json` type, parameters ignored; empty counts as JSON. */
export function isJsonMediaType(contentType: string): bool {
  let t = contentType;
  const semi = t.indexOf(";");
  if (semi >= 0) t = t.substring(0, semi);
  t = t.trim().toLowerCase();
  return t.length == 0 || t == "application/json" || (t.startsWith("application/") && t.endsWith("+json"));
}

/**
 * Origin policy, safe against DNS rebinding: with allowedOrigins configured, an exact (case-insensitive)
 * entry or "*"; unset, only a loopback Origin on a loopback host. Same-origin is not enough: under DNS
 * rebinding the attacker's page controls both Origin and Host. Clients outside browsers send no Origin.
 */
export function originAllowed(allowed: string[], origin: string, authority: string): bool {
  const o = origin.trim();
  if (allowed.length > 0) {
    const lo = o.toLowerCase();
    for (let i = 0; i < allowed.length; i++) {
      const a = unchecked(allowed[i]);
      if (a == "*" || a.toLowerCase() == lo) return true;
    }
    return false;
  }
  const sep = o.indexOf("://");
  if (sep <= 0) return false; // "null" (opaque) or malformed
  let rest = o.substring(sep + 3);
  const slash = rest.indexOf("/");
  if (slash >= 0) rest = rest.substring(0, slash);
  if (rest.length == 0 || rest.indexOf("@") >= 0) return false;
  return isLoopback(stripPort(rest).toLowerCase()) && isLoopback(stripPort(authority.trim()).toLowerCase());
}

function isLoopback(host: string): bool {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}
