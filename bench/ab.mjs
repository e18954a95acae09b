// A/B of two plugin builds in one process, runs interleaved (A, B, A, B, …) so both see the same machine load:
// on a shared machine absolute times of separate runs are not comparable, this ratio is.
// Usage: node bench/ab.mjs <a.wasm> <b.wasm> <what> [rounds]
//   what: call:<bytes>   tools/call with a JSON-body argument object of that size (e.g. call:200, call:1000000)
//         lookup         tools/call with path, query and header arguments (the fixed-cost scenario)
//         list:<tools>   tools/list on a config of that many catalog tools (prints p90 and p99 too)
//         configure:<tools>  config reload of that many catalog tools
//         raw:<bytes>    backend JSON response of that size returned raw (response phase timed)
//         range:<bytes>  the same through the range response template
//         text:<bytes>   a {"text":"…"} response through the {{.text}} template (text:<bytes>:esc for escapes)
// Needs dist/ (node bench/build.mjs). Prints medians, B/A and each VM's linear memory at the end.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { Host } = await import(join(root, "dist", "host", "vm.js"));
const C = await import(join(root, "dist", "bench", "configs.js"));
const { HOST_OPTIONS } = await import(join(root, "dist", "bench", "measure.js"));
const { mcpHeaders, timeConfigure, timeRequest, timeResponse } = await import(join(root, "dist", "bench", "driver.js"));
const P = await import(join(root, "dist", "bench", "payloads.js"));

const [a, b, what, roundsArg] = process.argv.slice(2);
if (!a || !b || !what) {
  console.error(
    "usage: node bench/ab.mjs <a.wasm> <b.wasm> call:<bytes>|lookup|list:<tools>|configure:<tools>|raw:<bytes>|range:<bytes>|text:<bytes>[:esc] [rounds]",
  );
  process.exit(2);
}
const [kind, nArg] = what.split(":");
const n = Number(nArg ?? 0);
const rounds = Number(roundsArg ?? (kind === "configure" ? 10 : n >= 1000000 ? 20 : n >= 100000 ? 100 : 2000));

let config;
let op;
if (kind === "call" || kind === "lookup") {
  config = C.callConfig();
  const body = P.bytes(
    kind === "lookup" ? P.toolsCall(C.LOOKUP_TOOL, P.LOOKUP_ARGS) : P.toolsCall(C.ECHO_TOOL, P.jsonArguments(n)),
  );
  const h = mcpHeaders(body.length);
  op = (host) => timeRequest(host, h, body, null);
} else if (kind === "list") {
  config = C.catalogConfig(n);
  const body = P.bytes(P.TOOLS_LIST);
  const h = mcpHeaders(body.length);
  op = (host) => timeRequest(host, h, body, null);
} else if (kind === "configure") {
  config = C.catalogConfig(n);
  op = (host) => timeConfigure(host, config);
} else if (kind === "raw" || kind === "range" || kind === "text") {
  config = C.callConfig();
  const tool = kind === "raw" ? C.RAW_TOOL : kind === "range" ? C.RANGE_TOOL : C.TEXT_TOOL;
  const doc = P.bytes(kind === "text" ? P.stringDocument("text", n, what.endsWith(":esc")) : P.itemsDocument(n));
  const body = P.bytes(P.toolsCall(tool, "{}"));
  const h = mcpHeaders(body.length);
  op = (host) => timeResponse(host, h, body, doc, null);
} else throw new Error(`unknown scenario ${what}`);

const hosts = [];
for (const w of [a, b]) {
  const host = await Host.load(readFileSync(w), HOST_OPTIONS);
  if (!host.startPlugin(config)) throw new Error(`${w}: configuration rejected`);
  hosts.push(host);
}
const t = [[], []];
for (let r = 0; r < rounds; r++) for (let k = 0; k < 2; k++) t[k].push(Number(op(hosts[k])) / 1e6);
const q = (v, p) => v[Math.min(v.length - 1, Math.floor(v.length * p))];
for (const v of t) v.sort((x, y) => x - y);
const fmt = (v) => `median ${q(v, 0.5).toFixed(3)} ms, p90 ${q(v, 0.9).toFixed(3)}, p99 ${q(v, 0.99).toFixed(3)}`;
const mib = (h) => (h.memory.bytes().byteLength / 1048576).toFixed(2);
console.log(
  `${what}, ${rounds} rounds: A ${fmt(t[0])}; B ${fmt(t[1])}; B/A median ${(q(t[1], 0.5) / q(t[0], 0.5)).toFixed(3)}; ` +
    `VM MiB A ${mib(hosts[0])}, B ${mib(hosts[1])}`,
);
