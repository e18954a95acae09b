// Base64 (RFC 4648 §4) and base64url (§5) encoding of bytes, in linear time.
// The one encoder behind HTTP Basic credentials, secret scrubbing, image
// content and the template functions.
import { StrBuf } from "./strbuf";

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

/** Standard padded base64 of the UTF-8 bytes of `s`. */
export function base64Utf8(s: string): string {
  return encodeBase64(Uint8Array.wrap(String.UTF8.encode(s)), false, true);
}
