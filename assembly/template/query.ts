// GJSON array queries: `#(key op value)` with == = != < <= > >= % !%,
// tilde booleans (`==~true`, `~false`, `~null`, `~*`), bare existence
// (`#(key)`), nested queries in the key, and `&&` / `||` (left to right).
import { K_BOOL, K_NULL, K_NUM, K_STR, Val } from "./value";
import { MAX_PATH_DEPTH, gjsonGetNested } from "./gjson";
import { decodeJsonString } from "../util/jsonstring";
import { wildMatch } from "./match";

/** Whether element `e` satisfies the query text `q` (inside `#( )`). */
export function queryMatches(e: Val, q: string, depth: i32): bool {
  if (depth > MAX_PATH_DEPTH) return false;
  // split on top-level && / ||
  let result = false;
  let pendingOp = 0; // 0 first term, 1 and, 2 or
  let start = 0;
  let i = 0;
  let paren = 0;
  const n = q.length;
  while (i <= n) {
    let boundary = i == n;
    let opLen = 0;
    let op = 0;
    if (!boundary) {
      const c = q.charCodeAt(i);
      if (c == 34) {
        i++;
        while (i < n && q.charCodeAt(i) != 34) {
          if (q.charCodeAt(i) == 92) i++;
          i++;
        }
        i++;
        if (i > n) i = n;
        continue;
      }
      if (c == 40) paren++;
      else if (c == 41) paren--;
      else if (paren == 0 && c == 38 && q.charCodeAt(i + 1) == 38) {
        boundary = true;
        op = 1;
        opLen = 2;
      } else if (paren == 0 && c == 124 && q.charCodeAt(i + 1) == 124) {
        boundary = true;
        op = 2;
        opLen = 2;
      }
    }
    if (boundary) {
      const t = termMatches(e, q.substring(start, i), depth);
      if (pendingOp == 0) result = t;
      else if (pendingOp == 1) result = result && t;
      else result = result || t;
      pendingOp = op;
      i += opLen > 0 ? opLen : 1;
      start = i;
      continue;
    }
    i++;
  }
  return result;
}

function termMatches(e: Val, term: string, depth: i32): bool {
  const t = term.trim();
  // find the operator at paren depth 0, outside quotes
  let i = 0;
  let paren = 0;
  const n = t.length;
  let opPos = -1;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c == 34) {
      i++;
      while (i < n && t.charCodeAt(i) != 34) {
        if (t.charCodeAt(i) == 92) i++;
        i++;
      }
      i++;
      continue;
    }
    if (c == 40) paren++;
    else if (c == 41) paren--;
    else if (paren == 0 && (c == 61 || c == 33 || c == 60 || c == 62 || c == 37)) {
      opPos = i;
      break;
    }
    i++;
  }
  let key = t;
  let op = "";
  let rv = "";
  if (opPos >= 0) {
    key = t.substring(0, opPos).trim();
    let e2 = opPos + 1;
    const c2 = t.charCodeAt(e2);
    if (c2 == 61 || c2 == 37) e2++; // == <= >= != !%
    op = t.substring(opPos, e2);
    rv = t.substring(e2).trim();
  }
  const v = key.length == 0 ? e : gjsonGetNested(e, key, depth + 1);
  if (rv.length > 0 && rv.charCodeAt(0) == 126 /* ~ */) {
    const want = rv.substring(1);
    let m = false;
    if (want == "true") m = tildeBool(v);
    else if (want == "false") m = !tildeBool(v);
    else if (want == "null") m = !v.exists() || v.kind == K_NULL;
    else if (want == "*") m = v.exists();
    if (op == "!=") return !m;
    return op == "==" || op == "=" ? m : false;
  }
  if (!v.exists()) return false;
  if (op.length == 0) return true;
  let rs = rv;
  if (rv.length > 0 && rv.charCodeAt(0) == 34) rs = decodeJsonString(rv, 0, rv.length);
  if (v.kind == K_STR) {
    const a = v.str;
    if (op == "==" || op == "=") return a == rs;
    if (op == "!=") return a != rs;
    if (op == "<") return a < rs;
    if (op == "<=") return a <= rs;
    if (op == ">") return a > rs;
    if (op == ">=") return a >= rs;
    if (op == "%") return wildMatch(a, rs);
    if (op == "!%") return !wildMatch(a, rs);
    return false;
  }
  if (v.kind == K_NUM) {
    const b = parseFloat(rs);
    const a = v.f;
    if (op == "==" || op == "=") return a == b;
    if (op == "!=") return a != b;
    if (op == "<") return a < b;
    if (op == "<=") return a <= b;
    if (op == ">") return a > b;
    if (op == ">=") return a >= b;
    return false;
  }
  if (v.kind == K_BOOL) {
    const s = v.b ? "true" : "false";
    if (op == "==" || op == "=") return s == rs;
    if (op == "!=") return s != rs;
    return false;
  }
  return false;
}

function tildeBool(v: Val): bool {
  if (v.kind == K_BOOL) return v.b;
  if (v.kind == K_NUM) return v.f != 0;
  if (v.kind == K_STR) {
    const s = v.str;
    return s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True";
  }
  return false;
}
