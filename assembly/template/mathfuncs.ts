// Arithmetic: add add1 sub mul div mod max min (integers stay integers, any
// float makes the result float), addf subf mulf divf, floor ceil round.
import * as F from "./funcnames";
import { State } from "./state";
import { K_BOOL, K_NUM, K_STR, Val } from "./value";
import { argc } from "./funcs";
import { fixed } from "./printf";

/** Numeric view of a value: numbers as is, numeric strings parsed, bools 1/0, else 0. */
export function toNum(v: Val): Val {
  if (v.kind == K_NUM) return v;
  if (v.kind == K_BOOL) return Val.int(v.b ? 1 : 0);
  if (v.kind == K_STR) {
    const t = v.str.trim();
    if (t.length == 0) return Val.int(0);
    if (!isNumericText(t)) return Val.int(0);
    const r = Val.fromJSON(t.charCodeAt(0) == 43 ? t.substring(1) : t);
    return r.isInt ? Val.int(r.i) : Val.float(r.f);
  }
  return Val.int(0);
}

/** Whether t is a decimal number: [+-]digits[.digits][e[+-]digits]. */
export function isNumericText(t: string): bool {
  let i = 0;
  const n = t.length;
  if (i < n && (t.charCodeAt(i) == 43 || t.charCodeAt(i) == 45)) i++;
  let digits = 0;
  while (i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) { i++; digits++; }
  if (i < n && t.charCodeAt(i) == 46) {
    i++;
    while (i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) { i++; digits++; }
  }
  if (digits == 0) return false;
  if (i < n && (t.charCodeAt(i) | 32) == 101) {
    i++;
    if (i < n && (t.charCodeAt(i) == 43 || t.charCodeAt(i) == 45)) i++;
    let e = 0;
    while (i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) { i++; e++; }
    if (e == 0) return false;
  }
  return i == n;
}

function result(isInt: bool, i: i64, f: f64): Val {
  return isInt ? Val.int(i) : Val.float(f);
}

/** Evaluate an arithmetic function. */
export function mathFunc(s: State, fn: i32, name: string, args: Val[]): Val {
  const n = args.length;
  const floatOnly = fn == F.F_ADDF || fn == F.F_SUBF || fn == F.F_MULF || fn == F.F_DIVF;
  if (fn == F.F_ADD || fn == F.F_MUL || fn == F.F_ADDF || fn == F.F_MULF || fn == F.F_MAX || fn == F.F_MIN) {
    if (!argc(s, name, args, fn == F.F_MAX || fn == F.F_MIN ? 1 : 0, -1)) return Val.missing();
    const mul = fn == F.F_MUL || fn == F.F_MULF;
    let isInt = !floatOnly;
    let ai: i64 = mul ? 1 : 0;
    let af: f64 = mul ? 1 : 0;
    let curInt = true;
    for (let k = 0; k < n; k++) {
      const v = toNum(args[k]);
      if (!v.isInt) isInt = false;
      if (fn == F.F_MAX || fn == F.F_MIN) {
        let take = k == 0;
        if (!take && v.isInt && curInt) take = fn == F.F_MAX ? v.i > ai : v.i < ai;
        else if (!take) take = fn == F.F_MAX ? v.f > af : v.f < af;
        if (take) { ai = v.i; af = v.f; curInt = v.isInt; }
        continue;
      }
      if (mul) { ai = ai * v.i; af = af * v.f; } else { ai = ai + v.i; af = af + v.f; }
    }
    return result(isInt, ai, af);
  }
  if (fn == F.F_ADD1) {
    if (!argc(s, name, args, 1, 1)) return Val.missing();
    const v = toNum(args[0]);
    return result(v.isInt, v.i + 1, v.f + 1);
  }
  if (fn == F.F_FLOOR || fn == F.F_CEIL) {
    if (!argc(s, name, args, 1, 1)) return Val.missing();
    const v = toNum(args[0]);
    return Val.float(fn == F.F_FLOOR ? Math.floor(v.f) : Math.ceil(v.f));
  }
  if (fn == F.F_ROUND) {
    if (!argc(s, name, args, 1, 3)) return Val.missing();
    const v = toNum(args[0]);
    const p = n > 1 ? <i32>toNum(args[1]).f : 0;
    const t = fixed(v.f, p < 0 ? 0 : p);
    return Val.float(parseFloat(t));
  }
  // binary: sub div mod subf divf
  if (!argc(s, name, args, 2, 2)) return Val.missing();
  const a = toNum(args[0]);
  const b = toNum(args[1]);
  const isInt = !floatOnly && a.isInt && b.isInt;
  if (fn == F.F_SUB || fn == F.F_SUBF) return result(isInt, a.i - b.i, a.f - b.f);
  if (b.f == 0) {
    s.fail(name + ": division by zero");
    return Val.missing();
  }
  if (fn == F.F_MOD) {
    if (isInt) return Val.int(b.i == -1 ? 0 : a.i % b.i);
    return Val.float(a.f % b.f);
  }
  if (isInt) return Val.int(b.i == -1 ? 0 - a.i : a.i / b.i);
  return Val.float(a.f / b.f);
}
