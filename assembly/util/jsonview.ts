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

// Member names stay in the source until asked for: `_kpos` holds, per member, the range inside the key's quotes
// (start, then end with KEY_ESC set when the key holds a backslash escape); `get`, `countKey` and the key
// comparisons read the source in place. A decoded `_keys` array exists only after `keys()` or `renameKey` (configure
// used to decode every key of every tool and argument object into a fresh string: 18 % of a 1,000-tool load).
const KEY_ESC: i32 = 0x40000000;

/** One JSON value: its kind and raw slice; object/array children are scanned on first access. */
export class JNode {
  kind: i32;
  src: string;
  start: i32;
  end: i32;
  private scanned: bool = false;
  // null until scanned, and for scalars (most nodes): a scalar costs one allocation
  private _kpos: StaticArray<i32> | null = null;
  private _keys: string[] | null = null;
  private _vals: StaticArray<JNode> | null = null;

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
    return this.names();
  }

  /** Object member values or array items (source order, a new array each call); [] otherwise. */
  values(): JNode[] {
    this.scan();
    const v = this._vals;
    const n = v !== null ? v.length : 0;
    const out = new Array<JNode>(n);
    for (let i = 0; i < n; i++) unchecked((out[i] = unchecked(v![i])));
    return out;
  }

  /** Number of members or items. */
  get length(): i32 {
    this.scan();
    const v = this._vals;
    return v !== null ? v.length : 0;
  }

  /** Array item i, or null. */
  at(i: i32): JNode | null {
    this.scan();
    const v = this._vals;
    if (v === null || i < 0 || i >= v.length) return null;
    return unchecked(v[i]);
  }

  /** Object member by name (the last one wins, as in JavaScript), or null. */
  get(key: string): JNode | null {
    if (this.kind != J_OBJECT) return null;
    this.scan();
    const v = this._vals;
    const kp = this._kpos;
    if (v === null || kp === null) return null;
    if (this._keys !== null) {
      for (let i = v.length - 1; i >= 0; i--) if (this.keyIs(i, key)) return unchecked(v[i]);
      return null;
    }
    // in the source: a length check first, then the bytes (keys with an escape are decoded by keyIs)
    const n = key.length;
    const base = changetype<usize>(this.src);
    for (let i = v.length - 1; i >= 0; i--) {
      const ks = unchecked(kp[i << 1]); // kp has 2 entries per value of an object
      const ke = unchecked(kp[(i << 1) + 1]);
      if ((ke & KEY_ESC) != 0) {
        if (this.keyIs(i, key)) return unchecked(v[i]);
        continue;
      }
      if (ke - ks == n && memory.compare(base + (<usize>ks << 1), changetype<usize>(key), <usize>n << 1) == 0) return unchecked(v[i]);
    }
    return null;
  }

  /** Name of member i (decoded), "" when out of range. */
  keyAt(i: i32): string {
    if (this.kind != J_OBJECT || i < 0 || i >= this.length) return "";
    const names = this._keys;
    if (names !== null) return unchecked(names[i]);
    return this.decodeKey(i);
  }

  /** True when member i is named `key` (compared in the source: no allocation unless the key has an escape). */
  keyIs(i: i32, key: string): bool {
    if (this.kind != J_OBJECT || i < 0 || i >= this.length) return false;
    const names = this._keys;
    if (names !== null) return unchecked(names[i]) == key;
    const kp = this._kpos!; // an object with i < length has 2 entries per member
    const ks = unchecked(kp[i << 1]);
    const ke = unchecked(kp[(i << 1) + 1]);
    if ((ke & KEY_ESC) != 0) return this.decodeKey(i) == key;
    const n = ke - ks;
    if (n != key.length) return false;
    // ks..ke lies inside src (set by scan from the cursor, which clamps to the text)
    return memory.compare(changetype<usize>(this.src) + (<usize>ks << 1), changetype<usize>(key), <usize>n << 1) == 0;
  }

  /** Index in `names` of member i's name, or -1. */
  keyIndexIn(i: i32, names: string[]): i32 {
    for (let j = 0; j < names.length; j++) if (this.keyIs(i, unchecked(names[j]))) return j;
    return -1;
  }

  /**
   * Index in `names` of the first name equal to member i's name ignoring case (String#toLowerCase of both,
   * as compat.ts always compared), or -1. An ASCII key without escapes is compared in place.
   */
  keyIndexInIgnoreCase(i: i32, names: string[]): i32 {
    if (this.kind != J_OBJECT || i < 0 || i >= this.length) return -1;
    const kp = this._kpos!;
    let plain = this._keys === null && (unchecked(kp[(i << 1) + 1]) & KEY_ESC) == 0;
    const ks = plain ? unchecked(kp[i << 1]) : 0;
    const ke = plain ? unchecked(kp[(i << 1) + 1]) : 0;
    const s = this.src;
    for (let k = ks; plain && k < ke; k++) if (s.charCodeAt(k) >= 0x80) plain = false;
    if (!plain) {
      const lk = this.keyAt(i).toLowerCase();
      for (let j = 0; j < names.length; j++) if (unchecked(names[j]).toLowerCase() == lk) return j;
      return -1;
    }
    for (let j = 0; j < names.length; j++) {
      const nm = unchecked(names[j]);
      if (!isAscii(nm)) {
        // a non-ASCII name can lower-case to ASCII ("\u212A" Kelvin sign -> "k"): the general way
        if (nm.toLowerCase() == this.keyAt(i).toLowerCase()) return j;
        continue;
      }
      if (nm.length != ke - ks) continue;
      let same = true;
      // ks + k < ke <= src.length: in range
      for (let k = 0; same && k < nm.length; k++) same = asciiLower(nm.charCodeAt(k)) == asciiLower(s.charCodeAt(ks + k));
      if (same) return j;
    }
    return -1;
  }

  /**
   * Drop the scanned children (they are scanned again if asked for), so a subtree read once stops holding memory:
   * config/parse.ts releases each tool's node once the tool is parsed (the trees of all tools were ~5 KB a tool, all
   * alive to the end of the parse). A rename (renameKey) is forgotten with them: release only a node read to the end.
   */
  release(): void {
    this.scanned = false;
    this._vals = null;
    this._kpos = null;
    this._keys = null;
  }

  /** Rename member i of an object (compatibility aliases, config/compat.ts); ignored when out of range. */
  renameKey(i: i32, name: string): void {
    const names = this.names();
    if (i >= 0 && i < names.length) unchecked((names[i] = name));
  }

  /** How many members carry this name (duplicate detection). */
  countKey(key: string): i32 {
    if (this.kind != J_OBJECT) return 0;
    const m = this.length;
    let n = 0;
    for (let i = 0; i < m; i++) if (this.keyIs(i, key)) n++;
    return n;
  }

  /** First member name that occurs more than once, or null. */
  firstDuplicateKey(): string | null {
    if (this.kind != J_OBJECT) return null;
    const n = this.length;
    if (n > 16) {
      // linear: names hashed once (the pairwise loop was quadratic in the member count, for any object of a config)
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        const k = this.keyAt(i);
        if (seen.has(k)) return k;
        seen.add(k);
      }
      return null;
    }
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) if (this.sameKey(i, j)) return this.keyAt(i);
    }
    return null;
  }

  private sameKey(i: i32, j: i32): bool {
    const names = this._keys;
    if (names !== null) return unchecked(names[i]) == unchecked(names[j]);
    const kp = this._kpos!; // i, j < length of an object: 2 entries each
    const is = unchecked(kp[i << 1]);
    const ie = unchecked(kp[(i << 1) + 1]);
    const js = unchecked(kp[j << 1]);
    const je = unchecked(kp[(j << 1) + 1]);
    if (((ie | je) & KEY_ESC) != 0) return this.decodeKey(i) == this.decodeKey(j);
    const n = ie - is;
    if (n != je - js) return false;
    const base = changetype<usize>(this.src);
    return memory.compare(base + (<usize>is << 1), base + (<usize>js << 1), <usize>n << 1) == 0;
  }

  private decodeKey(i: i32): string {
    const kp = this._kpos!;
    const ks = unchecked(kp[i << 1]);
    const ke = unchecked(kp[(i << 1) + 1]) & ~KEY_ESC;
    return decodeJsonString(this.src, ks - 1, ke + 1);
  }

  /** The decoded names, made once (keys(), renameKey). */
  private names(): string[] {
    let names = this._keys;
    if (names !== null) return names;
    const n = this.kind == J_OBJECT ? this.length : 0;
    names = new Array<string>(n);
    for (let i = 0; i < n; i++) unchecked((names[i] = this.decodeKey(i)));
    this._keys = names;
    return names;
  }

  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    if (this.kind != J_OBJECT && this.kind != J_ARRAY) return;
    const s = this.src;
    const c = new Cursor(s, this.start, this.end - 1);
    const isObj = this.kind == J_OBJECT;
    // collected in the shared scratch lists, then copied into exact-size arrays (no growth copies per node)
    const vals = scratchVals;
    const kpos = scratchKpos;
    vals.length = 0;
    kpos.length = 0;
    while (c.next()) {
      if (c.valEnd <= c.valStart) break;
      if (isObj) {
        // KEY_ESC also when the key is not closed by a quote (never in validated JSON): decoded, as before
        let esc = c.keyEnd < s.length && s.charCodeAt(c.keyEnd) == 0x22 ? 0 : KEY_ESC;
        for (let k = c.keyStart; esc == 0 && k < c.keyEnd; k++) {
          if (s.charCodeAt(k) == 0x5c) esc = KEY_ESC;
        }
        kpos.push(c.keyStart);
        kpos.push(c.keyEnd | esc);
      }
      vals.push(new JNode(kindAt(s, c.valStart), s, c.valStart, c.valEnd));
    }
    const n = vals.length;
    const v = new StaticArray<JNode>(n);
    for (let i = 0; i < n; i++) unchecked((v[i] = unchecked(vals[i])));
    this._vals = v;
    if (isObj) {
      const k = new StaticArray<i32>(n << 1);
      // kpos holds exactly 2 entries per value of an object
      for (let i = 0; i < (n << 1); i++) unchecked((k[i] = unchecked(kpos[i])));
      this._kpos = k;
    }
    vals.length = 0; // the scratch keeps no node alive
    kpos.length = 0;
  }
}

// Scratch lists of scan() (which never runs inside another scan): reused, so a node costs its exact arrays only.
const scratchVals = new Array<JNode>();
const scratchKpos = new Array<i32>();

function asciiLower(c: i32): i32 {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

function isAscii(s: string): bool {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
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

