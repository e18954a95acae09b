// UTF-8: the encoder for non-JSON outputs (lone surrogates become U+FFFD),
// strict validation (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF)
// and a lossy decoder that maps each invalid sequence to U+FFFD, so replies
// are always valid UTF-8 whatever a client or backend sent.
import { StrBuf } from "./strbuf";

/** Length of the valid sequence starting at p (1–4), or 0 when invalid. */
export function seqLen(base: usize, p: usize, end: usize): i32 {
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

/** Decode UTF-8; each invalid byte becomes U+FFFD (nothing after it is lost). */
export function decodeUtf8Lossy(buf: ArrayBuffer): string {
  if (isValidUtf8(buf)) return String.UTF8.decode(buf);
  const base = changetype<usize>(buf);
  const end = <usize>buf.byteLength;
  const out = new StrBuf(<i32>end + 8);
  let p: usize = 0;
  while (p < end) {
    const n = seqLen(base, p, end);
    if (n == 0) {
      out.appendCode(0xfffd);
      p += 1;
      continue;
    }
    out.append(String.UTF8.decodeUnsafe(base + p, <usize>n));
    p += <usize>n;
  }
  return out.toString();
}

/**
 * UTF-8 bytes of `s` for every non-JSON output (URL, query, header, form, text
 * body, base64): a lone surrogate becomes U+FFFD (EF BF BD) instead of the
 * invalid WTF-8 bytes AssemblyScript writes by default. See util/jsonstring.ts
 * for the JSON side of the policy.
 */
export function encodeUtf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s, false, String.UTF8.ErrorMode.REPLACE);
}
