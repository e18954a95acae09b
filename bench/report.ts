// Output: the one results table (markdown), release sizes, targets, machine description.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import type { Row } from "./measure.js";
import { type MemoryRow, memoryMet } from "./memory.js";

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
      lines.push(
        `| ${r.name} | ${fmtMs(r.plugin.median)} | ${fmtMs(r.plugin.p10)}–${fmtMs(r.plugin.p90)} | (not measured) | – | ${mib(r.vmBytes)} | ${r.plugin.n} |`,
      );
      continue;
    }
    lines.push(
      `| ${r.name} | ${fmtMs(r.plugin.median)} | ${fmtMs(r.plugin.p10)}–${fmtMs(r.plugin.p90)} | ` +
        `${fmtMs(r.noop.median)} + ${fmtMs(r.json.median)} = ${fmtMs(r.floor)} | ${r.ratio.toFixed(1)}× | ${mib(r.vmBytes)} | ${r.plugin.n} |`,
    );
  }
  for (const s of sizes) {
    lines.push(`| size ${s.file} | ${group(s.bytes)} B | gzip ${group(s.gzip)} B | | | | |`);
  }
  return lines.join("\n");
}

/** Ratio targets of the issue-19 table: scenario name -> highest plugin/floor ratio. */
export const RATIO_TARGETS: Map<string, number> = new Map([
  ["tools/call json body, args 200 B", 4],
  ["tools/call path+query+header args", 4],
  ["tools/call json body, args 10 KB", 2],
  ["tools/call json body, args 1 MB", 2],
  ["tools/call string arg 1 MB", 2],
  ["tools/call string arg 1 MB, escapes", 2],
  ["response raw 100 KB", 2],
  ["response raw 1 MB", 2],
  ["response range template 100 KB", 4],
  ["response range template 1 MB", 4],
]);

/** Time targets: scenario name -> [statistic judged, highest ms]. */
export const TIME_TARGETS: Map<string, ["median" | "p90", number]> = new Map([
  ["tools/list 1,000 tools", ["p90", 1]],
  ["configure 1,000 tools", ["median", 50]],
]);

/**
 * Project targets, each with its measured value (median and p90 side by side) and met/missed;
 * `twins` maps an escape-heavy row to its plain twin; `memory` are the memory rows.
 */
export function targets(
  rows: Row[],
  sizes: SizeRow[],
  twins: Map<string, string> = new Map(),
  memory: MemoryRow[] = [],
): string[] {
  const out: string[] = [];
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const spread = (r: Row) => `median ${fmtMs(r.plugin!.median)} ms, p90 ${fmtMs(r.plugin!.p90)} ms`;
  for (const r of rows) {
    const twin = rows.find((t) => t.name === twins.get(r.name));
    if (!r.plugin || r.error || !twin || !twin.plugin || twin.error) continue;
    const ratio = r.plugin.median / twin.plugin.median;
    out.push(
      `${r.name}: ${ratio.toFixed(2)}× its plain twin "${twin.name}" (p90 ${(r.plugin.p90 / twin.plugin.p90).toFixed(2)}×; target ≤ 2×) ${verdict(ratio <= 2)}`,
    );
  }
  for (const r of rows) {
    if (!r.plugin || r.error) continue;
    const limit = RATIO_TARGETS.get(r.name);
    if (limit !== undefined && Number.isFinite(r.ratio)) {
      out.push(
        `${r.name}: ${r.ratio.toFixed(1)}× floor, p90 ${(r.plugin.p90 / r.floor).toFixed(1)}× (${spread(r)}; target ≤ ${limit}×) ${verdict(r.ratio <= limit)}`,
      );
    }
    const time = TIME_TARGETS.get(r.name);
    if (time) out.push(`${r.name}: ${spread(r)} (target ${time[0]} ≤ ${time[1]} ms) ${verdict(r.plugin[time[0]] <= time[1])}`);
  }
  for (const m of memory) {
    const value = m.judge === "total" ? m.after : m.after - m.base;
    out.push(
      `${m.name}: ${m.error ? `ERROR ${m.error}` : `${mib(value)} MiB${m.judge === "growth" ? ` growth (${mib(m.after)} MiB in all)` : ""}`} (target ${m.targetText}) ${verdict(memoryMet(m))}`,
    );
  }
  const h = sizes.find((s) => s.file.endsWith("higress.wasm"));
  if (h)
    out.push(
      `size ${h.file}: ${group(h.bytes)} B, gzip ${group(h.gzip)} B (target ≤ 100 KB = 102,400 B) ${verdict(h.bytes <= 102400)}`,
    );
  return out;
}

/** nproc, CPU model, Node version, 1-minute load average at start and end (other work on the machine skews timings). */
export function machine(loadAtStart: number): string {
  const c = cpus();
  return (
    `${c.length} CPUs (${c[0]?.model ?? "unknown"}), Node ${process.version}, ${process.platform}-${process.arch}, ` +
    `1-min load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`
  );
}
