// Scanning already-validated JSON text: where a string or value ends, skipping
// whitespace. Shared by config/jsonview (lazy reader) and rest/json. Indices
// are clamped to the text, so malformed input ends a scan instead of trapping.

/** Code unit at i without a bounds check; callers keep 0 <= i < s.length (hot loops over bodies). */
// @ts-ignore: decorator
@inline function cu(s: string, i: i32): i32 {
  return <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1));
}

/** JSON insignificant whitespace. */
export function isJsonWs(c: i32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d;
}

/** First index >= i (and < end) that is not whitespace. */
export function jsonSkipWs(s: string, i: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (i < 0) i = 0;
  while (i < end && isJsonWs(cu(s, i))) i++;
  return i;
}

/** Index just past the string literal whose opening quote is at i (end if unterminated). */
export function jsonStringEnd(s: string, i: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (i < 0) i = 0;
  let j = i + 1;
  while (j < end) {
    const c = cu(s, j);
    if (c == 0x5c) j += 2;
    else if (c == 0x22) return j + 1;
    else j++;
  }
  return end;
}

/** Index just past the value starting at i (end if unterminated). */
export function jsonValueEnd(s: string, i: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (i < 0) i = 0;
  if (i >= end) return i;
  const c = cu(s, i);
  if (c == 0x22) return jsonStringEnd(s, i, end);
  if (c == 0x7b || c == 0x5b) {
    let depth = 0;
    let j = i;
    while (j < end) {
      const d = cu(s, j);
      if (d == 0x22) {
        j = jsonStringEnd(s, j, end);
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
    if (d == 0x2c || d == 0x7d || d == 0x5d || isJsonWs(d)) break;
    j++;
  }
  return j;
}
