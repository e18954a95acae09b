// Inlined twins of util/jsonscan.ts for the template's hot loops (member lookups,
// range items): the same results as jsonSkipWs / jsonStringEnd / jsonValueEnd /
// Cursor.next on objects, without a call and a bounds check per string. Callers
// keep 0 <= i and end <= s.length (a Cursor's end is clamped to its text), which
// is what makes the unchecked reads safe. Tests compare them with jsonscan.ts.
import { Cursor, isJsonWs } from "../util/jsonscan";

/** Code unit at i; callers keep 0 <= i < s.length. */
// @ts-ignore: decorator
@inline export function cu(s: string, i: i32): i32 {
  return <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1));
}

/** jsonSkipWs for 0 <= i and end <= s.length. */
// @ts-ignore: decorator
@inline export function skipWs(s: string, i: i32, end: i32): i32 {
  while (i < end && isJsonWs(cu(s, i))) i++;
  return i;
}

/** jsonStringEnd for 0 <= i and end <= s.length. */
// @ts-ignore: decorator
@inline export function stringEnd(s: string, i: i32, end: i32): i32 {
  let j = i + 1;
  let r = end;
  while (j < end) {
    const c = cu(s, j);
    if (c == 0x5c) j += 2;
    else if (c == 0x22) {
      r = j + 1;
      break;
    } else j++;
  }
  return r;
}

/** jsonValueEnd for 0 <= i and end <= s.length. */
export function valueEnd(s: string, i: i32, end: i32): i32 {
  if (i >= end) return i;
  const c = cu(s, i);
  if (c == 0x22) return stringEnd(s, i, end);
  if (c == 0x7b || c == 0x5b) {
    let depth = 0;
    let j = i;
    while (j < end) {
      const d = cu(s, j);
      if (d == 0x22) {
        j = stringEnd(s, j, end);
        continue;
      }
      if (d == 0x7b || d == 0x5b) depth++;
      else if (d == 0x7d || d == 0x5d) {
        depth--;
        if (depth == 0) return j + 1;
      }
      j++;
    }
    return end;
  }
  let j = i;
  while (j < end) {
    const d = cu(s, j);
    if (d == 0x2c || d == 0x7d || d == 0x5d || d == 0x3a || isJsonWs(d)) break;
    j++;
  }
  return j;
}

/**
 * First half of Cursor.next on an object cursor (c.isObj, 0 <= c.pos, c.end <= c.s.length): skip to the
 * next member and read its key; c.valStart is where its value starts (not measured yet). False at the end.
 */
export function nextKey(c: Cursor): bool {
  const s = c.s;
  const end = c.end;
  let pos = c.pos;
  while (true) {
    let p = skipWs(s, pos, end);
    if (p >= end) {
      c.pos = end;
      return false;
    }
    const ch = cu(s, p);
    if (ch == 0x7d || ch == 0x5d) {
      c.pos = end;
      return false;
    }
    if (ch != 0x22) {
      pos = p + 1; // a comma, or junk where a key should be
      continue;
    }
    const ke = stringEnd(s, p, end);
    c.keyStart = p + 1;
    c.keyEnd = ke > p + 1 && cu(s, ke - 1) == 0x22 ? ke - 1 : ke;
    p = skipWs(s, ke, end);
    if (p < end && cu(s, p) == 0x3a) p = skipWs(s, p + 1, end);
    c.valStart = p;
    c.pos = p;
    return true;
  }
  return false;
}

/** Second half: measure the value at c.valStart (an empty value still moves the cursor on). */
// @ts-ignore: decorator
@inline export function finishValue(c: Cursor): void {
  const p = c.valStart;
  const ve = valueEnd(c.s, p, c.end);
  if (ve <= p) {
    c.pos = p + 1;
    c.valEnd = p;
  } else {
    c.valEnd = ve;
    c.pos = ve;
  }
}

/** Cursor.next of an object cursor (c.isObj, 0 <= c.pos, c.end <= c.s.length). */
export function nextMember(c: Cursor): bool {
  if (!nextKey(c)) return false;
  finishValue(c);
  return true;
}
