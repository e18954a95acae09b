// The AssemblyScript sources the source-reading guards scan (linear-source, import-graph).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every `.ts` file below `dir`, recursively. */
export function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}
