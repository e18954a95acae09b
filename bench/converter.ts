// Converter scenario of `npm run bench`: a generated N-operation OpenAPI document with shared
// components (bench/openapi-gen.ts) converted in a child process (time per phase, peak RSS,
// output bytes), then the config loaded by the plugin (configure time).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Host } from "../host/vm.js";

/** One converter measurement. */
export interface ConverterRow {
  operations: number;
  inputBytes: number;
  loadMs: number;
  convertMs: number;
  serializeMs: number;
  peakRssMiB: number;
  outputBytes: number;
  mibPer500: number;
  pluginConfigureMs: number;
}

/** Child side: argv = [operations, dir]; prints one JSON line. */
async function child(operations: number, dir: string): Promise<void> {
  const { generateOpenApi } = await import("./openapi-gen.js");
  const { load } = await import("../converter/load.js");
  const { convert } = await import("../converter/convert.js");
  const { serialize } = await import("../converter/serialize.js");
  const input = join(dir, "api.json");
  const text = JSON.stringify(generateOpenApi(operations));
  writeFileSync(input, text);
  let t = performance.now();
  const doc = await load(input);
  const loadMs = performance.now() - t;
  t = performance.now();
  const { config } = convert(doc);
  const convertMs = performance.now() - t;
  t = performance.now();
  const yaml = serialize(config);
  const serializeMs = performance.now() - t;
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const outputBytes = Buffer.byteLength(yaml);
  process.stdout.write(
    JSON.stringify({
      operations,
      inputBytes: text.length,
      loadMs,
      convertMs,
      serializeMs,
      peakRssMiB,
      outputBytes,
      mibPer500: (outputBytes * 500) / operations / 1048576,
    }) + "\n",
  );
}

/** Runs the scenario (converter in a fresh process, then the plugin's configure on its output). */
export async function converterBench(wasm: string, operations = 1000): Promise<ConverterRow> {
  const dir = mkdtempSync(join(tmpdir(), "bench-converter-"));
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(operations), dir], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`converter child failed: ${r.stderr}`);
  const row = JSON.parse(r.stdout.trim()) as ConverterRow;
  const configJson = readFileSync(join(dir, "config.json"), "utf8");
  const host = await Host.load(wasm, { logLevel: "error" });
  const t = performance.now();
  const ok = host.startPlugin(configJson);
  row.pluginConfigureMs = performance.now() - t;
  if (!ok) throw new Error(`plugin refused the converted config: ${host.getLogs("error").join("\n")}`);
  return row;
}

/** Markdown table of converter rows. */
export function converterTable(rows: ConverterRow[]): string {
  const head =
    "| converter scenario | input | load | convert | serialize | peak RSS | output | per 500 ops | plugin configure |\n|---|---|---|---|---|---|---|---|---|";
  const lines = rows.map(
    (r) =>
      `| ${r.operations} operations, shared components | ${(r.inputBytes / 1024).toFixed(0)} KiB | ${r.loadMs.toFixed(0)} ms | ${r.convertMs.toFixed(0)} ms | ` +
      `${r.serializeMs.toFixed(0)} ms | ${r.peakRssMiB.toFixed(0)} MiB | ${(r.outputBytes / 1048576).toFixed(2)} MiB | ${r.mibPer500.toFixed(2)} MiB | ${r.pluginConfigureMs.toFixed(0)} ms |`,
  );
  return [head, ...lines].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.length === 4) {
  await child(Number(process.argv[2]), process.argv[3]);
}
