// Tool names MCP clients accept: `[A-Za-z0-9_.-]`, at most 64 characters (several
// clients' limit), unique. Renamed tools keep their original name in `title`.
import { createHash } from "node:crypto";
import { Context } from "./context.js";
import { ToolOut } from "./types.js";

/** Longest tool name written. */
export const MAX_NAME_LENGTH = 64;

/** 8 hex digits derived from the original name only (stable across runs and documents). */
export function nameHash(original: string): string {
  return createHash("sha256").update(original, "utf8").digest("hex").slice(0, 8);
}

/** `base` + `suffix`, with `base` cut so the result fits {@link MAX_NAME_LENGTH}. */
function fit(base: string, suffix: string): string {
  return base.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
}

/** Disallowed characters → `_` (runs collapse); over-long names are cut and get `_<hash>`. */
export function sanitizeName(original: string): string {
  let n = original.replace(/[^A-Za-z0-9_.-]+/g, "_");
  if (/^_*$/.test(n)) n = "tool";
  if (n.length > MAX_NAME_LENGTH) n = fit(n, "_" + nameHash(original));
  return n;
}

/**
 * Sanitizes and de-duplicates tool names in document order. Names that need no change are
 * reserved first; a sanitized name that collides gets `_<hash of the original>`; repeated
 * identical names get `_2`, `_3`, …. `where(t)` locates a tool in warnings.
 */
export function assignNames(tools: ToolOut[], ctx: Context, where: (t: ToolOut) => string): void {
  const originals = tools.map((t) => t.name);
  const taken = new Map<string, ToolOut>();
  for (const t of tools) if (sanitizeName(t.name) === t.name && !taken.has(t.name)) taken.set(t.name, t);
  tools.forEach((t, i) => {
    const original = originals[i];
    let name = sanitizeName(original);
    const owner = taken.get(name);
    if (owner === t) return;
    if (owner !== undefined) {
      const ownerOriginal = originals[tools.indexOf(owner)];
      if (ownerOriginal !== original) name = fit(name, "_" + nameHash(original));
      let n = 2;
      const base = name;
      while (taken.has(name)) name = fit(base, `_${n++}`);
      ctx.warn(where(t), `tool name "${original}" is already used by ${where(owner)}; renamed to "${name}"`);
    } else if (name !== original) {
      ctx.warn(
        where(t),
        `tool name "${original}" is not a valid MCP tool name ([A-Za-z0-9_.-], at most ${MAX_NAME_LENGTH} characters); renamed to "${name}" (original kept in title)`,
      );
    }
    taken.set(name, t);
    t.name = name;
    if (name !== original && t.title === undefined) t.title = original;
  });
}
