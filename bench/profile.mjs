// Summarizes a V8 .cpuprofile (node --cpu-prof): the top functions by self time and by total time
// (a function counted once per sample however deep it recurses), as % of all samples.
// With `within`, only samples whose stack contains that function count (e.g. proxy_on_request_body),
// so percentages are shares of the plugin callback's time.
// With `--callers NAME` (after the positional arguments), also lists which functions call NAME directly, weighted by
// the samples under NAME (where a GC step or a string concatenation is triggered from).
// The last lines split the samples by their leaf: plugin Wasm, the AssemblyScript runtime (`~lib/rt/`: allocator and
// collector), host JS (dist/host, node internals, JS<->Wasm wrappers), other.
// Usage: node bench/profile.mjs <file.cpuprofile> [top=20] [within] [--callers NAME]
import { readFileSync } from "node:fs";

const rest = process.argv.slice(2);
const ci = rest.indexOf("--callers");
const callersOf = ci >= 0 ? rest.splice(ci, 2)[1] : null;
const [file, topArg, within] = rest;
if (!file) {
  console.error("usage: node bench/profile.mjs <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 20);
const prof = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => {
  const f = n.callFrame;
  const name = f.functionName || "(anonymous)";
  const where = f.url ? ` ${f.url.replace(/^.*\/(dist|node_modules)\//, "$1/")}` : "";
  return f.url && !f.url.startsWith("wasm://") ? `${name}${where}` : name;
};
const self = new Map();
const callers = new Map();
const split = { "plugin Wasm": 0, "runtime (~lib/rt)": 0, "host JS": 0, other: 0 };
const splitOf = (f) => {
  const name = f.functionName;
  const url = f.url || "";
  if (name.startsWith("~lib/rt/")) return "runtime (~lib/rt)";
  if (url.startsWith("wasm://") || name.startsWith("assembly/") || name.startsWith("~")) return "plugin Wasm";
  if (url.includes("/dist/host/") || url.startsWith("node:") || /^(js-to-wasm|wasm-to-js|encodeUtf8String|decodeUTF8)/.test(name))
    return "host JS";
  return "other";
};
const total = new Map();
let all = 0;
const stackHas = (id, name) => {
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (label(byId.get(cur)).includes(name)) return true;
  return false;
};
prof.samples.forEach((id, i) => {
  const dt = prof.timeDeltas[i] ?? 0;
  if (within && !stackHas(id, within)) return;
  all += dt;
  const leaf = byId.get(id);
  split[splitOf(leaf.callFrame)] += dt;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  if (callersOf) {
    const seenCaller = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const up = parent.get(cur);
      if (up === undefined || !label(byId.get(cur)).includes(callersOf)) continue;
      const l = label(byId.get(up));
      if (l.includes(callersOf) || seenCaller.has(l)) continue;
      seenCaller.add(l);
      callers.set(l, (callers.get(l) ?? 0) + dt);
    }
  }
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur));
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
});
const show = (title, m) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms sampled${within ? ` within ${within}` : ""})`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
  }
};
show("self time", self);
show("total time", total);
if (callersOf) show(`callers of ${callersOf}`, callers);
console.log(
  `\nsplit by leaf: ${Object.entries(split)
    .map(([k, v]) => `${k} ${((100 * v) / all).toFixed(1)}%`)
    .join(", ")}`,
);
