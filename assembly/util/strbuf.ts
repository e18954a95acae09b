// A growable UTF-16 string builder: linear-time appends (AS string `+=` copies
// the whole string each time, quadratic for large bodies).

/** Growable string builder. */
export class StrBuf {
  private buf: ArrayBuffer;
  private len: i32 = 0;

  constructor(capacityChars: i32 = 64) {
    this.buf = new ArrayBuffer(max(capacityChars, 16) << 1);
  }

  private ensure(extraBytes: i32): void {
    const need = this.len + extraBytes;
    if (need <= this.buf.byteLength) return;
    let cap = this.buf.byteLength << 1;
    while (cap < need) cap <<= 1;
    const nb = new ArrayBuffer(cap);
    memory.copy(changetype<usize>(nb), changetype<usize>(this.buf), <usize>this.len);
    this.buf = nb;
  }

  /** Append a whole string. */
  append(s: string): void {
    const bytes = s.length << 1;
    if (bytes == 0) return;
    this.ensure(bytes);
    memory.copy(changetype<usize>(this.buf) + <usize>this.len, changetype<usize>(s), <usize>bytes);
    this.len += bytes;
  }

  /** Append s[start, end). Out-of-range bounds are clamped. */
  appendRange(s: string, start: i32, end: i32): void {
    const a = max(0, min(start, s.length));
    const b = max(a, min(end, s.length));
    const bytes = (b - a) << 1;
    if (bytes == 0) return;
    this.ensure(bytes);
    memory.copy(changetype<usize>(this.buf) + <usize>this.len, changetype<usize>(s) + (<usize>a << 1), <usize>bytes);
    this.len += bytes;
  }

  /** Append one UTF-16 code unit. */
  appendCode(c: i32): void {
    this.ensure(2);
    store<u16>(changetype<usize>(this.buf) + <usize>this.len, <u16>c);
    this.len += 2;
  }

  /**
   * Make room for `chars` code units, count them as written and return where they go: the caller
   * stores exactly `chars` units there before the next call on this buffer.
   */
  reserve(chars: i32): usize {
    const bytes = chars << 1;
    this.ensure(bytes);
    const at = changetype<usize>(this.buf) + <usize>this.len;
    this.len += bytes;
    return at;
  }

  /** Number of UTF-16 code units written. */
  get length(): i32 {
    return this.len >> 1;
  }

  /** The built string. */
  toString(): string {
    return String.UTF16.decodeUnsafe(changetype<usize>(this.buf), <usize>this.len);
  }
}

/**
 * `parts.join(sep)` in one allocation. AssemblyScript's `Array<string>#join` concatenates with `+=`
 * (quadratic) whenever the module is built with a shrink level ≥ 1, as our release builds are.
 */
export function joinStrings(parts: Array<string>, sep: string): string {
  const n = parts.length;
  if (n == 0) return "";
  if (n == 1) return unchecked(parts[0]);
  let total = sep.length * (n - 1);
  for (let i = 0; i < n; i++) total += unchecked(parts[i]).length;
  const out = new StrBuf(total);
  for (let i = 0; i < n; i++) {
    if (i > 0) out.append(sep);
    out.append(unchecked(parts[i]));
  }
  return out.toString();
}
