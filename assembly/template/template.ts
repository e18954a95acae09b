// Public API of the template engine (Go text/template syntax + GJSON paths +
// Sprig-style functions, as Higress's gjson_template). Compile once at
// configure time, render per call, never trap.
//
// Semantics (see README.md in this folder for the full list):
// - `.a.b` / `$x.a` / `gjson "path"` are GJSON paths over the data (gjson
//   evaluates against dot, as gjson_template does; at top level dot = root).
// - Printing: strings unquoted, numbers/bools/objects/arrays as raw JSON,
//   null → "null", missing → "". Chunk.json: JSON encoding, missing → "null".
// - `range` over an object iterates in document order (gjson ForEach order).
import { StrBuf } from "../util/strbuf";
import { JSON } from "json-as";
import { Node } from "./ast";
import { parseTemplate } from "./parse";
import { CH_LITERAL, CH_RAW, CH_VALUE, State } from "./state";
import { walk } from "./exec";
import { K_ARR, K_OBJ, Val, jsonOf, textOf } from "./value";
import { forgetScans } from "./fields";
import { TemplateEnv } from "./env";

export { TemplateEnv } from "./env";

/** A piece of rendered output: literal template text, or the value of an action. */
export class Chunk {
  /** true: text written in the template itself; false: output of a {{ }} action */
  literal: bool = true;
  /** the text as Go text/template would print it (strings unquoted) */
  text: string = "";
  /** for action output: the JSON encoding of the value (strings quoted; missing → "null"); "" for literals */
  json: string = "";
  constructor(literal: bool, text: string, json: string) {
    this.literal = literal;
    this.text = text;
    this.json = json;
  }
}

/**
 * Result of one render: ok + chunks, or an error message. The output is kept as the texts and
 * values the render produced; Chunk objects (with their JSON encodings) are built only when a
 * caller reads `chunks` (request URL/body assembly), not for `toString` (response text).
 */
export class RenderResult {
  ok: bool = true;
  error: string = "";
  private kinds: u8[] = [];
  private texts: string[] = [];
  private values: Val[] = [];
  private rawSrc: string[] = [];
  private rawPos: i32[] = [];
  private built: Chunk[] | null = null;
  /** the output chunks, in order */
  get chunks(): Chunk[] {
    let c = this.built;
    if (c === null) {
      const n = this.kinds.length;
      c = new Array<Chunk>(n);
      let r = 0;
      for (let i = 0; i < n; i++) {
        const k = unchecked(this.kinds[i]);
        let ch: Chunk;
        if (k == CH_LITERAL) ch = new Chunk(true, unchecked(this.texts[i]), "");
        else if (k == CH_VALUE) ch = new Chunk(false, unchecked(this.texts[i]), jsonOf(unchecked(this.values[i])));
        else {
          const v = Val.raw(this.rawSrc[r], this.rawPos[2 * r], this.rawPos[2 * r + 1]);
          r++;
          ch = new Chunk(false, textOf(v), jsonOf(v));
        }
        unchecked((c[i] = ch));
      }
      this.built = c;
    }
    return c;
  }
  /** concatenation of every chunk's text */
  toString(): string {
    // one allocation: `+=` per chunk is quadratic on large outputs
    const kinds = this.kinds;
    const texts = this.texts;
    const n = kinds.length;
    if (n == 1 && unchecked(kinds[0]) != CH_RAW) return unchecked(texts[0]);
    let total = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (unchecked(kinds[i]) != CH_RAW) total += unchecked(texts[i]).length;
      else {
        total += rawTextEnd(this.rawSrc[r], this.rawPos[2 * r], this.rawPos[2 * r + 1]) - rawTextStart(this.rawSrc[r], this.rawPos[2 * r]);
        r++;
      }
    }
    const out = new StrBuf(total);
    r = 0;
    for (let i = 0; i < n; i++) {
      if (unchecked(kinds[i]) != CH_RAW) out.append(unchecked(texts[i]));
      else {
        const src = this.rawSrc[r];
        const vs = this.rawPos[2 * r];
        out.appendRange(src, rawTextStart(src, vs), rawTextEnd(src, vs, this.rawPos[2 * r + 1]));
        r++;
      }
    }
    return out.toString();
  }
  /** take one render's output (State's index-aligned chunk arrays) */
  fill(kinds: u8[], texts: string[], values: Val[], rawSrc: string[], rawPos: i32[]): void {
    this.kinds = kinds;
    this.texts = texts;
    this.values = values;
    this.rawSrc = rawSrc;
    this.rawPos = rawPos;
    this.built = null;
  }
}

/** Start of the printed text of the raw value at vs: inside the quotes of a string, else the value itself. */
function rawTextStart(src: string, vs: i32): i32 {
  return src.charCodeAt(vs) == 0x22 ? vs + 1 : vs;
}

/** End of the printed text of the raw value src[vs, ve) (before a string's closing quote). */
function rawTextEnd(src: string, vs: i32, ve: i32): i32 {
  return src.charCodeAt(vs) == 0x22 && ve - vs >= 2 && src.charCodeAt(ve - 1) == 0x22 ? ve - 1 : ve;
}

/** A compiled template. */
export class Template {
  source: string = "";
  /** output limit in bytes (UTF-8 length of the rendered text); exceeding it is a render error */
  maxOutput: i32 = 1048576;
  /** execution budget (nodes walked + commands + loop iterations); exceeding it is a render error */
  maxSteps: i32 = 1000000;
  /** parsed body (null only for a stub built with `new Template(src)`; then the source renders literally) */
  root: Node | null = null;
  constructor(source: string) {
    this.source = source;
  }
  /** Render over `data` (a JSON object or array). Never traps. */
  render(data: JSON.Value, env: TemplateEnv): RenderResult {
    const t = data.type;
    if (t != JSON.Types.Object && t != JSON.Types.Array) return renderError("template: data must be a valid JSON object or array");
    return this.renderRaw(JSON.stringify(data), env);
  }
  /** Render over raw JSON text (gjson-lenient: e.g. trailing commas are accepted). Never traps. */
  renderRaw(json: string, env: TemplateEnv): RenderResult {
    const root = Val.fromJSON(json);
    if (root.kind != K_OBJ && root.kind != K_ARR) return renderError("template: data must be a valid JSON object or array");
    const r = new RenderResult();
    if (this.root === null) {
      r.fill([CH_LITERAL], [this.source], [Val.missing()], [], []);
      return r;
    }
    const s = new State(this.source, root, env, this.maxOutput, this.maxSteps);
    walk(s, root, this.root!);
    forgetScans();
    if (s.failed) return renderError(s.error);
    r.fill(s.kinds, s.texts, s.values, s.rawSrc, s.rawPos);
    return r;
  }
}

function renderError(msg: string): RenderResult {
  const r = new RenderResult();
  r.ok = false;
  r.error = msg;
  return r;
}

/** Compile result: a template, or an error naming the problem (no field path; the caller adds it). */
export class CompileResult {
  template: Template | null = null;
  error: string = "";
}

/** Compile template source. Never traps. */
export function compileTemplate(src: string): CompileResult {
  const r = new CompileResult();
  const p = parseTemplate(src);
  if (p.root === null) {
    r.error = p.error;
    return r;
  }
  const t = new Template(src);
  t.root = p.root;
  r.template = t;
  return r;
}
