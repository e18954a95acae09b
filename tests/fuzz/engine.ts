// Runs a fuzz target for N cases on one VM, catching traps and broken invariants,
// and replays a failing case on build/debug.wasm for a symbolized stack.
import { existsSync } from "node:fs";
import { InvariantError, WASM } from "./harness.js";
import { hash32, Rng } from "./prng.js";
import type { Target, TargetState } from "./targets.js";

/** One failing case. */
export interface Failure {
  target: string;
  seed: string;
  index: number;
  kind: "trap" | "invariant" | "host-error";
  message: string;
  /** What the case fed the VM. */
  trace: unknown[];
  /** Stack of the trap replayed on build/debug.wasm (name section), when available. */
  debugStack?: string;
}

/** Result of one target run. */
export interface RunResult {
  target: string;
  seed: string;
  cases: number;
  traps: number;
  invariants: number;
  failures: Failure[];
  ms: number;
  /** WebAssembly memory size at the end, bytes. */
  memoryBytes: number;
}

/** Options of runTarget. */
export interface RunOptions {
  cases: number;
  seed: string;
  wasm?: string;
  /** Keep at most this many failures (default 20). */
  maxFailures?: number;
  /** Replay traps on build/debug.wasm (default true). */
  replayOnDebug?: boolean;
  /** Called every `progressEvery` cases. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
}

/** The Rng of case `index` of `target` under `seed`. */
export function caseRng(seed: string, target: string, index: number): Rng {
  return new Rng(hash32(`${seed}:${target}:${index}`));
}

/** Runs one case; returns a Failure or null. The state's VM is re-created after a trap. */
export async function runCase(t: Target, st: TargetState, seed: string, index: number): Promise<Failure | null> {
  st.trace = [];
  let failure: Failure | null = null;
  try {
    t.run(st, caseRng(seed, t.name, index), index);
  } catch (e) {
    const trap = st.host.failed;
    const kind = trap ? "trap" : e instanceof InvariantError ? "invariant" : "host-error";
    const msg = trap ? `${String(st.host.failure)} (${(e as Error).message})` : ((e as Error).stack ?? String(e));
    failure = { target: t.name, seed, index, kind, message: msg, trace: st.trace };
  }
  if (!failure && st.host.failed)
    failure = { target: t.name, seed, index, kind: "trap", message: String(st.host.failure), trace: st.trace };
  if (st.host.failed || failure?.kind === "host-error") st = Object.assign(st, await t.setup(st.wasm));
  return failure;
}

/** Replays a case on build/debug.wasm and returns the trap's stack (or a note). */
export async function replayOnDebug(t: Target, seed: string, index: number): Promise<string> {
  if (!existsSync(WASM.debug)) return `(${WASM.debug} is not built: npm run build:debug, then replay with the same seed)`;
  const st = await t.setup(WASM.debug);
  try {
    t.run(st, caseRng(seed, t.name, index), index);
  } catch {
    /* the failure itself is reported by the caller */
  }
  if (!st.host.failed) return "(not reproduced on a fresh debug VM: depends on earlier cases)";
  const f = st.host.failure as Error;
  const logs = st.host.getLogs("critical").join("\n");
  return `${logs}\n${f?.stack ?? String(f)}`;
}

/** Runs `cases` cases of target `t`. */
export async function runTarget(t: Target, o: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const st = await t.setup(o.wasm ?? WASM.higress);
  const res: RunResult = { target: t.name, seed: o.seed, cases: 0, traps: 0, invariants: 0, failures: [], ms: 0, memoryBytes: 0 };
  const max = o.maxFailures ?? 20;
  for (let i = 0; i < o.cases; i++) {
    const f = await runCase(t, st, o.seed, i);
    res.cases++;
    if (f) {
      if (f.kind === "trap") res.traps++;
      else res.invariants++;
      if (res.failures.length < max) {
        if (f.kind === "trap" && o.replayOnDebug !== false) f.debugStack = await replayOnDebug(t, o.seed, i);
        res.failures.push(f);
      }
    }
    if (o.onProgress && (i + 1) % (o.progressEvery ?? 10_000) === 0) o.onProgress(i + 1);
  }
  res.ms = Date.now() - started;
  res.memoryBytes = st.host.memory.bytes().byteLength;
  return res;
}
