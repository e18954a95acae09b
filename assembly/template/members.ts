// Member lookups on objects of the data, with a small cache: for the last few
// objects looked up it remembers where the first members' keys and values are and
// where the scan stopped, so `{{.id}} {{.name}} {{.email}}` on one range item scans
// the item once instead of once per field. A range over an array of objects fills
// the cache while it finds each item's end (nextElement). Results are those of
// gjson.ts `child`: the first member with that key, in document order. Linear: a
// lookup compares at most MEMBERS recorded keys, then scans on.
import { Cursor } from "../util/jsonscan";
import { jsonKeyEquals } from "../util/jsonstring";
import { cu, finishValue, nextKey } from "./scan";

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
export const MEMBERS: i32 = 32;
/** Objects remembered at once (most recent first replaced last). */
const SLOTS: i32 = 4;

export class ObjScan {
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

/** The same string object (identity: the same text, so offsets into it mean the same). */
// @ts-ignore: decorator
@inline function same(a: string, b: string): bool {
  return changetype<usize>(a) == changetype<usize>(b);
}

let last: ObjScan = unchecked(slots[0]);

function scanOf(src: string, start: i32, end: i32): ObjScan {
  const l = last;
  if (l.start == start && l.end == end && same(l.src, src)) return l;
  let oldest = unchecked(slots[0]);
  for (let i = 0; i < SLOTS; i++) {
    const o = unchecked(slots[i]);
    if (o.start == start && o.end == end && same(o.src, src)) {
      o.used = ++clock;
      last = o;
      return o;
    }
    if (o.used < oldest.used) oldest = o;
  }
  const o = oldest;
  last = o;
  o.src = src;
  o.start = start;
  o.end = end;
  o.n = 0;
  o.done = false;
  const c = o.cur;
  c.s = src;
  c.pos = start + 1;
  c.end = min(end, src.length);
  c.isObj = true;
  o.used = ++clock;
  return o;
}

/** Value range of the last memberRange hit (the member's raw value, possibly empty). */
export let hitStart: i32 = 0;
export let hitEnd: i32 = 0;

/**
 * Find member `key` (no backslash in it) of the object src[start, end) (start at its `{`): the first
 * one in document order. True with hitStart/hitEnd set, or false when there is none.
 */
export function memberRange(src: string, start: i32, end: i32, key: string): bool {
  return memberFind(src, start, end, key, false) != 0;
}

/**
 * memberRange that leaves an array value unmeasured: 2 when the member's value is an array starting at
 * hitStart whose end was not looked for (hitEnd = -1), 1 when found with hitStart/hitEnd, 0 when none.
 */
export function memberPeek(src: string, start: i32, end: i32, key: string): i32 {
  return memberFind(src, start, end, key, true);
}

function memberFind(src: string, start: i32, end: i32, key: string, peek: bool): i32 {
  const o = scanOf(src, start, end);
  const tbl = o.tbl;
  const n = o.n;
  const m = key.length;
  for (let k = 0; k < n; k++) {
    // k < n <= MEMBERS, so 4k + 3 < tbl.length
    const b = k << 2;
    const ks = unchecked(tbl[b]);
    const ke = unchecked(tbl[b + 1]);
    if (ke - ks < m) continue; // shorter raw text never decodes to key (plainKeyEquals)
    if (plainKeyEquals(src, ks, ke, key)) {
      hitStart = unchecked(tbl[b + 2]);
      hitEnd = unchecked(tbl[b + 3]);
      return 1;
    }
  }
  if (o.done) return 0;
  const c = o.cur;
  while (nextKey(c)) {
    const hit = plainKeyEquals(src, c.keyStart, c.keyEnd, key);
    if (hit && peek && c.valStart < c.end && cu(src, c.valStart) == 0x5b) {
      // c.valStart < c.end <= src.length. The next scan reads this member again (from its key's quote).
      c.pos = o.n == MEMBERS ? o.stop : c.keyStart - 1;
      hitStart = c.valStart;
      hitEnd = -1;
      return 2;
    }
    finishValue(c);
    if (o.n < MEMBERS) {
      const b = o.n << 2; // o.n < MEMBERS: in range
      unchecked((tbl[b] = c.keyStart));
      unchecked((tbl[b + 1] = c.keyEnd));
      unchecked((tbl[b + 2] = c.valStart));
      unchecked((tbl[b + 3] = c.valEnd));
      if (++o.n == MEMBERS) o.stop = c.pos;
    }
    if (hit) {
      hitStart = c.valStart;
      hitEnd = c.valEnd;
      // past the recorded members the cursor goes back to where recording stopped
      if (o.n == MEMBERS) c.pos = o.stop;
      return 1;
    }
  }
  if (o.n < MEMBERS) o.done = true;
  else c.pos = o.stop;
  return 0;
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
    o.used = 0;
  }
  clock = 0;
}

/** The least recently used slot, emptied (not an entry until claimed). */
export function oldestSlot(): ObjScan {
  let o = unchecked(slots[0]);
  for (let k = 1; k < SLOTS; k++) if (unchecked(slots[k]).used < o.used) o = unchecked(slots[k]);
  o.start = -1;
  return o;
}

/** Make slot o the cache entry of the object s[start, end) with n recorded members. */
export function claim(o: ObjScan, s: string, start: i32, end: i32, n: i32, stop: i32): i32 {
  o.src = s;
  o.start = start;
  o.end = end;
  o.n = n;
  o.done = n < MEMBERS;
  o.stop = stop;
  const c = o.cur;
  c.s = s;
  c.pos = n < MEMBERS ? end : stop;
  c.end = end;
  c.isObj = true;
  o.used = ++clock;
  last = o;
  return end;
}
