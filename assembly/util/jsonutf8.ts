// JSON string escaping from UTF-8 bytes straight into UTF-8 bytes: the raw response path without
// UTF-16 round trips. The output is byte for byte what `quoteJson(decodeUtf8Lossy(bytes))` encoded
// as UTF-8 gives (without the quotes):
//   - every invalid sequence start becomes U+FFFD (EF BF BD) and decoding resumes at the next byte,
//     as util/utf8.ts decodeUtf8Lossy does (same `seqLen` rules: RFC 3629, no overlongs, no
//     surrogates, ≤ U+10FFFF), so the output never holds a lone surrogate;
//   - valid multi-byte sequences are copied as they are;
//   - `"` and `\` and the controls are escaped as util/jsonstring.ts writes them (`\n`, `\u0000`, …).
// Two passes, both linear: `jsonEscapedUtf8Length` sizes the output exactly, `writeJsonEscapedUtf8`
// fills it, copying each run of safe bytes with one memory.copy (a short one as two 8-byte words).
// Blocks of 8 ASCII bytes are classified at once (SWAR): the `"` and `\` in them are counted with a
// popcount and visited with ctz; controls and non-ASCII bytes go byte by byte.
import { seqLen } from "./utf8";
import { HEXL, escapeLetter, unitEscapedLength } from "./jsonstring";

const L8: u64 = 0x0101010101010101;
const H8: u64 = 0x8080808080808080;

/** Bytes the escape of ASCII byte `c` takes (1 when it needs none): the UTF-16 quoter's policy. */
// @ts-ignore: decorator
@inline function asciiEscapedLength(c: u32): usize {
  return <usize>unitEscapedLength(c);
}

const LOW7: u64 = 0x7f7f7f7f7f7f7f7f;

/**
 * Exact per-byte flags (0x80 in each lane) of the `"` and `\` bytes of `x`, an all-ASCII block, or
 * H8 when a control byte is in it (the caller then goes byte by byte). Lane by lane, no carries:
 * (v & 0x7f) + 0x7f reaches 0x80 iff v & 0x7f != 0, and (v & 0x7f) + 0x60 iff v >= 0x20.
 */
// @ts-ignore: decorator
@inline function quoteMask(x: u64): u64 {
  if ((~((x & LOW7) + L8 * 0x60) & H8) != 0) return H8;
  const q = x ^ (L8 * 0x22);
  const b = x ^ (L8 * 0x5c);
  return (~(((q & LOW7) + LOW7) | q) | ~(((b & LOW7) + LOW7) | b)) & H8;
}

/** Length in bytes of the JSON-escaped lossy decoding of the `n` bytes at `src` (no quotes). */
export function jsonEscapedUtf8Length(src: usize, n: usize): usize {
  let extra: usize = 0;
  let p: usize = 0;
  while (p < n) {
    while (p + 8 <= n) {
      const x = load<u64>(src + p);
      if ((x & H8) != 0) break;
      const m = quoteMask(x);
      if (m == H8) break;
      extra += <usize>popcnt(m); // each `"` or `\` takes one byte more
      p += 8;
    }
    if (p >= n) break;
    const c = <u32>load<u8>(src + p);
    if (c < 0x80) {
      extra += asciiEscapedLength(c) - 1;
      p++;
      continue;
    }
    // a run of non-ASCII sequences: valid ones are copied, each invalid byte becomes EF BF BD
    do {
      const k = seqLen(src, p, n);
      if (k > 0) p += <usize>k;
      else {
        extra += 2;
        p++;
      }
    } while (p < n && load<u8>(src + p) >= 0x80);
  }
  return n + extra;
}

/** Write the escape of ASCII byte `c` (one that needs one) at `q`; returns the end. */
// @ts-ignore: decorator
@inline function writeAsciiEscape(q: usize, c: u32): usize {
  store<u8>(q, 0x5c);
  const e = escapeLetter(c);
  if (e != 0) {
    store<u8>(q, <u8>e, 1);
    return q + 2;
  }
  // c < 0x20: \u00XX
  const h = changetype<usize>(HEXL);
  store<u8>(q, 0x75, 1);
  store<u8>(q, 0x30, 2);
  store<u8>(q, 0x30, 3);
  store<u8>(q, load<u16>(h + (<usize>(c >> 4) << 1)), 4);
  store<u8>(q, load<u16>(h + (<usize>(c & 15) << 1)), 5);
  return q + 6;
}

/**
 * Write the JSON-escaped lossy decoding of the `n` bytes at `src` at `dst`, which has room for
 * `jsonEscapedUtf8Length(src, n)` bytes; returns the end of what was written.
 */
export function writeJsonEscapedUtf8(src: usize, n: usize, dst: usize): usize {
  let q = dst;
  let p: usize = 0;
  let seg: usize = 0;
  while (p < n) {
    while (p + 8 <= n) {
      const x = load<u64>(src + p);
      if ((x & H8) != 0) break;
      let m = quoteMask(x);
      if (m == H8) break;
      while (m != 0) {
        const at = p + (<usize>ctz(m) >> 3);
        const run = at - seg;
        // The output still has room for at least n - seg bytes (every input byte yields one or
        // more), so a short run moves as two 8-byte words when n - seg >= 16 (the bytes past the
        // run are overwritten by what follows): much cheaper than a memory.copy call per quote.
        if (run <= 16 && n - seg >= 16) {
          store<u64>(q, load<u64>(src + seg));
          store<u64>(q, load<u64>(src + seg, 8), 8);
        } else memory.copy(q, src + seg, run);
        q += run;
        store<u8>(q, 0x5c);
        store<u8>(q, load<u8>(src + at), 1);
        q += 2;
        seg = at + 1;
        m &= m - 1;
      }
      p += 8;
    }
    if (p >= n) break;
    const c = <u32>load<u8>(src + p);
    if (c < 0x80) {
      if (c >= 0x20 && c != 0x22 && c != 0x5c) {
        p++;
        continue;
      }
      if (p != seg) memory.copy(q, src + seg, p - seg);
      q = writeAsciiEscape(q + (p - seg), c);
      seg = ++p;
      continue;
    }
    let k = seqLen(src, p, n);
    while (k > 0) {
      p += <usize>k; // valid sequences stay in the run
      k = p < n && load<u8>(src + p) >= 0x80 ? seqLen(src, p, n) : -1;
    }
    if (k < 0) continue;
    memory.copy(q, src + seg, p - seg);
    q += p - seg;
    store<u8>(q, 0xef);
    store<u8>(q, 0xbf, 1);
    store<u8>(q, 0xbd, 2);
    q += 3;
    seg = ++p;
  }
  memory.copy(q, src + seg, n - seg);
  return q + (n - seg);
}

/**
 * `prefix` + JSON-escaped lossy decoding of `body` + `suffix` as one UTF-8 buffer (prefix and suffix
 * are UTF-8 bytes already), allocated once at its exact size.
 */
export function wrapJsonEscapedUtf8(prefix: ArrayBuffer, body: ArrayBuffer, suffix: ArrayBuffer): ArrayBuffer {
  const src = changetype<usize>(body);
  const n = <usize>body.byteLength;
  const pn = <usize>prefix.byteLength;
  const sn = <usize>suffix.byteLength;
  const mid = jsonEscapedUtf8Length(src, n);
  const out = new ArrayBuffer(<i32>(pn + mid + sn));
  const o = changetype<usize>(out);
  memory.copy(o, changetype<usize>(prefix), pn);
  const end = writeJsonEscapedUtf8(src, n, o + pn);
  memory.copy(end, changetype<usize>(suffix), sn);
  return out;
}
