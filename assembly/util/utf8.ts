// UTF-8: the encoder for non-JSON outputs (lone surrogates become U+FFFD),
// strict validation (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF)
// and a lossy decoder that maps each invalid sequence to U+FFFD, so replies
// are always valid UTF-8 whatever a client or backend sent.
import { StrBuf } from "./strbuf";

/**
 * Length of the valid sequence starting at p (1–4), or 0 when invalid. The common shapes are decided
 * inline (ASCII; C2–DF + one continuation; E1–EC/EE/EF + two continuations, the lead bytes whose second
 * byte has the full 80–BF range); the rest (E0, ED, F0–F4, invalid leads) go to `seqLenSlow`.
 */
// @ts-ignore: decorator
@inline export function seqLen(base: usize, p: usize, end: usize): i32 {
  const b0 = <u32>load<u8>(base + p);
  if (b0 < 0x80) return 1;
  if (b0 - 0xc2 <= 0xdf - 0xc2) return p + 2 <= end && (<u32>load<u8>(base + p + 1) & 0xc0) == 0x80 ? 2 : 0;
  if ((b0 - 0xe1 <= 0xec - 0xe1) || b0 == 0xee || b0 == 0xef) {
    return p + 3 <= end && (<u32>load<u16>(base + p + 1) & 0xc0c0) == 0x8080 ? 3 : 0;
  }
  return seqLenSlow(base, p, end);
}

/** seqLen for every lead byte, by the RFC 3629 table (the reference its inline shapes are tested against). */
export function seqLenSlow(base: usize, p: usize, end: usize): i32 {
  const b0 = <u32>load<u8>(base + p);
  if (b0 < 0x80) return 1;
  let n = 0;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) n = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    if (b0 == 0xe0) lo = 0xa0; // no overlongs
    if (b0 == 0xed) hi = 0x9f; // no surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    if (b0 == 0xf0) lo = 0x90; // no overlongs
    if (b0 == 0xf4) hi = 0x8f; // ≤ U+10FFFF
  } else return 0;
  if (p + <usize>n > end) return 0;
  const b1 = <u32>load<u8>(base + p + 1);
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < n; k++) {
    const b = <u32>load<u8>(base + p + <usize>k);
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return n;
}

/** True when `buf` is well-formed UTF-8. */
export function isValidUtf8(buf: ArrayBuffer): bool {
  const base = changetype<usize>(buf);
  const end = <usize>buf.byteLength;
  let p: usize = 0;
  while (p < end) {
    // ASCII fast path, 8 bytes at a time
    while (p + 8 <= end && (load<u64>(base + p) & 0x8080808080808080) == 0) p += 8;
    if (p >= end) break;
    const n = seqLen(base, p, end);
    if (n == 0) return false;
    p += <usize>n;
  }
  return true;
}

const ASCII8: u64 = 0x8080808080808080;
const ASCII4: u64 = 0xff80ff80ff80ff80;

/** 4 ASCII bytes (the low half of a u64) widened to 4 UTF-16 units. */
// @ts-ignore: decorator
@inline function widen4(x: u64): u64 {
  return (x & 0xff) | ((x & 0xff00) << 8) | ((x & 0xff0000) << 16) | ((x & 0xff000000) << 24);
}

/**
 * Decode UTF-8; each invalid byte becomes U+FFFD (nothing after it is lost). One pass: runs of 8
 * ASCII bytes are widened with two 64-bit stores; a valid sequence (`seqLen`) becomes its code point.
 * The output never holds more units than the input has bytes, so it is sized once and trimmed.
 */
export function decodeUtf8Lossy(buf: ArrayBuffer): string {
  return changetype<string>(decodeUtf8(buf, false));
}

/**
 * The text of `buf` when it is well-formed UTF-8, else null: isValidUtf8 and String.UTF8.decode in one
 * pass (the request body; the filter did both, two passes over up to 1 MB).
 */
export function decodeValidUtf8(buf: ArrayBuffer): string | null {
  return decodeUtf8(buf, true);
}

/** The one decoder: at an invalid byte, null when `strict`, else U+FFFD for that byte. */
// @ts-ignore: decorator
@inline function decodeUtf8(buf: ArrayBuffer, strict: bool): string | null {
  const base = changetype<usize>(buf);
  const end = <usize>buf.byteLength;
  const out = __new(end << 1, idof<string>());
  let q = out;
  let p: usize = 0;
  while (p < end) {
    while (p + 8 <= end) {
      const x = load<u64>(base + p);
      if ((x & ASCII8) != 0) break;
      store<u64>(q, widen4(x));
      store<u64>(q, widen4(x >> 32), 8);
      q += 16;
      p += 8;
    }
    if (p >= end) break;
    const b0 = <u32>load<u8>(base + p);
    if (b0 < 0x80) {
      store<u16>(q, <u16>b0);
      q += 2;
      p++;
      continue;
    }
    const n = seqLen(base, p, end);
    if (n == 0) {
      if (strict) return null;
      store<u16>(q, 0xfffd);
      q += 2;
      p++;
      continue;
    }
    const b1 = <u32>load<u8>(base + p + 1) & 63;
    if (n == 2) {
      store<u16>(q, <u16>(((b0 & 31) << 6) | b1));
      q += 2;
    } else if (n == 3) {
      store<u16>(q, <u16>(((b0 & 15) << 12) | (b1 << 6) | (<u32>load<u8>(base + p + 2) & 63)));
      q += 2;
    } else {
      const cp = (((b0 & 7) << 18) | (b1 << 12) | ((<u32>load<u8>(base + p + 2) & 63) << 6) | (<u32>load<u8>(base + p + 3) & 63)) - 0x10000;
      store<u16>(q, <u16>(0xd800 | (cp >> 10)));
      store<u16>(q, <u16>(0xdc00 | (cp & 0x3ff)), 2);
      q += 4;
    }
    p += <usize>n;
  }
  return changetype<string>(__renew(out, q - out));
}

/**
 * Bytes of the `n` UTF-16 units at `p` in UTF-8: a pair is 4, a lone surrogate 3 (as U+FFFD or as
 * its WTF-8 bytes).
 */
function utf8Length(p: usize, n: i32): usize {
  let len: usize = 0;
  let i = 0;
  while (i < n) {
    while (i + 4 <= n && (load<u64>(p + (<usize>i << 1)) & ASCII4) == 0) {
      i += 4;
      len += 4;
    }
    if (i >= n) break;
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c < 0x80) len += 1;
    else if (c < 0x800) len += 2;
    else if ((c & 0xfc00) == 0xd800 && i + 1 < n && (<u32>load<u16>(p + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) {
      len += 4;
      i++;
    } else len += 3;
    i++;
  }
  return len;
}

/** `String.UTF8.byteLength(s)` with the ASCII fast path (4 units per step). */
export function utf8ByteLength(s: string): i32 {
  return <i32>utf8Length(changetype<usize>(s), s.length);
}

/** UTF-8 length of s[a, b) (clamped to the text), counted as utf8ByteLength counts it. */
export function utf8RangeLength(s: string, a: i32, b: i32): i32 {
  if (a < 0) a = 0;
  if (b > s.length) b = s.length;
  return a >= b ? 0 : <i32>utf8Length(changetype<usize>(s) + (<usize>a << 1), b - a);
}

/** Write the `n` units at `p` as UTF-8 at `q` (room for utf8Length); lone surrogates as U+FFFD when `replace`. */
function writeUtf8(p: usize, n: i32, q: usize, replace: bool): usize {
  let i = 0;
  while (i < n) {
    while (i + 4 <= n) {
      const x = load<u64>(p + (<usize>i << 1));
      if ((x & ASCII4) != 0) break;
      store<u32>(q, <u32>((x & 0xff) | ((x >> 8) & 0xff00) | ((x >> 16) & 0xff0000) | ((x >> 24) & 0xff000000)));
      q += 4;
      i += 4;
    }
    if (i >= n) break;
    let c = <u32>load<u16>(p + (<usize>i << 1));
    i++;
    if (c < 0x80) {
      store<u8>(q, <u8>c);
      q += 1;
      continue;
    }
    if (c < 0x800) {
      store<u8>(q, <u8>(0xc0 | (c >> 6)));
      store<u8>(q, <u8>(0x80 | (c & 63)), 1);
      q += 2;
      continue;
    }
    if ((c & 0xf800) == 0xd800) {
      if (c < 0xdc00 && i < n) {
        const d = <u32>load<u16>(p + (<usize>i << 1));
        if ((d & 0xfc00) == 0xdc00) {
          const cp = 0x10000 + (((c & 0x3ff) << 10) | (d & 0x3ff));
          store<u8>(q, <u8>(0xf0 | (cp >> 18)));
          store<u8>(q, <u8>(0x80 | ((cp >> 12) & 63)), 1);
          store<u8>(q, <u8>(0x80 | ((cp >> 6) & 63)), 2);
          store<u8>(q, <u8>(0x80 | (cp & 63)), 3);
          q += 4;
          i++;
          continue;
        }
      }
      if (replace) c = 0xfffd;
    }
    store<u8>(q, <u8>(0xe0 | (c >> 12)));
    store<u8>(q, <u8>(0x80 | ((c >> 6) & 63)), 1);
    store<u8>(q, <u8>(0x80 | (c & 63)), 2);
    q += 3;
  }
  return q;
}

/** UTF-8 of `s`, lone surrogates as U+FFFD (`replace`) or as AssemblyScript's default WTF-8 bytes. */
function encodeWith(s: string, replace: bool): ArrayBuffer {
  const p = changetype<usize>(s);
  const n = s.length;
  const out = new ArrayBuffer(<i32>utf8Length(p, n));
  writeUtf8(p, n, changetype<usize>(out), replace);
  return out;
}

/**
 * UTF-8 bytes of `s` for every non-JSON output (URL, query, header, form, text
 * body, base64): a lone surrogate becomes U+FFFD (EF BF BD) instead of the
 * invalid WTF-8 bytes AssemblyScript writes by default. See util/jsonstring.ts
 * for the JSON side of the policy.
 */
export function encodeUtf8(s: string): ArrayBuffer {
  return encodeWith(s, true);
}

/**
 * `String.UTF8.encode(a + b + c)` without building the joined string (the JSON-RPC envelope around a
 * large result). Same bytes as long as no surrogate pair spans a seam, which the callers' ASCII
 * seams guarantee.
 */
export function encodeJoinedUtf8(a: string, b: string, c: string): ArrayBuffer {
  const pa = changetype<usize>(a);
  const pb = changetype<usize>(b);
  const pc = changetype<usize>(c);
  const la = utf8Length(pa, a.length);
  const lb = utf8Length(pb, b.length);
  const out = new ArrayBuffer(<i32>(la + lb + utf8Length(pc, c.length)));
  const o = changetype<usize>(out);
  writeUtf8(pa, a.length, o, false);
  writeUtf8(pb, b.length, o + la, false);
  writeUtf8(pc, c.length, o + la + lb, false);
  return out;
}
