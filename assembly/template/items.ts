// Range over an array, item by item, fused with the member cache (members.ts):
// a plain JSON object item is scanned member by member, which both finds its end
// and records its members for the field lookups of the iteration. `{{range .a}}`
// over an array member also skips measuring the array up front (its end comes
// from the scan itself while the items are plain; see lazyNext).
import { Cursor, isJsonWs } from "../util/jsonscan";
import { cu, skipWs, stringEnd, valueEnd } from "./scan";
import { MEMBERS, claim, oldestSlot } from "./members";

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
