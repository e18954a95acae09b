// Runtime values of the template engine: a small tagged class. Arrays and
// objects are raw JSON slices (so 64-bit ids and unusual numbers print exactly).
import { Cursor, jsonSkipWs } from "../util/jsonscan";
import { decodeJsonString, quoteJson } from "../util/jsonstring";
import { goTimeString } from "./date";

export const K_MISSING: i32 = 0;
export const K_NULL: i32 = 1;
export const K_BOOL: i32 = 2;
export const K_NUM: i32 = 3;
export const K_STR: i32 = 4;
export const K_ARR: i32 = 5;
export const K_OBJ: i32 = 6;
/** a point in time (from `now`): i = nanoseconds since epoch, zone = offset seconds */
export const K_TIME: i32 = 7;

/** A template runtime value. */
export class Val {
  kind: i32 = K_MISSING;
  b: bool = false;
  /** numeric value (K_NUM) */
  f: f64 = 0;
  /** K_NUM: integral and fits in i64 */
  isInt: bool = false;
  /** integer value (K_NUM with isInt) or nanoseconds (K_TIME) */
  i: i64 = 0;
  /** decoded string (K_STR) or number text (K_NUM) */
  str: string = "";
  /** raw JSON slice: required for arrays/objects, optional for strings */
  src: string = "";
  start: i32 = 0;
  end: i32 = 0;
  hasRaw: bool = false;
  /** K_TIME: zone offset in seconds and zone name */
  zone: i32 = 0;
  zoneName: string = "UTC";

  /** a value that does not exist (missing key) */
  static missing(): Val {
    return new Val();
  }
  /** JSON null */
  static nul(): Val {
    const v = new Val();
    v.kind = K_NULL;
    return v;
  }
  /** boolean */
  static bool(b: bool): Val {
    const v = new Val();
    v.kind = K_BOOL;
    v.b = b;
    return v;
  }
  /** integer number */
  static int(n: i64): Val {
    const v = new Val();
    v.kind = K_NUM;
    v.isInt = true;
    v.i = n;
    v.f = <f64>n;
    v.str = n.toString();
    return v;
  }
  /** floating-point number */
  static float(f: f64): Val {
    const v = new Val();
    v.kind = K_NUM;
    v.f = f;
    v.str = formatFloat(f);
    return v;
  }
  /** string */
  static str(s: string): Val {
    const v = new Val();
    v.kind = K_STR;
    v.str = s;
    return v;
  }
  /** time value */
  static time(nanos: i64, zone: i32, zoneName: string): Val {
    const v = new Val();
    v.kind = K_TIME;
    v.i = nanos;
    v.zone = zone;
    v.zoneName = zoneName;
    return v;
  }
  /** a value from raw JSON text [start,end) (leading whitespace allowed) */
  static raw(src: string, start: i32, end: i32): Val {
    start = jsonSkipWs(src, start, end);
    const v = new Val();
    if (start >= end) return v;
    const c = src.charCodeAt(start);
    v.src = src;
    v.start = start;
    v.end = end;
    v.hasRaw = true;
    if (c == 123) v.kind = K_OBJ;
    else if (c == 91) v.kind = K_ARR;
    else if (c == 34) {
      v.kind = K_STR;
      v.str = decodeJsonString(src, start, end);
    } else if (c == 116 || c == 102) {
      v.kind = K_BOOL;
      v.b = c == 116;
    } else if (c == 110) v.kind = K_NULL;
    else if (c == 45 || (c >= 48 && c <= 57) || c == 73 || c == 78) {
      v.kind = K_NUM;
      v.str = src.substring(start, end);
      parseNumberInto(v);
    } else {
      v.kind = K_MISSING;
      v.hasRaw = false;
    }
    return v;
  }
  /** a value from a whole JSON text */
  static fromJSON(text: string): Val {
    return Val.raw(text, 0, text.length);
  }

  /** whether the value exists (not a missing key) */
  exists(): bool {
    return this.kind != K_MISSING;
  }
  /** the raw JSON slice as a string */
  rawText(): string {
    return this.src.substring(this.start, this.end);
  }
  /** number of elements/members (arrays/objects), else 0 */
  count(): i32 {
    if (this.kind != K_ARR && this.kind != K_OBJ) return 0;
    const c = new Cursor(this.src, this.start, this.end);
    let n = 0;
    while (c.next()) n++;
    return n;
  }
}

/** Fill f/isInt/i of a number value from its text (v.str). */
export function parseNumberInto(v: Val): void {
  const s = v.str;
  const n = s.length;
  let i = 0;
  let neg = false;
  if (n > 0 && s.charCodeAt(0) == 45) {
    neg = true;
    i = 1;
  }
  let integral = i < n;
  let acc: u64 = 0;
  let overflow = false;
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) {
      integral = false;
      break;
    }
    const d = <u64>(c - 48);
    if (acc > (0xFFFFFFFFFFFFFFFF - d) / 10) overflow = true;
    else acc = acc * 10 + d;
  }
  if (integral && !overflow && (neg ? acc <= 0x8000000000000000 : acc <= 0x7FFFFFFFFFFFFFFF)) {
    v.isInt = true;
    v.i = neg ? -(<i64>acc) : <i64>acc;
    v.f = <f64>v.i;
    return;
  }
  v.f = parseFloat(s);
}

/** Go-like shortest formatting of a float (integral values without ".0"). */
export function formatFloat(f: f64): string {
  if (isNaN(f)) return "NaN";
  if (!isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == Math.floor(f) && Math.abs(f) < 1e21) {
    if (Math.abs(f) < 9e18) return (<i64>f).toString();
  }
  return f.toString();
}

/** Text as gjson_template prints a value (strings unquoted, missing → ""). */
export function textOf(v: Val): string {
  switch (v.kind) {
    case K_MISSING:
      return "";
    case K_NULL:
      return "null";
    case K_BOOL:
      return v.b ? "true" : "false";
    case K_NUM:
    case K_STR:
      return v.str;
    case K_TIME:
      return timeString(v);
  }
  return v.rawText();
}

/** JSON encoding of a value (missing → "null"). */
export function jsonOf(v: Val): string {
  switch (v.kind) {
    case K_MISSING:
    case K_NULL:
      return "null";
    case K_BOOL:
      return v.b ? "true" : "false";
    case K_NUM:
      if (!isFinite(v.f)) return "null";
      return v.str;
    case K_STR:
      return v.hasRaw ? v.rawText() : quoteJson(v.str);
    case K_TIME:
      return quoteJson(timeString(v));
  }
  return v.rawText();
}

/** Truthiness as Go templates / gjson_template define it. */
export function truthy(v: Val): bool {
  switch (v.kind) {
    case K_BOOL:
      return v.b;
    case K_NUM:
      return v.f != 0;
    case K_STR:
      return v.str.length > 0;
    case K_ARR:
    case K_OBJ: {
      const c = new Cursor(v.src, v.start, v.end);
      return c.next();
    }
    case K_TIME:
      return true;
  }
  return false;
}

/** Type name used in error messages. */
export function kindName(v: Val): string {
  switch (v.kind) {
    case K_NULL:
      return "null";
    case K_BOOL:
      return "bool";
    case K_NUM:
      return v.isInt ? "int" : "float64";
    case K_STR:
      return "string";
    case K_ARR:
      return "array";
    case K_OBJ:
      return "object";
    case K_TIME:
      return "time";
  }
  return "missing value";
}

function timeString(v: Val): string {
  return goTimeString(v.i, v.zone, v.zoneName);
}
