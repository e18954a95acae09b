// Static analysis of a `requestTemplate.url` source, done once per tool at
// configure time (config/callcheck.ts stores it in RequestTemplate.urlPlan,
// compiled with that config's output limit). The source is split textually into
//   prefix = scheme + authority ("https://{{.config.host}}", "{{.config.baseUrl}}")
//   rest   = path + query + fragment ("/users/{id}?q={{.args.q}}")
// at the first literal "/", "?" or "#" after "://" (or, when the source starts
// with an action, the first such literal). The rest is compiled as its own
// template and rendered with the full engine; the prefix may hold only
// literals and simple value actions, each compiled on its own so its output
// is known exactly. `{{.config.x}}` actions are trusted (rendered raw); any
// other prefix action must render to one DNS label (checked in url.ts).
import { CompileResult, compileTemplate, Template } from "../template/template";
import { StrBuf } from "../util/strbuf";

/** Prefix piece kinds. */
export const PIECE_LITERAL: i32 = 0;
export const PIECE_TRUSTED: i32 = 1;
export const PIECE_UNTRUSTED: i32 = 2;

/** One piece of the scheme+authority prefix. */
export class UrlPiece {
  kind: i32;
  /** literal text (PIECE_LITERAL) or the action source "{{...}}" */
  text: string;
  tpl: Template | null = null;
  constructor(kind: i32, text: string) {
    this.kind = kind;
    this.text = text;
  }
}

/** The analysed URL template. */
export class UrlPlan {
  ok: bool = true;
  error: string = "";
  /** true: path-only URL (keep the route's :authority) */
  relative: bool = false;
  prefix: UrlPiece[] = [];
  rest: Template | null = null;
}

// Prefix actions compiled during one config parse, by source and output limit: every tool of an API repeats the same
// `{{.config.base}}` (1,000 compiles of it in a 1,000-tool load). A compiled Template is never changed after
// analyzeUrl sets its limit (rendering keeps its state in a per-call State), so tools can share one. Off outside a
// parse (config/parse.ts turns it on and off), so request-time analyses keep nothing.
let pieceCache: Map<string, Template> | null = null;

/** Share compiled prefix actions between the URL analyses of one config parse (on), or stop and forget them (off). */
export function shareUrlPieces(on: bool): void {
  pieceCache = on ? new Map<string, Template>() : null;
}

function compilePiece(action: string, maxOutput: i32): CompileResult {
  const cache = pieceCache;
  if (cache !== null && cache.has(action)) {
    const t = cache.get(action);
    if (t.maxOutput == maxOutput) {
      const r = new CompileResult();
      r.template = t;
      return r;
    }
  }
  const c = compileTemplate(action);
  const t = c.template;
  if (t !== null) {
    t.maxOutput = maxOutput;
    if (cache !== null) cache.set(action, t);
  }
  return c;
}

const CONTROL_WORDS: string[] = ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

/** End (exclusive, after "}}") of the action opening at `i`, or -1 when unterminated. Skips quoted text and comments. */
export function actionEnd(src: string, i: i32): i32 {
  const n = src.length;
  let j = i + 2;
  let k = j;
  if (k < n && src.charCodeAt(k) == 0x2d) k++;
  while (k < n && src.charCodeAt(k) == 0x20) k++;
  if (k + 1 < n && src.charCodeAt(k) == 0x2f && src.charCodeAt(k + 1) == 0x2a) {
    const close = src.indexOf("*/", k + 2);
    if (close < 0) return -1;
    const e = src.indexOf("}}", close + 2);
    return e < 0 ? -1 : e + 2;
  }
  while (j + 1 < n) {
    const c = src.charCodeAt(j);
    if (c == 0x22 || c == 0x27) {
      j++;
      while (j < n && src.charCodeAt(j) != c) j += src.charCodeAt(j) == 0x5c ? 2 : 1;
      j++;
      continue;
    }
    if (c == 0x60) {
      const close = src.indexOf("`", j + 1);
      if (close < 0) return -1;
      j = close + 1;
      continue;
    }
    if (c == 0x7d && src.charCodeAt(j + 1) == 0x7d) return j + 2;
    j++;
  }
  return -1;
}

/** The inside of an action "{{- body -}}" without trim markers and spaces. */
export function actionBody(action: string): string {
  let s = action.substring(2, action.length - 2);
  if (s.startsWith("-")) s = s.substring(1);
  if (s.endsWith("-")) s = s.substring(0, s.length - 1);
  return s.trim();
}

/** True when the action body is a plain `.config` field path (trusted: the value is configuration). */
export function isConfigPath(body: string): bool {
  if (!body.startsWith(".config")) return false;
  let i = 7;
  if (i == body.length) return true;
  while (i < body.length) {
    if (body.charCodeAt(i) != 0x2e || i + 1 == body.length) return false;
    i++;
    const start = i;
    while (i < body.length) {
      const c = body.charCodeAt(i);
      const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c == 0x2d;
      if (!ok) break;
      i++;
    }
    if (i == start) return false;
  }
  return true;
}

function isControl(body: string): bool {
  let end = 0;
  while (end < body.length && body.charCodeAt(end) != 0x20 && body.charCodeAt(end) != 0x09) end++;
  const word = body.substring(0, end);
  for (let i = 0; i < CONTROL_WORDS.length; i++) if (unchecked(CONTROL_WORDS[i]) == word) return true;
  return body.includes(":=") || (body.startsWith("$") && body.includes("="));
}

function failPlan(p: UrlPlan, msg: string): UrlPlan {
  p.ok = false;
  p.error = msg;
  return p;
}

/** Analyse a URL template source (see the file comment); every template renders at most `maxOutput` bytes. Never traps. */
export function analyzeUrl(src: string, maxOutput: i32 = 1048576): UrlPlan {
  const p = analyzeSource(src, maxOutput);
  if (!p.ok) return p;
  for (let i = 0; i < p.prefix.length; i++) {
    const t = unchecked(p.prefix[i]).tpl;
    if (t !== null) t.maxOutput = maxOutput;
  }
  const rest = p.rest;
  if (rest !== null) rest.maxOutput = maxOutput;
  return p;
}

function analyzeSource(src: string, maxOutput: i32): UrlPlan {
  const p = new UrlPlan();
  // pass 1: locate literal "://" and the first literal "/", "?" or "#"
  let schemeSep = -1;
  let firstDelim = -1;
  let startsWithAction = false;
  let i = 0;
  const n = src.length;
  while (i < n) {
    if (src.charCodeAt(i) == 0x7b && i + 1 < n && src.charCodeAt(i + 1) == 0x7b) {
      if (i == 0) startsWithAction = true;
      const e = actionEnd(src, i);
      if (e < 0) return failPlan(p, "unterminated action");
      i = e;
      continue;
    }
    const c = src.charCodeAt(i);
    if (schemeSep < 0 && c == 0x3a && src.substring(i, i + 3) == "://") {
      schemeSep = i;
      i += 3;
      continue;
    }
    if (c == 0x2f || c == 0x3f || c == 0x23) {
      firstDelim = i;
      break;
    }
    i++;
  }
  if (!startsWithAction && schemeSep < 0) {
    if (!src.startsWith("/") || src.startsWith("//")) return failPlan(p, "url must be absolute (scheme://host/...) or start with a single \"/\"");
    p.relative = true;
    return compileRest(p, src);
  }
  const split = firstDelim < 0 ? n : firstDelim;
  const err = buildPrefix(p, src.substring(0, split), maxOutput);
  if (err.length > 0) return failPlan(p, err);
  return compileRest(p, src.substring(split));
}

function compileRest(p: UrlPlan, rest: string): UrlPlan {
  const c = compileTemplate(rest);
  if (c.template === null) return failPlan(p, c.error);
  p.rest = c.template;
  return p;
}

function buildPrefix(p: UrlPlan, src: string, maxOutput: i32): string {
  let i = 0;
  let lit = "";
  let trimNext = false;
  while (i < src.length) {
    if (src.charCodeAt(i) == 0x7b && i + 1 < src.length && src.charCodeAt(i + 1) == 0x7b) {
      const e = actionEnd(src, i);
      if (e < 0) return "unterminated action";
      const action = src.substring(i, e);
      if (action.startsWith("{{-")) lit = lit.trimEnd();
      if (lit.length > 0) p.prefix.push(new UrlPiece(PIECE_LITERAL, lit));
      lit = "";
      trimNext = action.endsWith("-}}");
      i = e;
      const body = actionBody(action);
      if (body.startsWith("/*")) continue;
      if (isControl(body)) return "control actions and variables are not allowed in the scheme/host part";
      const c = compilePiece(action, maxOutput);
      if (c.template === null) return c.error;
      const piece = new UrlPiece(isConfigPath(body) ? PIECE_TRUSTED : PIECE_UNTRUSTED, action);
      piece.tpl = c.template;
      p.prefix.push(piece);
      continue;
    }
    const c = src.charCodeAt(i);
    if (!(trimNext && (c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d))) {
      trimNext = false;
      lit += String.fromCharCode(c);
    }
    i++;
  }
  if (lit.length > 0) p.prefix.push(new UrlPiece(PIECE_LITERAL, lit));
  return "";
}

/** True when the scheme://authority part of a URL template holds userinfo (`user:pass@`). */
export function hasUserinfo(src: string): bool {
  const s = src.indexOf("://");
  if (s < 0) return false;
  for (let i = 0; i < s; i++) {
    const c = src.charCodeAt(i);
    if (c == 0x2f || c == 0x3f || c == 0x23) return false; // "://" inside a path or query
  }
  for (let i = s + 3; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c == 0x2f || c == 0x3f || c == 0x23) return false;
    if (c == 0x40) return true;
  }
  return false;
}

const ARG_MARK: i32 = 1;

/**
 * Issue 14 item 6: an argument in the host must be one label followed by a fixed `.suffix`
 * (`{{.args.t}}.api.example.com`); a host that is entirely (or ends with) an argument could be
 * `localhost`, `2130706433` or `0x7f000001`. "" when fine, else the problem.
 */
export function hostArgProblem(src: string): string {
  return hostArgProblemOf(analyzeUrl(src));
}

/** hostArgProblem of an analysed URL (config/policy.ts shares the tool's one analysis with config/callcheck.ts). */
export function hostArgProblemOf(plan: UrlPlan): string {
  if (!plan.ok || plan.relative) return "";
  // shape: literal text, each argument (action or {name}) as one ARG_MARK unit, config values as "c"
  const shape = new StrBuf(64);
  for (let i = 0; i < plan.prefix.length; i++) {
    const p = unchecked(plan.prefix[i]);
    if (p.kind == PIECE_UNTRUSTED) shape.appendCode(ARG_MARK);
    else if (p.kind == PIECE_TRUSTED) shape.appendCode(0x63);
    else {
      const t = p.text;
      let k = 0;
      while (k < t.length) {
        const c = t.charCodeAt(k);
        const close = c == 0x7b ? t.indexOf("}", k) : -1;
        if (close > k + 1) {
          shape.appendCode(ARG_MARK);
          k = close + 1;
        } else {
          shape.appendCode(c);
          k++;
        }
      }
    }
  }
  const s = shape.toString();
  // only the host counts: an argument in the scheme or the port is reported by config/callcheck.ts
  const sep = s.indexOf("://");
  const hostStart = sep < 0 ? 0 : sep + 3;
  let hostEnd = hostStart;
  while (hostEnd < s.length) {
    const c = s.charCodeAt(hostEnd);
    if (c == 0x2f || c == 0x3a || c == 0x3f || c == 0x23) break;
    hostEnd++;
  }
  const host = s.substring(hostStart, hostEnd);
  const last = host.lastIndexOf(String.fromCharCode(ARG_MARK));
  if (last < 0) return "";
  const suffix = host.substring(last + 1);
  if (suffix.length >= 2 && suffix.charCodeAt(0) == 0x2e) return "";
  return "an argument may only be one DNS label in front of a fixed host suffix from configuration (e.g. {{.args.tenant}}.api.example.com), never the whole host";
}
