// GJSON path evaluation over raw JSON values (subset of tidwall/gjson):
// keys, escapes (`a\.b`), wildcards (`*`, `?`), array indexes, `#` (count),
// `#.path` (map), `#(query)` / `#(query)#`, `|` pipes, and the modifiers
// @this @reverse @keys @values @flatten @pretty @ugly. Multipaths and
// literals (`[a,b]`, `{..}`, `!x`) are not supported (they yield missing).
import { minifyJson, prettyJson } from "../util/jsonformat";
import { Cursor } from "../util/jsonscan";
import { jsonKeyEquals, jsonUnescape } from "../util/jsonstring";
import { K_ARR, K_OBJ, Val, jsonOf } from "./value";
import { queryMatches } from "./query";
import { wildMatch } from "./match";
import { StrBuf, joinStrings } from "../util/strbuf";

/** Maximum nesting of `#` maps and queries inside one path evaluation. */
export const MAX_PATH_DEPTH: i32 = 32;

const C_KEY: i32 = 0;
const C_HASH: i32 = 1;
const C_QUERY: i32 = 2;
const C_MOD: i32 = 3;
const C_BAD: i32 = 4;

class Comp {
  kind: i32 = C_KEY;
  key: string = "";
  wild: bool = false;
  all: bool = false;
  /** index of the next component */
  next: i32 = 0;
  more: bool = false;
  /** the separator before the next component was `|` */
  pipe: bool = false;
}

/** Index of the `)` matching the `(` at i (quotes respected), or -1. */
export function closeParen(p: string, i: i32): i32 {
  let depth = 0;
  const n = p.length;
  while (i < n) {
    const c = p.charCodeAt(i);
    if (c == 34) {
      i++;
      while (i < n && p.charCodeAt(i) != 34) {
        if (p.charCodeAt(i) == 92) i++;
        i++;
      }
    } else if (c == 40) depth++;
    else if (c == 41) {
      depth--;
      if (depth == 0) return i;
    }
    i++;
  }
  return -1;
}

function readComp(p: string, i: i32): Comp {
  const c = new Comp();
  const n = p.length;
  let j = i;
  if (p.charCodeAt(i) == 35 /* # */) {
    if (p.charCodeAt(i + 1) == 40 /* ( */) {
      const close = closeParen(p, i + 1);
      if (close < 0) {
        c.kind = C_BAD;
        j = n;
      } else {
        c.kind = C_QUERY;
        c.key = p.substring(i + 2, close);
        j = close + 1;
        if (p.charCodeAt(j) == 35) {
          c.all = true;
          j++;
        }
      }
    } else {
      c.kind = C_HASH;
      j = i + 1;
    }
  } else {
    let esc = false;
    let wild = false;
    while (j < n) {
      const d = p.charCodeAt(j);
      if (d == 92) {
        esc = true;
        j += 2;
        continue;
      }
      if (d == 46 || d == 124) break;
      if (d == 42 || d == 63) wild = true;
      j++;
    }
    if (j > n) j = n;
    const text = p.substring(i, j);
    if (text.length > 1 && text.charCodeAt(0) == 64 /* @ */) {
      c.kind = C_MOD;
      c.key = text.substring(1);
    } else {
      c.wild = wild;
      c.key = wild ? text : esc ? unescapePath(text) : text;
    }
  }
  // skip to the separator
  while (j < n && p.charCodeAt(j) != 46 && p.charCodeAt(j) != 124) j++;
  if (j < n) {
    c.more = true;
    c.pipe = p.charCodeAt(j) == 124;
    c.next = j + 1;
  } else c.next = n;
  return c;
}

function unescapePath(t: string): string {
  const out = new StrBuf(t.length);
  let i = 0;
  let seg = 0;
  while (i < t.length) {
    if (t.charCodeAt(i) == 92) {
      out.appendRange(t, seg, i);
      seg = i + 1;
      i += 2;
      continue;
    }
    i++;
  }
  out.appendRange(t, seg, t.length);
  return out.toString();
}

function isIndex(k: string): bool {
  if (k.length == 0 || k.length > 9) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Member `key` of an object, or element `key` of an array. */
export function child(v: Val, key: string, wild: bool): Val {
  if (v.kind == K_OBJ) {
    const c = new Cursor(v.src, v.start, v.end);
    while (c.next()) {
      const hit = wild
        ? wildMatch(jsonUnescape(v.src, c.keyStart, c.keyEnd), key)
        : jsonKeyEquals(v.src, c.keyStart, c.keyEnd, key);
      if (hit) return Val.raw(v.src, c.valStart, c.valEnd);
    }
    return Val.missing();
  }
  if (v.kind == K_ARR && !wild && isIndex(key)) {
    return element(v, I32.parseInt(key));
  }
  return Val.missing();
}

/** Element `idx` of an array value (missing when out of range). */
export function element(v: Val, idx: i32): Val {
  if (v.kind != K_ARR || idx < 0) return Val.missing();
  const c = new Cursor(v.src, v.start, v.end);
  let k = 0;
  while (c.next()) {
    if (k == idx) return Val.raw(v.src, c.valStart, c.valEnd);
    k++;
  }
  return Val.missing();
}

/** A raw JSON array value built from JSON texts. */
export function arrayOf(items: string[]): Val {
  const t = "[" + joinStrings(items, ",") + "]";
  return Val.raw(t, 0, t.length);
}

/** Evaluate a GJSON path against v. Never traps; bad paths yield missing. */
export function gjsonGet(v: Val, path: string): Val {
  return getAt(v, path, 0, 0);
}

/** gjsonGet from inside a query, carrying the nesting depth. */
export function gjsonGetNested(v: Val, path: string, depth: i32): Val {
  return getAt(v, path, 0, depth);
}

function getAt(v: Val, path: string, from: i32, depth: i32): Val {
  if (depth > MAX_PATH_DEPTH || from >= path.length) return Val.missing();
  let cur = v;
  let i = from;
  while (true) {
    if (!cur.exists()) return cur;
    const c = readComp(path, i);
    if (c.kind == C_BAD) return Val.missing();
    if (c.kind == C_KEY) {
      cur = child(cur, c.key, c.wild);
    } else if (c.kind == C_MOD) {
      cur = modifier(cur, c.key);
    } else if (c.kind == C_HASH) {
      if (cur.kind != K_ARR) return Val.missing();
      if (!c.more) return Val.int(cur.count());
      if (c.pipe) {
        cur = Val.int(cur.count());
      } else return mapRest(cur, path, c.next, depth);
    } else {
      if (cur.kind != K_ARR) return Val.missing();
      const matches = new Array<string>();
      const it = new Cursor(cur.src, cur.start, cur.end);
      let first = Val.missing();
      while (it.next()) {
        const e = Val.raw(cur.src, it.valStart, it.valEnd);
        if (queryMatches(e, c.key, depth + 1)) {
          if (!c.all) {
            first = e;
            break;
          }
          matches.push(jsonOf(e));
        }
      }
      if (!c.all) cur = first;
      else {
        const arr = arrayOf(matches);
        if (c.more && !c.pipe) return mapRest(arr, path, c.next, depth);
        cur = arr;
      }
    }
    if (!c.more) return cur;
    i = c.next;
  }
  return cur;
}

function mapRest(arr: Val, path: string, from: i32, depth: i32): Val {
  const out = new Array<string>();
  const it = new Cursor(arr.src, arr.start, arr.end);
  while (it.next()) {
    const r = getAt(Val.raw(arr.src, it.valStart, it.valEnd), path, from, depth + 1);
    if (r.exists()) out.push(jsonOf(r));
  }
  return arrayOf(out);
}

function modifier(v: Val, name: string): Val {
  if (name == "this") return v;
  if (name == "ugly") {
    const t = minifyJson(jsonOf(v), 0, jsonOf(v).length);
    return Val.raw(t, 0, t.length);
  }
  if (name == "pretty") {
    const j = jsonOf(v);
    const t = prettyJson(j, 0, j.length, 1 << 24);
    if (t === null) return Val.missing();
    return Val.raw(t, 0, t.length);
  }
  if (v.kind != K_ARR && v.kind != K_OBJ) return name == "reverse" ? v : Val.missing();
  const items = new Array<string>();
  const it = new Cursor(v.src, v.start, v.end);
  while (it.next()) {
    if (name == "keys") {
      if (v.kind == K_OBJ) items.push(v.src.substring(it.keyStart - 1, it.keyEnd + 1));
      else return Val.missing();
    } else if (name == "flatten" && v.kind == K_ARR) {
      const e = Val.raw(v.src, it.valStart, it.valEnd);
      if (e.kind == K_ARR) {
        const inner = new Cursor(e.src, e.start, e.end);
        while (inner.next()) items.push(e.src.substring(inner.valStart, inner.valEnd));
      } else items.push(e.rawText());
    } else if (name == "values" || name == "reverse") {
      if (name == "values" && v.kind != K_OBJ) return Val.missing();
      items.push(v.src.substring(it.valStart, it.valEnd));
    } else return Val.missing();
  }
  if (name == "reverse") {
    items.reverse();
    if (v.kind == K_OBJ) {
      // rebuild "key":value pairs in reverse order
      const pairs = new Array<string>();
      const it2 = new Cursor(v.src, v.start, v.end);
      while (it2.next()) pairs.push(v.src.substring(it2.keyStart - 1, it2.keyEnd + 1) + ":" + v.src.substring(it2.valStart, it2.valEnd));
      pairs.reverse();
      const t = "{" + joinStrings(pairs, ",") + "}";
      return Val.raw(t, 0, t.length);
    }
  }
  return arrayOf(items);
}
