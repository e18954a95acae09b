// `tools[]`: arguments, request/response templates (compiled here, once),
// security requirements and schema extras.
import { HeaderTemplate, RequestTemplate, ResponseTemplate, Tool, ToolArg } from "./types";
import { Template, compileTemplate } from "../template/template";
import { JNode, J_ARRAY, J_BOOL, J_OBJECT, J_STRING } from "../util/jsonview";
import { isHeaderToken } from "../util/http";
import {
  Errs, fieldPath, indexPath, getString, getBool, getObjectItems, getObject, getArray, member, checkDuplicateKeys,
} from "./reader";
import { parseRequirement } from "./parsesecurity";
import { skipNull, warnAnnotations } from "./compat";

const ARG_TYPES: string[] = ["", "string", "number", "integer", "boolean", "array", "object"];
const POSITIONS: string[] = ["", "query", "path", "header", "cookie", "body"];
/** `args[].style` values (rest/style.ts). */
const STYLES: string[] = ["", "form", "spaceDelimited", "pipeDelimited", "deepObject", "brackets"];
const METHODS: string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** A parsed tool plus what only the schema builder needs (our `inputSchema` override). */
export class ParsedTool {
  tool: Tool = new Tool();
  /** raw JSON of a configured `inputSchema` object, "" when absent */
  inputSchemaJson: string = "";
}

// Templates compiled during one parseRootConfig, by source text: a config repeats the same template in many tools
// (a header `Bearer {{.config.token}}`, one response template for a whole API), and a compiled Template is never
// changed after compileAt (rendering keeps its state in a per-call State). Sharing one saves its compile time and
// its AST memory per repeat. Only successful compiles are kept; parse.ts clears the cache before and after a parse.
let compiled = new Map<string, Template>();

/** Forget every template compiled so far (parse.ts, around each parseRootConfig). */
export function clearTemplateCache(): void {
  if (compiled.size > 0) compiled = new Map<string, Template>();
}

/** Compile a template source; records `path: <error>` on failure. */
export function compileAt(src: string, path: string, errs: Errs, maxOutput: u32): Template | null {
  const limit = <i32>min<u32>(maxOutput, <u32>i32.MAX_VALUE);
  if (compiled.has(src)) {
    const seen = compiled.get(src);
    if (seen.maxOutput == limit) return seen;
  }
  const r = compileTemplate(src);
  if (r.error.length > 0 || r.template === null) {
    errs.add(path, r.error.length > 0 ? r.error : "template did not compile");
    return null;
  }
  const t = r.template!;
  t.maxOutput = limit;
  compiled.set(src, t);
  return t;
}

/**
 * compileAt's error for `src`, without keeping the template: a tool's URL is compiled here only to report its errors
 * (config/urlsplit.ts compiles its pieces for rendering), and URLs rarely repeat, so caching them only kept 1,000
 * syntax trees alive to the end of a 1,000-tool parse.
 */
function checkCompiles(src: string, path: string, errs: Errs): void {
  if (compiled.has(src) || fieldsOnly(src)) return;
  const r = compileTemplate(src);
  if (r.error.length > 0 || r.template === null) errs.add(path, r.error.length > 0 ? r.error : "template did not compile");
}

/**
 * True when every "{{" of src opens a plain field chain `{{.a.b}}` (no spaces, names [A-Za-z_][A-Za-z0-9_]*): such
 * a template always compiles (tests/unit/config_load.spec.ts), so the usual `{{.config.base}}/v1/{id}` URL needs no
 * compile just to find it has no error (10 % of a 1,000-tool load). Linear: one forward pass.
 */
export function fieldsOnly(src: string): bool {
  const n = src.length;
  let i = 0;
  while (i < n) {
    const open = src.indexOf("{{", i);
    if (open < 0) return true;
    let j = open + 2;
    let segs = 0;
    while (j < n && src.charCodeAt(j) == 0x2e) {
      j++;
      if (j >= n || !identChar(src.charCodeAt(j), true)) return false;
      j++;
      while (j < n && identChar(src.charCodeAt(j), false)) j++;
      segs++;
    }
    if (segs == 0 || j + 1 >= n || src.charCodeAt(j) != 0x7d || src.charCodeAt(j + 1) != 0x7d) return false;
    i = j + 2;
  }
  return true;
}

function identChar(c: i32, first: bool): bool {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || (!first && c >= 0x30 && c <= 0x39);
}

/** The literal of `list` equal to s (static data, shared by every tool), else s: ~9 fewer live strings per tool. */
function known(s: string, list: string[]): string {
  const i = list.indexOf(s);
  return i >= 0 ? unchecked(list[i]) : s;
}

/** Parse `tools[i]` (node already known to be an object). */
export function parseTool(node: JNode, index: i32, path: string, errs: Errs, maxOutput: u32): ParsedTool {
  const pt = new ParsedTool();
  const t = pt.tool;
  t.index = index;
  checkDuplicateKeys(node, path, errs);
  t.name = getString(node, "name", path, errs, "");
  // Higress registers a nameless tool under "" (no client can name it usefully): skipped here.
  if (t.name.length == 0) errs.warn(fieldPath(path, "name"), (member(node, "name") === null ? "missing" : "empty") + ": tool skipped");
  t.title = getString(node, "title", path, errs, "");
  t.description = getString(node, "description", path, errs, "");
  parseArgs(node, path, errs, t);
  const rq = getObject(node, "requestTemplate", path, errs);
  if (rq !== null) t.requestTemplate = parseRequestTemplate(rq, fieldPath(path, "requestTemplate"), errs, maxOutput);
  const rs = getObject(node, "responseTemplate", path, errs);
  if (rs !== null) t.responseTemplate = parseResponseTemplate(rs, fieldPath(path, "responseTemplate"), errs, maxOutput);
  if (t.requestTemplate.url.length == 0 && t.responseTemplate.body.length == 0) {
    errs.add(fieldPath(path, "requestTemplate.url"), "required unless responseTemplate.body is set (direct response)");
  }
  t.errorResponseTemplate = getString(node, "errorResponseTemplate", path, errs, "");
  if (t.errorResponseTemplate.length > 0) {
    t.errorResponseCompiled = compileAt(t.errorResponseTemplate, fieldPath(path, "errorResponseTemplate"), errs, maxOutput);
  }
  const sec = getObject(node, "security", path, errs);
  if (sec !== null) t.security = parseRequirement(sec, fieldPath(path, "security"), errs, false);
  const os = objectSchema(node, "outputSchema", path, errs);
  if (os !== null) t.outputSchemaJson = os.raw();
  const an = getObject(node, "annotations", path, errs);
  if (an !== null) {
    warnAnnotations(an, fieldPath(path, "annotations"), errs);
    t.annotationsJson = an.raw();
  }
  const is = objectSchema(node, "inputSchema", path, errs);
  if (is !== null) pt.inputSchemaJson = is.raw();
  return pt;
}

/**
 * An object member used as a tool schema. MCP requires `"type": "object"`;
 * Higress echoes any object (rest_server.go OutputSchema), which strict
 * clients refuse, so another schema is dropped with a warning; `{}` is omitted.
 */
function objectSchema(node: JNode, key: string, path: string, errs: Errs): JNode | null {
  const o = getObject(node, key, path, errs);
  if (o === null || o.length == 0) return null;
  const ty = o.get("type");
  if (ty === null || ty.kind != J_STRING || ty.str() != "object") {
    errs.warn(fieldPath(fieldPath(path, key), "type"), "not \"object\" (MCP requires it): " + key + " ignored");
    return null;
  }
  return o;
}

function parseArgs(node: JNode, path: string, errs: Errs, t: Tool): void {
  const items = getObjectItems(node, "args", path, errs);
  for (let i = 0; i < items.length; i++) {
    const it = unchecked(items[i]);
    if (skipNull(it, "argument", errs)) continue;
    if (!it.isObject(errs)) continue;
    const a = parseArg(it.obj, it.path, errs);
    if (a.name.length == 0) continue; // warned by parseArg
    let dup = -1;
    for (let j = 0; j < t.args.length; j++) if (unchecked(t.args[j]).name == a.name) dup = j;
    if (dup >= 0) {
      // Higress builds the schema as a map by name: the later definition wins.
      errs.warn(fieldPath(it.path, "name"), "duplicate argument \"" + a.name + "\": this later definition replaces the earlier one (as in Higress)");
      unchecked((t.args[dup] = a));
    } else t.args.push(a);
  }
}

function parseArg(node: JNode, path: string, errs: Errs): ToolArg {
  const a = new ToolArg();
  checkDuplicateKeys(node, path, errs);
  a.name = getString(node, "name", path, errs, "");
  if (a.name.length == 0) errs.warn(fieldPath(path, "name"), (member(node, "name") === null ? "missing" : "empty") + ": argument skipped");
  a.description = getString(node, "description", path, errs, "");
  a.type = known(getString(node, "type", path, errs, ""), ARG_TYPES);
  if (!ARG_TYPES.includes(a.type)) {
    // Higress copies the string into inputSchema and does not convert the value.
    errs.warn(fieldPath(path, "type"), "\"" + a.type + "\" is not string, number, integer, boolean, array or object: copied into inputSchema as is, values not type-checked (as in Higress)");
  }
  a.required = getBool(node, "required", path, errs);
  const d = member(node, "default");
  if (d !== null) a.defaultJson = d.raw();
  const en = getArray(node, "enum", path, errs);
  if (en !== null && en.length > 0) {
    a.enumJson = en.raw();
    const vs = en.values();
    for (let i = 0; i < vs.length; i++) a.enumValues.push(unchecked(vs[i]).raw());
  }
  a.itemsJson = schemaPart(node, "items", path, errs, true);
  a.propertiesJson = schemaPart(node, "properties", path, errs, false);
  a.mcpHeader = getString(node, "x-mcp-header", path, errs, "");
  parseAnyOf(node, path, errs, a);
  a.style = getString(node, "style", path, errs, "");
  if (!STYLES.includes(a.style)) {
    errs.add(fieldPath(path, "style"), "unknown style \"" + a.style + "\" (expected form, spaceDelimited, pipeDelimited, deepObject or brackets)");
  }
  if (member(node, "explode") !== null) a.explode = getBool(node, "explode", path, errs);
  const pos = getString(node, "position", path, errs, "").toLowerCase();
  if (POSITIONS.includes(pos)) a.position = known(pos, POSITIONS);
  else {
    // rest_server.go: an unknown position falls into the no-position bucket.
    errs.warn(fieldPath(path, "position"), "unknown position \"" + pos + "\" (expected query, path, header, cookie or body): treated as none (as in Higress)");
  }
  return a;
}

/**
 * `items` / `properties`: Higress copies any JSON value (interface{}) into the
 * schema. Objects (and for items, arrays and booleans) are valid JSON Schema and
 * kept; anything else would break the client's schema and is dropped (warning).
 */
function schemaPart(node: JNode, key: string, path: string, errs: Errs, isItems: bool): string {
  const v = member(node, key);
  if (v === null) return "";
  if (v.kind == J_OBJECT || (isItems && (v.kind == J_ARRAY || v.kind == J_BOOL))) return v.raw();
  errs.warn(fieldPath(path, key), "not a JSON Schema " + (isItems ? "(object, array or boolean)" : "object") + ": ignored");
  return "";
}

/** `anyOf` (our addition): alternatives of different types; a value matching any of them is accepted. */
function parseAnyOf(node: JNode, path: string, errs: Errs, a: ToolArg): void {
  const items = getObjectItems(node, "anyOf", path, errs);
  if (items.length == 0) return;
  if (a.type.length > 0) {
    errs.add(fieldPath(path, "anyOf"), "cannot be combined with type");
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const it = unchecked(items[i]);
    if (!it.isObject(errs)) return;
    const t = getString(it.obj, "type", it.path, errs, "");
    if (!ARG_TYPES.includes(t)) {
      errs.add(fieldPath(it.path, "type"), "unknown type \"" + t + "\" (expected string, number, integer, boolean, array or object)");
      return;
    }
    a.anyOfTypes.push(t);
  }
  const arr = getArray(node, "anyOf", path, errs);
  if (arr !== null) a.anyOfJson = arr.raw();
}

function parseRequestTemplate(node: JNode, path: string, errs: Errs, maxOutput: u32): RequestTemplate {
  const r = new RequestTemplate();
  checkDuplicateKeys(node, path, errs);
  r.url = getString(node, "url", path, errs, "");
  // Compiled only to report template errors here; config/callcheck.ts plans the URL for rendering (config/urlsplit.ts).
  if (r.url.length > 0) checkCompiles(r.url, fieldPath(path, "url"), errs);
  r.method = parseMethod(getString(node, "method", path, errs, "GET"), fieldPath(path, "method"), errs);
  parseHeaders(node, path, errs, r, maxOutput);
  r.body = getString(node, "body", path, errs, "");
  if (r.body.length > 0) {
    r.hasBody = true;
    r.bodyCompiled = compileAt(r.body, fieldPath(path, "body"), errs, maxOutput);
  }
  r.bodyEncoding = getString(node, "bodyEncoding", path, errs, "");
  if (r.bodyEncoding != "" && r.bodyEncoding != "base64") errs.add(fieldPath(path, "bodyEncoding"), "unknown encoding \"" + r.bodyEncoding + "\" (expected base64)");
  else if (r.bodyEncoding.length > 0 && !r.hasBody) errs.add(fieldPath(path, "bodyEncoding"), "needs body");
  r.argsToJsonBody = getBool(node, "argsToJsonBody", path, errs);
  r.argsToUrlParam = getBool(node, "argsToUrlParam", path, errs);
  r.argsToFormBody = getBool(node, "argsToFormBody", path, errs);
  let n = 0;
  if (r.argsToJsonBody) n++;
  if (r.argsToUrlParam) n++;
  if (r.argsToFormBody) n++;
  // rest_server.go checks this only for tools that call a backend.
  if (n > 1 && r.url.length > 0) errs.add(path, "only one of argsToJsonBody, argsToUrlParam, or argsToFormBody can be set to true");
  const list = node.get("security");
  if (list !== null && list.kind == J_ARRAY) parseRequirementList(node, path, errs, r);
  else {
    const sec = getObject(node, "security", path, errs);
    if (sec !== null) r.security = parseRequirement(sec, fieldPath(path, "security"), errs, true);
  }
  return r;
}

/**
 * `requestTemplate.security` as a list (our addition, OpenAPI's AND of schemes): every
 * requirement is applied; the first keeps all features, the others take configured
 * credentials only. A one-element list equals the object form.
 */
function parseRequirementList(node: JNode, path: string, errs: Errs, r: RequestTemplate): void {
  const items = getObjectItems(node, "security", path, errs);
  if (items.length == 0) {
    errs.add(fieldPath(path, "security"), "must not be an empty list");
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const it = unchecked(items[i]);
    if (!it.isObject(errs)) continue;
    const req = parseRequirement(it.obj, it.path, errs, true);
    if (i == 0) r.security = req;
    else r.extraSecurity.push(req);
  }
}

function parseHeaders(node: JNode, path: string, errs: Errs, r: RequestTemplate, maxOutput: u32): void {
  const items = getObjectItems(node, "headers", path, errs);
  for (let i = 0; i < items.length; i++) {
    const it = unchecked(items[i]);
    if (skipNull(it, "header", errs)) continue;
    if (!it.isObject(errs)) continue;
    const e = it.obj;
    const ep = it.path;
    checkDuplicateKeys(e, ep, errs);
    const h = new HeaderTemplate();
    h.key = getString(e, "key", ep, errs, "").toLowerCase();
    if (h.key.length == 0) {
      errs.warn(fieldPath(ep, "key"), "empty: header skipped (as Higress does)");
      continue;
    }
    if (!isHeaderToken(h.key)) {
      errs.add(fieldPath(ep, "key"), "invalid header name \"" + h.key + "\"");
      continue;
    }
    h.value = getString(e, "value", ep, errs, "");
    h.compiled = compileAt(h.value, fieldPath(ep, "value"), errs, maxOutput);
    r.headers.push(h);
  }
}

/**
 * Higress sends requestTemplate.method verbatim. Here it is upper-cased; the
 * usual methods load silently, another token with a warning; CONNECT and TRACE
 * are refused (a tunnel, and a reflection of the request's credentials).
 */
function parseMethod(raw: string, path: string, errs: Errs): string {
  const m = raw.toUpperCase();
  if (m.length == 0) return "GET";
  if (METHODS.includes(m)) return known(m, METHODS);
  if (!isHeaderToken(m)) {
    errs.add(path, "invalid method \"" + raw + "\"");
    return "GET";
  }
  if (m == "CONNECT" || m == "TRACE") {
    errs.add(path, "method " + m + " is not allowed");
    return "GET";
  }
  errs.warn(path, "uncommon method \"" + m + "\" (expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)");
  return m;
}

function parseResponseTemplate(node: JNode, path: string, errs: Errs, maxOutput: u32): ResponseTemplate {
  const r = new ResponseTemplate();
  checkDuplicateKeys(node, path, errs);
  r.body = getString(node, "body", path, errs, "");
  r.prependBody = getString(node, "prependBody", path, errs, "");
  r.appendBody = getString(node, "appendBody", path, errs, "");
  if (r.body.length > 0) {
    if (r.prependBody.length > 0 || r.appendBody.length > 0) {
      errs.add(path, "prependBody and appendBody cannot be used when body is specified");
    }
    const c = compileAt(r.body, fieldPath(path, "body"), errs, maxOutput);
    r.bodyCompiled = c;
    if (c !== null && c.source == r.body) r.body = c.source; // a shared template's text: one copy, not one per tool
  }
  return r;
}

