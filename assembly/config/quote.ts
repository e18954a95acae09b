// JSON string quoting for output we build by hand (tools/list entries,
// JSON-RPC messages). Escapes lone surrogates so the result stays valid JSON
// after UTF-8 encoding.
import { StrBuf } from "../util/strbuf";

/** JSON-quote a string: escapes quote, backslash, control characters and lone surrogates. */
export function quoteJson(s: string): string {
  const n = s.length;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c == 0x22 || c == 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      clean = false;
      break;
    }
  }
  if (clean) return "\"" + s + "\"";
  const out = new StrBuf(n + 8);
  out.appendCode(0x22);
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c == 0x22) rep = "\\\"";
    else if (c == 0x5c) rep = "\\\\";
    else if (c == 0x0a) rep = "\\n";
    else if (c == 0x0d) rep = "\\r";
    else if (c == 0x09) rep = "\\t";
    else if (c < 0x20) rep = "\\u" + hex4(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = "\\u" + hex4(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = "\\u" + hex4(c);
    if (rep !== null) {
      out.appendRange(s, from, i);
      out.append(rep);
      from = i + 1;
    }
  }
  out.appendRange(s, from, n);
  out.appendCode(0x22);
  return out.toString();
}

function hex4(c: i32): string {
  const digits = "0123456789abcdef";
  let r = "";
  for (let k = 3; k >= 0; k--) r += digits.charAt((c >> (k * 4)) & 15);
  return r;
}
