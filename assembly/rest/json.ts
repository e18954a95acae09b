// Minimal JSON text helpers for rest/: escaping, scanning already-validated
// JSON text, decoding strings, comparing values. Pure, never traps: every
// index is bounds-checked, malformed input yields a neutral value.

import { StrBuf } from "../util/strbuf";
import { jsonValueEnd, jsonSkipWs, isJsonWs } from "../util/jsonscan";
export { isJsonWs } from "../util/jsonscan";

const HEXL = "0123456789abcdef";

/** JSON-escape `s` without surrounding quotes (lone surrogates become U+FFFD). */
export function jsonEscapeInner(s: string): string {
  const n = s.length;
  let first = -1;
  for (let k = 0; k < n; k++) {
    if (needsEscape(s, k)) {
      first = k;
      break;
    }
  }
  if (first < 0) return s;
  const out = new StrBuf(n + 16);
  out.appendRange(s, 0, first);
  for (let k = first; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < n) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.appendCode(c);
        out.appendCode(d);
        k++;
        continue;
      }
    }
    if (!needsEscape(s, k)) out.appendCode(c);
    else appendEscape(out, c);
  }
  return out.toString();
}

/** True when the code unit at `i` must be escaped (quote, backslash, control, lone surrogate). */
function needsEscape(s: string, i: i32): bool {
  const c = s.charCodeAt(i);
  if (c == 0x22 || c == 0x5c || c < 0x20) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = i > 0 ? s.charCodeAt(i - 1) : 0;
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}

/** Append the JSON escape of code unit c (no allocation: the hot path of escape-heavy strings). */
function appendEscape(out: StrBuf, c: i32): void {
  out.appendCode(0x5c);
  if (c == 0x22 || c == 0x5c) out.appendCode(c);
  else if (c == 0x0a) out.appendCode(0x6e);
  else if (c == 0x0d) out.appendCode(0x72);
  else if (c == 0x09) out.appendCode(0x74);
  else if (c == 0x08) out.appendCode(0x62);
  else if (c == 0x0c) out.appendCode(0x66);
  else if (c < 0x20) {
    out.append("u00");
    out.appendCode(HEXL.charCodeAt(c >> 4));
    out.appendCode(HEXL.charCodeAt(c & 15));
  } else out.append("ufffd");
}

/** JSON string literal for `s` (quoted and escaped). */
export function jsonQuote(s: string): string {
  return "\"" + jsonEscapeInner(s) + "\"";
}

/** Index of the first non-whitespace character at or after `i`. */
export function skipWs(s: string, i: i32): i32 {
  return jsonSkipWs(s, i, s.length);
}

/** End index (exclusive) of the JSON value starting at `i` in validated text; s.length if unterminated. */
export function scanValueEnd(s: string, i: i32): i32 {
  return jsonValueEnd(s, i, s.length);
}

function hexDigit(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** Decode a JSON string literal (with quotes) to its value; invalid escapes are kept as text. */
export function decodeJsonString(raw: string): string {
  const n = raw.length;
  if (n < 2 || raw.charCodeAt(0) != 0x22) return raw;
  const end = raw.charCodeAt(n - 1) == 0x22 ? n - 1 : n;
  const out = new StrBuf(end);
  let from = 1;
  let i = 1;
  while (i < end) {
    if (raw.charCodeAt(i) != 0x5c || i + 1 >= end) {
      i++;
      continue;
    }
    out.appendRange(raw, from, i);
    const e = raw.charCodeAt(i + 1);
    let adv = 2;
    if (e == 0x6e) out.appendCode(0x0a);
    else if (e == 0x72) out.appendCode(0x0d);
    else if (e == 0x74) out.appendCode(0x09);
    else if (e == 0x62) out.appendCode(0x08);
    else if (e == 0x66) out.appendCode(0x0c);
    else if (e == 0x75 && i + 5 < end) {
      let v = 0;
      let okHex = true;
      for (let k = 2; k < 6; k++) {
        const h = hexDigit(raw.charCodeAt(i + k));
        if (h < 0) okHex = false;
        v = (v << 4) | (h & 15);
      }
      if (okHex) {
        out.appendCode(v);
        adv = 6;
      } else out.append("\\u");
    } else out.appendCode(e);
    i += adv;
    from = i;
  }
  out.appendRange(raw, from, end);
  return out.toString();
}

/** One member of a JSON object: key (decoded) and the raw JSON text of its value. */
export class Member {
  key: string;
  raw: string;
  constructor(key: string, raw: string) {
    this.key = key;
    this.raw = raw;
  }
}

/** Members of a validated JSON object text, in source order (duplicates kept). */
export function objectMembers(s: string): Member[] {
  const out = new Array<Member>();
  let i = skipWs(s, 0);
  if (i >= s.length || s.charCodeAt(i) != 0x7b) return out;
  i = skipWs(s, i + 1);
  while (i < s.length && s.charCodeAt(i) == 0x22) {
    const kEnd = scanValueEnd(s, i);
    const key = decodeJsonString(s.substring(i, kEnd));
    i = skipWs(s, kEnd);
    if (i >= s.length || s.charCodeAt(i) != 0x3a) break;
    i = skipWs(s, i + 1);
    const vEnd = scanValueEnd(s, i);
    out.push(new Member(key, s.substring(i, vEnd)));
    i = skipWs(s, vEnd);
    if (i < s.length && s.charCodeAt(i) == 0x2c) i = skipWs(s, i + 1);
    else break;
  }
  return out;
}

/** Kind name of a raw JSON value: "string" | "number" | "boolean" | "null" | "object" | "array". */
export function jsonKind(raw: string): string {
  const i = skipWs(raw, 0);
  if (i >= raw.length) return "null";
  const c = raw.charCodeAt(i);
  if (c == 0x22) return "string";
  if (c == 0x7b) return "object";
  if (c == 0x5b) return "array";
  if (c == 0x74 || c == 0x66) return "boolean";
  if (c == 0x6e) return "null";
  return "number";
}

/** `raw` without whitespace outside string literals. */
export function minifyJson(raw: string): string {
  const out = new StrBuf(raw.length);
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c == 0x22) {
      const e = scanValueEnd(raw, i);
      out.appendRange(raw, i, e);
      i = e;
    } else {
      if (!isJsonWs(c)) out.appendCode(c);
      i++;
    }
  }
  return out.toString();
}

/** True when `s` matches the JSON number grammar exactly. */
export function isJsonNumber(s: string): bool {
  const n = s.length;
  let i = 0;
  if (i < n && s.charCodeAt(i) == 0x2d) i++;
  if (i >= n) return false;
  if (s.charCodeAt(i) == 0x30) i++;
  else if (isDigit(s.charCodeAt(i))) while (i < n && isDigit(s.charCodeAt(i))) i++;
  else return false;
  if (i < n && s.charCodeAt(i) == 0x2e) {
    i++;
    if (i >= n || !isDigit(s.charCodeAt(i))) return false;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  if (i < n && (s.charCodeAt(i) == 0x65 || s.charCodeAt(i) == 0x45)) {
    i++;
    if (i < n && (s.charCodeAt(i) == 0x2b || s.charCodeAt(i) == 0x2d)) i++;
    if (i >= n || !isDigit(s.charCodeAt(i))) return false;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  return i == n;
}

function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** Compare two raw JSON values by meaning: strings decoded, numbers numerically, composites minified. */
export function jsonEquals(a: string, b: string): bool {
  const ka = jsonKind(a);
  if (ka != jsonKind(b)) return false;
  const ta = a.trim();
  const tb = b.trim();
  if (ka == "string") return decodeJsonString(ta) == decodeJsonString(tb);
  if (ka == "number") return ta == tb || parseFloat(ta) == parseFloat(tb);
  if (ka == "object" || ka == "array") return minifyJson(ta) == minifyJson(tb);
  return ta == tb;
}
