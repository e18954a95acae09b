// Deterministic seeded PRNG (sfc32) and value helpers for the fuzz targets.
// Nothing here uses Math.random: a (seed, target, case) triple always yields the same case.

/** 32-bit FNV-1a hash of a string (used to derive per-case seeds). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Small fast PRNG (sfc32) with helpers; seeded from a number or string. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const s = typeof seed === "string" ? hash32(seed) : seed >>> 0;
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = s;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next uint32. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.float() * n);
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Size skewed towards small values: mostly < 16, sometimes up to max. */
  size(max: number): number {
    const r = this.float();
    if (r < 0.6) return this.int(Math.min(16, max + 1));
    if (r < 0.9) return this.int(Math.min(256, max + 1));
    return this.int(max + 1);
  }

  /** Random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }

  /** Random indices in [1, len) at which to split a body (sorted, may repeat → empty chunks). */
  splitPoints(len: number, maxChunks: number): number[] {
    const n = this.int(maxChunks);
    const pts: number[] = [];
    for (let i = 0; i < n; i++) pts.push(this.range(0, len));
    return pts.sort((x, y) => x - y);
  }
}

/** Splits `body` at `points` (sorted offsets) into chunks; empty chunks are kept. */
export function splitAt(body: Uint8Array, points: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(body.subarray(prev, p));
    prev = p;
  }
  out.push(body.subarray(prev));
  return out;
}
