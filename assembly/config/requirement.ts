// Which security requirement applies to a tool call, on each side, and which
// scheme it names. Tool level (with an id) replaces the server default entirely.
import { PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "./types";

/** Effective downstream (client-side) requirement of a tool: tool.security (when id != "") else server.defaultDownstreamSecurity, else null. */
export function downstreamRequirement(cfg: PluginConfig, tool: Tool): SecurityRequirement | null {
  const own = tool.security;
  if (own !== null && own.id.length > 0) return own;
  const def = cfg.server.defaultDownstreamSecurity;
  if (def !== null && def.id.length > 0) return def;
  return null;
}

/** Effective upstream requirement: tool.requestTemplate.security (id != "") else server.defaultUpstreamSecurity, else null. */
export function upstreamRequirement(cfg: PluginConfig, tool: Tool): SecurityRequirement | null {
  const own = tool.requestTemplate.security;
  if (own !== null && own.id.length > 0) return own;
  const def = cfg.server.defaultUpstreamSecurity;
  if (def !== null && def.id.length > 0) return def;
  return null;
}

/** The scheme a requirement names: the one resolved at parse, else looked up by id; null when unknown. */
export function requirementScheme(cfg: PluginConfig, req: SecurityRequirement): SecurityScheme | null {
  const s = req.scheme;
  if (s !== null) return s;
  return cfg.findScheme(req.id);
}

/** requirementScheme for an optional requirement (null in, null out). */
export function schemeOf(cfg: PluginConfig, req: SecurityRequirement | null): SecurityScheme | null {
  if (req === null) return null;
  return requirementScheme(cfg, req);
}
