// Tool allow-list: top-level `allowTools` (config) intersected with the
// `x-envoy-allow-mcp-tools` request header (set by a trusted auth plugin).
// Header absent or "" = no extra restriction; only separators/whitespace =
// empty set (deny all). Config list present but [] = deny all.
import { PluginConfig } from "../config/types";
import { joinStrings } from "../util/strbuf";

/** The header's tool names, or null when the header imposes no restriction. */
export function parseAllowHeader(header: string | null): Set<string> | null {
  if (header === null || header.length == 0) return null;
  const out = new Set<string>();
  const parts = header.split(",");
  for (let i = 0; i < parts.length; i++) {
    const t = unchecked(parts[i]).trim();
    if (t.length > 0) out.add(t);
  }
  return out;
}

/**
 * One header value equivalent to every copy of x-envoy-allow-mcp-tools (issue 14): the intersection of
 * their lists, so a client-sent copy placed before the one an auth plugin adds cannot lift the
 * restriction. null: no copy restricts; "," (only a separator): the intersection is empty (deny all).
 */
export function intersectAllowHeaders(values: string[]): string | null {
  let acc: Set<string> | null = null;
  for (let i = 0; i < values.length; i++) {
    const s = parseAllowHeader(unchecked(values[i]));
    if (s === null) continue;
    if (acc === null) {
      acc = s;
      continue;
    }
    const next = new Set<string>();
    const names = acc.values();
    for (let k = 0; k < names.length; k++) if (s.has(unchecked(names[k]))) next.add(unchecked(names[k]));
    acc = next;
  }
  if (acc === null) return null;
  const names = acc.values();
  return names.length == 0 ? "," : joinStrings(names, ",");
}

/** True when no allow-list applies at all. */
export function unrestricted(cfg: PluginConfig, headerSet: Set<string> | null): bool {
  return !cfg.hasAllowTools && headerSet === null;
}

/** True when `name` passes both the config list and the header list. */
export function toolAllowed(cfg: PluginConfig, headerSet: Set<string> | null, name: string): bool {
  if (cfg.hasAllowTools && !cfg.allowTools.has(name)) return false;
  if (headerSet !== null && !headerSet.has(name)) return false;
  return true;
}
