// Strict UTF-8 check and decode of a request body in one pass (issue 19): the filter validated the
// body (util/utf8 isValidUtf8) and then decoded it (String.UTF8.decode), two passes over 1 MB. Same
// rules as isValidUtf8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF), same text as
// String.UTF8.decode for valid input; ASCII runs are widened eight bytes at a time. Never traps:
// every read is bounded by the buffer, every write by the output (at most one code unit per byte).

/** Four bytes (the low half of x) widened to four little-endian UTF-16 code units. */
// @ts-ignore: decorator
@inline function widen4(x: u64): u64 {
  let y = x & 0xffffffff;
  y = (y | (y << 16)) & 0x0000ffff0000ffff;
  return (y | (y << 8)) & 0x00ff00ff00ff00ff;
}

/** The text of `buf` when it is well-formed UTF-8, else null (isValidUtf8 + String.UTF8.decode). */
export function decodeValidUtf8(buf: ArrayBuffer): string | null {
  const n = <usize>buf.byteLength;
  const src = changetype<usize>(buf);
  // n bytes give at most n code units (1-3 byte sequences one unit, 4-byte sequences two)
  const out = __new(n << 1, idof<string>());
  let o = out;
  let p: usize = 0;
  while (p < n) {
    // ASCII fast path, 8 bytes at a time (p + 8 <= n)
    while (p + 8 <= n) {
      const x = load<u64>(src + p);
      if ((x & 0x8080808080808080) != 0) break;
      store<u64>(o, widen4(x));
      store<u64>(o + 8, widen4(x >> 32));
      o += 16;
      p += 8;
    }
    if (p >= n) break;
    const b0 = <u32>load<u8>(src + p);
    if (b0 < 0x80) {
      store<u16>(o, <u16>b0);
      o += 2;
      p++;
      continue;
    }
    let len: usize = 0;
    let lo: u32 = 0x80;
    let hi: u32 = 0xbf;
    let cp: u32 = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      len = 2;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      len = 3;
      cp = b0 & 0x0f;
      if (b0 == 0xe0) lo = 0xa0; // no overlongs
      if (b0 == 0xed) hi = 0x9f; // no surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      len = 4;
      cp = b0 & 0x07;
      if (b0 == 0xf0) lo = 0x90; // no overlongs
      if (b0 == 0xf4) hi = 0x8f; // <= U+10FFFF
    } else return null;
    if (p + len > n) return null;
    const b1 = <u32>load<u8>(src + p + 1); // p + 1 < p + len <= n
    if (b1 < lo || b1 > hi) return null;
    cp = (cp << 6) | (b1 & 0x3f);
    for (let k: usize = 2; k < len; k++) {
      const b = <u32>load<u8>(src + p + k); // p + k < p + len <= n
      if (b < 0x80 || b > 0xbf) return null;
      cp = (cp << 6) | (b & 0x3f);
    }
    p += len;
    if (cp >= 0x10000) {
      // two code units for four bytes: within the n-unit output
      cp -= 0x10000;
      store<u16>(o, <u16>(0xd800 | (cp >> 10)));
      store<u16>(o + 2, <u16>(0xdc00 | (cp & 0x3ff)));
      o += 4;
    } else {
      store<u16>(o, <u16>cp);
      o += 2;
    }
  }
  return changetype<string>(__renew(out, o - out));
}
