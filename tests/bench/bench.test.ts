// Smoke test of `npm run bench -- --quick`: every scenario prints a row with a numeric value. Never asserts on speed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { itemsDocument, jsonArguments } from "../../bench/payloads.js";
import { ROOT } from "../../bench/run.js";
import { SCENARIO_NAMES } from "../../bench/scenarios.js";
import { percentile, summarize } from "../../bench/stats.js";

const run = promisify(execFile);

test("payloads have the exact requested size and are valid JSON", () => {
  for (const n of [200, 1000, 10_000]) {
    assert.equal(itemsDocument(n).length, n);
    assert.equal(jsonArguments(n).length, n);
    assert.equal(typeof JSON.parse(jsonArguments(n)).data.items.length, "number");
  }
});

test("percentiles interpolate between closest ranks", () => {
  assert.equal(percentile([1, 2, 3, 4, 5], 50), 3);
  assert.equal(percentile([10, 20], 10), 11);
  assert.deepEqual(summarize([5, 1, 3]), { median: 3, p10: 1.4, p90: 4.6, n: 3 });
});

test("bench --quick prints one numeric row per scenario and the release sizes", { timeout: 300_000 }, async () => {
  if (!existsSync(join(ROOT, "build/bench/noop.wasm")) || !existsSync(join(ROOT, "build/bench/jsonfloor.wasm"))) {
    await run(process.execPath, [join(ROOT, "bench/build.mjs"), "--wasm-only"], { cwd: ROOT, maxBuffer: 64 << 20 });
  }
  assert.ok(existsSync(join(ROOT, "build/higress.wasm")), "build/higress.wasm must be built first (npm run build)");
  const { stdout } = await run(process.execPath, [join(ROOT, "dist/bench/run.js"), "--quick"], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
    assert.fail(`bench exited with an error: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  });
  const cells = (line: string) =>
    line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const rows = new Map(
    stdout
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .map((l) => [cells(l)[0], cells(l)]),
  );
  assert.ok(SCENARIO_NAMES.length >= 17);
  for (const name of SCENARIO_NAMES) {
    const row = rows.get(name);
    assert.ok(row, `no row for scenario "${name}"`);
    assert.match(row[1], /^\d+(\.\d+)?$/, `median of "${name}" is not numeric: ${row[1]}`);
    assert.match(row[3], /= \d+(\.\d+)?$/, `floor of "${name}" is not numeric: ${row[3]}`);
    assert.match(row[4], /^\d+(\.\d+)?×$/, `ratio of "${name}" is not numeric: ${row[4]}`);
  }
  for (const name of ["VM memory after configure of 1,000 tools", "VM memory for a 1 MB tools/call"]) {
    const row = rows.get(name);
    assert.ok(row, `no memory row "${name}"`);
    for (const cell of row.slice(1, 4))
      assert.match(cell, /^\d+\.\d$/, `memory row "${name}" is not numeric: ${row.join(" | ")}`);
  }
  assert.match(stdout, /^- tools\/list 1,000 tools: median [\d.]+ ms, p90 [\d.]+ ms \(target p90 ≤ 1 ms\) (met|MISSED)$/m);
  assert.match(stdout, /^- VM memory after configure of 1,000 tools: [\d.]+ MiB \(target ≤ 16 MiB\) (met|MISSED)$/m);
  const conv = rows.get("200 operations, shared components");
  assert.ok(conv, "no converter row");
  assert.match(conv[6], /^\d+\.\d\d MiB$/, `converter output is not numeric: ${conv[6]}`);
  assert.match(conv[8], /^\d+ ms$/, `plugin configure time is not numeric: ${conv[8]}`);
  for (const f of ["build/higress.wasm", "build/envoy.wasm"]) {
    const row = rows.get(`size ${f}`);
    assert.ok(row, `no size row for ${f}`);
    assert.match(row[1], /^[\d,]+ B$/);
    assert.match(row[2], /^gzip [\d,]+ B$/);
  }
});
