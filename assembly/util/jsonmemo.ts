// Noted container ends of one JSON text (issue 19), for util/jsonscan jsonValueEnd and mcp/depth.
// The lazy view (util/jsonview) finds the end of
// each member value when it scans an object, so a tools/call body was scanned once per nesting level
// (the root, params, arguments, each value: four passes over a 1 MB argument). Between
// noteValueEnds(text) and forgetValueEnds() (plugin/filter.ts, around the dispatch of one body), a
// scan of that text notes where the large containers of its first MEMO_DEPTH levels end, and a later
// jsonValueEnd of the text at one of those starts answers from the note. Any other text is scanned as
// before, without notes. The note holds the text itself, so its address cannot be reused by another
// string meanwhile. A scan from `open` and the part of an enclosing scan from `open` see the same
// characters in the same state, so both find the same end; a noted end beyond a later call's `end`
// bound means "unterminated before the bound", which is the bound.
// Only containers of at least 1/16 of the text (and 256 code units) are noted: at most 16 per level.
const MEMO_CAP: i32 = 16;
/** Containers of the first MEMO_DEPTH levels of a scan are noted. */
export const MEMO_DEPTH: i32 = 4;
let memoText: string | null = null;
let memoCount: i32 = 0;
const memoOpen = new StaticArray<i32>(MEMO_CAP);
const memoClose = new StaticArray<i32>(MEMO_CAP);

/** Note container ends found in `text` from now on (replacing any earlier note). */
export function noteValueEnds(text: string): void {
  memoText = text;
  memoCount = 0;
}

/** True when container ends of `s` are being noted (between noteValueEnds(s) and forgetValueEnds()). */
export function notingValueEnds(s: string): bool {
  const noted = memoText;
  return noted !== null && changetype<usize>(noted) == changetype<usize>(s);
}

/**
 * Note that the container opening at `open` of the noted text ends at `end` (exclusive), as found by a
 * scan with jsonValueEnd's rules (jsonValueEnd itself, mcp/depth exceedsDepth): kept when it is large and there is room.
 */
export function noteValueEnd(open: i32, end: i32): void {
  const noted = memoText;
  if (noted === null || memoCount >= MEMO_CAP || end - open < max(256, noted.length >> 4)) return;
  unchecked((memoOpen[memoCount] = open));
  unchecked((memoClose[memoCount] = end));
  memoCount++;
}

/** The noted end of the container opening at `open` (as jsonValueEnd(text, open, end) finds it), or -1. */
export function notedValueEnd(open: i32, end: i32): i32 {
  for (let k = 0; k < memoCount; k++) {
    if (unchecked(memoOpen[k]) == open) {
      const e = unchecked(memoClose[k]);
      return e <= end ? e : end;
    }
  }
  return -1;
}

/** How many container ends are noted (tests). */
export function notedValueEnds(): i32 {
  return memoCount;
}

/** Drop the noted container ends (and the reference to their text). */
export function forgetValueEnds(): void {
  memoText = null;
  memoCount = 0;
}

