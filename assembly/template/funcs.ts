// Built-in functions (Go text/template builtins + a Sprig subset) dispatch.
// Arguments arrive evaluated; the pipeline value, if any, is the last one.
import * as F from "./funcnames";
import { State } from "./state";
import { K_ARR, K_BOOL, K_MISSING, K_NULL, K_NUM, K_OBJ, K_STR, K_TIME, Val, jsonOf, textOf, truthy } from "./value";
import { minifyJson, prettyJson } from "../util/jsonformat";
import { Cursor } from "../util/jsonscan";
import { jsonUnescape, quoteJson } from "../util/jsonstring";
import { child, element, arrayOf } from "./gjson";
import { sprintf, safeI64 } from "./printf";
import { stringFunc } from "./strfuncs";
import { mathFunc } from "./mathfuncs";
import { timeFunc } from "./timefuncs";
import { htmlEscape, jsEscape, queryEscape } from "./encode";
import { joinStrings } from "../util/strbuf";

/** Check the argument count; records an error when it is outside [min, max]. */
export function argc(s: State, name: string, args: Val[], min: i32, max: i32): bool {
  const n = args.length;
  if (n >= min && (max < 0 || n <= max)) return true;
  let want = min.toString();
  if (max < 0) want = "at least " + want;
  else if (max != min) want = min.toString() + " to " + max.toString();
  s.fail("wrong number of args for " + name + ": want " + want + " got " + n.toString());
  return false;
}

/** String form of an argument for string functions (missing/null → ""). */
export function str(v: Val): string {
  if (v.kind == K_MISSING || v.kind == K_NULL) return "";
  return textOf(v);
}

/** Text form used by print/println/cat. */
function printText(v: Val): string {
  if (v.kind == K_MISSING || v.kind == K_NULL) return "";
  return textOf(v);
}

/** Equality as gjson_template's eq: numbers numerically (numeric strings too), else by value. */
export function valEq(a: Val, b: Val): bool {
  const an = a.kind == K_NUM, bn = b.kind == K_NUM;
  if (an && bn) return a.isInt && b.isInt ? a.i == b.i : a.f == b.f;
  if (an && b.kind == K_STR) return numericEq(a, b.str);
  if (bn && a.kind == K_STR) return numericEq(b, a.str);
  const aNil = a.kind == K_MISSING || a.kind == K_NULL;
  const bNil = b.kind == K_MISSING || b.kind == K_NULL;
  if (aNil || bNil) return aNil && bNil;
  if (a.kind != b.kind) return false;
  if (a.kind == K_STR) return a.str == b.str;
  if (a.kind == K_BOOL) return a.b == b.b;
  if (a.kind == K_TIME) return a.i == b.i;
  return minifyJson(a.src, a.start, a.end) == minifyJson(b.src, b.start, b.end);
}

function numericEq(n: Val, s: string): bool {
  const t = s.trim();
  if (t.length == 0) return false;
  const f = parseFloat(t);
  return !isNaN(f) && f == n.f;
}

/** Three-way order: numbers numerically, else by text. */
function cmp(a: Val, b: Val): i32 {
  if (a.kind == K_NUM && b.kind == K_NUM) {
    if (a.isInt && b.isInt) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    return a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
  }
  const x = str(a), y = str(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function indexInto(s: State, item: Val, idx: Val): Val {
  if (item.kind == K_ARR) {
    if (idx.kind != K_NUM) {
      s.fail("index: cannot index slice/array with type " + (idx.kind == K_STR ? "string" : "nil"));
      return Val.missing();
    }
    const i = idx.isInt ? idx.i : safeI64(idx.f);
    const n = item.count();
    if (i < 0 || i >= n) {
      s.fail("index: index out of range: " + i.toString());
      return Val.missing();
    }
    return element(item, <i32>i);
  }
  if (item.kind == K_OBJ) return child(item, str(idx), false);
  if (item.kind == K_MISSING || item.kind == K_NULL) {
    s.fail("index: index of untyped nil");
    return Val.missing();
  }
  s.fail("index: can't index item of type " + (item.kind == K_STR ? "string" : item.kind == K_NUM ? "number" : "bool"));
  return Val.missing();
}

function sliceOf(s: State, args: Val[]): Val {
  const item = args[0];
  const n = item.kind == K_STR ? item.str.length : item.kind == K_ARR ? item.count() : -1;
  if (n < 0) {
    s.fail("slice: can't slice item of this type");
    return Val.missing();
  }
  let lo: i64 = 0, hi: i64 = n;
  if (args.length > 1) lo = args[1].isInt ? args[1].i : safeI64(args[1].f);
  if (args.length > 2) hi = args[2].isInt ? args[2].i : safeI64(args[2].f);
  if (lo < 0 || hi > n || lo > hi) {
    s.fail("slice: index out of range");
    return Val.missing();
  }
  if (item.kind == K_STR) return Val.str(item.str.substring(<i32>lo, <i32>hi));
  const out = new Array<string>();
  const c = new Cursor(item.src, item.start, item.end);
  let k = 0;
  while (c.next()) {
    if (k >= lo && k < hi) out.push(item.src.substring(c.valStart, c.valEnd));
    k++;
  }
  return arrayOf(out);
}

/** Call built-in `fn` (never `and`, `or`, `gjson`: exec handles those). */
export function callFunc(s: State, fn: i32, name: string, args: Val[]): Val {
  if (fn >= F.F_ADD && fn <= F.F_ROUND) return mathFunc(s, fn, name, args);
  if (fn >= F.F_NOW && fn <= F.F_GETREALIP) return timeFunc(s, fn, name, args);
  if (fn >= F.F_UPPER && fn <= F.F_B64DEC && fn != F.F_TOJSON && fn != F.F_TOPRETTYJSON && fn != F.F_TORAWJSON && fn != F.F_FROMJSON) {
    return stringFunc(s, fn, name, args);
  }
  return coreFunc(s, fn, name, args);
}

function coreFunc(s: State, fn: i32, name: string, args: Val[]): Val {
  const n = args.length;
  switch (fn) {
    case F.F_NOT:
      if (!argc(s, name, args, 1, 1)) break;
      return Val.bool(!truthy(args[0]));
    case F.F_LEN: {
      if (!argc(s, name, args, 1, 1)) break;
      const v = args[0];
      if (v.kind == K_ARR || v.kind == K_OBJ) return Val.int(v.count());
      if (v.kind == K_STR) return Val.int(String.UTF8.byteLength(v.str));
      return Val.int(0);
    }
    case F.F_INDEX: {
      if (!argc(s, name, args, 1, -1)) break;
      let item = args[0];
      for (let i = 1; i < n && !s.failed; i++) item = indexInto(s, item, args[i]);
      return item;
    }
    case F.F_SLICE:
      if (!argc(s, name, args, 1, 3)) break;
      return sliceOf(s, args);
    case F.F_PRINT:
    case F.F_PRINTLN: {
      const parts = new Array<string>();
      for (let i = 0; i < n; i++) parts.push(printText(args[i]));
      return Val.str(joinStrings(parts, " ") + (fn == F.F_PRINTLN ? "\n" : ""));
    }
    case F.F_PRINTF: {
      if (!argc(s, name, args, 1, -1)) break;
      if (args[0].kind != K_STR) {
        s.fail("first argument to printf must be a format string");
        break;
      }
      return Val.str(sprintf(args[0].str, args.slice(1)));
    }
    case F.F_URLQUERY:
    case F.F_HTML:
    case F.F_JS: {
      const parts = new Array<string>();
      for (let i = 0; i < n; i++) parts.push(printText(args[i]));
      const t = joinStrings(parts, "");
      return Val.str(fn == F.F_URLQUERY ? queryEscape(t) : fn == F.F_HTML ? htmlEscape(t) : jsEscape(t));
    }
    case F.F_EQ: {
      if (!argc(s, name, args, 2, -1)) break;
      for (let i = 1; i < n; i++) if (valEq(args[0], args[i])) return Val.bool(true);
      return Val.bool(false);
    }
    case F.F_NE:
      if (!argc(s, name, args, 2, 2)) break;
      return Val.bool(!valEq(args[0], args[1]));
    case F.F_LT:
    case F.F_LE:
    case F.F_GT:
    case F.F_GE: {
      if (!argc(s, name, args, 2, 2)) break;
      const c = cmp(args[0], args[1]);
      return Val.bool(fn == F.F_LT ? c < 0 : fn == F.F_LE ? c <= 0 : fn == F.F_GT ? c > 0 : c >= 0);
    }
    case F.F_DEFAULT:
      if (!argc(s, name, args, 1, -1)) break;
      if (n == 1 || !truthy(args[1])) return args[0];
      return args[1];
    case F.F_EMPTY:
      if (!argc(s, name, args, 1, 1)) break;
      return Val.bool(!truthy(args[0]));
    case F.F_COALESCE:
      for (let i = 0; i < n; i++) if (truthy(args[i])) return args[i];
      return Val.missing();
    case F.F_TERNARY:
      if (!argc(s, name, args, 3, 3)) break;
      return truthy(args[2]) ? args[0] : args[1];
    case F.F_TOJSON:
    case F.F_TORAWJSON:
    case F.F_TOPRETTYJSON: {
      if (!argc(s, name, args, 1, 1)) break;
      const j = jsonOf(args[0]);
      if (fn != F.F_TOPRETTYJSON) return Val.str(args[0].kind == K_ARR || args[0].kind == K_OBJ ? minifyJson(j, 0, j.length) : j);
      const p = prettyJson(j, 0, j.length, s.maxOutput);
      if (p === null) {
        s.fail("template output exceeds " + s.maxOutput.toString() + " bytes");
        break;
      }
      return Val.str(p);
    }
    case F.F_FROMJSON: {
      if (!argc(s, name, args, 1, 1)) break;
      return Val.fromJSON(str(args[0]));
    }
    case F.F_LIST: {
      const items = new Array<string>();
      for (let i = 0; i < n; i++) items.push(jsonOf(args[i]));
      return arrayOf(items);
    }
    case F.F_DICT: {
      const items = new Array<string>();
      for (let i = 0; i < n; i += 2) items.push(quoteJson(str(args[i])) + ":" + (i + 1 < n ? jsonOf(args[i + 1]) : '""'));
      return Val.fromJSON("{" + joinStrings(items, ",") + "}");
    }
    case F.F_HASKEY:
      if (!argc(s, name, args, 2, 2)) break;
      return Val.bool(args[0].kind == K_OBJ && child(args[0], str(args[1]), false).exists());
    case F.F_KEYS: {
      const items = new Array<string>();
      for (let i = 0; i < n; i++) {
        const v = args[i];
        if (v.kind != K_OBJ) continue;
        const c = new Cursor(v.src, v.start, v.end);
        while (c.next()) items.push(quoteJson(jsonUnescape(v.src, c.keyStart, c.keyEnd)));
      }
      return arrayOf(items);
    }
    case F.F_FIRST:
    case F.F_LAST: {
      if (!argc(s, name, args, 1, 1)) break;
      const v = args[0];
      if (v.kind == K_ARR) {
        const cnt = v.count();
        return cnt == 0 ? Val.missing() : element(v, fn == F.F_FIRST ? 0 : cnt - 1);
      }
      if (v.kind == K_STR && v.str.length > 0) return Val.str(fn == F.F_FIRST ? v.str.charAt(0) : v.str.charAt(v.str.length - 1));
      return Val.missing();
    }
  }
  return Val.missing();
}

