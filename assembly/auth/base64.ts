// Base64 (RFC 4648 §4) and base64url (§5) for credentials: encode user:pass for
// HTTP Basic, decode JWT segments. Pure, never traps; bad input -> null.

import { base64Utf8, encodeBase64 } from "../util/base64";

/** Standard padded base64 of the UTF-8 bytes of `s`. */
export function base64Encode(s: string): string {
  return base64Utf8(s);
}

/** Unpadded base64url of the UTF-8 bytes of `s`. */
export function base64UrlEncode(s: string): string {
  return encodeBase64(Uint8Array.wrap(String.UTF8.encode(s)), true, false);
}

function sextet(c: i32, url: bool): i32 {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (url) {
    if (c == 0x2d) return 62;
    if (c == 0x5f) return 63;
  } else {
    if (c == 0x2b) return 62;
    if (c == 0x2f) return 63;
  }
  return -1;
}

/**
 * Decode base64 (`url` = base64url alphabet) to bytes; padding is optional but,
 * when present, must be correct. Returns null on any invalid input.
 */
export function base64DecodeBytes(s: string, url: bool): Uint8Array | null {
  let len = s.length;
  let pads = 0;
  while (len > 0 && s.charCodeAt(len - 1) == 0x3d) {
    len--;
    pads++;
  }
  if (pads > 2) return null;
  if (pads > 0 && (len + pads) % 4 != 0) return null;
  if (len % 4 == 1) return null;
  const out = new Uint8Array((len * 3) >> 2);
  let acc: u32 = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const v = sextet(s.charCodeAt(i), url);
    if (v < 0) return null;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n < out.length) unchecked((out[n++] = <u8>((acc >> bits) & 0xff)));
    }
  }
  return out;
}

/** Decode base64 (`url` = base64url alphabet) to a UTF-8 string, or null when not valid base64. */
export function base64DecodeString(s: string, url: bool): string | null {
  const bytes = base64DecodeBytes(s, url);
  if (bytes === null) return null;
  return String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.length);
}
