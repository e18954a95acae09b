// Standard base64 (RFC 4648 §4) of a string's UTF-8 bytes.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** base64 of the UTF-8 encoding of `s`. */
export function base64Encode(s: string): string {
  const b = Uint8Array.wrap(String.UTF8.encode(s));
  let out = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (<u32>unchecked(b[i]) << 16) | (<u32>unchecked(b[i + 1]) << 8) | <u32>unchecked(b[i + 2]);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + ALPHABET.charAt(n & 63);
  }
  const rest = b.length - i;
  if (rest == 1) {
    const n = <u32>unchecked(b[i]) << 16;
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + "==";
  } else if (rest == 2) {
    const n = (<u32>unchecked(b[i]) << 16) | (<u32>unchecked(b[i + 1]) << 8);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + "=";
  }
  return out;
}
