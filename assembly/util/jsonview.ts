// The lazy JSON view: a small, read-only view over JSON text that was accepted by json-as's
// validateJSON. Every node keeps its raw source slice, so ids, defaults, enums
// and arguments are echoed byte for byte (json-as materializes numbers as f64:
// 30-digit integers lose precision and 1e999 becomes Infinity). Never traps:
// every index is bounds-checked even though the input was validated.
import { Cursor, jsonSkipWs, jsonValueEnd } from "./jsonscan";
import { decodeJsonString } from "./jsonstring";
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
    const c = new Cursor(s, this.start, this.end - 1);
    const isObj = this.kind == J_OBJECT;
    while (c.next()) {
      if (c.valEnd <= c.valStart) return;
      if (isObj) this._keys.push(decodeJsonString(s, c.keyStart - 1, c.keyEnd + 1));
      this._vals.push(new JNode(kindAt(s, c.valStart), s, c.valStart, c.valEnd));
    }
  }
}

/** Parse text into a view, or null when it is not valid JSON. */
export function parseJson(text: string): JNode | null {
  if (!validateJSON(text)) return null;
  const n = text.length;
  const i = jsonSkipWs(text, 0, n);
  if (i >= n) return null;
  const e = jsonValueEnd(text, i, n);
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

