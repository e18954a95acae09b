// Go fmt.Sprintf subset: verbs %s %d %v %f %e %g %q %x %X %o %b %t %c %%, flags
// '-' '+' ' ' '0' '#', width and precision (incl. '*'). Wrong types print
// Go-style "%!d(string=x)" markers instead of failing.
import { K_ARR, K_BOOL, K_MISSING, K_NULL, K_NUM, K_OBJ, K_STR, Val, formatFloat, kindName, textOf } from "./value";
import { goQuote } from "./encode";
import { StrBuf, joinStrings } from "../util/strbuf";

/** A code point that String.fromCodePoint accepts (invalid → U+FFFD). */
export function safeCodePoint(v: i64): i32 {
  if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0xfffd;
  return <i32>v;
}

/** Saturating float → i64. */
export function safeI64(f: f64): i64 {
  if (isNaN(f)) return 0;
  if (f >= 9.2e18) return i64.MAX_VALUE;
  if (f <= -9.2e18) return i64.MIN_VALUE;
  return <i64>f;
}

/** Fixed-point formatting with `prec` decimals. */
export function fixed(f: f64, prec: i32): string {
  if (!isFinite(f)) return formatFloat(f);
  if (prec > 17) prec = 17;
  const neg = f < 0 || (f == 0 && 1 / f < 0);
  let a = Math.abs(f);
  const scale = Math.pow(10, prec);
  if (a * scale >= 9e18) {
    const s = formatFloat(a);
    return (neg ? "-" : "") + s + (prec > 0 && s.indexOf(".") < 0 && s.indexOf("e") < 0 ? "." + "0".repeat(prec) : "");
  }
  const r = <u64>Math.round(a * scale);
  let digits = r.toString();
  if (prec > 0) {
    while (digits.length <= prec) digits = "0" + digits;
    digits = digits.substring(0, digits.length - prec) + "." + digits.substring(digits.length - prec);
  }
  return (neg && r != 0 ? "-" : "") + digits;
}

function expo(f: f64, prec: i32): string {
  if (!isFinite(f) || f == 0) return f == 0 ? fixed(0, prec) + "e+00" : formatFloat(f);
  const neg = f < 0;
  let a = Math.abs(f);
  let e = <i32>Math.floor(Math.log10(a));
  let m = a / Math.pow(10, e);
  if (m >= 10) { m /= 10; e++; }
  let ms = fixed(m, prec);
  if (ms.startsWith("10")) { ms = fixed(m / 10, prec); e++; }
  const ae = e < 0 ? -e : e;
  const es = (e < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae.toString();
  return (neg ? "-" : "") + ms + "e" + es;
}

function padTo(s: string, width: i32, left: bool, zero: bool): string {
  if (s.length >= width) return s;
  const fill = width - s.length;
  if (left) return s + " ".repeat(fill);
  if (zero) {
    const c = s.charCodeAt(0);
    if (c == 45 || c == 43) return s.charAt(0) + "0".repeat(fill) + s.substring(1);
    return "0".repeat(fill) + s;
  }
  return " ".repeat(fill) + s;
}

function goTypeName(v: Val): string {
  if (v.kind == K_ARR || v.kind == K_OBJ) return "string";
  return kindName(v);
}

function bad(verb: i32, v: Val): string {
  if (v.kind == K_MISSING || v.kind == K_NULL) return "%!" + String.fromCharCode(verb) + "(<nil>)";
  return "%!" + String.fromCharCode(verb) + "(" + goTypeName(v) + "=" + plain(v) + ")";
}

/** %v rendering of a value (objects/arrays as raw JSON, nil as <nil>). */
export function plain(v: Val): string {
  if (v.kind == K_MISSING || v.kind == K_NULL) return "<nil>";
  return textOf(v);
}

function intText(v: Val, base: i32, upper: bool): string {
  let n = v.isInt ? v.i : safeI64(v.f);
  const neg = n < 0;
  let u: u64 = neg ? <u64>(0 - n) : <u64>n;
  let s = u.toString(base);
  if (upper) s = s.toUpperCase();
  return (neg ? "-" : "") + s;
}

function hexString(s: string, upper: bool): string {
  const b = String.UTF8.encode(s);
  const arr = Uint8Array.wrap(b);
  const digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  const out = new StrBuf(arr.length << 1);
  for (let i = 0; i < arr.length; i++) {
    out.appendCode(digits.charCodeAt(arr[i] >> 4));
    out.appendCode(digits.charCodeAt(arr[i] & 15));
  }
  return out.toString();
}

/** Go-style Sprintf over template values. */
export function sprintf(format: string, args: Val[]): string {
  const out = new Array<string>();
  let ai = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const c = format.charCodeAt(i);
    if (c != 37) {
      let j = i;
      while (j < n && format.charCodeAt(j) != 37) j++;
      out.push(format.substring(i, j));
      i = j;
      continue;
    }
    i++;
    if (i >= n) {
      out.push("%!(NOVERB)");
      break;
    }
    let left = false, plus = false, space = false, zero = false, sharp = false;
    while (i < n) {
      const f = format.charCodeAt(i);
      if (f == 45) left = true;
      else if (f == 43) plus = true;
      else if (f == 32) space = true;
      else if (f == 48) zero = true;
      else if (f == 35) sharp = true;
      else break;
      i++;
    }
    let width = -1;
    let prec = -1;
    if (format.charCodeAt(i) == 42) {
      i++;
      if (ai < args.length) { const w = args[ai++]; width = w.kind == K_NUM ? <i32>safeI64(w.f) : 0; }
      if (width < 0) { left = true; width = -width; }
      if (width > 10000 || width < 0) width = 10000;
    } else {
      while (i < n && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) {
        width = (width < 0 ? 0 : width) * 10 + format.charCodeAt(i) - 48;
        if (width > 10000) width = 10000;
        i++;
      }
    }
    if (format.charCodeAt(i) == 46) {
      i++;
      prec = 0;
      if (format.charCodeAt(i) == 42) {
        i++;
        if (ai < args.length) { const p = args[ai++]; prec = p.kind == K_NUM ? <i32>safeI64(p.f) : 0; }
        if (prec < 0) prec = -1;
        if (prec > 1000) prec = 1000;
      } else {
        while (i < n && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) {
          prec = prec * 10 + format.charCodeAt(i) - 48;
          if (prec > 1000) prec = 1000;
          i++;
        }
      }
    }
    if (i >= n) {
      out.push("%!(NOVERB)");
      break;
    }
    const verb = format.charCodeAt(i);
    i++;
    if (verb == 37) {
      out.push("%");
      continue;
    }
    if (ai >= args.length) {
      out.push("%!" + String.fromCharCode(verb) + "(MISSING)");
      continue;
    }
    const v = args[ai++];
    let s = "";
    const isNum = v.kind == K_NUM;
    const intLike = isNum && (v.isInt || (isFinite(v.f) && v.f == Math.floor(v.f)));
    switch (verb) {
      case 118: // v
        s = isNum && !v.isInt && prec >= 0 ? fixed(v.f, prec) : plain(v);
        if (plus && isNum && v.f >= 0) s = "+" + s;
        break;
      case 115: // s
        if (v.kind == K_STR || v.kind == K_ARR || v.kind == K_OBJ) s = textOf(v);
        else s = bad(verb, v);
        if (prec >= 0 && s.length > prec) s = s.substring(0, prec);
        break;
      case 100: // d
        if (intLike) s = intText(v, 10, false);
        else { s = bad(verb, v); break; }
        if (plus && v.f >= 0) s = "+" + s;
        else if (space && v.f >= 0) s = " " + s;
        break;
      case 102: case 70: case 101: case 69: case 103: case 71: // f F e E g G
        if (!isNum) { s = bad(verb, v); break; }
        if (verb == 102 || verb == 70) s = fixed(v.f, prec < 0 ? 6 : prec);
        else if (verb == 101 || verb == 69) { s = expo(v.f, prec < 0 ? 6 : prec); if (verb == 69) s = s.toUpperCase(); }
        else s = prec >= 0 ? fixed(v.f, prec) : formatFloat(v.f);
        if (plus && v.f >= 0) s = "+" + s;
        else if (space && v.f >= 0) s = " " + s;
        break;
      case 113: // q
        if (v.kind == K_STR || v.kind == K_ARR || v.kind == K_OBJ) s = goQuote(textOf(v));
        else if (isNum && v.isInt) s = "'" + String.fromCodePoint(safeCodePoint(v.i)) + "'";
        else s = bad(verb, v);
        break;
      case 120: case 88: // x X
        if (intLike) s = intText(v, 16, verb == 88);
        else if (v.kind == K_STR || v.kind == K_ARR || v.kind == K_OBJ) s = hexString(textOf(v), verb == 88);
        else s = bad(verb, v);
        if (sharp && s.length > 0) s = (verb == 88 ? "0X" : "0x") + s;
        break;
      case 111: // o
        s = isNum && v.isInt ? intText(v, 8, false) : bad(verb, v);
        break;
      case 98: // b
        s = isNum && v.isInt ? intText(v, 2, false) : bad(verb, v);
        break;
      case 116: // t
        s = v.kind == K_BOOL ? (v.b ? "true" : "false") : bad(verb, v);
        break;
      case 99: // c
        s = isNum && v.isInt ? String.fromCodePoint(safeCodePoint(v.i)) : bad(verb, v);
        break;
      default:
        s = "%!" + String.fromCharCode(verb) + "(" + goTypeName(v) + "=" + plain(v) + ")";
    }
    if (width > 0) s = padTo(s, width, left, zero && !left && verb != 115 && verb != 113);
    out.push(s);
  }
  if (ai < args.length) {
    const extra = new Array<string>();
    for (let k = ai; k < args.length; k++) extra.push(goTypeName(args[k]) + "=" + plain(args[k]));
    out.push("%!(EXTRA " + joinStrings(extra, ", ") + ")");
  }
  return joinStrings(out, "");
}
