// Deterministic orderings: Go byte order (tools, args, schemes) and go-yaml's
// "natural" map-key order (free maps such as schemas and `server.config`).

/** Byte-order (UTF-16 code unit) comparison, like Go's string `<` for BMP text. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/** go-yaml's natural key order: digit runs compare numerically, non-letters before letters. */
export function naturalCompare(a: string, b: string): number {
  const ar = Array.from(a);
  const br = Array.from(b);
  let prevDigit = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i];
    const y = br[i];
    if (x === y) {
      prevDigit = isDigit(x);
      continue;
    }
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return x < y ? -1 : 1;
    if (xl || yl) {
      // exactly one letter: after a digit the letter sorts first, else the non-letter
      if (prevDigit) return xl ? -1 : 1;
      return yl ? -1 : 1;
    }
    if (isDigit(x) || isDigit(y)) {
      const xn = digitRun(ar, i);
      const yn = digitRun(br, i);
      if (xn.value !== yn.value) return xn.value < yn.value ? -1 : 1;
      if (xn.length !== yn.length) return xn.length < yn.length ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1;
}

function digitRun(r: string[], start: number): { value: bigint; length: number } {
  let end = start;
  while (end < r.length && isDigit(r[end])) end++;
  const text = r.slice(start, end).join("");
  return { value: text === "" ? -1n : BigInt(text), length: end - start };
}

/** A copy of `obj` with keys in natural order (shallow). */
export function sortKeys<T>(obj: { [k: string]: T }): { [k: string]: T } {
  const out: { [k: string]: T } = {};
  for (const k of Object.keys(obj).sort(naturalCompare)) out[k] = obj[k];
  return out;
}
