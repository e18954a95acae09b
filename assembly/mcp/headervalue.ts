// Values of the 2026-07-28 mirrored request headers (Mcp-Name, Mcp-Param-*):
// optional whitespace trimmed (RFC 9110 §5.5), then either plain visible
// ASCII or the `=?base64?…?=` sentinel holding UTF-8. Pure, linear.
import { isValidUtf8 } from "../util/utf8";

const PREFIX = "=?base64?";
const SUFFIX = "?=";

/** A decoded header value, or ok=false when it is malformed. */
export class HeaderValue {
  ok: bool = false;
  value: string = "";
}

/** Trim OWS (SP / HTAB) at both ends. */
export function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isOws(s.charCodeAt(a))) a++;
  while (b > a && isOws(s.charCodeAt(b - 1))) b--;
  return a == 0 && b == s.length ? s : s.substring(a, b);
}

function isOws(c: i32): bool {
  return c == 0x20 || c == 0x09;
}

/** Decode one mirrored header value (trimmed; sentinel form base64-decoded and UTF-8 checked). */
export function decodeHeaderValue(raw: string): HeaderValue {
  const out = new HeaderValue();
  const v = trimOws(raw);
  if (v.length >= PREFIX.length + SUFFIX.length && v.startsWith(PREFIX) && v.endsWith(SUFFIX)) {
    const bytes = decodeBase64Strict(v.substring(PREFIX.length, v.length - SUFFIX.length));
    if (bytes === null || !isValidUtf8(bytes)) return out;
    out.value = String.UTF8.decode(bytes);
    out.ok = true;
    return out;
  }
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c != 0x09 && (c < 0x20 || c > 0x7e)) return out;
  }
  out.value = v;
  out.ok = true;
  return out;
}

function sextet(c: i32): i32 {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c == 0x2b) return 62;
  if (c == 0x2f) return 63;
  return -1;
}

/** Standard base64 with mandatory padding (RFC 4648 §4); null when malformed. */
export function decodeBase64Strict(s: string): ArrayBuffer | null {
  const n = s.length;
  if (n % 4 != 0) return null;
  let pad = 0;
  if (n > 0 && s.charCodeAt(n - 1) == 0x3d) pad++;
  if (n > 1 && s.charCodeAt(n - 2) == 0x3d) pad++;
  const out = new ArrayBuffer((n / 4) * 3 - pad);
  const p = changetype<usize>(out);
  let o = 0;
  for (let i = 0; i < n; i += 4) {
    const last = i + 4 == n;
    let acc = 0;
    for (let k = 0; k < 4; k++) {
      const c = s.charCodeAt(i + k);
      let v = sextet(c);
      if (v < 0) {
        if (!(c == 0x3d && last && k >= 4 - pad)) return null;
        v = 0;
      }
      acc = (acc << 6) | v;
    }
    if (last && pad == 2 && (acc & 0xffff) != 0) return null; // non-canonical bits
    if (last && pad == 1 && (acc & 0xff) != 0) return null;
    store<u8>(p + <usize>o, <u8>(acc >> 16));
    o++;
    if (!(last && pad == 2)) {
      store<u8>(p + <usize>o, <u8>((acc >> 8) & 0xff));
      o++;
    }
    if (!(last && pad >= 1)) {
      store<u8>(p + <usize>o, <u8>(acc & 0xff));
      o++;
    }
  }
  return out;
}
