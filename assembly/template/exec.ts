// Tree walker: evaluates pipelines and writes output chunks into State.
import {
  A_CONST, A_DOT, A_FIELD, A_FUNC, A_NIL, A_PIPE, A_VAR, Arg, Cmd, N_ACTION, N_BREAK, N_CONTINUE, N_IF, N_LIST,
  N_RANGE, N_TEXT, N_WITH, Node, Pipe,
} from "./ast";
import { State } from "./state";
import { K_ARR, K_MISSING, K_NULL, K_NUM, K_OBJ, K_STR, Val, jsonOf, textOf, truthy } from "./value";
import { Cursor } from "../util/jsonscan";
import { jsonUnescape, quoteJson } from "../util/jsonstring";
import { gjsonGet } from "./gjson";
import { pathGet } from "./fields";
import { LazyArray, lazyNext, nextElement, rangeArray } from "./items";
import { directAction } from "./direct";
import { F_AND, F_OR, F_GJSON } from "./funcnames";
import { callFunc } from "./funcs";

/** The value recorded with literal text chunks (never read). */
const NO_VALUE = Val.missing();

/** Walk a node with the given dot. */
export function walk(s: State, dot: Val, node: Node): void {
  if (!s.step()) return;
  switch (node.kind) {
    case N_TEXT:
      s.emitLit(node.lit, node.text, node.bytes);
      return;
    case N_LIST: {
      const nodes = node.nodes;
      for (let i = 0; i < nodes.length; i++) {
        walk(s, dot, unchecked(nodes[i]));
        if (s.failed || s.ctl != 0) return;
      }
      return;
    }
    case N_ACTION: {
      if (directAction(s, dot, node)) return;
      const p = node.pipe!;
      const v = evalPipeline(s, dot, p);
      if (!s.failed && p.decl.length == 0) s.emit(textOf(v), v);
      return;
    }
    case N_IF:
    case N_WITH: {
      const mark = s.mark();
      const v = evalPipeline(s, dot, node.pipe!);
      if (s.failed) return;
      if (truthy(v)) walk(s, node.kind == N_WITH ? v : dot, node.list!);
      else if (node.elseList !== null) walk(s, dot, node.elseList!);
      s.pop(mark);
      return;
    }
    case N_RANGE:
      walkRange(s, dot, node);
      return;
    case N_BREAK:
      s.ctl = 1;
      return;
    case N_CONTINUE:
      s.ctl = 2;
      return;
  }
}

/** One range iteration; returns false to stop the loop. */
function iteration(s: State, node: Node, mark: i32, index: Val, elem: Val): bool {
  const p = node.pipe!;
  const n = p.decl.length;
  if (n > 0) {
    if (p.isAssign) {
      s.setVar(p.decl[0], n > 1 ? index : elem);
      if (n > 1) s.setVar(p.decl[1], elem);
    } else {
      s.setTop(1, elem);
      if (n > 1) s.setTop(2, index);
    }
  }
  walk(s, elem, node.list!);
  s.pop(mark);
  if (s.ctl == 1) {
    s.ctl = 0;
    return false;
  }
  s.ctl = 0;
  return !s.failed && s.step();
}

function walkRange(s: State, dot: Val, node: Node): void {
  const lazy = rangeArray(dot, node);
  if (lazy !== null) {
    walkLazyRange(s, dot, node, lazy);
    return;
  }
  const outer = s.mark();
  const v = evalPipeline(s, dot, node.pipe!);
  if (s.failed) return;
  const mark = s.mark();
  let any = false;
  if (v.kind == K_ARR || v.kind == K_OBJ) {
    const c = new Cursor(v.src, v.start, v.end);
    // the index (or key) is a value only when the range declares two variables
    const wantIndex = node.pipe!.decl.length > 1;
    let i = 0;
    const arr = v.kind == K_ARR;
    while (arr ? nextElement(c) : c.next()) {
      any = true;
      const elem = Val.raw(v.src, c.valStart, c.valEnd);
      const index = !wantIndex ? NO_VALUE : v.kind == K_ARR ? Val.int(i) : Val.str(jsonUnescape(v.src, c.keyStart, c.keyEnd));
      i++;
      if (!iteration(s, node, mark, index, elem)) break;
    }
  } else if (v.kind == K_NUM) {
    if (node.pipe!.decl.length > 1) {
      s.fail("can't use " + v.str + " to iterate over more than one variable");
      return;
    }
    const n = v.isInt ? v.i : <i64>v.f;
    for (let i: i64 = 0; i < n; i++) {
      any = true;
      if (!iteration(s, node, mark, Val.int(i), Val.int(i))) break;
    }
  } else if (v.kind == K_STR) {
    const str = v.str;
    let byteIdx = 0;
    let i = 0;
    while (i < str.length) {
      any = true;
      const cp = str.codePointAt(i);
      const w = cp > 0xffff ? 2 : 1;
      const ch = str.substring(i, i + w);
      if (!iteration(s, node, mark, Val.int(byteIdx), Val.str(ch))) break;
      byteIdx += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += w;
    }
  } else if (v.kind != K_MISSING && v.kind != K_NULL) {
    s.fail("range can't iterate over " + textOf(v));
    return;
  }
  if (!any && !s.failed && node.elseList !== null) walk(s, dot, node.elseList!);
  s.pop(outer);
}

/** walkRange over `{{range .a.b}}` with an array there (items.ts rangeArray), without measuring the array first. */
function walkLazyRange(s: State, dot: Val, node: Node, c: LazyArray): void {
  if (!s.step()) return; // the command's step (evalCommand)
  const mark = s.mark();
  let any = false;
  while (lazyNext(c)) {
    any = true;
    if (!iteration(s, node, mark, NO_VALUE, Val.raw(c.s, c.valStart, c.valEnd))) break;
  }
  if (!any && !s.failed && node.elseList !== null) walk(s, dot, node.elseList!);
  s.pop(mark);
}

/** Evaluate a pipeline (declaring/assigning its variables). */
export function evalPipeline(s: State, dot: Val, p: Pipe): Val {
  let v = Val.missing();
  const cmds = p.cmds;
  for (let i = 0; i < cmds.length; i++) {
    v = evalCommand(s, dot, unchecked(cmds[i]), v, i > 0);
    if (s.failed) return v;
  }
  for (let i = 0; i < p.decl.length; i++) {
    if (p.isAssign) s.setVar(p.decl[i], v);
    else s.push(p.decl[i], v);
  }
  return v;
}

function notAFunction(s: State, cmd: Cmd, hasFinal: bool): bool {
  if (cmd.args.length > 1 || hasFinal) {
    s.fail("can't give argument to non-function " + cmd.args[0].src);
    return false;
  }
  return true;
}

function evalCommand(s: State, dot: Val, cmd: Cmd, final: Val, hasFinal: bool): Val {
  if (!s.step()) return Val.missing();
  const first = cmd.args[0];
  switch (first.kind) {
    case A_FUNC:
      return evalCall(s, dot, first, cmd.args, final, hasFinal);
    case A_FIELD:
      if (cmd.args.length > 1 || hasFinal) {
        s.fail(first.path + " is not a method but has arguments");
        return Val.missing();
      }
      return pathGet(dot, first);
    case A_CONST:
      if (first.rawString) {
        // gjson_template: a backtick string as a command's first word is a GJSON path on dot
        if (cmd.args.length > 1 || hasFinal) {
          s.fail("gjson path " + quoteJson(first.val!.str) + " is not a method but has arguments");
          return Val.missing();
        }
        return gjsonGet(dot, first.val!.str);
      }
      break;
    case A_NIL:
      s.fail("nil is not a command");
      return Val.missing();
  }
  if (!notAFunction(s, cmd, hasFinal)) return Val.missing();
  return evalArg(s, dot, first);
}

/** Evaluate an operand used as an argument. */
export function evalArg(s: State, dot: Val, a: Arg): Val {
  switch (a.kind) {
    case A_DOT:
      return dot;
    case A_NIL:
      return Val.nul();
    case A_CONST:
      return a.val!;
    case A_FIELD:
      return pathGet(dot, a);
    case A_VAR: {
      const v = s.lookup(a.name);
      return a.path.length > 0 ? pathGet(v, a) : v;
    }
    case A_PIPE: {
      const v = evalPipeline(s, dot, a.pipe!);
      return a.path.length > 0 ? pathGet(v, a) : v;
    }
    case A_FUNC: {
      const one = new Array<Arg>(1);
      one[0] = a;
      return evalCall(s, dot, a, one, Val.missing(), false);
    }
  }
  return Val.missing();
}

function evalCall(s: State, dot: Val, fnArg: Arg, args: Arg[], final: Val, hasFinal: bool): Val {
  const fn = fnArg.fn;
  if (fn == F_AND || fn == F_OR) {
    const n = args.length - 1 + (hasFinal ? 1 : 0);
    if (n < 1) {
      s.fail("wrong number of args for " + fnArg.name + ": want at least 1 got 0");
      return Val.missing();
    }
    let last = Val.missing();
    for (let i = 1; i <= n; i++) {
      last = i < args.length ? evalArg(s, dot, args[i]) : final;
      if (s.failed) return last;
      const t = truthy(last);
      if (fn == F_AND ? !t : t) return last;
    }
    return last;
  }
  const vals = new Array<Val>();
  for (let i = 1; i < args.length; i++) {
    vals.push(evalArg(s, dot, args[i]));
    if (s.failed) return Val.missing();
  }
  if (hasFinal) vals.push(final);
  if (fn == F_GJSON) {
    if (vals.length != 1) {
      s.fail("wrong number of args for gjson: want 1 got " + vals.length.toString());
      return Val.missing();
    }
    if (vals[0].kind != K_STR) {
      s.fail("gjson requires a string path argument");
      return Val.missing();
    }
    return gjsonGet(dot, vals[0].str);
  }
  const r = callFunc(s, fn, fnArg.name, vals);
  if (r.kind == K_STR && !s.checkSize(r.str)) return Val.missing();
  return r;
}
