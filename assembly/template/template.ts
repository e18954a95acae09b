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
import { JSON } from "json-as";
import { Node } from "./ast";
import { parseTemplate } from "./parse";
import { State } from "./state";
import { Chunk, Out } from "./out";
import { walk } from "./exec";
import { K_ARR, K_OBJ, Val } from "./value";
import { forgetScans } from "./members";
import { TemplateEnv } from "./env";

export { TemplateEnv } from "./env";
export { Chunk } from "./out";

/**
 * Result of one render: ok + chunks, or an error message. The output stays as compact records
 * (out.ts); Chunk objects (with their JSON encodings) are built only when a caller reads `chunks`
 * (request URL/body assembly), not for `toString` (response text).
 */
export class RenderResult {
  ok: bool = true;
  error: string = "";
  private out: Out | null = null;
  private built: Chunk[] | null = null;
  /** the output chunks, in order */
  get chunks(): Chunk[] {
    const b = this.built;
    if (b !== null) return b;
    const o = this.out;
    const c = o === null ? new Array<Chunk>() : o.chunks();
    this.built = c;
    return c;
  }
  /** concatenation of every chunk's text */
  toString(): string {
    const o = this.out;
    return o === null ? "" : o.toString();
  }
  /** take one render's output */
  fill(out: Out): void {
    this.out = out;
    this.built = null;
  }
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
  /** literal texts of the body (Node.lit indexes them) */
  lits: string[] = [];
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
      const o = new Out([this.source]);
      o.lit(0, this.source.length);
      r.fill(o);
      return r;
    }
    const s = new State(this.source, root, env, this.maxOutput, this.maxSteps, this.lits);
    walk(s, root, this.root!);
    forgetScans();
    if (s.failed) return renderError(s.error);
    r.fill(s.out);
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
  t.lits = p.lits;
  r.template = t;
  return r;
}
