// Nesting-depth pre-check on raw request text, run before any parsing so a
// hostile body cannot make the parser work hard. Skips string contents.
// When the filter notes container ends of this text (util/jsonscan noteValueEnds), the check notes
// those of the first levels as it passes them, so parsing the envelope does not scan the body again.
import { skipStringBody } from "../util/jsonscan";
import { MEMO_DEPTH, noteValueEnd, notingValueEnds } from "../util/jsonmemo";

const opens = new StaticArray<i32>(MEMO_DEPTH);

/** True when `text` nests arrays/objects deeper than `max` (strings skipped; works on invalid JSON too). */
export function exceedsDepth(text: string, max: i32): bool {
  let depth = 0;
  const n = text.length;
  const p = changetype<usize>(text);
  const noting = notingValueEnds(text);
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u16>(p + (<usize>i << 1)); // i < n = text.length
    if (c == 0x22) {
      // skip the string (unterminated: to the end); the loop's i++ is undone
      i = skipStringBody(text, i + 1, n) - 1;
      continue;
    }
    if (c == 0x7b || c == 0x5b) {
      if (noting && depth < MEMO_DEPTH) unchecked((opens[depth] = i));
      depth++;
      if (depth > max) return true;
    } else if (c == 0x7d || c == 0x5d) {
      if (depth > 0) {
        depth--;
        // the container opened at opens[depth] (set when this level opened) ends here, as jsonValueEnd finds it
        if (noting && depth < MEMO_DEPTH) noteValueEnd(unchecked(opens[depth]), i + 1);
      }
    }
  }
  return false;
}
