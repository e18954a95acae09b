// Text encoders: base64, URL query escaping, Go %q quoting, HTML/JS escaping.

import { StrBuf } from "../util/strbuf";
import { encodeUtf8 } from "../util/utf8";
import { B64_ANY, base64Utf8, decodeBase64Utf8 } from "../util/base64";

const HEXU = "0123456789ABCDEF";

/** UTF-8 bytes of a string (lone surrogates as U+FFFD). */
export function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(encodeUtf8(s));
}

/** Standard base64 (with padding) of the UTF-8 bytes of s. */
export function b64encode(s: string): string {
  return base64Utf8(s);
}

/** Decode base64 (standard or URL alphabet, padding optional) to a UTF-8 string; null when invalid. */
export function b64decode(s: string): string | null {
  return decodeBase64Utf8(s, B64_ANY);
}

/** Go url.QueryEscape: unreserved kept, space → '+', others %XX of UTF-8 bytes (linear time). */
export function queryEscape(s: string): string {
  const b = utf8(s);
  const out = new StrBuf(b.length + 16);
  for (let i = 0; i < b.length; i++) {
    const c = <i32>b[i];
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95 || c == 46 || c == 126) {
      out.appendCode(c);
    } else if (c == 32) out.appendCode(43);
    else {
      out.appendCode(37);
      out.appendCode(HEXU.charCodeAt(c >> 4));
      out.appendCode(HEXU.charCodeAt(c & 15));
    }
  }
  return out.toString();
}

/** Go strconv.Quote (approximation: printable Unicode kept, controls escaped). */
export function goQuote(s: string): string {
  const out = new StrBuf(s.length + 2);
  out.appendCode(34);
  let seg = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep = "";
    if (c == 34) rep = '\\"';
    else if (c == 92) rep = "\\\\";
    else if (c == 10) rep = "\\n";
    else if (c == 13) rep = "\\r";
    else if (c == 9) rep = "\\t";
    else if (c == 7) rep = "\\a";
    else if (c == 8) rep = "\\b";
    else if (c == 12) rep = "\\f";
    else if (c == 11) rep = "\\v";
    else if (c < 32 || c == 127) rep = "\\x" + HEXU.charAt(c >> 4).toLowerCase() + HEXU.charAt(c & 15).toLowerCase();
    else continue;
    out.appendRange(s, seg, i);
    out.append(rep);
    seg = i + 1;
  }
  out.appendRange(s, seg, s.length);
  out.appendCode(34);
  return out.toString();
}

/** Go template `html` escaping. */
export function htmlEscape(s: string): string {
  const out = new StrBuf(s.length + 2);
  let seg = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep = "";
    if (c == 60) rep = "&lt;";
    else if (c == 62) rep = "&gt;";
    else if (c == 38) rep = "&amp;";
    else if (c == 39) rep = "&#39;";
    else if (c == 34) rep = "&#34;";
    else if (c == 0) rep = "\uFFFD";
    else continue;
    out.appendRange(s, seg, i);
    out.append(rep);
    seg = i + 1;
  }
  out.appendRange(s, seg, s.length);
  return out.toString();
}

/** Go template `js` escaping. */
export function jsEscape(s: string): string {
  const out = new StrBuf(s.length + 2);
  let seg = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep = "";
    if (c == 92) rep = "\\\\";
    else if (c == 39) rep = "\\'";
    else if (c == 34) rep = '\\"';
    else if (c == 60 || c == 62 || c == 38 || c == 61 || c < 32) {
      rep = "\\u00" + HEXU.charAt(c >> 4) + HEXU.charAt(c & 15);
    } else continue;
    out.appendRange(s, seg, i);
    out.append(rep);
    seg = i + 1;
  }
  out.appendRange(s, seg, s.length);
  return out.toString();
}
