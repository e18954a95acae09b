// Base64 (RFC 4648 §4) and base64url (§5): the one encoder and the one
// decoder, in linear time. Behind HTTP Basic credentials, secret scrubbing,
// JWT segments, image content, binary bodies, Mcp-Param header values and the
// template functions b64enc/b64dec.
import { StrBuf } from "./strbuf";
import { encodeUtf8 } from "./utf8";

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Base64 of `b`: standard or URL alphabet, with or without "=" padding. */
export function encodeBase64(b: Uint8Array, url: bool, pad: bool): string {
  const alphabet = url ? URL : STD;
  const n = b.length;
  const out = new StrBuf(((n + 2) / 3) * 4 + 4);
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (<u32>unchecked(b[i]) << 16) | (<u32>unchecked(b[i + 1]) << 8) | <u32>unchecked(b[i + 2]);
    out.appendCode(alphabet.charCodeAt((v >> 18) & 63));
    out.appendCode(alphabet.charCodeAt((v >> 12) & 63));
    out.appendCode(alphabet.charCodeAt((v >> 6) & 63));
    out.appendCode(alphabet.charCodeAt(v & 63));
  }
  const rest = n - i;
  if (rest == 1) {
    const v = <u32>unchecked(b[i]) << 16;
    out.appendCode(alphabet.charCodeAt((v >> 18) & 63));
    out.appendCode(alphabet.charCodeAt((v >> 12) & 63));
    if (pad) out.append("==");
  } else if (rest == 2) {
    const v = (<u32>unchecked(b[i]) << 16) | (<u32>unchecked(b[i + 1]) << 8);
    out.appendCode(alphabet.charCodeAt((v >> 18) & 63));
    out.appendCode(alphabet.charCodeAt((v >> 12) & 63));
    out.appendCode(alphabet.charCodeAt((v >> 6) & 63));
    if (pad) out.appendCode(0x3d);
  }
  return out.toString();
}

/** Standard padded base64 of the UTF-8 bytes of `s` (a lone surrogate encodes as U+FFFD). */
export function base64Utf8(s: string): string {
  return encodeBase64(Uint8Array.wrap(encodeUtf8(s)), false, true);
}

/** Unpadded base64url of the UTF-8 bytes of `s`. */
export function base64UrlUtf8(s: string): string {
  return encodeBase64(Uint8Array.wrap(encodeUtf8(s)), true, false);
}

/** Which alphabet a decode accepts. */
export const B64_STD: i32 = 1;
export const B64_URL: i32 = 2;
/** Either alphabet (and a mix): what the template function b64dec accepts. */
export const B64_ANY: i32 = 3;

function sextet(c: i32, alphabet: i32): i32 {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (alphabet & B64_STD) {
    if (c == 0x2b) return 62;
    if (c == 0x2f) return 63;
  }
  if (alphabet & B64_URL) {
    if (c == 0x2d) return 62;
    if (c == 0x5f) return 63;
  }
  return -1;
}

/**
 * The one base64 decoder (RFC 4648 §4/§5). `strict`: padding is required and
 * the unused trailing bits must be zero (canonical form). Otherwise padding is
 * optional but, when present, must complete the last quantum. Linear, never
 * traps; null on any invalid input (a character outside the alphabet included).
 */
export function decodeBase64(s: string, alphabet: i32, strict: bool): Uint8Array | null {
  let len = s.length;
  let pads = 0;
  while (len > 0 && s.charCodeAt(len - 1) == 0x3d) {
    len--;
    pads++;
  }
  if (pads > 2) return null;
  if (strict ? (len + pads) % 4 != 0 : pads > 0 && (len + pads) % 4 != 0) return null;
  if (len % 4 == 1) return null;
  const out = new Uint8Array((len * 3) >> 2);
  let acc: u32 = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const v = sextet(s.charCodeAt(i), alphabet);
    if (v < 0) return null;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n < out.length) unchecked((out[n++] = <u8>((acc >> bits) & 0xff)));
    }
  }
  if (strict && bits > 0 && (acc & ((<u32>1 << bits) - 1)) != 0) return null; // non-canonical trailing bits
  return out;
}

/** Decode base64 to a string from its UTF-8 bytes (invalid UTF-8 becomes U+FFFD), or null when not valid base64. */
export function decodeBase64Utf8(s: string, alphabet: i32): string | null {
  const bytes = decodeBase64(s, alphabet, false);
  if (bytes === null) return null;
  return String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.length);
}
