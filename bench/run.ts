// `npm run bench`: the plugin (build/higress.wasm) through the Node proxy-wasm host, scenario by scenario,
// against two floors measured in the same V8: a no-op proxy-wasm filter that only moves the body in and out
// (same host, same host calls) and json-as validate+parse+stringify of the same bytes. Prints one table.
//
// Options: --quick (every operation once, no warm-up: CI smoke), --only <substring> (scenario filter),
//          --wasm <path> (another plugin build, e.g. one with a name section for --cpu-prof),
//          --json <path> (also write the results as JSON), --no-floor (plugin only: for profiling).
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConverterRow, converterBench, converterTable } from "./converter.js";
import { JsonFloor } from "./floors.js";
import { measure, type Modules, type Row } from "./measure.js";
import { type MemoryRow, memoryRows, memoryTable } from "./memory.js";
import { machine, type SizeRow, sizeOf, table, targets } from "./report.js";
import { SCENARIOS } from "./scenarios.js";
import { FULL_PLAN, QUICK_PLAN } from "./stats.js";

/** Repository root (this file runs from dist/bench/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Parsed command line. */
export interface Options {
  quick: boolean;
  only: string | null;
  wasm: string;
  json: string | null;
  floor: boolean;
}

/** Parses argv (without node and script). */
export function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, only: null, wasm: join(ROOT, "build", "higress.wasm"), json: null, floor: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") o.quick = true;
    else if (a === "--only" && i + 1 < argv.length) o.only = argv[++i];
    else if (a === "--wasm" && i + 1 < argv.length) o.wasm = argv[++i];
    else if (a === "--json" && i + 1 < argv.length) o.json = argv[++i];
    else if (a === "--no-floor") o.floor = false;
    else throw new Error(`unknown option ${a} (use --quick, --only <substring>, --wasm <path>, --json <path>, --no-floor)`);
  }
  return o;
}

/** Runs the selected scenarios; returns the rows and release sizes. */
export async function runBench(
  o: Options,
  log: (line: string) => void,
): Promise<{ rows: Row[]; sizes: SizeRow[]; memory: MemoryRow[] }> {
  const modules: Modules = {
    plugin: readFileSync(o.wasm),
    noop: readFileSync(join(ROOT, "build", "bench", "noop.wasm")),
    json: await JsonFloor.load(join(ROOT, "build", "bench", "jsonfloor.wasm")),
  };
  // Sizes first: the files may be rebuilt by someone else while the scenarios run.
  const sizes: SizeRow[] = [];
  for (const f of ["higress.wasm", "envoy.wasm"]) {
    try {
      sizes.push(sizeOf(join(ROOT, "build", f), `build/${f}`));
    } catch {
      log(`  build/${f}: missing (size not reported)`);
    }
  }
  const plan = o.quick ? QUICK_PLAN : FULL_PLAN;
  const rows: Row[] = [];
  for (const s of SCENARIOS) {
    if (o.only && !s.name.includes(o.only)) continue;
    const row = await measure(s, modules, plan, o.floor);
    log(`  ${s.name}: ${row.error ? `ERROR ${row.error}` : `${row.plugin!.median.toFixed(3)} ms`}`);
    rows.push(row);
  }
  const memory = await memoryRows(modules.plugin, o.only);
  for (const m of memory) log(`  ${m.name}: ${m.error ? `ERROR ${m.error}` : `${(m.after / 1048576).toFixed(1)} MiB`}`);
  return { rows, sizes, memory };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const loadAtStart = loadavg()[0];
  const progress = (l: string) => process.stderr.write(`${l}\n`);
  progress(`bench: ${relative(process.cwd(), o.wasm) || o.wasm}, ${o.quick ? "quick (1 run each)" : "full"} mode`);
  const { rows, sizes, memory } = await runBench(o, progress);
  console.log(
    `\nMachine: ${machine(loadAtStart)}. Plugin: ${relative(ROOT, o.wasm)}. Mode: ${o.quick ? "quick (1 run, no warm-up)" : "full"}.\n`,
  );
  console.log(table(rows, sizes));
  if (memory.length > 0) console.log("\n" + memoryTable(memory));
  const converterRows: ConverterRow[] = [];
  if (!o.only || "converter".includes(o.only) || o.only.includes("converter")) {
    progress("  converter: 1,000 generated operations");
    try {
      converterRows.push(await converterBench(o.wasm, o.quick ? 200 : 1000));
      console.log("\n" + converterTable(converterRows));
    } catch (e) {
      console.log(`\nconverter scenario: ERROR ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
  console.log("\nTargets:");
  const twins = new Map(SCENARIOS.filter((s) => s.twin).map((s) => [s.name, s.twin!]));
  for (const t of targets(rows, sizes, twins, memory)) console.log(`- ${t}`);
  if (o.json)
    writeFileSync(
      o.json,
      JSON.stringify({ machine: machine(loadAtStart), quick: o.quick, rows, sizes, memory, converter: converterRows }, null, 2),
    );
  if (rows.some((r) => r.error) || memory.some((m) => m.error)) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}
