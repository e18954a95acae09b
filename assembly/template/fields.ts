// Fast path of GJSON field access: a path made of plain keys (`a.b.c`, no escape,
// wildcard, `#`, `@modifier` or `|`) is split once per template operand, and
// member lookups on an object reuse one scan of its members: a small cache
// remembers, for the last few objects looked up, where the first members' keys
// and values are and where the scan stopped. `{{.id}} {{.name}} {{.email}}` on
// one range item scans the item once instead of once per field. Results are
// those of gjson.ts `child` (first member with that key, document order).
// Linear: a lookup compares at most MEMBERS recorded keys, then scans on.
import { Cursor } from "../util/jsonscan";
import { jsonKeyEquals } from "../util/jsonstring";
import { K_OBJ, Val } from "./value";
import { Arg } from "./ast";
import { child, gjsonGet } from "./gjson";

/** Keys of a plain-key path, or null when the path needs the full GJSON evaluator. */
export function plainKeys(path: string): string[] | null {
  const n = path.length;
  if (n == 0) return null;
  if (path.charCodeAt(0) == 0x23 /* # */) return null;
  const keys = new Array<string>();
  let seg = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? path.charCodeAt(i) : 0x2e;
    if (c == 0x5c || c == 0x2a || c == 0x3f || c == 0x7c) return null; // \ * ? |
    if (c != 0x2e) continue;
    if (i + 1 < n && path.charCodeAt(i + 1) == 0x23) return null; // a.# / a.#(…)
    if (i - seg > 1 && path.charCodeAt(seg) == 0x40) return null; // @modifier
    keys.push(path.substring(seg, i));
    seg = i + 1;
  }
  return keys;
}

/**
 * True when the raw (escaped) key s[ks, ke) decodes to `key`, for a key without backslash.
 * Decoding never makes a key longer, and an escape always shortens it except a lone trailing
 * backslash (kept as is), so equal raw text is the only match of equal length.
 */
export function plainKeyEquals(s: string, ks: i32, ke: i32, key: string): bool {
  const n = ke - ks;
  const m = key.length;
  if (n < m || ks < 0 || ke > s.length) return false;
  const base = changetype<usize>(s);
  if (n == m) return memory.compare(base + (<usize>ks << 1), changetype<usize>(key), <usize>m << 1) == 0;
  // longer raw text can only match through escapes
  for (let i = ks; i < ke; i++) {
    // 0 <= ks <= i < ke <= s.length
    if (load<u16>(base + (<usize>i << 1)) == 0x5c) return jsonKeyEquals(s, ks, ke, key);
  }
  return false;
}

/** Members recorded per cached object (lookups past them scan on from where recording stopped). */
const MEMBERS: i32 = 32;
/** Objects remembered at once (most recent first replaced last). */
const SLOTS: i32 = 4;

class ObjScan {
  src: string = "";
  start: i32 = -1;
  end: i32 = -1;
  /** recorded members: keyStart, keyEnd, valStart, valEnd */
  tbl: StaticArray<i32> = new StaticArray<i32>(MEMBERS * 4);
  n: i32 = 0;
  /** all members are recorded */
  done: bool = false;
  /** cursor position just past the last recorded member (when MEMBERS are recorded) */
  stop: i32 = 0;
  cur: Cursor = new Cursor("", 0, 0);
  used: i32 = 0;
}

const slots = new StaticArray<ObjScan>(SLOTS);
for (let i = 0; i < SLOTS; i++) slots[i] = new ObjScan();
let clock: i32 = 0;

function scanOf(v: Val): ObjScan {
  let oldest = unchecked(slots[0]);
  for (let i = 0; i < SLOTS; i++) {
    const o = unchecked(slots[i]);
    if (o.start == v.start && o.end == v.end && o.src === v.src) {
      o.used = ++clock;
      return o;
    }
    if (o.used < oldest.used) oldest = o;
  }
  const o = oldest;
  o.src = v.src;
  o.start = v.start;
  o.end = v.end;
  o.n = 0;
  o.done = false;
  const c = o.cur;
  c.s = v.src;
  c.pos = v.start + 1;
  c.end = min(v.end, v.src.length);
  c.isObj = true;
  o.used = ++clock;
  return o;
}

/** Member `key` (no backslash in it) of object `v`: the first one in document order, or missing. */
export function memberOf(v: Val, key: string): Val {
  if (v.kind != K_OBJ) return Val.missing();
  const o = scanOf(v);
  const s = v.src;
  const tbl = o.tbl;
  const n = o.n;
  for (let k = 0; k < n; k++) {
    // k < n <= MEMBERS, so 4k + 3 < tbl.length
    const b = k << 2;
    if (plainKeyEquals(s, unchecked(tbl[b]), unchecked(tbl[b + 1]), key)) return Val.raw(s, unchecked(tbl[b + 2]), unchecked(tbl[b + 3]));
  }
  if (o.done) return Val.missing();
  const c = o.cur;
  while (c.next()) {
    const hit = plainKeyEquals(s, c.keyStart, c.keyEnd, key);
    if (o.n < MEMBERS) {
      const b = o.n << 2; // o.n < MEMBERS: in range
      unchecked((tbl[b] = c.keyStart));
      unchecked((tbl[b + 1] = c.keyEnd));
      unchecked((tbl[b + 2] = c.valStart));
      unchecked((tbl[b + 3] = c.valEnd));
      if (++o.n == MEMBERS) o.stop = c.pos;
    }
    if (hit) {
      // past the recorded members the cursor goes back to where recording stopped
      if (o.n == MEMBERS) c.pos = o.stop;
      return Val.raw(s, c.valStart, c.valEnd);
    }
  }
  if (o.n < MEMBERS) o.done = true;
  else c.pos = o.stop;
  return Val.missing();
}

/** Drop the cached objects (a render's end: the cache must not keep a response body alive). */
export function forgetScans(): void {
  for (let i = 0; i < SLOTS; i++) {
    const o = unchecked(slots[i]);
    o.src = "";
    o.start = -1;
    o.end = -1;
    o.n = 0;
    o.done = false;
    o.cur.s = "";
    o.cur.pos = 0;
    o.cur.end = 0;
  }
}

/** `gjsonGet(v, a.path)` for an operand's path, through plain keys when the path is made of them. */
export function pathGet(v: Val, a: Arg): Val {
  if (!a.keysReady) {
    a.keys = plainKeys(a.path);
    a.keysReady = true;
  }
  const keys = a.keys;
  if (keys === null) return gjsonGet(v, a.path);
  let cur = v;
  for (let i = 0; i < keys.length; i++) {
    if (!cur.exists()) return cur;
    const k = unchecked(keys[i]);
    cur = cur.kind == K_OBJ ? memberOf(cur, k) : child(cur, k, false);
  }
  return cur;
}
