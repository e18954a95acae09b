// A header map with Envoy semantics: lower-cased keys, first value wins on get, replace = setCopy
// (envoy source/extensions/common/wasm/context.cc getHeaderMapValue / replaceHeaderMapValue).
import type { Pairs } from "./memory.js";

/** Ordered, lower-cased header map. */
export class HeaderMap {
  private pairs: Pairs = [];

  /** Builds a map from pairs or a plain object (keys lower-cased). */
  constructor(init?: Pairs | Record<string, string>) {
    if (!init) return;
    const list = Array.isArray(init) ? init : Object.entries(init);
    for (const [k, v] of list) this.add(k, v);
  }

  /** First value of `key`, or undefined. */
  get(key: string): string | undefined {
    const k = key.toLowerCase();
    for (const [pk, pv] of this.pairs) if (pk === k) return pv;
    return undefined;
  }

  /** Every value of `key`. */
  getAll(key: string): string[] {
    const k = key.toLowerCase();
    return this.pairs.filter(([pk]) => pk === k).map(([, v]) => v);
  }

  /** Appends a value (Envoy addCopy). */
  add(key: string, value: string): void {
    this.pairs.push([key.toLowerCase(), value]);
  }

  /** Removes every value of `key` and sets one (Envoy setCopy keeps the first position). */
  replace(key: string, value: string): void {
    const k = key.toLowerCase();
    const i = this.pairs.findIndex(([pk]) => pk === k);
    if (i < 0) {
      this.pairs.push([k, value]);
      return;
    }
    this.pairs[i] = [k, value];
    this.pairs = this.pairs.filter(([pk], j) => j === i || pk !== k);
  }

  /** Removes every value of `key`. */
  remove(key: string): void {
    const k = key.toLowerCase();
    this.pairs = this.pairs.filter(([pk]) => pk !== k);
  }

  /** Replaces the whole map. */
  setPairs(pairs: Pairs): void {
    this.pairs = [];
    for (const [k, v] of pairs) this.add(k, v);
  }

  /** A copy of the pairs in order. */
  toPairs(): Pairs {
    return this.pairs.map(([k, v]) => [k, v]);
  }

  /** Object view (later duplicates joined with ","). */
  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (const [k, v] of this.pairs) o[k] = k in o ? `${o[k]},${v}` : v;
    return o;
  }

  /** Number of pairs. */
  get size(): number {
    return this.pairs.length;
  }

  /** Sum of key and value byte lengths (Envoy HeaderMap::byteSize). */
  byteSize(): number {
    let n = 0;
    for (const [k, v] of this.pairs) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  }

  /** A deep copy. */
  clone(): HeaderMap {
    return new HeaderMap(this.toPairs());
  }
}
