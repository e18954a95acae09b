// Per-argument serialization of arrays and objects in query strings and form bodies
// (our addition, OpenAPI `style`/`explode` carried by the converter). Without a style an
// argument keeps Higress's behaviour: one pair with the value's JSON text.
//
//   style            array [1,2]              object {"x":1,"y":2}        nested
//   form (explode)   a=1&a=2                  x=1&y=2                     JSON text
//   form, !explode   a=1,2                    a=x,1,y,2                   JSON text
//   spaceDelimited   a=1 2                    a=x 1 y 2                   JSON text
//   pipeDelimited    a=1|2                    a=x|1|y|2                   JSON text
//   deepObject       a[]=1&a[]=2              a[x]=1&a[y]=2               a[x][y]=1, a[x][0][k]=v
//   brackets         a[]=1&a[]=2              a[x]=1&a[y]=2               as deepObject
//
// Pairs are decoded names/values: the caller form-encodes them. Linear in the value size
// times the nesting depth (at most MAX_DEPTH levels; deeper values are sent as JSON text).
import { argText } from "./args";
import { minifyJson } from "../util/jsonformat";
import { jsonKind, jsonSkipWs, jsonValueEnd } from "../util/jsonscan";
import { decodeJsonString } from "../util/jsonstring";
import { StrBuf } from "../util/strbuf";

const MAX_DEPTH: i32 = 32;

/** One decoded name=value pair. */
export class Pair {
  name: string;
  value: string;
  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
}

/** Start index of each element (array) or of each key (object) of the composite at `i`. */
function children(s: string, i: i32): i32[] {
  const out = new Array<i32>();
  const open = s.charCodeAt(i);
  let j = jsonSkipWs(s, i + 1);
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c == 0x5d || c == 0x7d) break;
    out.push(j);
    j = jsonSkipWs(s, jsonValueEnd(s, j));
    if (open == 0x7b) {
      if (j >= s.length || s.charCodeAt(j) != 0x3a) break;
      j = jsonSkipWs(s, jsonValueEnd(s, jsonSkipWs(s, j + 1)));
    }
    if (j < s.length && s.charCodeAt(j) == 0x2c) j = jsonSkipWs(s, j + 1);
    else break;
  }
  return out;
}

/** Value start after the key at `k` (object member). */
function memberValue(s: string, k: i32): i32 {
  const colon = jsonSkipWs(s, jsonValueEnd(s, k));
  return jsonSkipWs(s, colon + 1);
}

function text(s: string, i: i32): string {
  return argText(s.substring(i, jsonValueEnd(s, i)));
}

function isComposite(s: string, i: i32): bool {
  const c = s.charCodeAt(i);
  return c == 0x5b || c == 0x7b;
}

function isNull(s: string, i: i32): bool {
  return s.charCodeAt(i) == 0x6e;
}

/** `a[x][0]…` pairs for every leaf of the value at `i` (brackets / deepObject). */
function bracketPairs(s: string, i: i32, prefix: string, depth: i32, out: Pair[]): void {
  if (isNull(s, i)) return;
  if (!isComposite(s, i) || depth >= MAX_DEPTH) {
    out.push(new Pair(prefix, isComposite(s, i) ? minifyJson(s.substring(i, jsonValueEnd(s, i))) : text(s, i)));
    return;
  }
  const kids = children(s, i);
  if (s.charCodeAt(i) == 0x5b) {
    let scalars = true;
    for (let n = 0; n < kids.length; n++) if (isComposite(s, unchecked(kids[n]))) scalars = false;
    for (let n = 0; n < kids.length; n++) {
      const k = unchecked(kids[n]);
      bracketPairs(s, k, prefix + (scalars ? "[]" : "[" + n.toString() + "]"), depth + 1, out);
    }
    return;
  }
  for (let n = 0; n < kids.length; n++) {
    const k = unchecked(kids[n]);
    const key = decodeJsonString(s.substring(k, jsonValueEnd(s, k)));
    bracketPairs(s, memberValue(s, k), prefix + "[" + key + "]", depth + 1, out);
  }
}

/** The pairs of argument `name` with raw JSON `raw` under `style`/`explode`. */
export function styledPairs(name: string, raw: string, style: string, explode: bool): Pair[] {
  const out = new Array<Pair>();
  const s = raw.trim();
  const kind = jsonKind(s);
  if (kind == "null") return out;
  if (kind != "array" && kind != "object") {
    out.push(new Pair(name, argText(s)));
    return out;
  }
  if (style == "deepObject" || style == "brackets") {
    bracketPairs(s, 0, name, 0, out);
    return out;
  }
  const kids = children(s, 0);
  const isObj = kind == "object";
  const sep = style == "spaceDelimited" ? " " : style == "pipeDelimited" ? "|" : ",";
  if (style == "form" && explode) {
    for (let n = 0; n < kids.length; n++) {
      const k = unchecked(kids[n]);
      const v = isObj ? memberValue(s, k) : k;
      if (isNull(s, v)) continue;
      const key = isObj ? decodeJsonString(s.substring(k, jsonValueEnd(s, k))) : name;
      out.push(new Pair(key, isComposite(s, v) ? minifyJson(s.substring(v, jsonValueEnd(s, v))) : text(s, v)));
    }
    return out;
  }
  const joined = new StrBuf(s.length);
  for (let n = 0; n < kids.length; n++) {
    const k = unchecked(kids[n]);
    const v = isObj ? memberValue(s, k) : k;
    if (n > 0) joined.append(sep);
    if (isObj) {
      joined.append(decodeJsonString(s.substring(k, jsonValueEnd(s, k))));
      joined.append(sep);
    }
    if (!isNull(s, v)) joined.append(isComposite(s, v) ? minifyJson(s.substring(v, jsonValueEnd(s, v))) : text(s, v));
  }
  out.push(new Pair(name, joined.toString()));
  return out;
}
