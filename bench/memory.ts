// Memory rows: the plugin VM's linear memory in fresh VMs after one configure and after one large tools/call.
// Envoy runs one VM per worker thread, so every byte here is paid once per worker.
import { Host } from "../host/vm.js";
import { callConfig, catalogConfig, ECHO_TOOL } from "./configs.js";
import { mcpHeaders, timeRequest } from "./driver.js";
import { HOST_OPTIONS } from "./measure.js";
import { bytes, jsonArguments, toolsCall } from "./payloads.js";

/** One memory row: the VM's linear memory before and after the operation, and the target for `after − base`. */
export interface MemoryRow {
  name: string;
  /** linear memory of a fresh VM (module instantiated, before the operation) */
  base: number;
  /** linear memory after the operation (Wasm memory never shrinks: the peak) */
  after: number;
  /** target on `after` (configure) or on `after − base` (growth), in bytes */
  target: number;
  /** "total": judge `after`; "growth": judge `after − base` */
  judge: "total" | "growth";
  /** what the target is, for the report */
  targetText: string;
  error?: string;
}

const MiB = 1024 * 1024;

async function vm(wasm: Uint8Array): Promise<{ host: Host; base: number }> {
  const host = await Host.load(wasm, HOST_OPTIONS);
  return { host, base: host.memory.bytes().byteLength };
}

/** VM memory after one configure of `n` catalog tools (fresh VM). */
async function afterConfigure(wasm: Uint8Array, n: number): Promise<MemoryRow> {
  const row: MemoryRow = {
    name: `VM memory after configure of ${n.toLocaleString("en-US")} tools`,
    base: 0,
    after: 0,
    target: 16 * MiB,
    judge: "total",
    targetText: "≤ 16 MiB",
  };
  try {
    const { host, base } = await vm(wasm);
    row.base = base;
    if (!host.startPlugin(catalogConfig(n)))
      throw new Error(`configuration rejected: ${host.getLogs("error").slice(0, 3).join("; ")}`);
    row.after = host.memory.bytes().byteLength;
  } catch (e) {
    row.error = e instanceof Error ? e.message : String(e);
  }
  return row;
}

/** VM memory growth of one tools/call with a `size`-byte arguments object through a JSON body (fresh VM, configured). */
async function afterCall(wasm: Uint8Array, size: number): Promise<MemoryRow> {
  const body = bytes(toolsCall(ECHO_TOOL, jsonArguments(size)));
  const row: MemoryRow = {
    name: `VM memory for a ${size === 1e6 ? "1 MB" : `${size} B`} tools/call`,
    base: 0,
    after: 0,
    target: 4 * body.length,
    judge: "growth",
    targetText: `growth ≤ 4× the body (${((4 * body.length) / MiB).toFixed(1)} MiB)`,
  };
  try {
    const { host } = await vm(wasm);
    if (!host.startPlugin(callConfig())) throw new Error("configuration rejected");
    row.base = host.memory.bytes().byteLength;
    timeRequest(host, mcpHeaders(body.length), body, (s) =>
      s.requestState === "forwarded" ? null : `not forwarded (${s.requestState})`,
    );
    row.after = host.memory.bytes().byteLength;
  } catch (e) {
    row.error = e instanceof Error ? e.message : String(e);
  }
  return row;
}

/** The memory rows (filtered by `only` like the scenarios). */
export async function memoryRows(wasm: Uint8Array, only: string | null): Promise<MemoryRow[]> {
  const out: MemoryRow[] = [];
  const want = (name: string) => !only || name.includes(only);
  if (want("VM memory after configure of 1,000 tools")) out.push(await afterConfigure(wasm, 1000));
  if (want("VM memory for a 1 MB tools/call")) out.push(await afterCall(wasm, 1e6));
  return out;
}

/** Whether a memory row meets its target. */
export function memoryMet(r: MemoryRow): boolean {
  return !r.error && (r.judge === "total" ? r.after : r.after - r.base) <= r.target;
}

/** Markdown table of the memory rows. */
export function memoryTable(rows: MemoryRow[]): string {
  const mib = (n: number) => (n / MiB).toFixed(1);
  const lines = ["| memory | fresh VM MiB | after MiB | growth MiB | target |", "|---|---:|---:|---:|---|"];
  for (const r of rows) {
    if (r.error) lines.push(`| ${r.name} | ERROR: ${r.error.replace(/\|/g, "/").slice(0, 200)} | | | |`);
    else lines.push(`| ${r.name} | ${mib(r.base)} | ${mib(r.after)} | ${mib(r.after - r.base)} | ${r.targetText} |`);
  }
  return lines.join("\n");
}
