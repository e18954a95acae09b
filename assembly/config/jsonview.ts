// A small lazy, read-only view over JSON text that was accepted by json-as's
// validateJSON. Every node keeps its raw source slice, so ids, defaults, enums
// and arguments are echoed byte for byte (json-as materializes numbers as f64:
// 30-digit integers lose precision and 1e999 becomes Infinity). Never traps:
// every index is bounds-checked even though the input was validated.
import { jsonSkipWs, jsonStringEnd, jsonValueEnd } from "../util/jsonscan";
import { validateJSON } from "json-as/assembly/util/validateJson";

/** Node kinds. */
export const J_NULL: i32 = 0;
export const J_BOOL: i32 = 1;
export const J_NUMBER: i32 = 2;
export const J_STRING: i32 = 3;
export const J_ARRAY: i32 = 4;
export const J_OBJECT: i32 = 5;

/** One JSON value: its kind and raw slice; object/array children are scanned on first access. */
export class JNode {
  kind: i32;
  src: string;
  start: i32;
  end: i32;
  private scanned: bool = false;
  private _keys: string[] = [];
  private _vals: JNode[] = [];

  constructor(kind: i32, src: string, start: i32, end: i32) {
    this.kind = kind;
    this.src = src;
    this.start = start;
    this.end = end;
  }

  /** The raw JSON text of this value. */
  raw(): string {
    return this.src.substring(this.start, this.end);
  }

  /** Decoded string value ("" unless kind is J_STRING). */
  str(): string {
    if (this.kind != J_STRING) return "";
    return decodeJsonString(this.src, this.start, this.end);
  }

  /** Boolean value (false unless kind is J_BOOL and the literal is true). */
  bool(): bool {
    return this.kind == J_BOOL && this.src.charCodeAt(this.start) == 0x74;
  }

  /** Member names of an object (in source order, duplicates kept); [] otherwise. */
  keys(): string[] {
    this.scan();
    return this._keys;
  }

  /** Object member values or array items (source order); [] otherwise. */
  values(): JNode[] {
    this.scan();
    return this._vals;
  }

  /** Number of members or items. */
  get length(): i32 {
    this.scan();
    return this._vals.length;
  }

  /** Array item i, or null. */
  at(i: i32): JNode | null {
    this.scan();
    if (i < 0 || i >= this._vals.length) return null;
    return unchecked(this._vals[i]);
  }

  /** Object member by name (the last one wins, as in JavaScript), or null. */
  get(key: string): JNode | null {
    if (this.kind != J_OBJECT) return null;
    this.scan();
    for (let i = this._keys.length - 1; i >= 0; i--) {
      if (unchecked(this._keys[i]) == key) return unchecked(this._vals[i]);
    }
    return null;
  }

  /** Rename member i of an object (compatibility aliases, config/compat.ts); ignored when out of range. */
  renameKey(i: i32, name: string): void {
    this.scan();
    if (i >= 0 && i < this._keys.length) unchecked((this._keys[i] = name));
  }

  /** How many members carry this name (duplicate detection). */
  countKey(key: string): i32 {
    if (this.kind != J_OBJECT) return 0;
    this.scan();
    let n = 0;
    for (let i = 0; i < this._keys.length; i++) if (unchecked(this._keys[i]) == key) n++;
    return n;
  }

  /** First member name that occurs more than once, or null. */
  firstDuplicateKey(): string | null {
    if (this.kind != J_OBJECT) return null;
    this.scan();
    const ks = this._keys;
    for (let i = 1; i < ks.length; i++) {
      for (let j = 0; j < i; j++) if (unchecked(ks[j]) == unchecked(ks[i])) return unchecked(ks[i]);
    }
    return null;
  }

  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    if (this.kind != J_OBJECT && this.kind != J_ARRAY) return;
    const s = this.src;
    const close = this.end - 1;
    let i = skipWs(s, this.start + 1, close);
    const isObj = this.kind == J_OBJECT;
    while (i < close) {
      if (isObj) {
        if (s.charCodeAt(i) != 0x22) return;
        const kEnd = stringEnd(s, i, close);
        this._keys.push(decodeJsonString(s, i, kEnd));
        i = skipWs(s, kEnd, close);
        if (i >= close || s.charCodeAt(i) != 0x3a) return;
        i = skipWs(s, i + 1, close);
      }
      const vEnd = valueEnd(s, i, close);
      if (vEnd <= i) return;
      this._vals.push(new JNode(kindAt(s, i), s, i, vEnd));
      i = skipWs(s, vEnd, close);
      if (i < close && s.charCodeAt(i) == 0x2c) i = skipWs(s, i + 1, close);
      else return;
    }
  }
}

/** Parse text into a view, or null when it is not valid JSON. */
export function parseJson(text: string): JNode | null {
  if (!validateJSON(text)) return null;
  const n = text.length;
  const i = skipWs(text, 0, n);
  if (i >= n) return null;
  const e = valueEnd(text, i, n);
  if (e <= i) return null;
  return new JNode(kindAt(text, i), text, i, e);
}

function kindAt(s: string, i: i32): i32 {
  const c = s.charCodeAt(i);
  if (c == 0x22) return J_STRING;
  if (c == 0x7b) return J_OBJECT;
  if (c == 0x5b) return J_ARRAY;
  if (c == 0x74 || c == 0x66) return J_BOOL;
  if (c == 0x6e) return J_NULL;
  return J_NUMBER;
}

function skipWs(s: string, i: i32, end: i32): i32 {
  return jsonSkipWs(s, i, end);
}

/** Index just past the string starting at i (the opening quote). */
function stringEnd(s: string, i: i32, end: i32): i32 {
  return jsonStringEnd(s, i, end);
}

/** Index just past the value starting at i. */
function valueEnd(s: string, i: i32, end: i32): i32 {
  return jsonValueEnd(s, i, end);
}

function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Decode the JSON string literal s[start, end) (including quotes). Lone surrogates are kept. */
export function decodeJsonString(s: string, start: i32, end: i32): string {
  const a = start + 1;
  const b = end - 1;
  if (b <= a) return "";
  let plain = true;
  for (let i = a; i < b; i++) {
    if (s.charCodeAt(i) == 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return s.substring(a, b);
  const out = new Array<i32>();
  let i = a;
  while (i < b) {
    const c = s.charCodeAt(i);
    if (c != 0x5c) {
      out.push(c);
      i++;
      continue;
    }
    if (i + 1 >= b) break;
    const e = s.charCodeAt(i + 1);
    i += 2;
    if (e == 0x6e) out.push(0x0a);
    else if (e == 0x74) out.push(0x09);
    else if (e == 0x72) out.push(0x0d);
    else if (e == 0x62) out.push(0x08);
    else if (e == 0x66) out.push(0x0c);
    else if (e == 0x75) {
      let v = 0;
      let ok = i + 4 <= b;
      for (let k = 0; ok && k < 4; k++) {
        const h = hexVal(s.charCodeAt(i + k));
        if (h < 0) ok = false;
        else v = (v << 4) | h;
      }
      if (!ok) break;
      out.push(v);
      i += 4;
    } else out.push(e);
  }
  return codeUnitsToString(out);
}

function codeUnitsToString(units: Array<i32>): string {
  const n = units.length;
  const buf = new Uint16Array(n);
  for (let i = 0; i < n; i++) unchecked((buf[i] = <u16>unchecked(units[i])));
  return String.UTF16.decode(buf.buffer);
}
