// Fast path of GJSON field access: a path made of plain keys (`a.b.c`, no escape,
// wildcard, `#`, `@modifier` or `|`) is split once per template operand and
// followed through the member cache (members.ts); anything else goes to gjson.ts.
import { K_OBJ, Val } from "./value";
import { Arg } from "./ast";
import { child, gjsonGet } from "./gjson";
import { hitEnd, hitStart, memberRange } from "./members";

/** Keys of a plain-key path, or null when the path needs the full GJSON evaluator. */
export function plainKeys(path: string): string[] | null {
  const n = path.length;
  if (n == 0) return null;
  if (path.charCodeAt(0) == 0x23 /* # */) return null;
  const keys = new Array<string>();
  let seg = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? path.charCodeAt(i) : 0x2e;
    if (c == 0x5c || c == 0x2a || c == 0x3f || c == 0x7c) return null; // \ * ? |
    if (c != 0x2e) continue;
    if (i + 1 < n && path.charCodeAt(i + 1) == 0x23) return null; // a.# / a.#(…)
    if (i - seg > 1 && path.charCodeAt(seg) == 0x40) return null; // @modifier
    keys.push(path.substring(seg, i));
    seg = i + 1;
  }
  return keys;
}

/** Member `key` (no backslash in it) of object `v`: the first one in document order, or missing. */
export function memberOf(v: Val, key: string): Val {
  if (v.kind != K_OBJ || !memberRange(v.src, v.start, v.end, key)) return Val.missing();
  return Val.raw(v.src, hitStart, hitEnd);
}

/** `gjsonGet(v, a.path)` for an operand's path, through plain keys when the path is made of them. */
export function pathGet(v: Val, a: Arg): Val {
  const keys = keysOf(a);
  if (keys === null) return gjsonGet(v, a.path);
  return keysGet(v, keys, 0);
}

/** The operand's path as plain keys (computed once), or null. */
export function keysOf(a: Arg): string[] | null {
  if (!a.keysReady) {
    a.keys = plainKeys(a.path);
    a.keysReady = true;
  }
  return a.keys;
}

/** Follow keys[from..] from v (gjson getAt for a plain-key path). */
export function keysGet(v: Val, keys: string[], from: i32): Val {
  let cur = v;
  for (let i = from; i < keys.length; i++) {
    if (!cur.exists()) return cur;
    const k = unchecked(keys[i]);
    cur = cur.kind == K_OBJ ? memberOf(cur, k) : child(cur, k, false);
  }
  return cur;
}
