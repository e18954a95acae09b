// Which client headers reach the backend. The backend request is rebuilt from
// scratch: only an allow-list (plus server.forwardHeaders) passes, and nothing
// that carries the client's credential, MCP transport state or hop-by-hop data.
import { PluginConfig, Tool } from "../config/types";
import { Header } from "../rest/request";
import { EXTRACT_FOUND, KIND_API_COOKIE, KIND_API_HEADER, apiKeyHeaderName, extractClientCredential, readsAuthorization, schemeKind } from "./extract";
import { downstreamRequirement, schemeOf } from "../config/requirement";
import { findHeader } from "./util";
import { removeCookie } from "../rest/request";

/** Client headers forwarded by default (tracing, client identity, language). */
const DEFAULT_ALLOWED: string[] = [
  "user-agent", "x-request-id", "traceparent", "tracestate", "baggage",
  "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "b3",
  "x-forwarded-for", "x-forwarded-proto", "x-real-ip", "accept-language",
];

/** Never forwarded, whatever server.forwardHeaders says (exact names; prefixes are checked separately). */
const NEVER: string[] = [
  "content-length", "content-type", "accept-encoding", "host", "connection", "transfer-encoding",
  "te", "upgrade", "keep-alive", "mcp-protocol-version", "mcp-session-id",
  "x-envoy-allow-mcp-tools", "x-higress-mcpserver-config",
];

function contains(list: string[], s: string): bool {
  for (let i = 0; i < list.length; i++) {
    if (unchecked(list[i]) == s) return true;
  }
  return false;
}

function isNever(name: string): bool {
  if (name.length == 0 || name.startsWith(":")) return true;
  if (name.startsWith("proxy-") || name.startsWith("x-envoy-")) return true;
  return contains(NEVER, name);
}

/**
 * Client headers allowed to reach the backend, with the extracted credential
 * never included.
 *
 * | header          | forwarded when                                                         |
 * |-----------------|------------------------------------------------------------------------|
 * | authorization   | server.passthroughAuthHeader and the downstream scheme does not read   |
 * |                 | Authorization (http/oauth2/apiKey named authorization) — even when the |
 * |                 | client sent the wrong kind there (stricter than "did not extract")     |
 * | cookie          | listed in forwardHeaders; the downstream apiKey cookie is removed      |
 * | apiKey header   | never (the downstream scheme's header)                                 |
 * | never-list      | never (hop-by-hop, MCP transport, x-envoy-*, proxy-*, pseudo headers)  |
 * | others          | in the default allow-list or in server.forwardHeaders                  |
 *
 * Any header whose value contains the extracted credential (>= 4 chars) is dropped too.
 */
export function forwardedClientHeaders(cfg: PluginConfig, tool: Tool, clientHeaders: Header[]): Header[] {
  const out = new Array<Header>();
  const down = downstreamRequirement(cfg, tool);
  const scheme = schemeOf(cfg, down);
  let kind = -1;
  let keyHeader = "";
  let keyCookie = "";
  // Issue 14 item 4: what any client scheme of the server reads is stripped for every tool, not only
  // for the tools that use that scheme (configure already refuses such forwardHeaders entries).
  const serverReads = cfg.server.clientHeaders;
  const serverCookies = cfg.server.clientCookies;
  let authBlocked = !cfg.server.passthroughAuthHeader || serverReads.includes("authorization");
  let credential = "";
  if (scheme !== null) {
    kind = schemeKind(scheme);
    if (kind == KIND_API_HEADER) keyHeader = apiKeyHeaderName(scheme);
    if (kind == KIND_API_COOKIE) keyCookie = scheme.name;
    if (readsAuthorization(scheme)) authBlocked = true;
    const path = findHeader(clientHeaders, ":path");
    const ext = extractClientCredential(scheme, clientHeaders, path === null ? "" : path);
    if (ext.status == EXTRACT_FOUND) credential = ext.value;
  }
  const extra = cfg.server.forwardHeaders;
  for (let i = 0; i < clientHeaders.length; i++) {
    const h = unchecked(clientHeaders[i]);
    const name = h.name.toLowerCase();
    let value = h.value;
    if (isNever(name) || name == keyHeader || (name != "authorization" && serverReads.includes(name))) continue;
    if (name == "authorization") {
      if (authBlocked) continue;
    } else if (name == "cookie") {
      if (!contains(extra, name)) continue;
      if (keyCookie.length > 0) value = removeCookie(value, keyCookie);
      for (let k = 0; k < serverCookies.length && value.length > 0; k++) value = removeCookie(value, unchecked(serverCookies[k]));
      if (value.length == 0) continue;
    } else if (!contains(DEFAULT_ALLOWED, name) && !contains(extra, name)) {
      continue;
    }
    if (credential.length >= 4 && value.includes(credential)) continue;
    out.push(new Header(name, value));
  }
  return out;
}
