// Output: the one results table (markdown), release sizes, targets, machine description.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import type { Row } from "./measure.js";

/** A release module's size. */
export interface SizeRow {
  file: string;
  bytes: number;
  gzip: number;
}

/** Bytes and gzip -9 bytes (node:zlib) of a file. */
export function sizeOf(path: string, label: string): SizeRow {
  const data = readFileSync(path);
  return { file: label, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** Milliseconds with 3 significant digits (at least 3 decimals below 1 ms). */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(2);
  return ms.toFixed(0);
}

function mib(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

function group(n: number): string {
  return n.toLocaleString("en-US");
}

/** The table: one row per scenario, then one per release module. */
export function table(rows: Row[], sizes: SizeRow[]): string {
  const head = ["scenario", "median ms", "p10–p90 ms", "floor ms (no-op + json)", "× floor", "VM MiB", "n"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  for (const r of rows) {
    if (r.error || !r.plugin) {
      lines.push(`| ${r.name} | ERROR: ${(r.error ?? "not measured").replace(/\|/g, "/").slice(0, 200)} | | | | | |`);
      continue;
    }
    if (!r.noop || !r.json) {
      lines.push(`| ${r.name} | ${fmtMs(r.plugin.median)} | ${fmtMs(r.plugin.p10)}–${fmtMs(r.plugin.p90)} | (not measured) | – | ${mib(r.vmBytes)} | ${r.plugin.n} |`);
      continue;
    }
    lines.push(`| ${r.name} | ${fmtMs(r.plugin.median)} | ${fmtMs(r.plugin.p10)}–${fmtMs(r.plugin.p90)} | ` +
      `${fmtMs(r.noop.median)} + ${fmtMs(r.json.median)} = ${fmtMs(r.floor)} | ${r.ratio.toFixed(1)}× | ${mib(r.vmBytes)} | ${r.plugin.n} |`);
  }
  for (const s of sizes) {
    lines.push(`| size ${s.file} | ${group(s.bytes)} B | gzip ${group(s.gzip)} B | | | | |`);
  }
  return lines.join("\n");
}

/** Project targets, each with its measured value and met/missed; `twins` maps an escape-heavy row to its plain twin. */
export function targets(rows: Row[], sizes: SizeRow[], twins: Map<string, string> = new Map()): string[] {
  const out: string[] = [];
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  for (const r of rows) {
    const twin = rows.find((t) => t.name === twins.get(r.name));
    if (!r.plugin || r.error || !twin || !twin.plugin || twin.error) continue;
    const ratio = r.plugin.median / twin.plugin.median;
    out.push(`${r.name}: ${ratio.toFixed(2)}× its plain twin "${twin.name}" (target ≤ 2×) ${verdict(ratio <= 2)}`);
  }
  for (const r of rows) {
    if (!r.plugin || r.error) continue;
    if (r.name.startsWith("tools/call") && Number.isFinite(r.ratio)) out.push(`${r.name}: ${r.ratio.toFixed(1)}× floor (target ≤ 2×) ${verdict(r.ratio <= 2)}`);
    if (r.name === "tools/list 1,000 tools") out.push(`${r.name}: ${fmtMs(r.plugin.median)} ms (target ≤ 2 ms) ${verdict(r.plugin.median <= 2)}`);
    if (r.name === "configure 1,000 tools") out.push(`${r.name}: ${fmtMs(r.plugin.median)} ms (target ≤ 50 ms) ${verdict(r.plugin.median <= 50)}`);
  }
  const h = sizes.find((s) => s.file.endsWith("higress.wasm"));
  if (h) out.push(`size ${h.file}: ${group(h.bytes)} B (target ≤ 100 KB = 102,400 B) ${verdict(h.bytes <= 102400)}`);
  return out;
}

/** nproc, CPU model, Node version, 1-minute load average at start and end (other work on the machine skews timings). */
export function machine(loadAtStart: number): string {
  const c = cpus();
  return `${c.length} CPUs (${c[0]?.model ?? "unknown"}), Node ${process.version}, ${process.platform}-${process.arch}, ` +
    `1-min load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`;
}
