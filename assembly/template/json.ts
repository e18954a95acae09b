// Raw JSON text helpers: lenient, iterative (no recursion), never trap.
// Positions are UTF-16 code-unit indexes into the source string.

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

/** Decode the contents between start and end (exclusive, no quotes) of a JSON string. */
export function unescapeRange(s: string, start: i32, end: i32): string {
  let hasEsc = false;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) == 92) {
      hasEsc = true;
      break;
    }
  }
  if (!hasEsc) return s.substring(start, end);
  const parts = new Array<string>();
  let seg = start;
  let i = start;
  while (i < end) {
    if (s.charCodeAt(i) != 92) {
      i++;
      continue;
    }
    if (i > seg) parts.push(s.substring(seg, i));
    const e = s.charCodeAt(i + 1);
    let adv = 2;
    if (e == 110) parts.push("\n");
    else if (e == 116) parts.push("\t");
    else if (e == 114) parts.push("\r");
    else if (e == 98) parts.push("\b");
    else if (e == 102) parts.push("\f");
    else if (e == 117) {
      let v = 0;
      let ok = i + 6 <= end;
      for (let k = 2; ok && k < 6; k++) {
        const h = hexVal(s.charCodeAt(i + k));
        if (h < 0) ok = false;
        else v = (v << 4) | h;
      }
      if (ok) {
        parts.push(String.fromCharCode(v));
        adv = 6;
      } else parts.push("u");
    } else if (e >= 0) parts.push(String.fromCharCode(e));
    i += adv;
    seg = i;
  }
  if (seg < end) parts.push(s.substring(seg, end));
  return parts.join("");
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
  let clean = true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 32 || c == 34 || c == 92) {
      clean = false;
      break;
    }
  }
  if (clean) return '"' + v + '"';
  const parts = new Array<string>();
  parts.push('"');
  let seg = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 32 && c != 34 && c != 92) continue;
    if (i > seg) parts.push(v.substring(seg, i));
    seg = i + 1;
    if (c == 34) parts.push('\\"');
    else if (c == 92) parts.push("\\\\");
    else if (c == 10) parts.push("\\n");
    else if (c == 13) parts.push("\\r");
    else if (c == 9) parts.push("\\t");
    else if (c == 8) parts.push("\\b");
    else if (c == 12) parts.push("\\f");
    else parts.push("\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15));
  }
  if (seg < v.length) parts.push(v.substring(seg));
  parts.push('"');
  return parts.join("");
}

/** Remove insignificant whitespace from raw JSON [start,end). */
export function minify(s: string, start: i32, end: i32): string {
  let hasWs = false;
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c == 34) {
      i = stringEnd(s, i, end);
      continue;
    }
    if (isWs(c)) {
      hasWs = true;
      break;
    }
    i++;
  }
  if (!hasWs) return s.substring(start, end);
  const parts = new Array<string>();
  i = start;
  let seg = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c == 34) {
      i = stringEnd(s, i, end);
      continue;
    }
    if (isWs(c)) {
      if (i > seg) parts.push(s.substring(seg, i));
      i++;
      seg = i;
      continue;
    }
    i++;
  }
  if (seg < end) parts.push(s.substring(seg, end));
  return parts.join("");
}

/** Pretty-print raw JSON [start,end) with two-space indentation; null when longer than maxLen. */
export function pretty(s: string, start: i32, end: i32, maxLen: i32): string | null {
  const out = new Array<string>();
  let indent = 0;
  let i = start;
  let len = 0;
  let counted = 0;
  while (i < end) {
    while (counted < out.length) len += unchecked(out[counted++]).length;
    if (len > maxLen) return null;
    const c = s.charCodeAt(i);
    if (c == 34) {
      const e = stringEnd(s, i, end);
      out.push(s.substring(i, e));
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
      if (d == 125 || d == 93) {
        out.push(String.fromCharCode(c) + String.fromCharCode(d));
        i = n + 1;
        continue;
      }
      indent++;
      out.push(String.fromCharCode(c) + "\n" + "  ".repeat(indent));
    } else if (c == 125 || c == 93) {
      if (indent > 0) indent--;
      out.push("\n" + "  ".repeat(indent) + String.fromCharCode(c));
    } else if (c == 44) out.push(",\n" + "  ".repeat(indent));
    else if (c == 58) out.push(": ");
    else {
      const e = valueEnd(s, i, end);
      if (e > i) {
        out.push(s.substring(i, e));
        i = e;
        continue;
      }
      out.push(String.fromCharCode(c));
    }
    i++;
  }
  return out.join("");
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
