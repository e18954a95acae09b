// Encoders and checks for placing untrusted values into URLs, headers and
// cookies (RFC 3986 percent-encoding, RFC 9110 field values). Pure.

import { StrBuf } from "../util/strbuf";
import { encodeUtf8 } from "../util/utf8";
import { encodeBase64 } from "../util/base64";

const HEXU = "0123456789ABCDEF";

function isUnreserved(b: i32): bool {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ||
    b == 0x2d || b == 0x2e || b == 0x5f || b == 0x7e;
}

/** RFC 3986 sub-delims plus ":" and "@" (allowed in a path segment). */
function isPcharExtra(b: i32): bool {
  return b == 0x21 || b == 0x24 || b == 0x26 || b == 0x27 || b == 0x28 || b == 0x29 || b == 0x2a ||
    b == 0x2b || b == 0x2c || b == 0x3b || b == 0x3d || b == 0x3a || b == 0x40;
}

function isHex(b: i32): bool {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

function pct(out: StrBuf, b: i32): void {
  out.appendCode(0x25);
  out.appendCode(HEXU.charCodeAt(b >> 4));
  out.appendCode(HEXU.charCodeAt(b & 15));
}

/** Percent-encode UTF-8 bytes of `s`; unreserved stay, "/" stays when `keepSlash`. */
export function percentEncode(s: string, keepSlash: bool): string {
  if (allKept(s, keepSlash ? KEEP_SLASH : KEEP_UNRESERVED)) return s; // nothing to encode: no copy
  const bytes = Uint8Array.wrap(encodeUtf8(s));
  const out = new StrBuf(bytes.length + 8);
  for (let i = 0; i < bytes.length; i++) {
    const b = <i32>unchecked(bytes[i]);
    if (isUnreserved(b) || (keepSlash && b == 0x2f)) out.appendCode(b);
    else pct(out, b);
  }
  return out.toString();
}

/**
 * Normalize trusted literal URL text: keep unreserved, sub-delims, ":", "@", "/",
 * valid "%XX" escapes (and "?" in a query); percent-encode everything else
 * (space, controls, non-ASCII, `"<>\^`{|}` and a "%" without two hex digits).
 */
export function normalizeLiteral(s: string, inQuery: bool): string {
  if (allKept(s, inQuery ? KEEP_LITERAL_QUERY : KEEP_LITERAL)) return s; // nothing to encode: no copy
  const bytes = Uint8Array.wrap(encodeUtf8(s));
  const n = bytes.length;
  const out = new StrBuf(n + 8);
  for (let i = 0; i < n; i++) {
    const b = <i32>unchecked(bytes[i]);
    if (isUnreserved(b) || isPcharExtra(b) || b == 0x2f || (inQuery && b == 0x3f)) {
      out.appendCode(b);
    } else if (b == 0x25 && i + 2 < n && isHex(unchecked(bytes[i + 1])) && isHex(unchecked(bytes[i + 2]))) {
      out.appendCode(b);
    } else {
      pct(out, b);
    }
  }
  return out.toString();
}

/** True when a "/"-separated segment of `value` (also split at "\") is "." or "..". */
export function hasDotSegmentValue(value: string): bool {
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 0x2f;
    if (c == 0x2f || c == 0x5c) {
      const seg = value.substring(start, i);
      if (seg == "." || seg == "..") return true;
      start = i + 1;
    }
  }
  return false;
}

/** True when an encoded path has a "." or ".." segment, also as %2e / %2E forms. */
export function hasDotSegmentPath(path: string): bool {
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    const c = i < path.length ? path.charCodeAt(i) : 0x2f;
    if (c == 0x2f) {
      const seg = path.substring(start, i).toLowerCase().replaceAll("%2e", ".");
      if (seg == "." || seg == "..") return true;
      start = i + 1;
    }
  }
  return false;
}

/** True when `s` is one DNS label: 1..63 of [A-Za-z0-9-]. */
export function isDnsLabel(s: string): bool {
  if (s.length < 1 || s.length > 63) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x2d)) return false;
  }
  return true;
}

/** True when `s` is host[:port] (reg-name of [A-Za-z0-9.-_~], or an IPv6 literal in brackets). */
export function isValidAuthority(s: string): bool {
  if (s.length == 0) return false;
  let i = 0;
  const n = s.length;
  if (s.charCodeAt(0) == 0x5b) {
    const close = s.indexOf("]");
    if (close < 2) return false;
    for (let k = 1; k < close; k++) {
      const c = s.charCodeAt(k);
      if (!(isHex(c) || c == 0x3a || c == 0x2e)) return false;
    }
    i = close + 1;
  } else {
    while (i < n && s.charCodeAt(i) != 0x3a) {
      const c = s.charCodeAt(i);
      if (!(isUnreserved(c))) return false;
      i++;
    }
    if (i == 0) return false;
  }
  if (i == n) return true;
  if (s.charCodeAt(i) != 0x3a || i + 1 == n || n - i - 1 > 5) return false;
  for (let k = i + 1; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** "" when `value` may be sent as a header value, else the problem (CR, LF, NUL or too long). */
export function headerValueProblem(value: string, maxBytes: u32): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c == 0x0d || c == 0x0a || c == 0) return "contains CR, LF or NUL";
  }
  if (<u32>String.UTF8.byteLength(value) > maxBytes) return "longer than " + maxBytes.toString() + " bytes";
  return "";
}


const PROTECTED_HEADERS: string[] = [
  "host", "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection",
  "te", "trailer", "upgrade", "expect",
];

/** True for headers an argument must never set (hop-by-hop, framing, Host). */
export function isProtectedHeader(name: string): bool {
  const n = lowerName(name);
  if (n.startsWith(":")) return true;
  for (let i = 0; i < PROTECTED_HEADERS.length; i++) {
    if (unchecked(PROTECTED_HEADERS[i]) == n) return true;
  }
  return false;
}

/** Standard base64 (RFC 4648 §4, padded) of raw bytes. */
export function base64Bytes(buf: ArrayBuffer): string {
  return encodeBase64(Uint8Array.wrap(buf), false, true);
}


/** Character sets of allKept. */
export const KEEP_UNRESERVED: i32 = 0;
export const KEEP_SLASH: i32 = 1;
export const KEEP_LITERAL: i32 = 2;
export const KEEP_LITERAL_QUERY: i32 = 3;

/**
 * True when every code unit of `s` is ASCII its encoder writes unchanged: unreserved (KEEP_UNRESERVED),
 * plus "/" (KEEP_SLASH), plus sub-delims, ":", "@" and "/" (KEEP_LITERAL; "%" excluded), plus "?"
 * (KEEP_LITERAL_QUERY). The encoders then return `s` itself, which equals what they would build.
 */
export function allKept(s: string, set: i32): bool {
  for (let i = 0; i < s.length; i++) {
    const c = <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1)); // i < s.length
    if (isUnreserved(c)) continue;
    if (set >= KEEP_SLASH && c == 0x2f) continue;
    if (set >= KEEP_LITERAL && isPcharExtra(c)) continue;
    if (set == KEEP_LITERAL_QUERY && c == 0x3f) continue;
    return false;
  }
  return true;
}

/** `name.toLowerCase()`, without a copy when it has no upper-case or non-ASCII character (header names usually). */
export function lowerName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = <i32>load<u16>(changetype<usize>(name) + (<usize>i << 1)); // i < name.length
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) return name.toLowerCase();
  }
  return name;
}
