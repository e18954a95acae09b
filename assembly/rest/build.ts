// tools/call -> backend request. Validates arguments (args.ts), renders the URL
// (url.ts), headers, cookies and body (body.ts) with contextual escaping, so a
// tool argument can never change the structure it is inserted into. Backend
// authentication is applied later by auth/.
//
// Header order: baseHeaders, then requestTemplate.headers (replacing same
// names), then `position: header` args (replacing), cookie args merged into
// Cookie, then Content-Type (unless the tool set one) and Accept: */* (unless
// the tool set one).
import { validateJSON } from "json-as/assembly/util/validateJson";
import { PluginConfig, Tool } from "../config/types";
import { hasBackendCredential } from "../config/validate";
import { TemplateEnv } from "../template/template";
import { B64_STD, decodeBase64 } from "../util/base64";
import {
  ArgsResult, ArgValue, REASON_INVALID_ARGUMENT, REASON_LIMIT, REASON_TEMPLATE_ERROR, REASON_UNSAFE_VALUE, validateArguments, validateArgumentsNode,
} from "./args";
import { Utf8Source } from "./textout";
import { encodeUtf8 } from "../util/utf8";
import { TemplateData } from "./data";
export { templateData } from "./data";
import { JNode } from "../util/jsonview";
import {
  argsFormBody, argsJsonBody, argsJsonBodyUtf8, bodyMode, hasBodyPositionArgs, isUnplaced, MODE_JSON, renderBodyChunks, sortedByName,
} from "./body";
import { headerValueProblem, isProtectedHeader, percentEncode } from "./encode";
import { isHeaderToken } from "../util/http";
import { quoteJson } from "../util/jsonstring";
import { BackendRequest, Header, QueryParam } from "./request";
import { styledPairs } from "./style";
import { jsonObjectOrEmpty, textResult } from "./result";
import { buildUrl } from "./url";
import { analyzeUrl } from "../config/urlsplit";

/** Outcome of buildRequest. */
export class BuildResult {
  ok: bool = true;
  /** isError text naming the argument/problem (never a credential) */
  error: string = "";
  /** "invalid_argument" | "unsafe_value" | "template_error" | "limit" */
  reason: string = "";
  /** filled when ok */
  req: BackendRequest = new BackendRequest();
  /** tool without url: answer from responseTemplate.body, no backend call */
  templateOnly: bool = false;
  /** for templateOnly: the CallToolResult JSON */
  resultJson: string = "";
}

const CT_JSON = "application/json";
const CT_FORM = "application/x-www-form-urlencoded";

function fail(r: BuildResult, reason: string, error: string): BuildResult {
  r.ok = false;
  r.reason = reason;
  r.error = error;
  return r;
}

function failed(r: BuildResult, reason: string, error: string): bool {
  fail(r, reason, error);
  return true;
}

/** Query pairs of a styled argument (rest/style.ts), replacing same-named parameters. */
function setStyledQuery(req: BackendRequest, v: ArgValue): void {
  const pairs = styledPairs(v.name, v.raw, v.arg.style, v.arg.explode);
  req.removeQuery(v.name);
  let last = v.name;
  for (let i = 0; i < pairs.length; i++) {
    const p = unchecked(pairs[i]);
    // a literal `?expand[]=x` in the URL template is replaced, as an unstyled argument replaces `?expand=x`
    if (p.name != last) {
      req.removeQuery(p.name);
      last = p.name;
    }
  }
  for (let i = 0; i < pairs.length; i++) {
    const p = unchecked(pairs[i]);
    req.query.push(new QueryParam(p.name, p.value));
  }
}

/** Build the backend request for `tool` from the raw JSON text of params.arguments ("" = none). */
export function buildRequest(cfg: PluginConfig, tool: Tool, argumentsJson: string, baseHeaders: Header[], env: TemplateEnv): BuildResult {
  return buildWith(cfg, tool, validateArguments(tool, argumentsJson, cfg.limits.maxArguments), baseHeaders, env);
}

/**
 * buildRequest for params.arguments of a tools/call that passed the envelope checks (see
 * validateArgumentsNode; null = absent): the same request, without validating or scanning the
 * arguments again; with `source` (the client's body as text and bytes) a JSON argument body is built
 * as UTF-8 (BackendRequest#bodyUtf8), large values copied as the bytes they arrived in.
 */
export function buildRequestNode(
  cfg: PluginConfig, tool: Tool, args: JNode | null, source: Utf8Source | null, baseHeaders: Header[], env: TemplateEnv,
): BuildResult {
  return buildWith(cfg, tool, validateArgumentsNode(tool, args, cfg.limits.maxArguments, source), baseHeaders, env);
}

function buildWith(cfg: PluginConfig, tool: Tool, args: ArgsResult, baseHeaders: Header[], env: TemplateEnv): BuildResult {
  const r = new BuildResult();
  if (!args.ok) return fail(r, args.reason, args.error);
  const data = new TemplateData(cfg.server.configJson, args); // the text is built only if a template needs it
  const rt = tool.requestTemplate;
  const maxOut = <i32>cfg.limits.maxTemplateOutputBytes;
  if (rt.url.length == 0) return templateOnly(r, tool, data, env, maxOut);
  const req = r.req;
  req.method = rt.method;
  // planned at configure time (config/callcheck.ts); a tool built by hand (unit tests) is analysed here
  const plan = rt.urlPlan;
  const u = buildUrl(plan !== null ? plan : analyzeUrl(rt.url, maxOut), data, env, args);
  if (!u.ok) return fail(r, u.reason, u.error);
  req.scheme = u.scheme;
  req.authority = u.authority;
  req.path = u.path;
  if (u.authority.length == 0) {
    // Relative URL: the destination comes from server.baseUrl, never from the client's Host (issue 14).
    const s = cfg.server;
    if (s.baseAuthority.length > 0) {
      req.scheme = s.baseScheme;
      req.authority = s.baseAuthority;
      req.path = s.basePath + u.path;
    } else if (hasBackendCredential(cfg, tool)) {
      return fail(r, REASON_TEMPLATE_ERROR, "url: a relative URL with a backend credential needs server.baseUrl");
    }
  }
  req.rawQuery = u.rawQuery;
  const q = sortedByName(args.values, false, false);
  for (let i = 0; i < q.length; i++) {
    const v = unchecked(q[i]);
    if (v.arg.position == "query" || (rt.argsToUrlParam && isUnplaced(v.arg.position))) {
      if (v.arg.style.length == 0) req.setQuery(v.name, v.text());
      else setStyledQuery(req, v);
    }
  }
  for (let i = 0; i < baseHeaders.length; i++) {
    const h = unchecked(baseHeaders[i]);
    req.headers.push(new Header(h.name.toLowerCase(), h.value));
  }
  if (applyHeaders(r, cfg, tool, args, data, env, maxOut)) return r;
  return applyBody(r, cfg, tool, args, data, env, maxOut);
}

/** Template headers, header args and cookie args; returns true on failure (r filled). */
function applyHeaders(r: BuildResult, cfg: PluginConfig, tool: Tool, args: ArgsResult, data: TemplateData, env: TemplateEnv, maxOut: i32): bool {
  const req = r.req;
  const maxH = cfg.limits.maxHeaderValueBytes;
  const hs = tool.requestTemplate.headers;
  for (let i = 0; i < hs.length; i++) {
    const h = unchecked(hs[i]);
    if (h.key.length == 0) continue;
    let value = h.value;
    const tpl = h.compiled;
    if (tpl !== null) {
      const out = data.render(tpl, env);
      if (!out.ok) return failed(r, REASON_TEMPLATE_ERROR, "requestTemplate.headers " + quoteJson(h.key) + ": " + out.error);
      value = out.toString();
    }
    const p = headerValueProblem(value, maxH);
    if (p.length > 0) return failed(r, REASON_UNSAFE_VALUE, "requestTemplate.headers " + quoteJson(h.key) + ": value " + p);
    req.setHeader(h.key, value);
  }
  for (let i = 0; i < args.values.length; i++) {
    const v = unchecked(args.values[i]);
    const pos = v.arg.position;
    if (pos != "header" && pos != "cookie") continue;
    const name = pos == "header" ? v.name.toLowerCase() : v.name;
    if (!isHeaderToken(name) || (pos == "header" && isProtectedHeader(name))) {
      return failed(r, REASON_UNSAFE_VALUE, "argument " + quoteJson(v.name) + ": not allowed as a " + pos + " name");
    }
    const text = v.text();
    const p = headerValueProblem(text, maxH);
    if (p.length > 0) return failed(r, REASON_UNSAFE_VALUE, "argument " + quoteJson(v.name) + ": value " + p);
    if (pos == "header") req.setHeader(name, text);
    else {
      req.setCookie(name, percentEncode(text, false));
      const c = req.getHeader("cookie");
      if (c !== null && <u32>String.UTF8.byteLength(c) > maxH) {
        return failed(r, REASON_UNSAFE_VALUE, "argument " + quoteJson(v.name) + ": cookie header longer than " + maxH.toString() + " bytes");
      }
    }
  }
  return false;
}

/** Content-Type set by the tool itself (template headers or header args), "" when none. */
function toolContentType(tool: Tool, args: ArgsResult, req: BackendRequest): string {
  let set = false;
  for (let i = 0; i < tool.requestTemplate.headers.length; i++) if (unchecked(tool.requestTemplate.headers[i]).key == "content-type") set = true;
  for (let i = 0; i < args.values.length; i++) {
    const v = unchecked(args.values[i]);
    if (v.arg.position == "header" && v.name.toLowerCase() == "content-type") set = true;
  }
  if (!set) return "";
  const ct = req.getHeader("content-type");
  return ct === null ? "" : ct;
}

/** True when the tool itself set an Accept header. */
function toolSetAccept(tool: Tool, args: ArgsResult): bool {
  for (let i = 0; i < tool.requestTemplate.headers.length; i++) if (unchecked(tool.requestTemplate.headers[i]).key == "accept") return true;
  for (let i = 0; i < args.values.length; i++) {
    const v = unchecked(args.values[i]);
    if (v.arg.position == "header" && v.name.toLowerCase() == "accept") return true;
  }
  return false;
}

/** Body selection in Higress's order (body template, argsToJsonBody, argsToFormBody, body arguments, none), Content-Type and Accept. */
function applyBody(r: BuildResult, cfg: PluginConfig, tool: Tool, args: ArgsResult, data: TemplateData, env: TemplateEnv, maxOut: i32): BuildResult {
  const req = r.req;
  const rt = tool.requestTemplate;
  const toolCt = toolContentType(tool, args, req);
  let defaultCt = "";
  if (rt.hasBody) {
    const tpl = rt.bodyCompiled;
    let body = rt.body;
    if (tpl !== null) {
      const out = data.render(tpl, env);
      if (!out.ok) return fail(r, REASON_TEMPLATE_ERROR, "requestTemplate.body: " + out.error);
      const mode = bodyMode(out.chunks, toolCt);
      const b = renderBodyChunks(out.chunks, mode);
      if (!b.ok) return fail(r, b.reason, b.error);
      body = b.body;
      defaultCt = mode == MODE_JSON || jsonObjectOrArray(body) ? CT_JSON : "text/plain; charset=utf-8";
    } else defaultCt = jsonObjectOrArray(body) ? CT_JSON : "text/plain; charset=utf-8";
    req.body = body;
    req.hasBody = true;
    if (rt.bodyEncoding == "base64") {
      const bytes = decodeBase64(body.trim(), B64_STD, false);
      if (bytes === null) return fail(r, REASON_INVALID_ARGUMENT, "requestTemplate.body: not valid base64 (bodyEncoding base64)");
      if (<u32>bytes.length > cfg.limits.maxRequestBodyBytes) {
        return fail(r, REASON_LIMIT, "request body exceeds the limit of " + cfg.limits.maxRequestBodyBytes.toString() + " bytes");
      }
      req.bodyBinary = bytes;
      req.body = "";
      defaultCt = "application/octet-stream";
    }
  } else if (rt.argsToJsonBody) {
    setJsonArgBody(req, args, true);
    defaultCt = CT_JSON;
  } else if (rt.argsToFormBody) {
    setArgBody(req, argsFormBody(args.values, true));
    defaultCt = CT_FORM;
  } else if (hasBodyPositionArgs(args.values)) {
    const form = toolCt.toLowerCase().includes("x-www-form-urlencoded");
    if (form) setArgBody(req, argsFormBody(args.values, false));
    else setJsonArgBody(req, args, false);
    defaultCt = form ? CT_FORM : CT_JSON;
  }
  // a text body is encoded here, once: its size is checked on the bytes the filter then sends (BackendRequest#bodyUtf8)
  if (req.hasBody && req.bodyUtf8 === null && req.bodyBinary === null) req.bodyUtf8 = encodeUtf8(req.body);
  const utf8 = req.bodyUtf8;
  const bodyBytes = utf8 !== null ? utf8.byteLength : 0;
  if (req.hasBody && <u32>bodyBytes > cfg.limits.maxRequestBodyBytes) {
    return fail(r, REASON_LIMIT, "request body exceeds the limit of " + cfg.limits.maxRequestBodyBytes.toString() + " bytes");
  }
  if (toolCt.length == 0) {
    if (req.hasBody) req.setHeader("content-type", defaultCt);
    else req.removeHeader("content-type");
  }
  if (!toolSetAccept(tool, args)) req.setHeader("accept", "*/*");
  return r;
}

function setArgBody(req: BackendRequest, body: string): void {
  req.body = body;
  req.hasBody = true;
}

/** The JSON argument body: as UTF-8 bytes when the values are slices of the client's body, else as text. */
function setJsonArgBody(req: BackendRequest, args: ArgsResult, withUnplaced: bool): void {
  const src = args.source;
  if (src === null) {
    setArgBody(req, argsJsonBody(args.values, withUnplaced));
    return;
  }
  req.bodyUtf8 = argsJsonBodyUtf8(args.values, withUnplaced, src);
  req.hasBody = true;
}

function jsonObjectOrArray(s: string): bool {
  const t = s.trim();
  if (t.length == 0) return false;
  const c = t.charCodeAt(0);
  return (c == 0x7b || c == 0x5b) && validateJSON(t);
}

/** Tool without url: render responseTemplate.body over {config, args}; no backend call. */
function templateOnly(r: BuildResult, tool: Tool, data: TemplateData, env: TemplateEnv, maxOut: i32): BuildResult {
  let text = "";
  const tpl = tool.responseTemplate.bodyCompiled;
  if (tpl !== null) {
    const out = data.render(tpl, env);
    if (!out.ok) return fail(r, REASON_TEMPLATE_ERROR, "responseTemplate.body: " + out.error);
    text = out.toString();
  } else text = tool.responseTemplate.body;
  const structured = tool.outputSchemaJson.length > 0 ? jsonObjectOrEmpty(text) : "";
  r.templateOnly = true;
  r.resultJson = textResult(text.length > 0 ? text : "success", false, structured);
  return r;
}
