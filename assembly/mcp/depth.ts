// Nesting-depth pre-check on raw request text, run before any parsing so a
// hostile body cannot make the parser work hard. Skips string contents.
import { hasQuoteOrBackslash4 } from "../util/jsonscan";

/** True when `text` nests arrays/objects deeper than `max` (strings skipped; works on invalid JSON too). */
export function exceedsDepth(text: string, max: i32): bool {
  let depth = 0;
  let inString = false;
  const n = text.length;
  const p = changetype<usize>(text);
  for (let i = 0; i < n; i++) {
    if (inString) {
      // inside a string, skip four code units at a time while none is a quote or a backslash (i + 4 <= n)
      while (i + 4 <= n && !hasQuoteOrBackslash4(load<u64>(p + (<usize>i << 1)))) i += 4;
      if (i >= n) break;
    }
    const c = <i32>load<u16>(p + (<usize>i << 1)); // i < n = text.length
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
