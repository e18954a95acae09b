// Public API of the template engine (Go text/template syntax + GJSON paths +
// Sprig-style functions, as Higress's gjson_template). Compile once at
// configure time, render per call, never trap.
//
// CONTRACT FILE: config/, rest/ and plugin/ use exactly these names.
// (Stub implementation: literal text only; replaced by the real engine.)
import { JSON } from "json-as";

/** Host-provided facts a template may ask for (time, randomness, client IP). */
export abstract class TemplateEnv {
  /** wall-clock time in nanoseconds since the Unix epoch */
  abstract nowNanos(): i64;
  /** 32 random bits (for uuidv4) */
  abstract random32(): u32;
  /** first x-forwarded-for hop, else the peer address ("" when unknown) */
  abstract realIP(): string;
}

/** A piece of rendered output: literal template text, or the value of an action. */
export class Chunk {
  /** true: text written in the template itself; false: output of a {{ }} action */
  literal: bool = true;
  /** the text as Go text/template would print it (strings unquoted) */
  text: string = "";
  /** for action output: the JSON encoding of the value (strings quoted); "" for literals */
  json: string = "";
  constructor(literal: bool, text: string, json: string) {
    this.literal = literal;
    this.text = text;
    this.json = json;
  }
}

/** Result of one render: ok + chunks, or an error message. */
export class RenderResult {
  ok: bool = true;
  error: string = "";
  chunks: Chunk[] = [];
  /** concatenation of every chunk's text */
  toString(): string {
    let s = "";
    for (let i = 0; i < this.chunks.length; i++) s += unchecked(this.chunks[i]).text;
    return s;
  }
}

/** A compiled template. */
export class Template {
  source: string = "";
  /** output limit in bytes (UTF-16 code units x2 approx.); exceeding it is a render error */
  maxOutput: i32 = 1048576;
  constructor(source: string) {
    this.source = source;
  }
  /** Render over `data` (a JSON object or array). Never traps. */
  render(data: JSON.Value, env: TemplateEnv): RenderResult {
    const r = new RenderResult();
    r.chunks.push(new Chunk(true, this.source, ""));
    return r;
  }
}

/** Compile result: a template, or an error naming the problem (no field path; the caller adds it). */
export class CompileResult {
  template: Template | null = null;
  error: string = "";
}

/** Compile template source. Never traps. */
export function compileTemplate(src: string): CompileResult {
  const r = new CompileResult();
  r.template = new Template(src);
  return r;
}
