// Values of the 2026-07-28 mirrored request headers (Mcp-Name, Mcp-Param-*):
// optional whitespace trimmed (RFC 9110 §5.5), then either plain visible
// ASCII or the `=?base64?…?=` sentinel holding UTF-8. Pure, linear.
import { isValidUtf8 } from "../util/utf8";
import { B64_STD, decodeBase64 } from "../util/base64";

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
    const bytes = decodeBase64(v.substring(PREFIX.length, v.length - SUFFIX.length), B64_STD, true);
    if (bytes === null || !isValidUtf8(bytes.buffer)) return out;
    out.value = String.UTF8.decode(bytes.buffer);
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
