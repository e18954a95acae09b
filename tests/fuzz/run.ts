// Long fuzz runs: node dist/tests/fuzz/run.js --cases N [--seed S] [--target T[,T]] [--wasm path] [--memory N] [--out dir]
// Prints the seed, per-target cases / traps / invariant failures; writes each failure as JSON to --out.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runTarget, type RunResult } from "./engine.js";
import { KNOWN_BUGS, ROOT } from "./harness.js";
import { memoryRun } from "./memory.js";
import { TARGETS } from "./targets.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(arg("cases") ?? "10000");
// The default seed is derived from the wall clock once and printed; results depend only on it.
const seed = arg("seed") ?? String(Date.now() % 1_000_000_007);
const names = cases > 0 ? (arg("target") ?? Object.keys(TARGETS).join(",")).split(",").filter(Boolean) : [];
const wasm = arg("wasm") ? path.resolve(arg("wasm")!) : undefined;
const out = path.resolve(arg("out") ?? path.join(ROOT, "build/fuzz"));
const memoryCalls = Number(arg("memory") ?? "0");

console.log(`fuzz: seed=${seed} cases=${cases} targets=${names.join(",")} wasm=${wasm ?? "build/higress.wasm"}`);
let bad = 0;
const results: RunResult[] = [];
for (const name of names) {
  const t = TARGETS[name];
  if (!t) {
    console.error(`unknown target ${name} (known: ${Object.keys(TARGETS).join(", ")})`);
    process.exit(2);
  }
  const r = await runTarget(t, {
    cases,
    seed,
    wasm,
    onProgress: (n) => console.log(`  ${name}: ${n} cases`),
    progressEvery: Math.max(10_000, Math.floor(cases / 10)),
  });
  results.push(r);
  console.log(
    `${name}: cases=${r.cases} traps=${r.traps} invariant_failures=${r.invariants} time=${(r.ms / 1000).toFixed(1)}s memory=${(r.memoryBytes / 1048576).toFixed(1)}MiB`,
  );
  for (const f of r.failures) {
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `${f.target}-${seed}-${f.index}.json`);
    writeFileSync(file, JSON.stringify(f, null, 2));
    console.log(`  ${f.kind} at case ${f.index}: ${f.message.split("\n")[0].slice(0, 300)}\n    reproducer: ${file}`);
    if (f.debugStack)
      console.log(
        f.debugStack
          .split("\n")
          .slice(0, 25)
          .map((l) => "    " + l)
          .join("\n"),
      );
  }
  bad += r.traps + r.invariants;
}
if (memoryCalls > 0) {
  const m = await memoryRun(memoryCalls, seed, wasm);
  console.log(
    `memory: calls=${m.calls} time=${(m.ms / 1000).toFixed(1)}s bytes after warm-up=${m.warmBytes} at end=${m.endBytes} max=${m.maxBytes} growth=${m.endBytes - m.warmBytes}`,
  );
}
const total = results.reduce((n, r) => n + r.cases, 0);
const traps = results.reduce((n, r) => n + r.traps, 0);
console.log(`total: cases=${total} traps=${traps} invariant_failures=${bad - traps}`);
if (KNOWN_BUGS.invalidUtf8Replies)
  console.log(
    `known bug: ${KNOWN_BUGS.invalidUtf8Replies} replies with invalid UTF-8 (first: ${KNOWN_BUGS.example}); FUZZ_LENIENT_UTF8=1 counts instead of failing`,
  );
process.exit(bad > 0 ? 1 : 0);
