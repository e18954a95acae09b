// Range over an array, item by item, fused with the member cache (members.ts):
// a plain JSON object item is scanned member by member, which both finds its end
// and records its members for the field lookups of the iteration. `{{range .a}}`
// over an array member also skips measuring the array up front (its end comes
// from the scan itself while the items are plain; see lazyNext).
import { Cursor, isJsonWs } from "../util/jsonscan";
import { cu, skipWs, stringEnd, valueEnd } from "./scan";
import { MEMBERS, claim, hitEnd, hitStart, memberPeek, memberRange, oldestSlot } from "./members";
import { directPlan } from "./direct";
import { Node } from "./ast";
import { K_OBJ, Val } from "./value";

/** An array iterated before its end is known: `end` is the enclosing object's end until `bounded`. */
export class LazyArray extends Cursor {
  /** the array's `[` */
  open: i32 = 0;
  /** c.end is the array's own end (jsonValueEnd) */
  bounded: bool = false;
}

/**
 * `{{range .a.b}}` (no variables) over dot whose path ends at an array member: a cursor over that
 * array, or null when the range is anything else (walkRange then evaluates it the general way).
 */
export function rangeArray(dot: Val, node: Node): LazyArray | null {
  const keys = directPlan(node);
  if (keys === null || dot.kind != K_OBJ) return null;
  const src = dot.src;
  let st = dot.start;
  let en = min(dot.end, src.length);
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    if (!memberRange(src, st, en, unchecked(keys[i]))) return null;
    const vs = skipWs(src, hitStart, hitEnd); // 0 <= hitStart, hitEnd <= en <= src.length
    if (vs >= hitEnd || cu(src, vs) != 0x7b) return null;
    st = vs;
    en = hitEnd;
  }
  if (memberPeek(src, st, en, unchecked(keys[last])) != 2) return null;
  const c = new LazyArray(src, hitStart, en);
  c.open = hitStart;
  return c;
}

/**
 * nextElement over a LazyArray. While every item is plain (an object, array or string, a scalar
 * without `{`, `[` or `"`), the items seen and the closing bracket are
 * the ones a depth count from the `[` sees, so the array's end need not be measured first. At the
 * first item that is not, the array's end is measured (jsonValueEnd, as the general path does) and
 * that item is read again within it: the result is always that of nextElement over the measured array.
 */
export function lazyNext(c: LazyArray): bool {
  return nextItem(c, c);
}

/**
 * The item s[p, ve) (first character ch) keeps a depth count from the `[` in step with the cursor: a
 * string, object or array is measured by the same rules (even when it runs to the bound); a scalar
 * must not hold a character the depth count would read as an opening (`{`, `[`, `"`).
 */
function plainItem(s: string, p: i32, ve: i32, ch: i32): bool {
  if (ve <= p || ch == 0x22 || ch == 0x7b || ch == 0x5b) return true;
  for (let i = p; i < ve; i++) {
    const d = cu(s, i); // p <= i < ve <= end <= s.length
    if (d == 0x7b || d == 0x5b || d == 0x22) return false;
  }
  return true;
}

/**
 * Cursor.next over an array, fused with the member cache: an element that is an object is scanned
 * member by member, recording its members for the field lookups that follow, when it is plain JSON
 * (`"key": value` pairs, commas, a closing `}`); its end is then where the depth count of
 * jsonValueEnd ends too. Anything else is measured by jsonValueEnd as Cursor.next does.
 */
export function nextElement(c: Cursor): bool {
  return nextItem(c, null);
}

/** The step of both: `lazy` is c itself for a LazyArray (lazyNext), null for a measured array (nextElement). */
// @ts-ignore: decorator
@inline function nextItem(c: Cursor, lazy: LazyArray | null): bool {
  const s = c.s;
  while (true) {
    const end = c.end; // <= s.length (Cursor); a LazyArray's may shrink to the array's own end below
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
    if (lazy !== null && !lazy.bounded && !plainItem(s, p, ve, ch)) {
      lazy.end = valueEnd(s, lazy.open, end);
      lazy.bounded = true;
      continue; // read this item again within the array's end
    }
    if (ve <= p) {
      c.pos = p + 1;
      continue;
    }
    c.valStart = p;
    c.valEnd = ve;
    c.pos = ve;
    return true;
  }
  return false;
}

/** End of the plain object at p (its `{`), its members recorded in a cache slot; -1 when it is not plain. */
function scanObject(s: string, p: i32, end: i32): i32 {
  const o = oldestSlot(); // not a valid entry until the scan succeeds
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
