// Deterministic xorshift32 PRNG for the fuzz specs (no Math.random: it would
// import env.seed, and runs must be reproducible).

/** xorshift32 generator. */
export class Rng {
  constructor(public s: u32) {}
  next(): u32 {
    let x = this.s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.s = x;
    return x;
  }
  /** Uniform-ish integer in [0, n). */
  below(n: i32): i32 {
    return n <= 0 ? 0 : <i32>(this.next() % <u32>n);
  }
}
