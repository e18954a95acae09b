// Nesting-depth pre-check on raw request text, run before any parsing so a
// hostile body cannot make the parser work hard. Skips string contents.

/** True when `text` nests arrays/objects deeper than `max` (strings skipped; works on invalid JSON too). */
export function exceedsDepth(text: string, max: i32): bool {
  let depth = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u16>(changetype<usize>(text) + (<usize>i << 1)); // i < n = text.length
    if (inString) {
      if (c == 0x5c) i++;
      else if (c == 0x22) inString = false;
      continue;
    }
    if (c == 0x22) inString = true;
    else if (c == 0x7b || c == 0x5b) {
      depth++;
      if (depth > max) return true;
    } else if (c == 0x7d || c == 0x5d) {
      if (depth > 0) depth--;
    }
  }
  return false;
}
