// Go literal syntax: numbers (decimal, 0x, 0o, 0b, floats, '_' separators,
// character constants) and interpreted string literals.
import { Val } from "./value";
import { StrBuf } from "../util/strbuf";

function digitVal(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 122) return l - 87;
  return 99;
}

function appendCodePoint(out: StrBuf, cp: i32): void {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  if (cp < 0x10000) out.appendCode(cp);
  else {
    cp -= 0x10000;
    out.appendCode(0xd800 + (cp >> 10));
    out.appendCode(0xdc00 + (cp & 0x3ff));
  }
}

/** Decode one escape at s[i] (the char after `\`); returns [codepoint, length] packed, or -1. */
function escapeAt(s: string, i: i32, quote: i32): i64 {
  const c = s.charCodeAt(i);
  switch (c) {
    case 97: return (<i64>7 << 8) | 1;
    case 98: return (<i64>8 << 8) | 1;
    case 102: return (<i64>12 << 8) | 1;
    case 110: return (<i64>10 << 8) | 1;
    case 114: return (<i64>13 << 8) | 1;
    case 116: return (<i64>9 << 8) | 1;
    case 118: return (<i64>11 << 8) | 1;
    case 92: return (<i64>92 << 8) | 1;
  }
  if (c == quote) return (<i64>c << 8) | 1;
  let n = 0;
  let base = 16;
  if (c == 120) n = 2;
  else if (c == 117) n = 4;
  else if (c == 85) n = 8;
  else if (c >= 48 && c <= 55) {
    n = 3;
    base = 8;
  } else return -1;
  const startK = base == 8 ? 0 : 1;
  let v: i64 = 0;
  for (let k = 0; k < n; k++) {
    const d = digitVal(s.charCodeAt(i + startK + k));
    if (d >= base) return -1;
    v = v * base + d;
  }
  return (v << 8) | <i64>(n + startK);
}

/** Unquote a Go double-quoted string literal (with quotes); null when invalid. */
export function unquoteGo(t: string): string | null {
  if (t.length < 2) return null;
  const body = t.substring(1, t.length - 1);
  if (body.indexOf("\\") < 0) return body;
  const out = new StrBuf(body.length);
  let i = 0;
  let seg = 0;
  while (i < body.length) {
    if (body.charCodeAt(i) != 92) {
      i++;
      continue;
    }
    out.appendRange(body, seg, i);
    const e = escapeAt(body, i + 1, 34);
    if (e < 0) return null;
    appendCodePoint(out, <i32>(e >> 8));
    i += 1 + <i32>(e & 255);
    seg = i;
  }
  out.appendRange(body, seg, body.length);
  return out.toString();
}

/** Parse a number or character-constant token; null when malformed. */
export function parseNumberLiteral(t: string): Val | null {
  if (t.length >= 3 && t.charCodeAt(0) == 39) {
    const inner = t.substring(1, t.length - 1);
    if (inner.charCodeAt(0) == 92) {
      const e = escapeAt(inner, 1, 39);
      if (e < 0 || 1 + <i32>(e & 255) != inner.length) return null;
      return Val.int(e >> 8);
    }
    const cp = inner.codePointAt(0);
    if (inner.length != (cp > 0xffff ? 2 : 1)) return null;
    return Val.int(cp);
  }
  let s = t.replaceAll("_", "");
  let neg = false;
  if (s.length > 0 && (s.charCodeAt(0) == 43 || s.charCodeAt(0) == 45)) {
    neg = s.charCodeAt(0) == 45;
    s = s.substring(1);
  }
  if (s.length == 0) return null;
  let base = 10;
  let digits = s;
  const p1 = s.length > 1 ? s.charCodeAt(1) | 32 : 0;
  if (s.charCodeAt(0) == 48 && s.length > 1) {
    if (p1 == 120) base = 16;
    else if (p1 == 111) base = 8;
    else if (p1 == 98) base = 2;
    if (base != 10) digits = s.substring(2);
    else if (s.indexOf(".") < 0 && s.indexOf("e") < 0 && s.indexOf("E") < 0) {
      base = 8;
      digits = s.substring(1);
    }
  }
  const isFloat = base == 10 && (s.indexOf(".") >= 0 || s.indexOf("e") >= 0 || s.indexOf("E") >= 0);
  if (isFloat) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || c == 46 || c == 101 || c == 69 || c == 43 || c == 45)) return null;
    }
    const f = parseFloat(s);
    if (isNaN(f)) return null;
    return Val.float(neg ? -f : f);
  }
  if (digits.length == 0) return null;
  let v: u64 = 0;
  let big = false;
  for (let i = 0; i < digits.length; i++) {
    const d = digitVal(digits.charCodeAt(i));
    if (d >= base) return null;
    if (v > (0xFFFFFFFFFFFFFFFF - <u64>d) / <u64>base) big = true;
    else v = v * <u64>base + <u64>d;
  }
  if (big || v > 0x7FFFFFFFFFFFFFFF) {
    if (base != 10) return null;
    const f = parseFloat(s);
    return Val.float(neg ? -f : f);
  }
  return Val.int(neg ? -(<i64>v) : <i64>v);
}
