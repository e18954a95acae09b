// Heap census of the plugin VM after configure: walks AssemblyScript's TLSF heap in linear memory (blocks are
// contiguous from the heap base to the tail block) and sums live and free bytes per runtime type id, so the
// "VM memory after configure" row can say what the bytes are. Read-only: it runs a config on a fresh VM
// (the plugin collects garbage at the end of configure) and reads memory.
// Usage: node bench/heap.mjs [tools=1000] [--wasm build/higress.wasm] [--top 15]
// Type ids 0 = Object, 1 = ArrayBuffer, 2 = String (AssemblyScript's fixed ids); others are shown with a sample
// of their first bytes. Needs dist/ (npm run build:node or bench/build.mjs).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { Host } = await import(join(root, "dist", "host", "vm.js"));
const { catalogConfig } = await import(join(root, "dist", "bench", "configs.js"));
const { HOST_OPTIONS } = await import(join(root, "dist", "bench", "measure.js"));
const { parseWasm } = await import(join(root, "bench", "size.mjs"));

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv.splice(i, 2)[1] : dflt;
};
const wasmPath = opt("--wasm", join(root, "build", "higress.wasm"));
const top = Number(opt("--top", "15"));
const tools = Number(argv[0] ?? "1000");

function leb(b, p) {
  let v = 0,
    s = 0;
  for (;;) {
    const x = b[p++];
    v += (x & 0x7f) * 2 ** s;
    s += 7;
    if (!(x & 0x80)) return [v, p];
  }
}

/** End of the static data (the heap starts after it, 16-aligned). */
function dataEnd(wasm) {
  const { data } = parseWasm(wasm);
  let [n, p] = leb(data, 0);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const flag = data[p++];
    let off = 0;
    if (flag === 0) {
      p++;
      [off, p] = leb(data, p);
      p++;
    }
    let sz;
    [sz, p] = leb(data, p);
    end = Math.max(end, off + sz);
    p += sz;
  }
  return end;
}

/** Walks blocks from the first candidate start that chains exactly to the tail; returns the census or null. */
function census(mem, start) {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const types = new Map();
  const largest = [];
  let free = 0,
    live = 0,
    blocks = 0;
  let p = start;
  while (p + 4 <= mem.byteLength) {
    const info = dv.getUint32(p, true);
    const size = info & ~3;
    if (size === 0)
      return p >= mem.byteLength - 64 && blocks > 0
        ? { types, free, live, blocks, tail: p, largest: largest.sort((x, y) => y.bytes - x.bytes).slice(0, 8) }
        : null; // the tail block
    if (size < 12 || p + 4 + size > mem.byteLength || size % 4 !== 0) return null;
    blocks++;
    if (info & 1) free += size + 4;
    else {
      live += size + 4;
      const rtId = dv.getUint32(p + 12, true);
      const t = types.get(rtId) ?? { bytes: 0, count: 0, sample: null };
      t.bytes += size + 4;
      largest.push({ at: p, bytes: size + 4, rtId });
      if (largest.length > 64) {
        largest.sort((x, y) => y.bytes - x.bytes);
        largest.length = 8;
      }
      t.count++;
      if (!t.sample) t.sample = Buffer.from(mem.subarray(p + 20, p + 20 + Math.min(48, size - 16)));
      types.set(rtId, t);
    }
    p += 4 + size;
  }
  return null;
}

const wasm = readFileSync(wasmPath);
const host = await Host.load(wasm, HOST_OPTIONS);
if (!host.startPlugin(catalogConfig(tools))) throw new Error("configuration rejected");
const mem = host.memory.bytes();
const base = (dataEnd(wasm) + 15) & ~15;
let result = null;
// TLSF's root (1,572 bytes on wasm32) sits at the 16-aligned heap base (after static data and the shadow stack);
// the first block follows it at the next 16-aligned payload. Try each 16-aligned root position from the data end.
// The root's last word (at HL_END = 1,568) points at the tail block the walk must end on: that rejects a walk that
// started inside other data and happened to chain to the tail.
const ROOT_SIZE = 1572;
const HL_END = 1568;
const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
for (let r = base; r < base + 1048576 && !result; r += 16) {
  const c = census(mem, ((r + ROOT_SIZE + 4 + 15) & ~15) - 4);
  if (c && dv.getUint32(r + HL_END, true) === c.tail) result = c;
}
if (!result) {
  console.log("heap walk failed (layout not recognised)");
  process.exit(1);
}
const mib = (n) => (n / 1048576).toFixed(2);
const names = { 0: "Object", 1: "ArrayBuffer", 2: "String" };
console.log(
  `${tools} tools: linear memory ${mib(mem.byteLength)} MiB; heap blocks ${result.blocks}: live ${mib(result.live)} MiB, free ${mib(result.free)} MiB`,
);
let objects = 0;
for (const t of result.types.values()) objects += t.count;
console.log(
  `live objects ${objects}; largest live blocks: ${result.largest.map((b) => `${(b.bytes / 1024).toFixed(0)} KiB (rtId ${b.rtId})`).join(", ")}`,
);
console.log("\n| rtId | objects | live MiB | sample |\n|---:|---:|---:|---|");
for (const [id, t] of [...result.types.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
  const text =
    id === 2 ? JSON.stringify(Buffer.from(t.sample).toString("utf16le").slice(0, 24)) : t.sample.toString("hex").slice(0, 32);
  console.log(`| ${id}${names[id] ? ` ${names[id]}` : ""} | ${t.count} | ${mib(t.bytes)} | ${text} |`);
}
