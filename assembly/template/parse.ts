// Recursive-descent parser (Go text/template grammar). Nesting depth is
// bounded so hostile templates cannot exhaust the wasm stack.
import {
  LexResult, Token, lex, T_ASSIGN, T_BOOL, T_CHAR, T_CHARCONST, T_DECLARE, T_DOT, T_EOF, T_FIELD, T_IDENT,
  T_KEYWORD, T_LEFT, T_LPAREN, T_NIL, T_NUMBER, T_PIPE, T_RAWSTRING, T_RIGHT, T_RPAREN, T_SPACE, T_STRING,
  T_TEXT, T_VAR,
} from "./lexer";
import {
  A_CONST, A_DOT, A_FIELD, A_FUNC, A_NIL, A_PIPE, A_VAR, Arg, Cmd, N_ACTION, N_BREAK, N_CONTINUE, N_IF, N_LIST,
  N_RANGE, N_TEXT, N_WITH, Node, Pipe,
} from "./ast";
import { Val } from "./value";
import { funcId } from "./funcnames";
import { parseNumberLiteral, unquoteGo } from "./literal";

/** Maximum nesting of control structures and parentheses. */
export const MAX_NESTING: i32 = 100;

/** Parse result: root list node or an error message ("template: L:C: msg"). */
export class ParseResult {
  root: Node | null = null;
  /** the template's literal texts (N_TEXT Node.lit indexes them) */
  lits: string[] = [];
  error: string = "";
}

/** "L:C" of a source offset (1-based). */
export function lineCol(src: string, pos: i32): string {
  let line = 1;
  let col = 1;
  const n = pos < src.length ? pos : src.length;
  for (let i = 0; i < n; i++) {
    if (src.charCodeAt(i) == 10) {
      line++;
      col = 1;
    } else col++;
  }
  return line.toString() + ":" + col.toString();
}

function tokDesc(t: Token): string {
  if (t.type == T_EOF) return "EOF";
  if (t.type == T_KEYWORD) return "<" + t.text + ">";
  let s = t.text;
  if (s.length > 10) s = s.substring(0, 10) + "...";
  return '"' + s + '"';
}

class Parser {
  src: string;
  toks: Token[];
  i: i32 = 0;
  err: string = "";
  errPos: i32 = 0;
  depth: i32 = 0;
  rangeDepth: i32 = 0;
  vars: string[] = ["$"];
  /** literal texts, in order (Node.lit indexes them) */
  lits: string[] = [];
  constructor(src: string, lr: LexResult) {
    this.src = src;
    this.toks = lr.tokens;
  }
  fail(msg: string, pos: i32): void {
    if (this.err.length == 0) {
      this.err = msg;
      this.errPos = pos;
    }
  }
  ok(): bool {
    return this.err.length == 0;
  }
  next(): Token {
    const t = this.toks[this.i < this.toks.length - 1 ? this.i : this.toks.length - 1];
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  peek(): Token {
    return this.toks[this.i < this.toks.length ? this.i : this.toks.length - 1];
  }
  nextNonSpace(): Token {
    let t = this.next();
    while (t.type == T_SPACE) t = this.next();
    return t;
  }
  peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  /** parse a list of nodes until {{end}}/{{else}} (returned in `term`) or EOF */
  list(top: bool): Node {
    const l = new Node(N_LIST, this.peek().pos);
    while (this.ok()) {
      const t = this.next();
      if (t.type == T_EOF) {
        if (!top) this.fail("unexpected EOF", t.pos);
        break;
      }
      if (t.type == T_TEXT) {
        const n = new Node(N_TEXT, t.pos);
        n.text = t.text;
        n.lit = this.lits.length;
        n.bytes = String.UTF8.byteLength(t.text);
        this.lits.push(t.text);
        l.nodes.push(n);
        continue;
      }
      // T_LEFT
      const k = this.peekNonSpace();
      if (k.type == T_KEYWORD && (k.text == "end" || k.text == "else")) {
        if (top) {
          this.fail("unexpected {{" + k.text + "}}", k.pos);
          break;
        }
        this.i--; // leave the left delimiter for the caller's look-back
        break;
      }
      const n = this.action();
      if (n !== null) l.nodes.push(n);
    }
    return l;
  }
  action(): Node | null {
    const t = this.nextNonSpace();
    if (t.type == T_KEYWORD) {
      if (t.text == "if") return this.control(N_IF, t.pos);
      if (t.text == "range") return this.control(N_RANGE, t.pos);
      if (t.text == "with") return this.control(N_WITH, t.pos);
      if (t.text == "break" || t.text == "continue") {
        if (this.rangeDepth == 0) this.fail("{{" + t.text + "}} outside {{range}}", t.pos);
        const r = this.nextNonSpace();
        if (r.type != T_RIGHT) this.fail("unexpected " + tokDesc(r) + " in {{" + t.text + "}}", r.pos);
        return new Node(t.text == "break" ? N_BREAK : N_CONTINUE, t.pos);
      }
      this.fail("unsupported action {{" + t.text + "}}", t.pos);
      return null;
    }
    this.i--;
    const n = new Node(N_ACTION, t.pos);
    n.pipe = this.pipeline("command", T_RIGHT);
    return n;
  }
  control(kind: i32, pos: i32): Node | null {
    if (++this.depth > MAX_NESTING) {
      this.fail("max nesting depth " + MAX_NESTING.toString() + " exceeded", pos);
      return null;
    }
    const ctx = kind == N_IF ? "if" : kind == N_RANGE ? "range" : "with";
    const mark = this.vars.length;
    const n = new Node(kind, pos);
    n.pipe = this.pipeline(ctx, T_RIGHT);
    if (kind == N_RANGE) this.rangeDepth++;
    n.list = this.list(false);
    if (kind == N_RANGE) this.rangeDepth--;
    if (this.ok()) {
      this.next(); // {{
      const k = this.nextNonSpace(); // end | else
      if (k.text == "else") {
        const nx = this.peekNonSpace();
        if ((kind == N_IF && nx.type == T_KEYWORD && nx.text == "if") || (kind == N_WITH && nx.type == T_KEYWORD && nx.text == "with")) {
          // {{else if x}} == {{else}}{{if x}}...{{end}}{{end}}: the nested control consumes the end
          this.nextNonSpace();
          const el = new Node(N_LIST, nx.pos);
          const inner = this.control(kind, nx.pos);
          if (inner !== null) el.nodes.push(inner);
          n.elseList = el;
        } else {
          const r = this.nextNonSpace();
          if (r.type != T_RIGHT) this.fail("unexpected " + tokDesc(r) + " in else", r.pos);
          n.elseList = this.list(false);
          if (this.ok()) {
            this.next();
            const e = this.nextNonSpace();
            if (e.text != "end") this.fail("expected end; found " + tokDesc(e), e.pos);
            const r2 = this.nextNonSpace();
            if (r2.type != T_RIGHT) this.fail("unexpected " + tokDesc(r2) + " in end", r2.pos);
          }
        }
      } else {
        const r = this.nextNonSpace();
        if (r.type != T_RIGHT) this.fail("unexpected " + tokDesc(r) + " in end", r.pos);
      }
    }
    this.vars.length = mark;
    this.depth--;
    return n;
  }
  pipeline(ctx: string, end: i32): Pipe {
    const pipe = new Pipe(this.peekNonSpace().pos);
    // declarations
    while (this.ok()) {
      const v = this.peekNonSpace();
      if (v.type != T_VAR) break;
      const save = this.i;
      this.nextNonSpace();
      const after = this.peek();
      const nx = this.peekNonSpace();
      if (after.type != T_FIELD && (nx.type == T_ASSIGN || nx.type == T_DECLARE)) {
        this.nextNonSpace();
        pipe.isAssign = nx.type == T_ASSIGN;
        pipe.decl.push(v.text);
        if (pipe.isAssign) {
          if (!this.vars.includes(v.text)) this.fail("undefined variable \"" + v.text + "\"", v.pos);
        } else this.vars.push(v.text);
        break;
      }
      if (after.type != T_FIELD && nx.type == T_CHAR && nx.text == ",") {
        this.nextNonSpace();
        pipe.decl.push(v.text);
        this.vars.push(v.text);
        if (ctx == "range" && pipe.decl.length < 2) {
          const p2 = this.peekNonSpace();
          if (p2.type == T_VAR) continue;
          this.fail("range can only initialize variables", p2.pos);
        } else this.fail("too many declarations in " + ctx, nx.pos);
        break;
      }
      this.i = save;
      break;
    }
    while (this.ok()) {
      const t = this.nextNonSpace();
      if (t.type == end) {
        if (pipe.cmds.length == 0) this.fail("missing value for " + ctx, t.pos);
        for (let k = 1; k < pipe.cmds.length; k++) {
          const a = pipe.cmds[k].args[0];
          if (a.kind == A_CONST || a.kind == A_DOT || a.kind == A_NIL) {
            this.fail("non executable command in pipeline stage " + (k + 1).toString(), a.pos);
          }
        }
        if (pipe.decl.length > 0 && end == T_RIGHT && ctx == "command") {
          // declared variables remain visible until the enclosing end
        }
        return pipe;
      }
      const ty = t.type;
      if (ty == T_BOOL || ty == T_CHARCONST || ty == T_DOT || ty == T_FIELD || ty == T_IDENT || ty == T_NUMBER ||
          ty == T_NIL || ty == T_RAWSTRING || ty == T_STRING || ty == T_VAR || ty == T_LPAREN) {
        this.i--;
        pipe.cmds.push(this.command());
      } else {
        this.fail("unexpected " + tokDesc(t) + " in " + ctx, t.pos);
      }
    }
    return pipe;
  }
  command(): Cmd {
    const cmd = new Cmd(this.peekNonSpace().pos);
    while (this.ok()) {
      this.peekNonSpace();
      while (this.peek().type == T_SPACE) this.next();
      const op = this.operand();
      if (op !== null) cmd.args.push(op);
      const t = this.next();
      if (t.type == T_SPACE) continue;
      if (t.type == T_RIGHT || t.type == T_RPAREN) this.i--;
      else if (t.type != T_PIPE) this.fail("unexpected " + tokDesc(t) + " in operand", t.pos);
      else {
        const nx = this.peekNonSpace();
        if (nx.type == T_RIGHT || nx.type == T_RPAREN || nx.type == T_EOF) this.fail("missing command after |", nx.pos);
      }
      break;
    }
    if (cmd.args.length == 0 && this.ok()) this.fail("empty command", cmd.pos);
    return cmd;
  }
  operand(): Arg | null {
    const a = this.term();
    if (a === null || !this.ok()) return a;
    if (this.peek().type == T_FIELD) {
      const f = this.next();
      const fpath = f.text.substring(1);
      if (a.kind == A_FIELD || a.kind == A_VAR || a.kind == A_PIPE) {
        a.path = a.path.length > 0 ? a.path + "." + fpath : fpath;
        if (this.peek().type == T_FIELD) return this.operandMore(a);
        return a;
      }
      this.fail("unexpected . after term " + '"' + a.src + '"', f.pos);
    }
    return a;
  }
  operandMore(a: Arg): Arg {
    while (this.peek().type == T_FIELD) {
      const f = this.next();
      a.path = a.path + "." + f.text.substring(1);
    }
    return a;
  }
  term(): Arg | null {
    const t = this.nextNonSpace();
    const ty = t.type;
    if (ty == T_IDENT) {
      const id = funcId(t.text);
      if (id < 0) {
        this.fail("function \"" + t.text + "\" not defined", t.pos);
        return null;
      }
      const a = new Arg(A_FUNC, t.pos);
      a.name = t.text;
      a.fn = id;
      a.src = t.text;
      return a;
    }
    if (ty == T_DOT) return this.mk(A_DOT, t);
    if (ty == T_NIL) return this.mk(A_NIL, t);
    if (ty == T_VAR) {
      if (!this.vars.includes(t.text)) {
        this.fail("undefined variable \"" + t.text + "\"", t.pos);
        return null;
      }
      const a = this.mk(A_VAR, t);
      a.name = t.text;
      return a;
    }
    if (ty == T_FIELD) {
      const a = this.mk(A_FIELD, t);
      a.path = t.text.substring(1);
      return a;
    }
    if (ty == T_BOOL) {
      const a = this.mk(A_CONST, t);
      a.val = Val.bool(t.text == "true");
      return a;
    }
    if (ty == T_NUMBER || ty == T_CHARCONST) {
      const v = parseNumberLiteral(t.text);
      if (v === null) {
        this.fail("bad number syntax: " + '"' + t.text + '"', t.pos);
        return null;
      }
      const a = this.mk(A_CONST, t);
      a.val = v;
      return a;
    }
    if (ty == T_STRING || ty == T_RAWSTRING) {
      const a = this.mk(A_CONST, t);
      if (ty == T_RAWSTRING) {
        a.val = Val.str(t.text.substring(1, t.text.length - 1));
        a.rawString = true;
      } else {
        const s = unquoteGo(t.text);
        if (s === null) {
          this.fail("invalid syntax in string " + t.text, t.pos);
          return null;
        }
        a.val = Val.str(s);
      }
      return a;
    }
    if (ty == T_LPAREN) {
      if (++this.depth > MAX_NESTING) {
        this.fail("max nesting depth " + MAX_NESTING.toString() + " exceeded", t.pos);
        return null;
      }
      const a = this.mk(A_PIPE, t);
      a.pipe = this.pipeline("parenthesized pipeline", T_RPAREN);
      this.depth--;
      return a;
    }
    this.i--;
    return null;
  }
  mk(kind: i32, t: Token): Arg {
    const a = new Arg(kind, t.pos);
    a.src = t.text;
    return a;
  }
}

/** Parse template source into a tree. */
export function parseTemplate(src: string): ParseResult {
  const r = new ParseResult();
  const lr = lex(src);
  if (lr.error.length > 0) {
    r.error = "template: " + lineCol(src, lr.errPos) + ": " + lr.error;
    return r;
  }
  const p = new Parser(src, lr);
  const root = p.list(true);
  if (!p.ok()) {
    r.error = "template: " + lineCol(src, p.errPos) + ": " + p.err;
    return r;
  }
  r.root = root;
  r.lits = p.lits;
  return r;
}
