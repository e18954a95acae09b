// Per-render execution state: variables, output, limits, first error.
import { Val } from "./value";
import { TemplateEnv } from "./env";
import { Out } from "./out";
import { utf8RangeLength } from "../util/utf8";

/** Mutable state of one render. */
export class State {
  src: string;
  root: Val;
  env: TemplateEnv;
  names: string[] = [];
  vals: Val[] = [];
  /** the output records */
  out: Out;
  outBytes: i64 = 0;
  maxOutput: i32;
  steps: i32 = 0;
  maxSteps: i32;
  failed: bool = false;
  error: string = "";
  /** 1 = break, 2 = continue pending */
  ctl: i32 = 0;
  constructor(src: string, root: Val, env: TemplateEnv, maxOutput: i32, maxSteps: i32, lits: string[]) {
    this.out = new Out(lits);
    this.src = src;
    this.root = root;
    this.env = env;
    this.maxOutput = maxOutput;
    this.maxSteps = maxSteps;
    this.names.push("$");
    this.vals.push(root);
  }
  /** record the first error (later ones are ignored) */
  fail(msg: string): void {
    if (!this.failed) {
      this.failed = true;
      this.error = msg;
    }
  }
  /** count one unit of work; false (with an error) when the budget is spent */
  // @ts-ignore: decorator
  @inline step(): bool {
    if (++this.steps > this.maxSteps) {
      this.fail("template execution exceeds " + this.maxSteps.toString() + " steps");
      return false;
    }
    return !this.failed;
  }
  /** a string produced by a function must stay within the output limit */
  checkSize(s: string): bool {
    if (s.length > this.maxOutput) {
      this.fail("template output exceeds " + this.maxOutput.toString() + " bytes");
      return false;
    }
    return true;
  }
  /** count output bytes; false (with an error) past the output limit */
  // @ts-ignore: decorator
  @inline private grow(bytes: i32): bool {
    if (this.failed) return false;
    this.outBytes += bytes;
    if (this.outBytes > <i64>this.maxOutput) {
      this.fail("template output exceeds " + this.maxOutput.toString() + " bytes");
      return false;
    }
    return true;
  }
  /** append literal number `id` of the template: `text` of `bytes` UTF-8 bytes */
  emitLit(id: i32, text: string, bytes: i32): void {
    if (this.grow(bytes)) this.out.lit(id, text.length);
  }
  /** append the text of an action's value `v` */
  emit(text: string, v: Val): void {
    if (this.grow(String.UTF8.byteLength(text))) this.out.val(text, v);
  }
  /** append the raw value src[vs, ve) whose printed text is src[ts, te) (a range of it) of `bytes` UTF-8 bytes (-1: count them) */
  emitRaw(src: string, vs: i32, ve: i32, ts: i32, te: i32, bytes: i32 = -1): void {
    if (this.grow(bytes >= 0 ? bytes : utf8RangeLength(src, ts, te))) this.out.raw(src, vs, ve, ts, te);
  }
  push(name: string, v: Val): void {
    this.names.push(name);
    this.vals.push(v);
  }
  mark(): i32 {
    return this.names.length;
  }
  pop(mark: i32): void {
    if (mark < this.names.length) {
      this.names.length = mark;
      this.vals.length = mark;
    }
  }
  lookup(name: string): Val {
    for (let i = this.names.length - 1; i >= 0; i--) {
      if (unchecked(this.names[i]) == name) return unchecked(this.vals[i]);
    }
    this.fail("undefined variable: " + name);
    return Val.missing();
  }
  setVar(name: string, v: Val): void {
    for (let i = this.names.length - 1; i >= 0; i--) {
      if (unchecked(this.names[i]) == name) {
        unchecked((this.vals[i] = v));
        return;
      }
    }
    this.fail("undefined variable: " + name);
  }
  setTop(n: i32, v: Val): void {
    const i = this.vals.length - n;
    if (i >= 0 && i < this.vals.length) unchecked((this.vals[i] = v));
  }
}
