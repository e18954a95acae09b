// Raw JSON text helpers: lenient, iterative (no recursion), never trap.
// Positions are UTF-16 code-unit indexes into the source string.
import { StrBuf } from "../util/strbuf";

/** True for JSON whitespace. */
export function isWs(c: i32): bool {
  return c == 32 || c == 9 || c == 10 || c == 13;
}

/** First index >= i that is not whitespace (or end). */
export function skipWs(s: string, i: i32, end: i32): i32 {
  while (i < end && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** End (exclusive) of the string literal whose opening quote is at i. */
export function stringEnd(s: string, i: i32, end: i32): i32 {
  i++;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c == 92) {
      i += 2;
      continue;
    }
    if (c == 34) return i + 1;
    i++;
  }
  return end;
}

/** End (exclusive) of the JSON value starting at i; lenient about malformed input. */
export function valueEnd(s: string, i: i32, end: i32): i32 {
  if (i >= end) return end;
  const c = s.charCodeAt(i);
  if (c == 34) return stringEnd(s, i, end);
  if (c == 123 || c == 91) {
    let depth = 0;
    while (i < end) {
      const d = s.charCodeAt(i);
      if (d == 34) {
        i = stringEnd(s, i, end);
        continue;
      }
      if (d == 123 || d == 91) depth++;
      else if (d == 125 || d == 93) {
        depth--;
        if (depth == 0) return i + 1;
      }
      i++;
    }
    return end;
  }
  while (i < end) {
    const d = s.charCodeAt(i);
    if (d == 44 || d == 125 || d == 93 || d == 58 || isWs(d)) break;
    i++;
  }
  return i;
}

/** Iterates the members of a raw JSON object or array (trailing commas tolerated). */
export class Cursor {
  s: string;
  pos: i32;
  end: i32;
  isObj: bool;
  /** key range inside the quotes (objects only) */
  keyStart: i32 = 0;
  keyEnd: i32 = 0;
  valStart: i32 = 0;
  valEnd: i32 = 0;
  /** start must point at '{' or '[' */
  constructor(s: string, start: i32, end: i32) {
    this.s = s;
    this.pos = start + 1;
    this.end = end;
    this.isObj = s.charCodeAt(start) == 123;
  }
  /** Advance to the next member; false when there is none. */
  next(): bool {
    const s = this.s;
    const end = this.end;
    while (true) {
      let p = skipWs(s, this.pos, end);
      if (p >= end) {
        this.pos = end;
        return false;
      }
      const c = s.charCodeAt(p);
      if (c == 125 || c == 93) {
        this.pos = end;
        return false;
      }
      if (c == 44) {
        this.pos = p + 1;
        continue;
      }
      if (this.isObj) {
        if (c != 34) {
          this.pos = p + 1; // junk: skip it
          continue;
        }
        const ke = stringEnd(s, p, end);
        this.keyStart = p + 1;
        this.keyEnd = ke > p + 1 ? ke - 1 : ke;
        p = skipWs(s, ke, end);
        if (p < end && s.charCodeAt(p) == 58) p = skipWs(s, p + 1, end);
      }
      const ve = valueEnd(s, p, end);
      if (ve == p) {
        // empty value (e.g. `{"a":,}`): skip one char to guarantee progress
        this.pos = p + 1;
        if (this.isObj) {
          this.valStart = p;
          this.valEnd = p;
          return true;
        }
        continue;
      }
      this.valStart = p;
      this.valEnd = ve;
      this.pos = ve;
      return true;
    }
  }
}

function hexVal(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Decode the contents between start and end (exclusive, no quotes) of a JSON string (one pass, one buffer). */
export function unescapeRange(s: string, start: i32, end: i32): string {
  let i = start;
  while (i < end && s.charCodeAt(i) != 92) i++;
  if (i >= end) return s.substring(start, end);
  const out = new StrBuf(end - start);
  let seg = start;
  while (i < end) {
    if (s.charCodeAt(i) != 92) {
      i++;
      continue;
    }
    out.appendRange(s, seg, i);
    const e = s.charCodeAt(i + 1);
    let adv = 2;
    if (e == 110) out.appendCode(10);
    else if (e == 116) out.appendCode(9);
    else if (e == 114) out.appendCode(13);
    else if (e == 98) out.appendCode(8);
    else if (e == 102) out.appendCode(12);
    else if (e == 117) {
      let v = 0;
      let ok = i + 6 <= end;
      for (let k = 2; ok && k < 6; k++) {
        const h = hexVal(s.charCodeAt(i + k));
        if (h < 0) ok = false;
        else v = (v << 4) | h;
      }
      if (ok) {
        out.appendCode(v);
        adv = 6;
      } else out.appendCode(117);
    } else if (e >= 0) out.appendCode(e);
    i += adv;
    seg = i;
  }
  out.appendRange(s, seg, end);
  return out.toString();
}

/** Decode the JSON string literal [start,end) (including quotes). */
export function decodeStringLit(s: string, start: i32, end: i32): string {
  let e = end;
  if (e - start >= 2 && s.charCodeAt(e - 1) == 34) e--;
  return unescapeRange(s, start + 1, e);
}

const HEX = "0123456789abcdef";

/** JSON-encode a string (with quotes). */
export function quoteJSON(v: string): string {
  const out = new StrBuf(v.length + 2);
  out.appendCode(34);
  appendQuotedBody(out, v);
  out.appendCode(34);
  return out.toString();
}

/** Append v JSON-string-escaped (without quotes) to out, in one pass. */
export function appendQuotedBody(out: StrBuf, v: string): void {
  let seg = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 32 && c != 34 && c != 92) continue;
    out.appendRange(v, seg, i);
    seg = i + 1;
    out.appendCode(92);
    if (c == 34 || c == 92) out.appendCode(c);
    else if (c == 10) out.appendCode(110);
    else if (c == 13) out.appendCode(114);
    else if (c == 9) out.appendCode(116);
    else if (c == 8) out.appendCode(98);
    else if (c == 12) out.appendCode(102);
    else {
      out.append("u00");
      out.appendCode(HEX.charCodeAt(c >> 4));
      out.appendCode(HEX.charCodeAt(c & 15));
    }
  }
  out.appendRange(v, seg, n);
}

/** Remove insignificant whitespace from raw JSON [start,end) (one pass, one buffer). */
export function minify(s: string, start: i32, end: i32): string {
  let out: StrBuf | null = null;
  let i = start;
  let seg = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c == 34) {
      i = stringEnd(s, i, end);
      continue;
    }
    if (isWs(c)) {
      if (out === null) out = new StrBuf(end - start);
      out.appendRange(s, seg, i);
      i++;
      seg = i;
      continue;
    }
    i++;
  }
  if (out === null) return s.substring(start, end);
  out.appendRange(s, seg, end);
  return out.toString();
}

function indentTo(out: StrBuf, indent: i32): void {
  out.appendCode(10);
  for (let k = 0; k < indent; k++) out.append("  ");
}

/** Pretty-print raw JSON [start,end) with two-space indentation; null when longer than maxLen. */
export function pretty(s: string, start: i32, end: i32, maxLen: i32): string | null {
  const out = new StrBuf(end - start);
  let indent = 0;
  let i = start;
  while (i < end) {
    if (out.length > maxLen) return null;
    const c = s.charCodeAt(i);
    if (c == 34) {
      const e = stringEnd(s, i, end);
      out.appendRange(s, i, e);
      i = e;
      continue;
    }
    if (isWs(c)) {
      i++;
      continue;
    }
    if (c == 123 || c == 91) {
      const n = skipWs(s, i + 1, end);
      const d = s.charCodeAt(n);
      out.appendCode(c);
      if (d == 125 || d == 93) {
        out.appendCode(d);
        i = n + 1;
        continue;
      }
      indent++;
      indentTo(out, indent);
    } else if (c == 125 || c == 93) {
      if (indent > 0) indent--;
      indentTo(out, indent);
      out.appendCode(c);
    } else if (c == 44) {
      out.appendCode(44);
      indentTo(out, indent);
    } else if (c == 58) out.append(": ");
    else {
      const e = valueEnd(s, i, end);
      if (e > i) {
        out.appendRange(s, i, e);
        i = e;
        continue;
      }
      out.appendCode(c);
    }
    i++;
  }
  if (out.length > maxLen) return null;
  return out.toString();
}

/** Compare the raw key range [ks,ke) (JSON-escaped) with a decoded key. */
export function keyEquals(s: string, ks: i32, ke: i32, key: string): bool {
  const n = ke - ks;
  let esc = false;
  if (n == key.length) {
    let same = true;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(ks + i);
      if (c == 92) {
        esc = true;
        same = false;
        break;
      }
      if (c != key.charCodeAt(i)) {
        same = false;
        break;
      }
    }
    if (same) return true;
    if (!esc) return false;
  } else {
    for (let i = ks; i < ke; i++) {
      if (s.charCodeAt(i) == 92) {
        esc = true;
        break;
      }
    }
    if (!esc) return false;
  }
  return unescapeRange(s, ks, ke) == key;
}
