// The one JSON string decoder and the one quoter.
//
// Lone-surrogate policy (README "Argument encoding"): JSON output escapes a
// lone UTF-16 surrogate as `\uXXXX` (lowercase hex), so the text stays valid
// JSON and valid UTF-8 and loses nothing: a backend's JSON parser gets the
// same string the client sent. Non-JSON outputs (URL, query, header, form,
// text bodies) are UTF-8 encoded by util/utf8.ts `encodeUtf8`, which writes
// U+FFFD for a lone surrogate. Pairs are always kept as they are.
//
// Decoding is lenient and never traps: an unknown escape `\x` reads as `x`
// (as gjson reads it), a lone trailing backslash is kept, an unterminated
// literal runs to the end of its range. Linear time, one buffer.
import { StrBuf } from "./strbuf";

/** Lowercase hex digits of `\uXXXX` escapes (shared with util/jsonutf8.ts). */
export const HEXL = "0123456789abcdef";

// @ts-ignore: decorator
@inline function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const L16: u64 = 0x0001000100010001;
const H16: u64 = 0x8000800080008000;

/**
 * The escape at s[i] (a backslash), read within [i, end): its code unit and length packed as
 * (unit << 8) | length, or 0 when it is not a valid JSON escape (unknown letter, short or bad `\u`).
 * Shared by the decoder below and rest/scrub.ts (which maps decoded units back to raw offsets).
 */
export function jsonEscapeAt(s: string, i: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (i < 0 || i + 1 >= end) return 0;
  const p = changetype<usize>(s) + (<usize>i << 1);
  // i + 1 < end <= s.length: the unit after the backslash is in range
  const e = <i32>load<u16>(p, 2);
  if (e == 0x22 || e == 0x5c || e == 0x2f) return (e << 8) | 2;
  if (e == 0x6e) return (0x0a << 8) | 2;
  if (e == 0x74) return (0x09 << 8) | 2;
  if (e == 0x72) return (0x0d << 8) | 2;
  if (e == 0x62) return (0x08 << 8) | 2;
  if (e == 0x66) return (0x0c << 8) | 2;
  if (e != 0x75 || i + 6 > end) return 0;
  // i + 6 <= end: units i+2 .. i+5 are in range
  const v = hex4(p + 4);
  return v < 0 ? 0 : (v << 8) | 6;
}

/** The value of the 4 hex digits (UTF-16 units) at `p`, or -1 when one is not a hex digit. */
// @ts-ignore: decorator
@inline function hex4(p: usize): i32 {
  const a = hexVal(<i32>load<u16>(p));
  const b = hexVal(<i32>load<u16>(p, 2));
  const c = hexVal(<i32>load<u16>(p, 4));
  const d = hexVal(<i32>load<u16>(p, 6));
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

/** The unit escape letter `e` (not `u`) stands for: n t r b f mapped, any other letter itself. */
// @ts-ignore: decorator
@inline function simpleEscape(e: u32): u32 {
  if (e == 0x6e) return 0x0a;
  if (e == 0x74) return 0x09;
  if (e == 0x72) return 0x0d;
  if (e == 0x62) return 0x08;
  if (e == 0x66) return 0x0c;
  return e;
}

/** Index of the first backslash in s[i, end) (the address `p` of s; end <= its length), or end. */
// @ts-ignore: decorator
@inline function nextBackslash(p: usize, i: i32, end: i32): i32 {
  while (i + 4 <= end) {
    const x = load<u64>(p + (<usize>i << 1)) ^ (L16 * 0x5c);
    if (((x - L16) & ~x & H16) != 0) break;
    i += 4;
  }
  while (i < end && load<u16>(p + (<usize>i << 1)) != 0x5c) i++;
  return i;
}

/**
 * Decode the escaped contents s[start, end) of a JSON string (no quotes). Every escape reads at least
 * two units and writes one, so the output is sized to the input once and trimmed at the end.
 */
export function jsonUnescape(s: string, start: i32, end: i32): string {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  const p = changetype<usize>(s);
  let i = nextBackslash(p, start, end);
  if (i >= end) return start == 0 && end == s.length ? s : s.substring(start, end);
  const out = __new(<usize>(end - start) << 1, idof<string>());
  let q = out;
  let seg = start;
  while (i < end) {
    if (i + 1 >= end) break; // a lone trailing backslash is kept: it ends the last run
    // written so far <= read so far: the output still has room for end - seg units
    if (i != seg) q = moveRun(q, p + (<usize>seg << 1), i - seg, end - seg);
    // i + 1 < end: the escape letter is in range
    const e = <u32>load<u16>(p + (<usize>(i + 1) << 1));
    if (e != 0x75) {
      store<u16>(q, <u16>simpleEscape(e)); // `\x` reads as `x`
      i += 2;
    } else {
      // i + 6 <= end: the four hex digits are in range
      const v = i + 6 <= end ? hex4(p + (<usize>(i + 2) << 1)) : -1;
      if (v >= 0) {
        store<u16>(q, <u16>v);
        i += 6;
      } else {
        store<u16>(q, 0x75); // a bad `\u12` reads as "u12"
        i += 2;
      }
    }
    q += 2;
    seg = i;
    i = nextBackslash(p, i, end);
  }
  const run = <usize>(end - seg) << 1;
  memory.copy(q, p + (<usize>seg << 1), run);
  q += run;
  return changetype<string>(__renew(out, q - out));
}

/**
 * Decode the JSON string literal s[start, end) (with its quotes; the whole text
 * by default). Text that does not start with a quote is returned unchanged.
 */
export function decodeJsonString(s: string, start: i32 = 0, end: i32 = i32.MAX_VALUE): string {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  if (end - start < 1 || s.charCodeAt(start) != 0x22) return s.substring(start, end);
  const e = end - start >= 2 && s.charCodeAt(end - 1) == 0x22 ? end - 1 : end;
  return jsonUnescape(s, start + 1, e);
}

/** True when the escaped key s[ks, ke) decodes to `key` (no allocation when it has no escape). */
export function jsonKeyEquals(s: string, ks: i32, ke: i32, key: string): bool {
  if (ke > s.length) ke = s.length;
  if (ks < 0) ks = 0;
  if (nextBackslash(changetype<usize>(s), ks, ke) < ke) return jsonUnescape(s, ks, ke) == key;
  const n = ke - ks;
  if (n != key.length) return false;
  return memory.compare(changetype<usize>(s) + (<usize>ks << 1), changetype<usize>(key), <usize>n << 1) == 0;
}

const LOW15: u64 = 0x7fff7fff7fff7fff;

/** 0x8000 in each 16-bit lane of `t` that is zero (exact per lane: no carry leaves a lane). */
// @ts-ignore: decorator
@inline function zeroLanes(t: u64): u64 {
  return ~(((t & LOW15) + LOW15) | t) & H16;
}

/**
 * Exact lane flags of the `"` and `\` units among the 4 in `x`, or H16 when one of them is a control
 * or a surrogate (the caller then goes unit by unit).
 */
// @ts-ignore: decorator
@inline function quoteMask4(x: u64): u64 {
  if ((zeroLanes(x & (L16 * 0xffe0)) | zeroLanes((x & (L16 * 0xf800)) ^ (L16 * 0xd800))) != 0) return H16;
  return zeroLanes(x ^ (L16 * 0x22)) | zeroLanes(x ^ (L16 * 0x5c));
}

/**
 * The JSON output policy for one unit (or ASCII byte) `c`, not a surrogate: the letter of its
 * two-character escape (`"` `\` and the five named controls), or 0 (no escape, or `\u00XX` for other
 * controls). Shared by the UTF-16 quoter here and the byte escaper (util/jsonutf8.ts).
 */
// @ts-ignore: decorator
@inline export function escapeLetter(c: u32): u32 {
  if (c == 0x22 || c == 0x5c) return c;
  if (c == 0x0a) return 0x6e;
  if (c == 0x0d) return 0x72;
  if (c == 0x09) return 0x74;
  if (c == 0x08) return 0x62;
  if (c == 0x0c) return 0x66;
  return 0;
}

/** Code units (for ASCII: bytes) the escape of unit `c` (not a surrogate) takes (1 when it needs none). */
// @ts-ignore: decorator
@inline export function unitEscapedLength(c: u32): i32 {
  if (c == 0x22 || c == 0x5c) return 2;
  if (c >= 0x20) return 1;
  if (c == 0x0a || c == 0x0d || c == 0x09 || c == 0x08 || c == 0x0c) return 2;
  return 6;
}

/**
 * Length in code units of the escape of the `n` units at `p`. Only a surrogate pair is kept as it is;
 * a high surrogate not followed by a low one, and a low one not consumed by a pair, are lone.
 */
function escapedLength(p: usize, n: i32): i32 {
  let extra = 0;
  let i = 0;
  while (i < n) {
    while (i + 4 <= n) {
      const m = quoteMask4(load<u64>(p + (<usize>i << 1)));
      if (m == H16) break;
      extra += <i32>popcnt(m); // each `"` or `\` takes one unit more
      i += 4;
    }
    // the block that stopped the fast loop (or the tail) goes unit by unit
    const stop = min(i + 4, n);
    while (i < stop) {
      const c = <u32>load<u16>(p + (<usize>i << 1));
      if ((c & 0xf800) != 0xd800) {
        extra += unitEscapedLength(c) - 1;
        i++;
      } else if (c < 0xdc00 && i + 1 < n && (<u32>load<u16>(p + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) {
        i += 2; // a pair
      } else {
        extra += 5; // lone: \uXXXX
        i++;
      }
    }
  }
  return n + extra;
}

/** Write the escape of unit `c` (one that needs one) at `q`; returns the end. */
// @ts-ignore: decorator
@inline function writeEscape(q: usize, c: u32): usize {
  store<u16>(q, 0x5c);
  const e = escapeLetter(c);
  if (e != 0) {
    store<u16>(q, <u16>e, 2);
    return q + 4;
  }
  const h = changetype<usize>(HEXL);
  store<u16>(q, 0x75, 2);
  store<u16>(q, load<u16>(h + (<usize>((c >> 12) & 15) << 1)), 4);
  store<u16>(q, load<u16>(h + (<usize>((c >> 8) & 15) << 1)), 6);
  store<u16>(q, load<u16>(h + (<usize>((c >> 4) & 15) << 1)), 8);
  store<u16>(q, load<u16>(h + (<usize>(c & 15) << 1)), 10);
  return q + 12;
}

/**
 * Copy a run of `run` units from `src` to `q` and return its end. `room` is a lower bound of the
 * units the destination still holds from `q` on and the source holds from `src` on: a run of up to
 * 8 units then moves as two 8-byte words (bytes past the run are overwritten by what follows),
 * which is much cheaper than a memory.copy call for the short runs between escapes.
 */
// @ts-ignore: decorator
@inline function moveRun(q: usize, src: usize, run: i32, room: i32): usize {
  if (run <= 8 && room >= 8) {
    store<u64>(q, load<u64>(src));
    store<u64>(q, load<u64>(src, 8), 8);
  } else if (run > 0) memory.copy(q, src, <usize>run << 1);
  return q + (<usize>run << 1);
}

/** Write the escape of the `n` units at `p` at `dst` (room for escapedLength(p, n) units); returns the end. */
function writeEscaped(p: usize, n: i32, dst: usize): usize {
  let q = dst;
  let i = 0;
  let seg = 0;
  while (i < n) {
    while (i + 4 <= n) {
      let m = quoteMask4(load<u64>(p + (<usize>i << 1)));
      if (m == H16) break;
      while (m != 0) {
        const at = i + <i32>(ctz(m) >> 4);
        q = moveRun(q, p + (<usize>seg << 1), at - seg, n - seg);
        store<u16>(q, 0x5c);
        store<u16>(q, load<u16>(p + (<usize>at << 1)), 2);
        q += 4;
        seg = at + 1;
        m &= m - 1;
      }
      i += 4;
    }
    // the block that stopped the fast loop (or the tail) goes unit by unit
    const stop = min(i + 4, n);
    while (i < stop) {
      const c = <u32>load<u16>(p + (<usize>i << 1));
      if ((c & 0xf800) != 0xd800) {
        if (c >= 0x20 && c != 0x22 && c != 0x5c) {
          i++;
          continue;
        }
      } else if (c < 0xdc00 && i + 1 < n && (<u32>load<u16>(p + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) {
        i += 2;
        continue;
      }
      q = writeEscape(moveRun(q, p + (<usize>seg << 1), i - seg, n - seg), c);
      seg = ++i;
    }
  }
  const run = <usize>(n - seg) << 1;
  memory.copy(q, p + (<usize>seg << 1), run);
  return q + run;
}

/** Append `s` JSON-escaped (without quotes) to `out`: sized exactly, then written in place. */
export function appendJsonEscaped(out: StrBuf, s: string): void {
  const p = changetype<usize>(s);
  const n = s.length;
  const len = escapedLength(p, n);
  writeEscaped(p, n, out.reserve(len));
}

/** `s` JSON-escaped without surrounding quotes (`s` itself when nothing needs escaping). */
export function jsonEscapeInner(s: string): string {
  const p = changetype<usize>(s);
  const n = s.length;
  const len = escapedLength(p, n);
  if (len == n) return s;
  const out = __new(<usize>len << 1, idof<string>());
  writeEscaped(p, n, out);
  return changetype<string>(out);
}

/** JSON string literal for `s`: quoted, with quote, backslash, controls and lone surrogates escaped. */
export function quoteJson(s: string): string {
  const p = changetype<usize>(s);
  const n = s.length;
  const len = escapedLength(p, n);
  const out = __new(<usize>(len + 2) << 1, idof<string>());
  store<u16>(out, 0x22);
  const end = writeEscaped(p, n, out + 2);
  store<u16>(end, 0x22);
  return changetype<string>(out);
}

/** `before + quoteJson(s) + after` in one allocation (a large result text is copied once). */
export function quoteJsonBetween(before: string, s: string, after: string): string {
  const p = changetype<usize>(s);
  const n = s.length;
  const bb = <usize>before.length << 1;
  const ab = <usize>after.length << 1;
  const len = escapedLength(p, n);
  const out = __new(bb + (<usize>(len + 2) << 1) + ab, idof<string>());
  memory.copy(out, changetype<usize>(before), bb);
  store<u16>(out + bb, 0x22);
  const end = writeEscaped(p, n, out + bb + 2);
  store<u16>(end, 0x22);
  memory.copy(end + 2, changetype<usize>(after), ab);
  return changetype<string>(out);
}
