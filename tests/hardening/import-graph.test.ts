// Issue 18 item 1: the folder import graph of assembly/ has no cycle, so each folder can be read,
// tested and changed from the bottom up: util < template < config < rest < auth, mcp < plugin
// (proxy < plugin). What it checks: every relative `import … from "…"` and `export … from "…"`
// statement of assembly/**/*.ts (multi-line lists included; comments are stripped first) gives a
// folder edge; edges inside one folder are ignored (plugin/'s own file cycle is a separate matter),
// and the graph of the other edges must be acyclic. Package imports (json-as) are not folders here.
// It also checks that mcp/ takes nothing but the data model (config/types) from config/, and that the
// parser below really sees imports (so the test cannot pass on an empty graph).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../fuzz/harness.js";
import { sources } from "./sources.js";

const ASSEMBLY = path.join(ROOT, "assembly");

/** Module specifiers of the import/export-from statements of TypeScript source text. */
export function importSpecifiers(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'\\])\/\/.*$/gm, "$1");
  const re =
    /^\s*(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)\s*from\s*["']([^"']+)["']/gm;
  const out: string[] = [];
  for (let m = re.exec(code); m !== null; m = re.exec(code)) out.push(m[1]);
  return out;
}

/** Folder of a path relative to assembly/ ("." for the entry files at its top). */
function folderOf(rel: string): string {
  const i = rel.indexOf("/");
  return i < 0 ? "." : rel.slice(0, i);
}

interface Edge {
  from: string;
  to: string;
  via: string;
}

function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const f of sources(ASSEMBLY)) {
    const rel = path.relative(ASSEMBLY, f).split(path.sep).join("/");
    for (const spec of importSpecifiers(readFileSync(f, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const target = path
        .relative(ASSEMBLY, path.resolve(path.dirname(f), spec))
        .split(path.sep)
        .join("/");
      const a = folderOf(rel);
      const b = folderOf(target);
      if (a !== b) edges.push({ from: a, to: b, via: `${rel} -> ${target}` });
    }
  }
  return edges;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(edges: Edge[]): string[][] {
  const adj = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, new Set());
    if (!adj.has(e.to)) adj.set(e.to, new Set());
    adj.get(e.from)!.add(e.to);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    on.add(v);
    for (const w of adj.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

test("the import parser sees single-line, multi-line, aliased and re-export statements", () => {
  const src = [
    'import { a } from "./x";',
    "import {",
    "  b,",
    "  c as d,",
    '} from "../y/z";',
    'export { e } from "../w/v";',
    '// import { f } from "../commented/out";',
    'import * as abi from "./imports";',
  ].join("\n");
  assert.deepEqual(importSpecifiers(src), ["./x", "../y/z", "../w/v", "./imports"]);
});

test("the folder import graph of assembly/ has no cycle", () => {
  const edges = folderEdges();
  assert.ok(edges.length > 20, `expected many cross-folder imports, parsed ${edges.length}`);
  const found = cycles(edges);
  const explain = found.map((c) => {
    const inside = edges.filter((e) => c.includes(e.from) && c.includes(e.to)).map((e) => "  " + e.via);
    return `cycle among ${c.join(", ")}:\n${[...new Set(inside)].join("\n")}`;
  });
  assert.deepEqual(explain, []);
});

test("mcp/ takes only the data model (config/types) from config/", () => {
  const bad = folderEdges()
    .filter((e) => e.from === "mcp" && e.to === "config" && !e.via.endsWith("-> config/types"))
    .map((e) => e.via);
  assert.deepEqual(bad, []);
});

test("a cycle is reported (the check can fail)", () => {
  const found = cycles([
    { from: "a", to: "b", via: "a/x -> b/y" },
    { from: "b", to: "c", via: "b/y -> c/z" },
    { from: "c", to: "a", via: "c/z -> a/x" },
    { from: "c", to: "d", via: "c/z -> d/w" },
  ]);
  assert.deepEqual(found, [["a", "b", "c"]]);
});
