// Dual era, chosen per request (2026-07-28 "Backward Compatibility"): a
// request whose params._meta names a protocol version, or whose
// MCP-Protocol-Version header is 2026-07-28, is served statelessly in the
// modern era; anything else (initialize, then legacy requests) as before.
import { PluginConfig } from "../config/types";
import { Header } from "../rest/request";
import { legacyVersionError } from "./http";
import { dispatchLegacy, readEnvelope, reply, RpcOutcome } from "./dispatch";
import { dispatchModern, McpHeaders, metaVersion } from "./modern";
import { isSupportedVersion, MODERN_VERSION } from "./versions";
import { trimOws } from "./headervalue";

/** The MCP request headers of a (lower-cased) header list. */
export function mcpHeadersOf(headers: Header[]): McpHeaders {
  const h = new McpHeaders();
  for (let i = 0; i < headers.length; i++) {
    const x = unchecked(headers[i]);
    const n = x.name;
    if (!n.startsWith("mcp-")) continue;
    if (n == "mcp-protocol-version") { if (h.version === null) h.version = x.value; }
    else if (n == "mcp-method") { if (h.method === null) h.method = x.value; }
    else if (n == "mcp-name") { if (h.name === null) h.name = x.value; }
    else if (n.startsWith("mcp-param-")) {
      h.paramNames.push(n);
      h.paramValues.push(x.value);
    }
  }
  return h;
}

/** True when the header phase must leave MCP-Protocol-Version to the body phase (a modern-shaped request). */
export function modernShaped(version: string | null, mcpMethod: string | null): bool {
  return mcpMethod !== null || (version !== null && trimOws(version) == MODERN_VERSION);
}

/** Body phase over HTTP: envelope, era, then that era's dispatch. */
export function dispatchHttp(cfg: PluginConfig, body: string, allow: string | null, h: McpHeaders): RpcOutcome {
  const out = new RpcOutcome();
  const env = readEnvelope(out, cfg, body);
  if (env === null) return out;
  const hv = h.version;
  const modern = metaVersion(env.params) !== null || (hv !== null && trimOws(hv) == MODERN_VERSION && env.method != "initialize");
  if (!modern && hv !== null && !isSupportedVersion(hv.trim())) {
    // what the header phase answers for legacy-shaped requests, here for ones that carried Mcp-Method
    return reply(out, 400, "mcp.unsupported_protocol_version", legacyVersionError());
  }
  if (env.answered) return out;
  if (modern) return dispatchModern(out, cfg, env, allow, h);
  return dispatchLegacy(out, cfg, env, allow);
}
