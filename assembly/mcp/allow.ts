// Tool allow-list: top-level `allowTools` (config) intersected with the
// `x-envoy-allow-mcp-tools` request header (set by a trusted auth plugin).
// Header absent or "" = no extra restriction; only separators/whitespace =
// empty set (deny all). Config list present but [] = deny all.
import { PluginConfig } from "../config/types";

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
