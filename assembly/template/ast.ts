// Parse tree of a compiled template.
import { Val } from "./value";

export const N_TEXT: i32 = 0;
export const N_ACTION: i32 = 1;
export const N_IF: i32 = 2;
export const N_RANGE: i32 = 3;
export const N_WITH: i32 = 4;
export const N_LIST: i32 = 5;
export const N_BREAK: i32 = 6;
export const N_CONTINUE: i32 = 7;

/** A node of the template body. */
export class Node {
  kind: i32;
  pos: i32;
  text: string = "";
  /** N_TEXT: index of `text` in the template's literal table, and its UTF-8 length */
  lit: i32 = 0;
  bytes: i32 = 0;
  /** N_ACTION printed by direct.ts: its field path as plain keys (set on first use with directSet) */
  directKeys: string[] | null = null;
  directSet: bool = false;
  /** action / if / range / with pipeline */
  pipe: Pipe | null = null;
  /** list members (N_LIST) */
  nodes: Node[] = [];
  /** body and else body of if / range / with */
  list: Node | null = null;
  elseList: Node | null = null;
  constructor(kind: i32, pos: i32) {
    this.kind = kind;
    this.pos = pos;
  }
}

/** A pipeline: optional variable declarations then commands separated by `|`. */
export class Pipe {
  pos: i32;
  decl: string[] = [];
  isAssign: bool = false;
  cmds: Cmd[] = [];
  constructor(pos: i32) {
    this.pos = pos;
  }
}

/** One command of a pipeline: an operand or a function call with arguments. */
export class Cmd {
  pos: i32;
  args: Arg[] = [];
  constructor(pos: i32) {
    this.pos = pos;
  }
}

export const A_FIELD: i32 = 0;
export const A_VAR: i32 = 1;
export const A_DOT: i32 = 2;
export const A_NIL: i32 = 3;
export const A_CONST: i32 = 4;
export const A_FUNC: i32 = 5;
export const A_PIPE: i32 = 6;

/** An operand: field path, variable, dot, nil, constant, function name or sub-pipeline. */
export class Arg {
  kind: i32;
  pos: i32;
  /** variable or function name */
  name: string = "";
  /** GJSON path applied to the operand ("" = none) */
  path: string = "";
  /** constant value (A_CONST) */
  val: Val | null = null;
  /** the constant was a backtick raw string */
  rawString: bool = false;
  /** function id (A_FUNC) */
  fn: i32 = -1;
  /** sub-pipeline (A_PIPE) */
  pipe: Pipe | null = null;
  /** source text for error messages */
  src: string = "";
  /** `path` split into plain keys (fields.ts plainKeys), filled on first use; null = full GJSON path */
  keys: string[] | null = null;
  keysReady: bool = false;
  constructor(kind: i32, pos: i32) {
    this.kind = kind;
    this.pos = pos;
  }
}
