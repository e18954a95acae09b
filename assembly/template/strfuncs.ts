// String functions (Sprig argument order: the subject string comes last, so
// `{{ .x | trimPrefix "a" }}` works), conversions and base64.
import { StrBuf } from "../util/strbuf";
import * as F from "./funcnames";
import { State } from "./state";
import { K_ARR, K_BOOL, K_MISSING, K_NULL, K_NUM, K_STR, Val, textOf } from "./value";
import { Cursor } from "../util/jsonscan";
import { quoteJson } from "../util/jsonstring";
import { argc, str } from "./funcs";
import { arrayOf } from "./gjson";
import { toNum, isNumericText } from "./mathfuncs";
import { safeI64 } from "./printf";
import { b64decode, b64encode, goQuote } from "./encode";
import { StrBuf, joinStrings } from "../util/strbuf";

function isSpaceCode(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13) || c == 0x85 || c == 0xa0 || c == 0x2028 || c == 0x2029 || c == 0x3000 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f;
}

function trimSpace(t: string): string {
  let a = 0, b = t.length;
  while (a < b && isSpaceCode(t.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(t.charCodeAt(b - 1))) b--;
  return t.substring(a, b);
}

function trimCutset(t: string, cut: string): string {
  let a = 0, b = t.length;
  while (a < b && cut.indexOf(t.charAt(a)) >= 0) a++;
  while (b > a && cut.indexOf(t.charAt(b - 1)) >= 0) b--;
  return t.substring(a, b);
}

function isLetter(c: i32): bool {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

function title(t: string): string {
  // one buffer, one allocation per upper-cased letter only (was a string per character)
  const out = new StrBuf(t.length + 4);
  let prevLetter = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!prevLetter && isLetter(c)) out.append(t.charAt(i).toUpperCase());
    else out.appendCode(c);
    prevLetter = isLetter(c) || (c >= 48 && c <= 57) || c == 95 || c == 39;
  }
  return out.toString();
}

function splitParts(sep: string, t: string): string[] {
  if (sep.length == 0) {
    const out = new Array<string>();
    for (let i = 0; i < t.length; i++) out.push(t.charAt(i));
    return out;
  }
  return t.split(sep);
}

function toInt(v: Val): Val {
  if (v.kind == K_STR) {
    const t = v.str.trim();
    if (!isNumericText(t)) return Val.int(0);
  }
  const n = toNum(v);
  return Val.int(n.isInt ? n.i : safeI64(n.f));
}

/** Evaluate a string/conversion function. */
export function stringFunc(s: State, fn: i32, name: string, args: Val[]): Val {
  const n = args.length;
  switch (fn) {
    case F.F_UPPER:
    case F.F_LOWER:
    case F.F_TITLE:
    case F.F_TRIM:
    case F.F_NOSPACE:
    case F.F_B64ENC:
    case F.F_B64DEC:
    case F.F_SQUOTE: {
      if (fn != F.F_SQUOTE && !argc(s, name, args, 1, 1)) break;
      if (fn == F.F_SQUOTE) {
        const q = new Array<string>();
        for (let i = 0; i < n; i++) if (args[i].kind != K_MISSING && args[i].kind != K_NULL) q.push("'" + textOf(args[i]) + "'");
        return Val.str(joinStrings(q, " "));
      }
      const t = str(args[0]);
      if (fn == F.F_UPPER) return Val.str(t.toUpperCase());
      if (fn == F.F_LOWER) return Val.str(t.toLowerCase());
      if (fn == F.F_TITLE) return Val.str(title(t));
      if (fn == F.F_TRIM) return Val.str(trimSpace(t));
      if (fn == F.F_B64ENC) return Val.str(b64encode(t));
      if (fn == F.F_B64DEC) {
        const d = b64decode(t);
        if (d === null) {
          s.fail("b64dec: illegal base64 data");
          break;
        }
        return Val.str(d);
      }
      const out = new StrBuf(t.length);
      let seg = 0;
      for (let i = 0; i < t.length; i++) {
        if (!isSpaceCode(t.charCodeAt(i))) continue;
        out.appendRange(t, seg, i);
        seg = i + 1;
      }
      out.appendRange(t, seg, t.length);
      return Val.str(out.toString());
    }
    case F.F_TRIMALL:
    case F.F_TRIMPREFIX:
    case F.F_TRIMSUFFIX:
    case F.F_CONTAINS:
    case F.F_HASPREFIX:
    case F.F_HASSUFFIX:
    case F.F_SPLIT:
    case F.F_SPLITLIST: {
      if (!argc(s, name, args, 2, 2)) break;
      const a = str(args[0]);
      const t = str(args[1]);
      if (fn == F.F_TRIMALL) return Val.str(trimCutset(t, a));
      if (fn == F.F_TRIMPREFIX) return Val.str(a.length > 0 && t.startsWith(a) ? t.substring(a.length) : t);
      if (fn == F.F_TRIMSUFFIX) return Val.str(a.length > 0 && t.endsWith(a) ? t.substring(0, t.length - a.length) : t);
      if (fn == F.F_CONTAINS) return Val.bool(t.includes(a));
      if (fn == F.F_HASPREFIX) return Val.bool(t.startsWith(a));
      if (fn == F.F_HASSUFFIX) return Val.bool(t.endsWith(a));
      const parts = splitParts(a, t);
      const items = new Array<string>();
      for (let i = 0; i < parts.length; i++) {
        const q = quoteJson(parts[i]);
        items.push(fn == F.F_SPLIT ? '"_' + i.toString() + '":' + q : q);
      }
      return fn == F.F_SPLIT ? Val.fromJSON("{" + joinStrings(items, ",") + "}") : arrayOf(items);
    }
    case F.F_REPLACE: {
      if (!argc(s, name, args, 3, 3)) break;
      const from = str(args[0]);
      const t = str(args[2]);
      if (from.length == 0) return Val.str(t);
      const to = str(args[1]);
      const hits = (t.length - t.replaceAll(from, "").length) / from.length;
      if (<i64>t.length + <i64>hits * <i64>(to.length - from.length) > <i64>s.maxOutput) {
        s.fail("template output exceeds " + s.maxOutput.toString() + " bytes");
        break;
      }
      return Val.str(t.replaceAll(from, to));
    }
    case F.F_QUOTE:
    case F.F_CAT: {
      const q = new Array<string>();
      for (let i = 0; i < n; i++) {
        if (args[i].kind == K_MISSING || args[i].kind == K_NULL) continue;
        q.push(fn == F.F_QUOTE ? goQuote(textOf(args[i])) : textOf(args[i]));
      }
      return Val.str(joinStrings(q, " "));
    }
    case F.F_JOIN: {
      if (!argc(s, name, args, 2, 2)) break;
      const sep = str(args[0]);
      const l = args[1];
      if (l.kind != K_ARR) return Val.str(str(l));
      const parts = new Array<string>();
      const c = new Cursor(l.src, l.start, l.end);
      while (c.next()) {
        const e = Val.raw(l.src, c.valStart, c.valEnd);
        parts.push(e.kind == K_NULL ? "" : textOf(e));
      }
      return Val.str(joinStrings(parts, sep));
    }
    case F.F_REPEAT: {
      if (!argc(s, name, args, 2, 2)) break;
      const cnt = toInt(args[0]).i;
      const t = str(args[1]);
      if (cnt < 0) {
        s.fail("repeat: negative repeat count");
        break;
      }
      if (t.length == 0 || cnt == 0) return Val.str("");
      if (cnt * <i64>t.length > <i64>s.maxOutput) {
        s.fail("template output exceeds " + s.maxOutput.toString() + " bytes");
        break;
      }
      return Val.str(t.repeat(<i32>cnt));
    }
    case F.F_SUBSTR: {
      if (!argc(s, name, args, 3, 3)) break;
      const t = str(args[2]);
      let a = toInt(args[0]).i;
      let b = toInt(args[1]).i;
      const len = <i64>t.length;
      if (a < 0) a = 0;
      if (b < 0 || b > len) b = len;
      if (a > b) a = b;
      return Val.str(t.substring(<i32>a, <i32>b));
    }
    case F.F_TRUNC: {
      if (!argc(s, name, args, 2, 2)) break;
      const c = toInt(args[0]).i;
      const t = str(args[1]);
      const len = <i64>t.length;
      if (c >= 0) return Val.str(c < len ? t.substring(0, <i32>c) : t);
      return Val.str(-c < len ? t.substring(<i32>(len + c)) : t);
    }
    case F.F_TOSTRING:
      if (!argc(s, name, args, 1, 1)) break;
      return Val.str(textOf(args[0]));
    case F.F_TOINT:
    case F.F_INT:
    case F.F_INT64:
      if (!argc(s, name, args, 1, 1)) break;
      return toInt(args[0]);
    case F.F_ATOI: {
      if (!argc(s, name, args, 1, 1)) break;
      const v = args[0];
      if (v.kind == K_NUM || v.kind == K_BOOL) return toInt(v);
      const t = str(v).trim();
      const r = Val.fromJSON(t);
      return r.kind == K_NUM && r.isInt && isNumericText(t) ? Val.int(r.i) : Val.int(0);
    }
    case F.F_TOFLOAT:
    case F.F_FLOAT64: {
      if (!argc(s, name, args, 1, 1)) break;
      const v = toNum(args[0]);
      return Val.float(v.f);
    }
    default:
      s.fail("function \"" + name + "\" not implemented");
  }
  return Val.missing();
}
