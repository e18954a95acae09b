// `npm run bench:size`: what the bytes of the release plugin are.
//   1. builds build/bench/higress.names.wasm (the release target plus a name section; same optimisation),
//      unless --no-build;
//   2. lists the sections of build/higress.wasm and of the names build, then the code section per source
//      folder, per source file ("feature") and the largest functions, with the gzip -9 share of each group;
//   3. the data section: segments, bytes, and how much of it is UTF-16 text (string literals).
// Usage: node bench/size.mjs [--no-build] [--top N] [--wasm path-with-names] [--json out.json]
// The per-file table is what BENCHMARKS.md calls "what each feature costs": a template function file's code is
// in the module whether a config uses it or not (Wasm has no lazy loading), so its size is its cost.
import asc from "assemblyscript/asc";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const TOP = Number(opt("--top", "30"));
const NAMED = opt("--wasm", join(root, "build", "bench", "higress.names.wasm"));
const RELEASE = join(root, "build", "higress.wasm");

/** Reads an unsigned LEB128 at `p`; returns [value, next offset]. */
function leb(buf, p) {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = buf[p++];
    v += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [v, p];
  }
}

const SECTION = [
  "custom",
  "type",
  "import",
  "function",
  "table",
  "memory",
  "global",
  "export",
  "start",
  "element",
  "code",
  "data",
  "datacount",
];

/** Sections, imported function count, function bodies (index, bytes) and the name map of a module. */
export function parseWasm(buf) {
  const sections = [];
  let p = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let data = null;
  while (p < buf.length) {
    const id = buf[p++];
    let size;
    [size, p] = leb(buf, p);
    const start = p;
    const end = p + size;
    let label = SECTION[id] ?? `id ${id}`;
    if (id === 0) {
      let n;
      [n, p] = leb(buf, p);
      const cname = new TextDecoder().decode(buf.subarray(p, p + n));
      label = `custom "${cname}"`;
      if (cname === "name") readNames(buf, p + n, end, names);
    } else if (id === 2) {
      let count;
      [count, p] = leb(buf, p);
      for (let i = 0; i < count; i++) {
        let n;
        [n, p] = leb(buf, p);
        p += n;
        [n, p] = leb(buf, p);
        p += n;
        const kind = buf[p++];
        if (kind === 0) {
          imported++;
          [, p] = leb(buf, p);
        } else if (kind === 1) {
          p++;
          const f = buf[p++];
          [, p] = leb(buf, p);
          if (f & 1) [, p] = leb(buf, p);
        } else if (kind === 2) {
          const f = buf[p++];
          [, p] = leb(buf, p);
          if (f & 1) [, p] = leb(buf, p);
        } else if (kind === 3) {
          p += 2;
        }
      }
    } else if (id === 10) {
      let count;
      [count, p] = leb(buf, p);
      for (let i = 0; i < count; i++) {
        const at = p;
        let n;
        [n, p] = leb(buf, p);
        bodies.push({ index: imported + i, bytes: p - at + n, body: buf.subarray(at, p + n) });
        p += n;
      }
    } else if (id === 11) {
      data = buf.subarray(start, end);
    }
    sections.push({ id, label, bytes: end - start });
    p = end;
  }
  return { sections, imported, bodies, names, data };
}

function readNames(buf, p, end, names) {
  while (p < end) {
    const sub = buf[p++];
    let size;
    [size, p] = leb(buf, p);
    const next = p + size;
    if (sub === 1) {
      let count;
      [count, p] = leb(buf, p);
      for (let i = 0; i < count; i++) {
        let idx;
        let n;
        [idx, p] = leb(buf, p);
        [n, p] = leb(buf, p);
        names.set(idx, new TextDecoder().decode(buf.subarray(p, p + n)));
        p += n;
      }
    }
    p = next;
  }
}

/** "assembly/template/strfuncs/stringFunc" -> file "assembly/template/strfuncs", folder "assembly/template". */
export function origin(name) {
  if (!name) return { folder: "(unnamed)", file: "(unnamed)" };
  const clean = name.replace(/^~/, "");
  if (clean.startsWith("start:")) return origin(clean.slice(6));
  const parts = clean.split("/");
  if (clean.startsWith("lib/json-as") || clean.startsWith("lib/xjb-as") || clean.startsWith("lib/as-")) {
    return { folder: `~${parts.slice(0, 2).join("/")}`, file: `~${parts.slice(0, Math.min(parts.length - 1, 4)).join("/")}` };
  }
  if (clean.startsWith("lib/"))
    return { folder: "~lib (AS std)", file: `~${parts.slice(0, Math.min(parts.length - 1, 2)).join("/")}` };
  if (parts[0] === "assembly" && parts.length >= 3)
    return { folder: parts.slice(0, 2).join("/"), file: parts.slice(0, 3).join("/") };
  if (parts[0] === "assembly") return { folder: "assembly", file: parts.slice(0, 2).join("/") };
  return { folder: "(other)", file: "(other)" };
}

/** Features (a reader's grouping of source files): the first matching prefix wins. */
/** @type {Array<[string, string[]]>} */
export const FEATURES = [
  [
    "template functions (Sprig-style: strings, math, printf, dates, encodings)",
    [
      "assembly/template/funcs",
      "assembly/template/strfuncs",
      "assembly/template/mathfuncs",
      "assembly/template/printf",
      "assembly/template/date",
      "assembly/template/timefuncs",
      "assembly/template/encode",
      "assembly/template/funcnames",
    ],
  ],
  ["GJSON paths, modifiers and queries", ["assembly/template/gjson", "assembly/template/query", "assembly/template/match"]],
  ["template engine core (lexer, parser, exec, values)", ["assembly/template"]],
  ["config parsing and validation", ["assembly/config"]],
  ["REST request/response mapping", ["assembly/rest"]],
  ["backend auth (schemes, OAuth2 client, token exchange, scrubbing)", ["assembly/auth", "assembly/plugin/oauth"]],
  ["MCP protocol (JSON-RPC, eras, dispatch)", ["assembly/mcp"]],
  [
    "filter glue, metrics, proxy-wasm ABI",
    ["assembly/plugin", "assembly/proxy", "assembly/higress", "assembly/envoy", "assembly/util"],
  ],
  ["JSON library (json-as) and float printing (xjb-as)", ["~lib/json-as", "~lib/xjb-as"]],
  ["AssemblyScript runtime and std (GC, strings, maps, arrays, numbers)", ["~lib"]],
];

function featureOf(file) {
  for (const [name, prefixes] of FEATURES)
    if (prefixes.some((p) => file === p || file.startsWith(p + "/") || (p.startsWith("~lib") && file.startsWith(p)))) return name;
  return "(other)";
}

/** Groups bodies by key(origin); bytes and a gzip -9 estimate of the group's bodies alone. */
function groupBy(bodies, names, key) {
  const m = new Map();
  for (const b of bodies) {
    const k = key(origin(names.get(b.index)));
    const g = m.get(k) ?? { key: k, bytes: 0, count: 0, parts: [] };
    g.bytes += b.bytes;
    g.count++;
    g.parts.push(b.body);
    m.set(k, g);
  }
  const out = [...m.values()].map((g) => ({
    key: g.key,
    bytes: g.bytes,
    count: g.count,
    gzip: gzipSync(Buffer.concat(g.parts), { level: 9 }).length,
  }));
  return out.sort((a, b) => b.bytes - a.bytes);
}

/** UTF-16 text in the data section: runs of ≥ 4 (ASCII byte, 0) pairs. */
function utf16Bytes(data) {
  let total = 0;
  let run = 0;
  for (let i = 0; i + 1 < data.length; i += 2) {
    if (data[i + 1] === 0 && data[i] >= 0x09 && data[i] < 0x7f) run += 2;
    else {
      if (run >= 8) total += run;
      run = 0;
    }
  }
  return run >= 8 ? total + run : total;
}

/** Segment count, header bytes (flags, offset expression, size), payload and zero bytes of a data section. */
function dataStats(data) {
  let [count, p] = leb(data, 0);
  let headers = p;
  let payload = 0;
  let zeros = 0;
  for (let i = 0; i < count; i++) {
    const at = p;
    const flag = data[p++];
    if (flag === 0 || flag === 2) {
      if (flag === 2) [, p] = leb(data, p);
      p++; // i32.const
      [, p] = leb(data, p);
      p++; // end
    }
    let size;
    [size, p] = leb(data, p);
    headers += p - at;
    payload += size;
    for (let k = p; k < p + size; k++) if (data[k] === 0) zeros++;
    p += size;
  }
  return { count, headers, payload, zeros, text: utf16Bytes(data) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = (n, all) => `${((100 * n) / all).toFixed(1)} %`;

async function build() {
  process.chdir(root);
  const args = ["assembly/higress.ts", "--target", "higress", "--debug", "--outFile", "build/bench/higress.names.wasm"];
  const { error } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
  if (error) throw new Error(`bench:size: building higress.names.wasm failed: ${error.message}`);
}

async function main() {
  if (!argv.includes("--no-build") && !argv.includes("--wasm")) await build();
  const release = readFileSync(RELEASE);
  const named = readFileSync(NAMED);
  const r = parseWasm(release);
  const w = parseWasm(named);
  const lines = [];
  lines.push(
    `build/higress.wasm: ${release.length.toLocaleString("en-US")} B, gzip -9 ${gzipSync(release, { level: 9 }).length.toLocaleString("en-US")} B; ` +
      `${r.bodies.length} functions, ${r.imported} imported`,
  );
  lines.push(
    `${NAMED.replace(root + "/", "")}: ${named.length.toLocaleString("en-US")} B (${w.bodies.length} functions; ${w.names.size} names)`,
  );
  if (w.bodies.length !== r.bodies.length)
    lines.push(
      `NOTE: the names build has ${w.bodies.length} functions, the release ${r.bodies.length}: figures below are of the names build`,
    );
  lines.push("", "| section | release bytes | share |", "|---|---:|---:|");
  for (const s of r.sections) lines.push(`| ${s.label} | ${s.bytes.toLocaleString("en-US")} | ${pct(s.bytes, release.length)} |`);
  const code = w.bodies.reduce((a, b) => a + b.bytes, 0);
  const table = (title, rows, limit) => {
    lines.push("", `| ${title} | functions | code | share of code | gzip alone |`, "|---|---:|---:|---:|---:|");
    for (const g of rows.slice(0, limit))
      lines.push(`| ${g.key} | ${g.count} | ${kb(g.bytes)} | ${pct(g.bytes, code)} | ${kb(g.gzip)} |`);
  };
  const folders = groupBy(w.bodies, w.names, (o) => o.folder);
  const files = groupBy(w.bodies, w.names, (o) => o.file);
  table(
    "feature",
    groupBy(w.bodies, w.names, (o) => featureOf(o.file)),
    Infinity,
  );
  table("folder", folders, Infinity);
  table("file", files, Infinity);
  lines.push("", `| largest functions | bytes |`, "|---|---:|");
  const fns = [...w.bodies].sort((a, b) => b.bytes - a.bytes).slice(0, TOP);
  for (const b of fns) lines.push(`| ${w.names.get(b.index) ?? `#${b.index}`} | ${b.bytes.toLocaleString("en-US")} |`);
  if (r.data) {
    const d = dataStats(r.data);
    lines.push(
      "",
      `data section: ${d.count} segments, ${kb(r.data.length)}: segment headers ${kb(d.headers)}, payload ${kb(d.payload)} ` +
        `(zero bytes ${kb(d.zeros)}: object headers and the high bytes of UTF-16); UTF-16 ASCII text runs (string literals) ` +
        `${kb(d.text)} (${pct(d.text, r.data.length)})`,
    );
  }
  console.log(lines.join("\n"));
  const json = opt("--json", null);
  if (json) writeFileSync(json, JSON.stringify({ release: release.length, sections: r.sections, folders, files }, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}
