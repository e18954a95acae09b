// Small string-list helpers shared by auth/ (secret lists) and rest/scrub.ts.

/** Append `s` to `list` when non-empty and not already present. */
export function addUnique(list: string[], s: string): void {
  if (s.length == 0) return;
  for (let i = 0; i < list.length; i++) {
    if (unchecked(list[i]) == s) return;
  }
  list.push(s);
}
