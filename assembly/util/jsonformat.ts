// JSON text formatting on the one scanner: minify, pretty-print, and equality
// by meaning. Lenient (works on any text, never traps) and linear.
import { StrBuf } from "./strbuf";
import { isJsonWs, jsonKind, jsonSkipWs, jsonStringEnd, jsonValueEnd } from "./jsonscan";
import { decodeJsonString } from "./jsonstring";

/** s[start, end) (the whole text by default) without whitespace outside string literals. */
export function minifyJson(s: string, start: i32 = 0, end: i32 = i32.MAX_VALUE): string {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  let out: StrBuf | null = null;
  let i = start;
  let seg = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c == 0x22) {
      i = jsonStringEnd(s, i, end);
      continue;
    }
    if (isJsonWs(c)) {
      if (out === null) out = new StrBuf(end - start);
      out.appendRange(s, seg, i);
      i++;
      seg = i;
      continue;
    }
    i++;
  }
  if (out === null) return start == 0 && end == s.length ? s : s.substring(start, end);
  out.appendRange(s, seg, end);
  return out.toString();
}

function indentTo(out: StrBuf, indent: i32): void {
  out.appendCode(0x0a);
  for (let k = 0; k < indent; k++) out.append("  ");
}

/** s[start, end) pretty-printed with two-space indentation; null when longer than maxLen. */
export function prettyJson(s: string, start: i32, end: i32, maxLen: i32): string | null {
  if (end > s.length) end = s.length;
  const out = new StrBuf(end - start);
  let indent = 0;
  let i = max(start, 0);
  while (i < end) {
    if (out.length > maxLen) return null;
    const c = s.charCodeAt(i);
    if (c == 0x22) {
      const e = jsonStringEnd(s, i, end);
      out.appendRange(s, i, e);
      i = e;
      continue;
    }
    if (isJsonWs(c)) {
      i++;
      continue;
    }
    if (c == 0x7b || c == 0x5b) {
      const n = jsonSkipWs(s, i + 1, end);
      const d = n < end ? s.charCodeAt(n) : -1;
      out.appendCode(c);
      if (d == 0x7d || d == 0x5d) {
        out.appendCode(d);
        i = n + 1;
        continue;
      }
      indent++;
      indentTo(out, indent);
    } else if (c == 0x7d || c == 0x5d) {
      if (indent > 0) indent--;
      indentTo(out, indent);
      out.appendCode(c);
    } else if (c == 0x2c) {
      out.appendCode(0x2c);
      indentTo(out, indent);
    } else if (c == 0x3a) out.append(": ");
    else {
      const e = jsonValueEnd(s, i, end);
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
