// Member lookups on objects of the data, with a small cache: for the last few
// objects looked up it remembers where the first members' keys and values are and
// where the scan stopped, so `{{.id}} {{.name}} {{.email}}` on one range item scans
// the item once instead of once per field. A range over an array of objects fills
// the cache while it finds each item's end (nextElement). Results are those of
// gjson.ts `child`: the first member with that key, in document order. Linear: a
// lookup compares at most MEMBERS recorded keys, then scans on.
import { Cursor, isJsonWs } from "../util/jsonscan";
import { jsonKeyEquals } from "../util/jsonstring";
import { cu, nextMember, skipWs, stringEnd, valueEnd } from "./scan";

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

let last: ObjScan = unchecked(slots[0]);

function scanOf(src: string, start: i32, end: i32): ObjScan {
  const l = last;
  if (l.start == start && l.end == end && l.src === src) return l;
  let oldest = unchecked(slots[0]);
  for (let i = 0; i < SLOTS; i++) {
    const o = unchecked(slots[i]);
    if (o.start == start && o.end == end && o.src === src) {
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
      return true;
    }
  }
  if (o.done) return false;
  const c = o.cur;
  while (nextMember(c)) {
    const hit = plainKeyEquals(src, c.keyStart, c.keyEnd, key);
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
      return true;
    }
  }
  if (o.n < MEMBERS) o.done = true;
  else c.pos = o.stop;
  return false;
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

/**
 * Cursor.next over an array, fused with the member cache: an element that is an object is scanned
 * member by member, recording its members for the field lookups that follow, when it is plain JSON
 * (`"key": value` pairs, commas, a closing `}`); its end is then where the depth count of
 * jsonValueEnd ends too. Anything else is measured by jsonValueEnd as Cursor.next does.
 */
export function nextElement(c: Cursor): bool {
  const s = c.s;
  const end = c.end; // <= s.length (Cursor)
  while (true) {
    const p = skipWs(s, c.pos, end);
    if (p >= end) {
      c.pos = end;
      return false;
    }
    const ch = cu(s, p); // p < end
    if (ch == 0x7d || ch == 0x5d) {
      c.pos = end;
      return false;
    }
    if (ch == 0x2c) {
      c.pos = p + 1;
      continue;
    }
    let ve = ch == 0x7b ? scanObject(s, p, end) : -1;
    if (ve < 0) ve = valueEnd(s, p, end);
    if (ve <= p) {
      c.pos = p + 1;
      continue;
    }
    c.valStart = p;
    c.valEnd = ve;
    c.pos = ve;
    return true;
  }
}

/** End of the plain object at p (its `{`), its members recorded in a cache slot; -1 when it is not plain. */
function scanObject(s: string, p: i32, end: i32): i32 {
  let o = unchecked(slots[0]);
  for (let k = 1; k < SLOTS; k++) if (unchecked(slots[k]).used < o.used) o = unchecked(slots[k]);
  o.start = -1; // not a valid entry until the scan succeeds
  const tbl = o.tbl;
  let n = 0;
  let stop = 0;
  let i = skipWs(s, p + 1, end);
  if (i < end && cu(s, i) == 0x7d) return claim(o, s, p, i + 1, 0, 0);
  while (true) {
    if (i >= end || cu(s, i) != 0x22) return -1;
    const ke = stringEnd(s, i, end);
    const keyEnd = ke > i + 1 && cu(s, ke - 1) == 0x22 ? ke - 1 : ke; // as Cursor (ke - 1 >= i + 1 >= 0)
    let j = skipWs(s, ke, end);
    if (j >= end || cu(s, j) != 0x3a) return -1;
    j = skipWs(s, j + 1, end);
    if (j >= end) return -1;
    const v = cu(s, j);
    let ve = j;
    if (v == 0x22) ve = stringEnd(s, j, end);
    else if (v == 0x7b || v == 0x5b) ve = valueEnd(s, j, end);
    else {
      // a scalar: what jsonValueEnd reads, and nothing the depth count would see
      while (ve < end) {
        const d = cu(s, ve);
        if (d == 0x2c || d == 0x7d || d == 0x5d || d == 0x3a || isJsonWs(d)) break;
        if (d == 0x7b || d == 0x5b || d == 0x22) return -1;
        ve++;
      }
    }
    if (ve <= j) return -1;
    if (n < MEMBERS) {
      const b = n << 2; // n < MEMBERS: in range
      unchecked((tbl[b] = i + 1));
      unchecked((tbl[b + 1] = keyEnd));
      unchecked((tbl[b + 2] = j));
      unchecked((tbl[b + 3] = ve));
      if (++n == MEMBERS) stop = ve;
    }
    i = skipWs(s, ve, end);
    if (i >= end) return -1;
    const d = cu(s, i);
    if (d == 0x7d) return claim(o, s, p, i + 1, n, stop);
    if (d != 0x2c) return -1;
    i = skipWs(s, i + 1, end);
  }
  return -1;
}

/** Make slot o the cache entry of the object s[start, end) with n recorded members. */
function claim(o: ObjScan, s: string, start: i32, end: i32, n: i32, stop: i32): i32 {
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
