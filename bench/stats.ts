// Sampling and statistics: warm-up, repeated runs timed with process.hrtime.bigint(), percentiles.

/** How many times to run an operation. */
export interface SamplePlan {
  /** Untimed warm-up runs (V8 tiers Wasm functions up from Liftoff to TurboFan while they get hot)… */
  warmup: number;
  /** …stopping early (after at least one) once warm-up took this long. */
  warmupBudgetMs: number;
  /** Timed runs: at least this many (slowMinSamples when the first run took more than slowMs)… */
  minSamples: number;
  slowMinSamples: number;
  slowMs: number;
  /** …at most this many… */
  maxSamples: number;
  /** …and stop once this much measured time has been spent (after minSamples). */
  budgetMs: number;
}

/** Full mode: up to 10 warm-up runs (≤ 300 ms), then 15–300 samples within ~500 ms (5 samples for runs over 50 ms). */
export const FULL_PLAN: SamplePlan = {
  warmup: 10,
  warmupBudgetMs: 300,
  minSamples: 15,
  slowMinSamples: 5,
  slowMs: 50,
  maxSamples: 300,
  budgetMs: 500,
};

/** --quick (CI smoke): every operation exactly once, no warm-up. */
export const QUICK_PLAN: SamplePlan = {
  warmup: 0,
  warmupBudgetMs: 0,
  minSamples: 1,
  slowMinSamples: 1,
  slowMs: 0,
  maxSamples: 1,
  budgetMs: 0,
};

/** Summary of a list of samples, in milliseconds. */
export interface Summary {
  median: number;
  p10: number;
  p90: number;
  n: number;
}

/**
 * Runs `op` per plan; `op` times its own critical section and returns it in nanoseconds
 * (so untimed setup and checks can live in the same function).
 */
export function sample(op: () => bigint, plan: SamplePlan): number[] {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < plan.warmup; i++) {
    op();
    if (Number(process.hrtime.bigint() - t0) / 1e6 > plan.warmupBudgetMs) break;
  }
  const out: number[] = [];
  let spent = 0;
  let min = plan.minSamples;
  while (out.length < plan.maxSamples && (out.length < min || spent < plan.budgetMs)) {
    const ms = Number(op()) / 1e6;
    if (out.length === 0 && ms > plan.slowMs) min = Math.min(min, plan.slowMinSamples);
    out.push(ms);
    spent += ms;
  }
  return out;
}

/** Times `fn` once; returns the elapsed nanoseconds. */
export function timeNs(fn: () => void): bigint {
  const t0 = process.hrtime.bigint();
  fn();
  return process.hrtime.bigint() - t0;
}

/** Percentile by linear interpolation between closest ranks (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, p10 and p90 of the samples. */
export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { median: percentile(s, 50), p10: percentile(s, 10), p90: percentile(s, 90), n: s.length };
}
