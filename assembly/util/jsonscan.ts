// The one JSON scanner: where a string or value ends, whitespace, member
// iteration (Cursor, objectMembers), value kinds and the number grammar.
// Works on validated text (config, tools/call arguments) and leniently on
// anything else (backend bodies in templates): indices are clamped to the
// text, so malformed input ends a scan instead of trapping. Linear time.
import { decodeJsonString } from "./jsonstring";
import { MEMO_DEPTH, notedValueEnd, noteValueEnd, notingValueEnds } from "./jsonmemo";

/** Open positions of the first MEMO_DEPTH levels of the container being scanned (jsonValueEnd, when noting). */
const opens = new StaticArray<i32>(MEMO_DEPTH);

/** Code unit at i without a bounds check; callers keep 0 <= i < s.length (hot loops over bodies). */
// @ts-ignore: decorator
@inline export function cu(s: string, i: i32): i32 {
  return <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1));
}

/**
 * Lane flags (bit 15 of each 16-bit lane) of the `"` and `\\` code units among the four UTF-16 code
 * units packed in `x` (little-endian lanes); 0 when there is none. SWAR "zero lane" test on x XOR the
 * pattern: a flag can be wrong only in a lane above a real hit (a borrow spreads upwards from a zero
 * lane), so "any flag" is exact and the lowest flag is a real hit.
 */
// @ts-ignore: decorator
@inline export function quoteOrBackslash4(x: u64): u64 {
  const a = x ^ 0x0022002200220022;
  const b = x ^ 0x005c005c005c005c;
  const za = (a - 0x0001000100010001) & ~a;
  const zb = (b - 0x0001000100010001) & ~b;
  return (za | zb) & 0x8000800080008000;
}

/** True when one of the four UTF-16 code units packed in `x` is `"` or `\\` (see quoteOrBackslash4). */
// @ts-ignore: decorator
@inline export function hasQuoteOrBackslash4(x: u64): bool {
  return quoteOrBackslash4(x) != 0;
}

/**
 * Index just past the string whose contents start at j (after the opening quote), or a value >= end
 * when it is unterminated before `end` (end <= s.length). Four code units per step: the first `"`
 * or `\\` of a block is found from its lane flag.
 */
// @ts-ignore: decorator
@inline export function skipStringBody(s: string, j: i32, end: i32): i32 {
  const p = changetype<usize>(s);
  while (j < end) {
    let c: i32;
    if (j + 4 <= end) {
      // j + 4 <= end <= s.length: the 8-byte load is inside the string
      const m = quoteOrBackslash4(load<u64>(p + (<usize>j << 1)));
      if (m == 0) {
        j += 4;
        continue;
      }
      j += <i32>(ctz(m) >> 4); // the lowest flagged lane is a real quote or backslash
      c = <i32>load<u16>(p + (<usize>j << 1)); // j < end: the lane is inside the block
    } else c = <i32>load<u16>(p + (<usize>j << 1)); // j < end <= s.length
    if (c == 0x5c) j += 2;
    else if (c == 0x22) return j + 1;
    else j++;
  }
  return j;
}

/** JSON insignificant whitespace. */
export function isJsonWs(c: i32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d;
}

/** First index >= i (and < end, default the text's end) that is not whitespace. */
export function jsonSkipWs(s: string, i: i32, end: i32 = i32.MAX_VALUE): i32 {
  if (end > s.length) end = s.length;
  if (i < 0) i = 0;
  while (i < end && isJsonWs(cu(s, i))) i++;
  return i;
}

/** Index just past the string literal whose opening quote is at i (end if unterminated). */
export function jsonStringEnd(s: string, i: i32, end: i32 = i32.MAX_VALUE): i32 {
  if (end > s.length) end = s.length;
  if (i < 0) i = 0;
  return min(skipStringBody(s, i + 1, end), end);
}

/** Index just past the value starting at i (end if unterminated; i itself when nothing is there). */
export function jsonValueEnd(s: string, i: i32, end: i32 = i32.MAX_VALUE): i32 {
  if (end > s.length) end = s.length;
  if (i < 0) i = 0;
  if (i >= end) return i;
  const c = cu(s, i);
  if (c == 0x22) return jsonStringEnd(s, i, end);
  if (c == 0x7b || c == 0x5b) {
    const noting = notingValueEnds(s); // util/jsonmemo: container ends of this text are noted
    if (noting) {
      const e = notedValueEnd(i, end);
      if (e >= 0) return e;
    }
    let depth = 0;
    let j = i;
    while (j < end) {
      const d = cu(s, j);
      if (d == 0x22) {
        j = skipStringBody(s, j + 1, end); // >= end when unterminated: the loop ends, end is returned
        continue;
      }
      if (d == 0x7b || d == 0x5b) {
        if (noting && depth < MEMO_DEPTH) unchecked((opens[depth] = j));
        depth++;
      } else if (d == 0x7d || d == 0x5d) {
        depth--;
        // the container opened at opens[depth] (set when this level opened, 0 <= depth < MEMO_DEPTH) ends here
        if (noting && depth < MEMO_DEPTH) noteValueEnd(unchecked(opens[depth]), j + 1);
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

/** Kind name of a raw JSON value: "string" | "number" | "boolean" | "null" | "object" | "array". */
export function jsonKind(raw: string): string {
  const i = jsonSkipWs(raw, 0);
  if (i >= raw.length) return "null";
  const c = cu(raw, i);
  if (c == 0x22) return "string";
  if (c == 0x7b) return "object";
  if (c == 0x5b) return "array";
  if (c == 0x74 || c == 0x66) return "boolean";
  if (c == 0x6e) return "null";
  return "number";
}

function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** True when `s` matches the JSON number grammar exactly. */
export function isJsonNumber(s: string): bool {
  const n = s.length;
  let i = 0;
  if (i < n && s.charCodeAt(i) == 0x2d) i++;
  if (i >= n) return false;
  if (s.charCodeAt(i) == 0x30) i++;
  else if (isDigit(s.charCodeAt(i))) while (i < n && isDigit(s.charCodeAt(i))) i++;
  else return false;
  if (i < n && s.charCodeAt(i) == 0x2e) {
    i++;
    if (i >= n || !isDigit(s.charCodeAt(i))) return false;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  if (i < n && (s.charCodeAt(i) == 0x65 || s.charCodeAt(i) == 0x45)) {
    i++;
    if (i < n && (s.charCodeAt(i) == 0x2b || s.charCodeAt(i) == 0x2d)) i++;
    if (i >= n || !isDigit(s.charCodeAt(i))) return false;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  return i == n;
}

/**
 * Iterates the members of a raw JSON object or array: key range (objects) and
 * value range of each. Lenient: trailing commas are tolerated and junk where a
 * key should be is skipped; every step advances, so it ends on any input.
 */
export class Cursor {
  s: string;
  pos: i32;
  end: i32;
  isObj: bool;
  /** key range inside the quotes (objects only) */
  keyStart: i32 = 0;
  keyEnd: i32 = 0;
  valStart: i32 = 0;
  valEnd: i32 = 0;
  /** start must point at '{' or '['; end is clamped to the text */
  constructor(s: string, start: i32, end: i32) {
    this.s = s;
    this.pos = start + 1;
    this.end = min(end, s.length);
    this.isObj = start >= 0 && start < s.length && s.charCodeAt(start) == 0x7b;
  }
  /** Advance to the next member; false when there is none. */
  next(): bool {
    const s = this.s;
    const end = this.end;
    while (true) {
      let p = jsonSkipWs(s, this.pos, end);
      if (p >= end) {
        this.pos = end;
        return false;
      }
      const c = cu(s, p);
      if (c == 0x7d || c == 0x5d) {
        this.pos = end;
        return false;
      }
      if (c == 0x2c) {
        this.pos = p + 1;
        continue;
      }
      if (this.isObj) {
        if (c != 0x22) {
          this.pos = p + 1; // junk: skip it
          continue;
        }
        const ke = jsonStringEnd(s, p, end);
        this.keyStart = p + 1;
        this.keyEnd = ke > p + 1 && cu(s, ke - 1) == 0x22 ? ke - 1 : ke;
        p = jsonSkipWs(s, ke, end);
        if (p < end && cu(s, p) == 0x3a) p = jsonSkipWs(s, p + 1, end);
      }
      const ve = jsonValueEnd(s, p, end);
      if (ve <= p) {
        // empty value (e.g. `{"a":,}`): skip one char to guarantee progress
        this.pos = p + 1;
        if (this.isObj) {
          this.valStart = p;
          this.valEnd = p;
          return true;
        }
        continue;
      }
      this.valStart = p;
      this.valEnd = ve;
      this.pos = ve;
      return true;
    }
  }
}

/** One member of a JSON object: key (decoded) and the raw JSON text of its value. */
export class Member {
  key: string;
  raw: string;
  constructor(key: string, raw: string) {
    this.key = key;
    this.raw = raw;
  }
}

/** Members of a JSON object text, in source order (duplicates kept); [] when not an object. */
export function objectMembers(s: string): Member[] {
  const out = new Array<Member>();
  const i = jsonSkipWs(s, 0);
  if (i >= s.length || cu(s, i) != 0x7b) return out;
  const c = new Cursor(s, i, jsonValueEnd(s, i));
  while (c.next()) {
    if (c.valEnd <= c.valStart) break;
    out.push(new Member(decodeJsonString(s, c.keyStart - 1, c.keyEnd + 1), s.substring(c.valStart, c.valEnd)));
  }
  return out;
}
