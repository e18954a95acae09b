// The one JSON string decoder and the one quoter.
//
// Lone-surrogate policy (README "Argument encoding"): JSON output escapes a
// lone UTF-16 surrogate as `\uXXXX` (lowercase hex), so the text stays valid
// JSON and valid UTF-8 and loses nothing: a backend's JSON parser gets the
// same string the client sent. Non-JSON outputs (URL, query, header, form,
// text bodies) are UTF-8 encoded by util/utf8.ts `encodeUtf8`, which writes
// U+FFFD for a lone surrogate. Pairs are always kept as they are.
//
// Decoding is lenient and never traps: an unknown escape `\x` reads as `x`
// (as gjson reads it), a lone trailing backslash is kept, an unterminated
// literal runs to the end of its range. Linear time, one buffer.
import { StrBuf } from "./strbuf";

const HEXL = "0123456789abcdef";

function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * The escape at s[i] (a backslash), read within [i, end): its code unit and length packed as
 * (unit << 8) | length, or 0 when it is not a valid JSON escape (unknown letter, short or bad `\u`).
 * Shared by the decoder below and rest/scrub.ts (which maps decoded units back to raw offsets).
 */
export function jsonEscapeAt(s: string, i: i32, end: i32): i32 {
  const e = i + 1 < end ? s.charCodeAt(i + 1) : -1;
  if (e == 0x22 || e == 0x5c || e == 0x2f) return (e << 8) | 2;
  if (e == 0x6e) return (0x0a << 8) | 2;
  if (e == 0x74) return (0x09 << 8) | 2;
  if (e == 0x72) return (0x0d << 8) | 2;
  if (e == 0x62) return (0x08 << 8) | 2;
  if (e == 0x66) return (0x0c << 8) | 2;
  if (e != 0x75 || i + 6 > end) return 0;
  let v = 0;
  for (let k = 2; k < 6; k++) {
    const h = hexVal(s.charCodeAt(i + k));
    if (h < 0) return 0;
    v = (v << 4) | h;
  }
  return (v << 8) | 6;
}

/** Decode the escaped contents s[start, end) of a JSON string (no quotes). */
export function jsonUnescape(s: string, start: i32, end: i32): string {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  let i = start;
  while (i < end && s.charCodeAt(i) != 0x5c) i++;
  if (i >= end) return start == 0 && end == s.length ? s : s.substring(start, end);
  const out = new StrBuf(end - start);
  let seg = start;
  while (i < end) {
    if (s.charCodeAt(i) != 0x5c || i + 1 >= end) {
      i++;
      continue;
    }
    out.appendRange(s, seg, i);
    const esc = jsonEscapeAt(s, i, end);
    if (esc != 0) {
      out.appendCode(esc >>> 8);
      i += esc & 0xff;
    } else {
      out.appendCode(s.charCodeAt(i + 1)); // `\x` reads as `x`; a bad `\u12` as "u12"
      i += 2;
    }
    seg = i;
  }
  out.appendRange(s, seg, end);
  return out.toString();
}

/**
 * Decode the JSON string literal s[start, end) (with its quotes; the whole text
 * by default). Text that does not start with a quote is returned unchanged.
 */
export function decodeJsonString(s: string, start: i32 = 0, end: i32 = i32.MAX_VALUE): string {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  if (end - start < 1 || s.charCodeAt(start) != 0x22) return s.substring(start, end);
  const e = end - start >= 2 && s.charCodeAt(end - 1) == 0x22 ? end - 1 : end;
  return jsonUnescape(s, start + 1, e);
}

/** True when the escaped key s[ks, ke) decodes to `key` (no allocation when it has no escape). */
export function jsonKeyEquals(s: string, ks: i32, ke: i32, key: string): bool {
  let esc = false;
  for (let i = ks; i < ke; i++) {
    if (s.charCodeAt(i) == 0x5c) {
      esc = true;
      break;
    }
  }
  if (esc) return jsonUnescape(s, ks, ke) == key;
  const n = ke - ks;
  if (n != key.length) return false;
  return memory.compare(changetype<usize>(s) + (<usize>ks << 1), changetype<usize>(key), <usize>n << 1) == 0;
}

/** True when the code unit at i must be escaped: quote, backslash, control or lone surrogate. */
// @ts-ignore: decorator
@inline function needsEscape(s: string, i: i32, n: i32): bool {
  const c = <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1));
  if (c >= 0x20 && c != 0x22 && c != 0x5c && (c < 0xd800 || c > 0xdfff)) return false;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = i > 0 ? s.charCodeAt(i - 1) : 0;
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return true;
}

/** Append the escape of code unit c (no allocation: the hot path of escape-heavy strings). */
function appendEscape(out: StrBuf, c: i32): void {
  out.appendCode(0x5c);
  if (c == 0x22 || c == 0x5c) out.appendCode(c);
  else if (c == 0x0a) out.appendCode(0x6e);
  else if (c == 0x0d) out.appendCode(0x72);
  else if (c == 0x09) out.appendCode(0x74);
  else if (c == 0x08) out.appendCode(0x62);
  else if (c == 0x0c) out.appendCode(0x66);
  else {
    out.appendCode(0x75);
    out.appendCode(HEXL.charCodeAt((c >> 12) & 15));
    out.appendCode(HEXL.charCodeAt((c >> 8) & 15));
    out.appendCode(HEXL.charCodeAt((c >> 4) & 15));
    out.appendCode(HEXL.charCodeAt(c & 15));
  }
}

/** Append `s` JSON-escaped (without quotes) to `out`, in one pass. */
export function appendJsonEscaped(out: StrBuf, s: string): void {
  const n = s.length;
  let seg = 0;
  for (let i = 0; i < n; i++) {
    if (!needsEscape(s, i, n)) continue;
    out.appendRange(s, seg, i);
    appendEscape(out, s.charCodeAt(i));
    seg = i + 1;
  }
  out.appendRange(s, seg, n);
}

/** Index of the first code unit of `s` that needs escaping, or -1. */
function firstEscape(s: string): i32 {
  const n = s.length;
  for (let i = 0; i < n; i++) if (needsEscape(s, i, n)) return i;
  return -1;
}

/** `s` JSON-escaped without surrounding quotes (`s` itself when nothing needs escaping). */
export function jsonEscapeInner(s: string): string {
  if (firstEscape(s) < 0) return s;
  const out = new StrBuf(s.length + 16);
  appendJsonEscaped(out, s);
  return out.toString();
}

/** JSON string literal for `s`: quoted, with quote, backslash, controls and lone surrogates escaped. */
export function quoteJson(s: string): string {
  const out = new StrBuf(s.length + 8);
  out.appendCode(0x22);
  appendJsonEscaped(out, s);
  out.appendCode(0x22);
  return out.toString();
}
