// The template's scanners over JSON text (member lookups, range items): the jsonscan
// functions for callers that keep 0 <= i and end <= s.length (a Cursor's end is clamped
// to its text), which is what makes the unchecked reads safe, plus Cursor.next on objects
// split into a key half and a value half (memberPeek finds an array member without
// measuring it). Tests compare them with jsonscan.ts.
import { Cursor, cu, isJsonWs, jsonValueEnd, skipStringBody } from "../util/jsonscan";

export { cu };

/** jsonSkipWs for 0 <= i and end <= s.length (inlined: no call per member). */
// @ts-ignore: decorator
@inline export function skipWs(s: string, i: i32, end: i32): i32 {
  while (i < end && isJsonWs(cu(s, i))) i++;
  return i;
}

/** jsonStringEnd for 0 <= i and end <= s.length: the shared string skip, without its clamps. */
// @ts-ignore: decorator
@inline export function stringEnd(s: string, i: i32, end: i32): i32 {
  return min(skipStringBody(s, i + 1, end), end);
}

/** jsonValueEnd for 0 <= i and end <= s.length (its clamps are no-ops there). */
// @ts-ignore: decorator
@inline export function valueEnd(s: string, i: i32, end: i32): i32 {
  return jsonValueEnd(s, i, end);
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
