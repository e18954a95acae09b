// Typed field access for config parsing: every getter checks the JSON kind,
// records a one-line error naming the field path on a mismatch, and returns a
// default. JSON null counts as "absent" everywhere (YAML-converted configs
// produce it for empty keys).
import { StrBuf } from "../util/strbuf";
import { JNode, J_ARRAY, J_BOOL, J_NULL, J_NUMBER, J_OBJECT, J_STRING } from "../util/jsonview";

/** Collects configuration errors and warnings (one line each, `path: message`). */
export class Errs {
  list: string[] = [];
  /** Loaded, but differently from what the text says or from Higress (see docs/compatibility.md). */
  warnings: string[] = [];
  /** Record an error for a field path. */
  add(path: string, msg: string): void {
    this.list.push(oneLine(path.length > 0 ? path + ": " + msg : msg));
  }
  /** Record a warning for a field path (the config still loads). */
  warn(path: string, msg: string): void {
    this.warnings.push(oneLine(path.length > 0 ? path + ": " + msg : msg));
  }
}

/** Escape control characters and lone surrogates (config values end up in messages); cap the length. */
export function oneLine(s: string): string {
  const max = 400;
  const buf = new StrBuf(min(s.length, max) + 8);
  let from = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let bad = c < 0x20 || c == 0x7f;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad = true;
    if (!bad) continue;
    buf.appendRange(s, from, i);
    buf.append("\\u" + hex4(c));
    from = i + 1;
    if (buf.length > max) break;
  }
  if (buf.length <= max) buf.appendRange(s, from, n);
  const out = buf.toString();
  if (out.length <= max) return out;
  const c = out.charCodeAt(max - 1);
  return out.substring(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max) + "...";
}

function hex4(c: i32): string {
  const digits = "0123456789abcdef";
  let r = "";
  for (let k = 3; k >= 0; k--) r += digits.charAt((c >> (k * 4)) & 15);
  return r;
}

/** `path.key` (or `key` at the top level). */
export function fieldPath(path: string, key: string): string {
  if (path.length == 0) return key;
  // one allocation (`path + "." + key` makes two): configure builds a path for every field it reads
  const a = <usize>path.length << 1;
  const b = <usize>key.length << 1;
  const out = __new(a + 2 + b, idof<String>());
  memory.copy(out, changetype<usize>(path), a);
  store<u16>(out + a, 0x2e);
  memory.copy(out + a + 2, changetype<usize>(key), b);
  return changetype<string>(out);
}

/** `path[i]`. */
export function indexPath(path: string, i: i32): string {
  if (i < 0) return path + "[" + i.toString() + "]";
  // one allocation (the concatenation made four, with the number's string)
  let digits: usize = 1;
  for (let v = i; v >= 10; v /= 10) digits++;
  const a = <usize>path.length << 1;
  const out = __new(a + ((digits + 2) << 1), idof<String>());
  memory.copy(out, changetype<usize>(path), a);
  store<u16>(out + a, 0x5b);
  let v = i;
  for (let k = digits; k > 0; k--) {
    store<u16>(out + a + (k << 1), <u16>(0x30 + v % 10));
    v /= 10;
  }
  store<u16>(out + a + ((digits + 1) << 1), 0x5d);
  return changetype<string>(out);
}

/** Member `key` of obj unless absent or JSON null. */
export function member(obj: JNode, key: string): JNode | null {
  const v = obj.get(key);
  if (v === null || v.kind == J_NULL) return null;
  return v;
}

/** String member (def when absent); a non-string records `expected string`. */
export function getString(obj: JNode, key: string, path: string, errs: Errs, def: string): string {
  const v = member(obj, key);
  if (v === null) return def;
  if (v.kind != J_STRING) {
    errs.add(fieldPath(path, key), "expected string");
    return def;
  }
  return v.str();
}

/** Boolean member (false when absent); a non-boolean records `expected boolean`. */
export function getBool(obj: JNode, key: string, path: string, errs: Errs): bool {
  const v = member(obj, key);
  if (v === null) return false;
  if (v.kind != J_BOOL) {
    errs.add(fieldPath(path, key), "expected boolean");
    return false;
  }
  return v.bool();
}

/** Object member or null; a non-object records `expected object`. */
export function getObject(obj: JNode, key: string, path: string, errs: Errs): JNode | null {
  const v = member(obj, key);
  if (v === null) return null;
  if (v.kind != J_OBJECT) {
    errs.add(fieldPath(path, key), "expected object");
    return null;
  }
  return v;
}

/** Array member or null; a non-array records `expected array`. */
export function getArray(obj: JNode, key: string, path: string, errs: Errs): JNode | null {
  const v = member(obj, key);
  if (v === null) return null;
  if (v.kind != J_ARRAY) {
    errs.add(fieldPath(path, key), "expected array");
    return null;
  }
  return v;
}

/** One element of an array, with its index and field path. */
export class ArrayItem {
  node: JNode | null;
  index: i32;
  path: string;
  constructor(node: JNode | null, index: i32, path: string) {
    this.node = node;
    this.index = index;
    this.path = path;
  }
  /** True when the element is an object; otherwise records `expected object` (in element order). */
  isObject(errs: Errs): bool {
    const n = this.node;
    if (n !== null && n.kind == J_OBJECT) return true;
    errs.add(this.path, "expected object");
    return false;
  }
  /** The element as an object node (call after isObject). */
  get obj(): JNode {
    return changetype<JNode>(this.node);
  }
}

/** The elements of array `arr` (at `path`) with their field paths. */
export function objectItems(arr: JNode, path: string): ArrayItem[] {
  const out = new Array<ArrayItem>();
  for (let i = 0; i < arr.length; i++) out.push(new ArrayItem(arr.at(i), i, indexPath(path, i)));
  return out;
}

/** objectItems of array member `key` ([] when absent; a non-array is recorded as `expected array`). */
export function getObjectItems(obj: JNode, key: string, path: string, errs: Errs): ArrayItem[] {
  const arr = getArray(obj, key, path, errs);
  return arr === null ? new Array<ArrayItem>() : objectItems(arr, fieldPath(path, key));
}

/** Array-of-strings member, or null when absent; wrong kinds are recorded per element. */
export function getStringArray(obj: JNode, key: string, path: string, errs: Errs): string[] | null {
  const arr = getArray(obj, key, path, errs);
  if (arr === null) return null;
  const out = new Array<string>();
  const p = fieldPath(path, key);
  for (let i = 0; i < arr.length; i++) {
    const e = arr.at(i);
    if (e === null || e.kind != J_STRING) {
      errs.add(indexPath(p, i), "expected string");
      continue;
    }
    out.push(e.str());
  }
  return out;
}

/** Positive 32-bit integer member (def when absent); anything else records `expected positive integer`. */
export function getPositiveInt(obj: JNode, key: string, path: string, errs: Errs, def: u32): u32 {
  const v = member(obj, key);
  if (v === null) return def;
  const n = v.kind == J_NUMBER ? parsePositiveInt(v.raw()) : 0;
  if (n == 0) {
    errs.add(fieldPath(path, key), "expected positive integer");
    return def;
  }
  return n;
}

/** Digits-only text as a u32 in 1..4294967295, else 0. */
export function parsePositiveInt(raw: string): u32 {
  if (raw.length == 0 || raw.length > 10) return 0;
  let v: u64 = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
    v = v * 10 + <u64>(c - 0x30);
  }
  if (v == 0 || v > <u64>u32.MAX_VALUE) return 0;
  return <u32>v;
}

/** Record `duplicate key "k"` when an object repeats a member name. */
export function checkDuplicateKeys(obj: JNode, path: string, errs: Errs): void {
  const d = obj.firstDuplicateKey();
  if (d !== null) errs.add(path.length > 0 ? path : "(root)", "duplicate key \"" + d + "\"");
}

/** The kind name used in messages. */
export function kindName(n: JNode): string {
  if (n.kind == J_OBJECT) return "object";
  if (n.kind == J_ARRAY) return "array";
  if (n.kind == J_STRING) return "string";
  if (n.kind == J_NUMBER) return "number";
  if (n.kind == J_BOOL) return "boolean";
  return "null";
}

/** ASCII lower-case. */
export function lower(s: string): string {
  return s.toLowerCase();
}

