// Request bodies: a rendered body template with contextual escaping, or a body
// built from arguments (argsToJsonBody / argsToFormBody / position: body).
//
// Body template modes (chosen by bodyMode):
//   JSON : tool Content-Type contains "json", or the literal skeleton (literal
//          chunks only) starts with "{" or "[". Inside a JSON string literal (tracked over the literal
//          text) an action inserts its JSON-escaped text; outside it inserts its
//          JSON encoding (chunk.json), so a value can never close a string or add
//          members. An action right after a backslash inside a string is refused.
//          Note: `{{toJson .x}}` outside quotes yields a JSON *string*; write
//          `{{.x}}` to insert an object or array as JSON.
//   FORM : tool Content-Type contains "x-www-form-urlencoded": actions form-encoded.
//   TEXT : otherwise: action text inserted as is (no structure to protect).
import { Chunk } from "../template/template";
import { ArgValue, REASON_TEMPLATE_ERROR } from "./args";
import { formEncode } from "./form";
import { styledPairs } from "./style";
import { jsonEscapeInner, quoteJson } from "../util/jsonstring";
import { StrBuf } from "../util/strbuf";
import { ByteRange, byteRangeOf, copyableSlice, Utf8Out, Utf8Source } from "./textout";

/** Body template modes. */
export const MODE_JSON: i32 = 0;
export const MODE_FORM: i32 = 1;
export const MODE_TEXT: i32 = 2;

/** A rendered body or an error. */
export class BodyResult {
  ok: bool = true;
  error: string = "";
  reason: string = "";
  body: string = "";
}

/** Mode for a rendered body template given the tool's own Content-Type ("" = none). */
export function bodyMode(chunks: Chunk[], toolContentType: string): i32 {
  const ct = toolContentType.toLowerCase();
  if (ct.includes("x-www-form-urlencoded")) return MODE_FORM;
  if (ct.includes("json")) return MODE_JSON;
  if (ct.length > 0) return MODE_TEXT;
  for (let i = 0; i < chunks.length; i++) {
    const ch = unchecked(chunks[i]);
    if (!ch.literal) continue;
    const t = ch.text.trimStart();
    if (t.length == 0) continue;
    const c = t.charCodeAt(0);
    return c == 0x7b || c == 0x5b ? MODE_JSON : MODE_TEXT;
  }
  return MODE_TEXT;
}

/** Concatenate body chunks, escaping action output for `mode`. */
export function renderBodyChunks(chunks: Chunk[], mode: i32): BodyResult {
  const r = new BodyResult();
  const out = new StrBuf(256);
  let inString = false;
  let escaped = false;
  for (let i = 0; i < chunks.length; i++) {
    const ch = unchecked(chunks[i]);
    if (ch.literal) {
      out.append(ch.text);
      if (mode != MODE_JSON) continue;
      for (let k = 0; k < ch.text.length; k++) {
        const c = ch.text.charCodeAt(k);
        if (inString) {
          if (escaped) escaped = false;
          else if (c == 0x5c) escaped = true;
          else if (c == 0x22) inString = false;
        } else if (c == 0x22) inString = true;
      }
      continue;
    }
    if (mode == MODE_FORM) out.append(formEncode(ch.text));
    else if (mode == MODE_TEXT) out.append(ch.text);
    else if (inString) {
      if (escaped) {
        r.ok = false;
        r.reason = REASON_TEMPLATE_ERROR;
        r.error = "requestTemplate.body: an action directly after a backslash inside a JSON string";
        return r;
      }
      out.append(jsonEscapeInner(ch.text));
    } else out.append(ch.json.length > 0 ? ch.json : quoteJson(ch.text));
  }
  r.body = out.toString();
  return r;
}

/** True when `v` goes into an argument body (position body, or no/unknown position when `withUnplaced`). */
export function isBodyArg(v: ArgValue, withUnplaced: bool): bool {
  const p = v.arg.position;
  if (p == "body") return true;
  return withUnplaced && isUnplaced(p);
}

/** True for "no position" (empty or unknown). */
export function isUnplaced(position: string): bool {
  return !(position == "query" || position == "path" || position == "header" || position == "cookie" || position == "body");
}

/** JSON object of the selected arguments, in declaration order. */
export function argsJsonBody(values: ArgValue[], withUnplaced: bool): string {
  const out = new StrBuf(128);
  out.append("{");
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = unchecked(values[i]);
    if (!isBodyArg(v, withUnplaced)) continue;
    if (n++ > 0) out.append(",");
    out.append(quoteJson(v.name));
    out.append(":");
    out.append(v.raw);
  }
  out.append("}");
  return out.toString();
}

/**
 * encodeUtf8(argsJsonBody(values, withUnplaced)) without the text: built as UTF-8 in one buffer of its
 * exact size; a large value that is a slice of `src` is copied as the bytes it arrived in.
 */
export function argsJsonBodyUtf8(values: ArgValue[], withUnplaced: bool, src: Utf8Source): ArrayBuffer {
  const names = new Array<string>(values.length);
  const ranges = new Array<ByteRange | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = unchecked(values[i]);
    if (!isBodyArg(v, withUnplaced)) continue;
    unchecked((names[i] = quoteJson(v.name)));
    if (changetype<usize>(v.src) == changetype<usize>(src.text) && copyableSlice(src, v.start, v.end)) {
      unchecked((ranges[i] = byteRangeOf(src, v.start, v.end)));
    }
  }
  const out = new Utf8Out();
  writeJsonBody(out, values, withUnplaced, names, ranges, src.bytes);
  out.start();
  writeJsonBody(out, values, withUnplaced, names, ranges, src.bytes);
  return out.done();
}

function writeJsonBody(out: Utf8Out, values: ArgValue[], withUnplaced: bool, names: string[], ranges: Array<ByteRange | null>, bytes: ArrayBuffer): void {
  out.append("{");
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = unchecked(values[i]);
    if (!isBodyArg(v, withUnplaced)) continue;
    if (n++ > 0) out.append(",");
    out.append(unchecked(names[i]));
    out.append(":");
    const r = unchecked(ranges[i]);
    if (r !== null) out.copyBytes(bytes, r.start, r.end);
    else out.appendRange(v.src, v.start, v.end);
  }
  out.append("}");
}

/** Form body of the selected arguments, sorted by name. */
export function argsFormBody(values: ArgValue[], withUnplaced: bool): string {
  const sel = sortedByName(values, withUnplaced, true);
  const out = new StrBuf(128);
  let n = 0;
  for (let i = 0; i < sel.length; i++) {
    const v = unchecked(sel[i]);
    if (v.arg.style.length > 0) {
      const pairs = styledPairs(v.name, v.raw, v.arg.style, v.arg.explode);
      for (let j = 0; j < pairs.length; j++) {
        const p = unchecked(pairs[j]);
        if (n++ > 0) out.append("&");
        out.append(formEncode(p.name));
        out.append("=");
        out.append(formEncode(p.value));
      }
      continue;
    }
    if (n++ > 0) out.append("&");
    out.append(formEncode(v.name));
    out.append("=");
    out.append(formEncode(v.text()));
  }
  return out.toString();
}

/** Body (or all, when `bodyOnly` is false) arguments sorted by name (insertion sort: lists are short). */
export function sortedByName(values: ArgValue[], withUnplaced: bool, bodyOnly: bool): ArgValue[] {
  const sel = new Array<ArgValue>();
  for (let i = 0; i < values.length; i++) {
    const v = unchecked(values[i]);
    if (bodyOnly && !isBodyArg(v, withUnplaced)) continue;
    let j = sel.length;
    sel.push(v);
    while (j > 0 && unchecked(sel[j - 1]).name > v.name) {
      unchecked((sel[j] = unchecked(sel[j - 1])));
      j--;
    }
    unchecked((sel[j] = v));
  }
  return sel;
}

/** True when any argument has position "body". */
export function hasBodyPositionArgs(values: ArgValue[]): bool {
  for (let i = 0; i < values.length; i++) if (unchecked(values[i]).arg.position == "body") return true;
  return false;
}
