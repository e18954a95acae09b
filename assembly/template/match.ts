// Wildcard matching for GJSON keys and `%` queries: `*` any run, `?` one
// character, `\` escapes. Iterative (no recursion, no RegExp).

/** Whether `str` matches the wildcard `pattern`. */
export function wildMatch(str: string, pattern: string): bool {
  let s = 0;
  let p = 0;
  let starP = -1;
  let starS = 0;
  const n = str.length;
  const m = pattern.length;
  while (s < n) {
    if (p < m) {
      const pc = pattern.charCodeAt(p);
      if (pc == 42 /* * */) {
        starP = p;
        starS = s;
        p++;
        continue;
      }
      if (pc == 63 /* ? */) {
        p++;
        s++;
        continue;
      }
      let lit = pc;
      let adv = 1;
      if (pc == 92 && p + 1 < m) {
        lit = pattern.charCodeAt(p + 1);
        adv = 2;
      }
      if (lit == str.charCodeAt(s)) {
        p += adv;
        s++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    starS++;
    s = starS;
  }
  while (p < m && pattern.charCodeAt(p) == 42) p++;
  return p == m;
}
