// URL building with contextual escaping. Template literals are trusted
// (normalized only); action output and `position: path` values are escaped by
// where they land:
//   scheme/authority : `.config` values raw; anything else must be one DNS label
//   path             : action values percent-encoded except "/" (unreserved kept);
//                      `{name}` path args percent-encoded with no safe character
//   query            : action values and `{name}` args form-encoded
//   fragment         : dropped
// Any "." / ".." path segment (also %2e forms) refuses the call.
import { Chunk, Template, TemplateEnv } from "../template/template";
import { TemplateData } from "./data";
import { ArgsResult, REASON_INVALID_ARGUMENT, REASON_TEMPLATE_ERROR, REASON_UNSAFE_VALUE } from "./args";
import { hasDotSegmentPath, hasDotSegmentValue, isDnsLabel, isValidAuthority, normalizeLiteral, percentEncode } from "./encode";
import { formEncode } from "./form";
import { quoteJson } from "../util/jsonstring";
import { StrBuf } from "../util/strbuf";
import { PIECE_LITERAL, PIECE_UNTRUSTED, UrlPiece, UrlPlan } from "../config/urlsplit";

/** Built URL parts (or an error). */
export class UrlResult {
  ok: bool = true;
  error: string = "";
  reason: string = "";
  /** "http" | "https" | "" (relative) */
  scheme: string = "";
  /** host[:port]; "" = keep the route's authority */
  authority: string = "";
  /** encoded path starting with "/" (for the prefix step: the base path, may be "") */
  path: string = "";
  /** encoded query without "?" */
  rawQuery: string = "";
}

function urlFail(r: UrlResult, reason: string, error: string): UrlResult {
  r.ok = false;
  r.reason = reason;
  r.error = error;
  return r;
}

/**
 * Join rendered prefix pieces (`text` = rendered output) and split into scheme,
 * authority and base path. Untrusted pieces and `{name}` path args must be DNS labels.
 */
export function assemblePrefix(pieces: UrlPiece[], args: ArgsResult): UrlResult {
  const r = new UrlResult();
  const sb = new StrBuf(64);
  for (let i = 0; i < pieces.length; i++) {
    const p = unchecked(pieces[i]);
    if (p.kind == PIECE_UNTRUSTED) {
      if (!isHostArgLabel(p.text)) return urlFail(r, REASON_UNSAFE_VALUE, "url: a value in the host part must be a single DNS label ([A-Za-z0-9-], 1-63 characters, not all digits or hex)");
      sb.append(p.text);
    } else if (p.kind == PIECE_LITERAL) {
      const sub = substituteHostArgs(p.text, args, r);
      if (!r.ok) return r;
      sb.append(sub);
    } else sb.append(p.text);
  }
  const s = sb.toString();
  const idx = s.indexOf("://");
  if (idx < 0) {
    if (s.startsWith("/") && !s.startsWith("//") && s.indexOf("?") < 0 && s.indexOf("#") < 0) {
      r.path = normalizeLiteral(s, false);
      return r;
    }
    return urlFail(r, REASON_TEMPLATE_ERROR, "url: scheme and host must come from configuration as scheme://host");
  }
  const scheme = s.substring(0, idx).toLowerCase();
  if (scheme != "http" && scheme != "https") return urlFail(r, REASON_TEMPLATE_ERROR, "url: scheme must be http or https");
  const after = s.substring(idx + 3);
  let end = 0;
  while (end < after.length) {
    const c = after.charCodeAt(end);
    if (c == 0x2f || c == 0x3f || c == 0x23) break;
    end++;
  }
  const authority = after.substring(0, end);
  // Issue 14 item 5: userinfo is a password; it is never echoed.
  if (authority.indexOf("@") >= 0) return urlFail(r, REASON_TEMPLATE_ERROR, "url: userinfo (user:password@) is not allowed in a URL; use a basic security scheme");
  if (!isValidAuthority(authority)) return urlFail(r, REASON_TEMPLATE_ERROR, "url: invalid host " + quoteJson(authority));
  const base = after.substring(end);
  if (base.indexOf("?") >= 0 || base.indexOf("#") >= 0) return urlFail(r, REASON_TEMPLATE_ERROR, "url: the configured base url must not contain a query or fragment");
  r.scheme = scheme;
  r.authority = authority.toLowerCase();
  r.path = normalizeLiteral(base, false);
  return r;
}

/**
 * A DNS label an argument may put in the host (issue 14 item 6): not all digits (`2130706433`) and not
 * hex-looking (`0x7f000001`), which resolvers read as IPv4 addresses.
 */
export function isHostArgLabel(v: string): bool {
  if (!isDnsLabel(v)) return false;
  let digits = true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) digits = false;
  }
  if (digits) return false;
  return !(v.length > 2 && v.charCodeAt(0) == 48 && (v.charCodeAt(1) | 32) == 120);
}

/** Replace `{name}` path-arg placeholders in a host literal; each value must be a DNS label. */
function substituteHostArgs(lit: string, args: ArgsResult, r: UrlResult): string {
  if (lit.indexOf("{") < 0) return lit;
  const out = new StrBuf(lit.length);
  let i = 0;
  while (i < lit.length) {
    const name = placeholderAt(lit, i);
    if (name !== null) {
      const v = pathArg(args, name, r);
      if (!r.ok) return "";
      if (v !== null) {
        if (!isHostArgLabel(v)) {
          urlFail(r, REASON_UNSAFE_VALUE, "argument " + quoteJson(name) + ": a value in the host part must be a single DNS label");
          return "";
        }
        out.append(v);
        i += name.length + 2;
        continue;
      }
    }
    out.appendCode(lit.charCodeAt(i));
    i++;
  }
  return out.toString();
}

/** The name of a `{name}` placeholder starting at `i`, or null. */
export function placeholderAt(s: string, i: i32): string | null {
  if (i >= s.length || s.charCodeAt(i) != 0x7b) return null;
  const close = s.indexOf("}", i + 1);
  if (close <= i + 1 || close - i > 130) return null;
  const name = s.substring(i + 1, close);
  if (name.indexOf("{") >= 0 || name.indexOf("/") >= 0) return null;
  return name;
}

/** Value text of path arg `name`; null when `name` is not a path arg; sets an error when it is one but absent. */
function pathArg(args: ArgsResult, name: string, r: UrlResult): string | null {
  const v = args.find(name);
  if (v !== null) return v.arg.position == "path" ? v.text() : null;
  for (let i = 0; i < args.declared.length; i++) {
    const a = unchecked(args.declared[i]);
    if (a.name == name && a.position == "path") {
      urlFail(r, REASON_INVALID_ARGUMENT, "argument " + quoteJson(name) + " is required (url path)");
      return null;
    }
  }
  return null;
}

const ST_PATH: i32 = 0;
const ST_QUERY: i32 = 1;
const ST_FRAGMENT: i32 = 2;

/** Escape rendered path/query chunks by context; `r.path` and `r.rawQuery` are filled. */
export function assembleRest(chunks: Chunk[], args: ArgsResult): UrlResult {
  const r = new UrlResult();
  const path = new StrBuf(64);
  const query = new StrBuf(16);
  let st = ST_PATH;
  for (let c = 0; c < chunks.length && st != ST_FRAGMENT; c++) {
    const ch = unchecked(chunks[c]);
    if (!ch.literal) {
      if (st == ST_PATH) {
        if (hasDotSegmentValue(ch.text)) return urlFail(r, REASON_UNSAFE_VALUE, "url: a template value would create a \".\" or \"..\" path segment");
        path.append(percentEncode(ch.text, true));
      } else query.append(formEncode(ch.text));
      continue;
    }
    const lit = ch.text;
    let run = 0;
    let i = 0;
    while (i < lit.length) {
      const cc = lit.charCodeAt(i);
      if (st == ST_PATH && cc == 0x3f) {
        path.append(normalizeLiteral(lit.substring(run, i), false));
        st = ST_QUERY;
        i++;
        run = i;
        continue;
      }
      if (cc == 0x23) {
        (st == ST_PATH ? path : query).append(normalizeLiteral(lit.substring(run, i), st == ST_QUERY));
        st = ST_FRAGMENT;
        break;
      }
      const name = cc == 0x7b ? placeholderAt(lit, i) : null;
      if (name !== null) {
        const v = pathArg(args, name, r);
        if (!r.ok) return r;
        if (v !== null) {
          const out = st == ST_PATH ? path : query;
          out.append(normalizeLiteral(lit.substring(run, i), st == ST_QUERY));
          if (st == ST_PATH) {
            if (hasDotSegmentValue(v)) return urlFail(r, REASON_UNSAFE_VALUE, "argument " + quoteJson(name) + ": path value must not be or contain a \".\" or \"..\" segment");
            out.append(percentEncode(v, false));
          } else out.append(formEncode(v));
          i += name.length + 2;
          run = i;
          continue;
        }
      }
      i++;
    }
    if (st != ST_FRAGMENT) (st == ST_PATH ? path : query).append(normalizeLiteral(lit.substring(run), st == ST_QUERY));
  }
  r.path = path.toString();
  r.rawQuery = query.toString();
  return r;
}

/** Join a base path from configuration and a rendered path. */
export function joinPath(base: string, rest: string): string {
  let p = rest;
  if (base.length > 0) {
    if (rest.length == 0) p = base;
    else if (base.endsWith("/") && rest.startsWith("/")) p = base + rest.substring(1);
    else p = base + rest;
  }
  if (!p.startsWith("/")) p = "/" + p;
  return p;
}

/** Render `plan` over `data` and build the URL parts. */
export function buildUrl(plan: UrlPlan, data: TemplateData, env: TemplateEnv, args: ArgsResult): UrlResult {
  if (!plan.ok) return urlFail(new UrlResult(), REASON_TEMPLATE_ERROR, "requestTemplate.url: " + plan.error);
  let pre = new UrlResult();
  if (!plan.relative) {
    const rendered = new Array<UrlPiece>();
    for (let i = 0; i < plan.prefix.length; i++) {
      const p = unchecked(plan.prefix[i]);
      const tpl = p.tpl;
      if (tpl === null) {
        rendered.push(new UrlPiece(p.kind, p.text));
        continue;
      }
      const out = data.render(tpl, env);
      if (!out.ok) return urlFail(new UrlResult(), REASON_TEMPLATE_ERROR, "requestTemplate.url: " + out.error);
      rendered.push(new UrlPiece(p.kind, out.toString()));
    }
    pre = assemblePrefix(rendered, args);
    if (!pre.ok) return pre;
  }
  const rest = plan.rest;
  if (rest === null) return urlFail(new UrlResult(), REASON_TEMPLATE_ERROR, "requestTemplate.url: not compiled");
  let chunks = literalChunks(rest);
  if (chunks === null) {
    const out = data.render(rest, env);
    if (!out.ok) return urlFail(new UrlResult(), REASON_TEMPLATE_ERROR, "requestTemplate.url: " + out.error);
    chunks = out.chunks;
  }
  const r = assembleRest(chunks, args);
  if (!r.ok) return r;
  r.scheme = pre.scheme;
  r.authority = pre.authority;
  r.path = joinPath(pre.path, r.path);
  if (hasDotSegmentPath(r.path)) return urlFail(r, REASON_UNSAFE_VALUE, "url: path contains a \".\" or \"..\" segment");
  return r;
}

/**
 * What rendering `t` gives when its source has no action (no "{{"): the source as one literal chunk
 * (a template's text node prints as written, and the data is not read), without walking the template
 * over the data; null when it has actions or is empty, or when the render could fail (output or step limits).
 */
export function literalChunks(t: Template): Chunk[] | null {
  const src = t.source;
  if (src.length == 0 || src.indexOf("{{") >= 0 || t.maxSteps < 16 || String.UTF8.byteLength(src) > t.maxOutput) return null;
  const out = new Array<Chunk>(1);
  unchecked((out[0] = new Chunk(true, src, "")));
  return out;
}
