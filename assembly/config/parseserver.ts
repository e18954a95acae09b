// `server` (plus our `server.limits`): identity, schemes, defaults, header policy.
import { Limits, PluginConfig, ServerConfig } from "./types";
import { JNode, J_ARRAY, J_BOOL, J_NULL, J_NUMBER, J_OBJECT, J_STRING } from "../util/jsonview";
import { foldKeys, foldKnown, gjsonBool, gjsonItems, gjsonString, skipNull, warnUnknown, LIMIT_FIELDS, REQUIREMENT_FIELDS, SCHEME_FIELDS, SERVER_FIELDS } from "./compat";
import { isHeaderToken } from "../util/http";
import {
  Errs, fieldPath, indexPath, getString, getBool, getObjectItems, getObject, getArray, getStringArray, getPositiveInt, member, checkDuplicateKeys,
} from "./reader";
import { parseScheme, parseRequirement } from "./parsesecurity";

/** The limit names (spec.yaml is their source). */
const LIMIT_KEYS: string[] = LIMIT_FIELDS;

/** Parse `server` into cfg.server and cfg.limits (path is e.g. "server" or "_rules_[0].server"). */
export function parseServer(node: JNode | null, path: string, errs: Errs, cfg: PluginConfig): void {
  const s = new ServerConfig();
  cfg.server = s;
  if (node === null) {
    errs.add(fieldPath(path, "name"), "required");
    return;
  }
  if (node.kind != J_OBJECT) {
    errs.add(path, "expected object");
    return;
  }
  checkDuplicateKeys(node, path, errs);
  warnUnknown(node, SERVER_FIELDS, path, errs);
  const nm = member(node, "name");
  s.name = nm === null ? "" : gjsonString(nm);
  if (nm !== null && nm.kind != J_STRING) {
    if (nm.kind == J_OBJECT || nm.kind == J_ARRAY) errs.add(fieldPath(path, "name"), "expected string");
    else errs.warn(fieldPath(path, "name"), "expected string: read as \"" + s.name + "\" (as Higress does)");
  }
  if (s.name.length == 0) errs.add(fieldPath(path, "name"), nm === null ? "required" : "must not be empty");
  const ty = member(node, "type");
  if (ty !== null && gjsonString(ty) == "mcp-proxy") errs.add(fieldPath(path, "type"), "mcp-proxy servers are not supported (this plugin serves REST tools)");
  else if (ty !== null && ty.kind != J_STRING && ty.kind != J_NULL) errs.warn(fieldPath(path, "type"), "expected string: read as \"" + gjsonString(ty) + "\", a REST server (as Higress does)");
  s.version = getString(node, "version", path, errs, "1.0.0");
  if (s.version.length == 0) s.version = "1.0.0";
  s.title = getString(node, "title", path, errs, "");
  s.instructions = getString(node, "instructions", path, errs, "");
  const c = member(node, "config");
  if (c !== null && c.kind == J_OBJECT) s.configJson = c.raw();
  else if (c !== null) errs.warn(fieldPath(path, "config"), "not an object: templates see .config as null (as Higress does)");
  s.passthroughAuthHeader = gjsonBool(member(node, "passthroughAuthHeader"), fieldPath(path, "passthroughAuthHeader"), errs);
  if (member(node, "allowPassthrough") !== null) s.allowPassthrough = getBool(node, "allowPassthrough", path, errs);
  parseSchemes(node, path, errs, s);
  foldRequirements(node, path, errs);
  const dd = getObject(node, "defaultDownstreamSecurity", path, errs);
  if (dd !== null) s.defaultDownstreamSecurity = parseRequirement(dd, fieldPath(path, "defaultDownstreamSecurity"), errs, false);
  const du = getObject(node, "defaultUpstreamSecurity", path, errs);
  if (du !== null) s.defaultUpstreamSecurity = parseRequirement(du, fieldPath(path, "defaultUpstreamSecurity"), errs, true);
  const origins = getStringArray(node, "allowedOrigins", path, errs);
  if (origins !== null) s.allowedOrigins = origins;
  const fh = getStringArray(node, "forwardHeaders", path, errs);
  if (fh !== null) {
    for (let i = 0; i < fh.length; i++) {
      const h = unchecked(fh[i]).toLowerCase();
      if (!isHeaderToken(h)) errs.add(indexPath(fieldPath(path, "forwardHeaders"), i), "invalid header name \"" + h + "\"");
      else s.forwardHeaders.push(h);
    }
  }
  const base = getString(node, "baseUrl", path, errs, "");
  if (base.length > 0) parseBaseUrl(base, fieldPath(path, "baseUrl"), errs, s);
  if (member(node, "ttlMs") !== null) s.ttlMs = getNonNegativeInt(node, "ttlMs", path, errs);
  const scope = getString(node, "cacheScope", path, errs, "private");
  if (scope == "private" || scope == "public") s.cacheScope = scope;
  else errs.add(fieldPath(path, "cacheScope"), "must be \"private\" or \"public\"");
  const lim = getObject(node, "limits", path, errs);
  if (lim !== null) cfg.limits = parseLimits(lim, fieldPath(path, "limits"), errs);
}

/**
 * `server.baseUrl`: `http(s)://host[:port][/path]`, where relative tool URLs go (issue 14: a credential
 * must never follow the client's Host). No userinfo, query or fragment.
 */
function parseBaseUrl(url: string, path: string, errs: Errs, s: ServerConfig): void {
  const lower = url.toLowerCase();
  const scheme = lower.startsWith("https://") ? "https" : lower.startsWith("http://") ? "http" : "";
  if (scheme.length == 0) {
    errs.add(path, "must start with http:// or https://");
    return;
  }
  const rest = url.substring(scheme.length + 3);
  let end = 0;
  while (end < rest.length && rest.charCodeAt(end) != 0x2f) end++;
  const authority = rest.substring(0, end).toLowerCase();
  let p = rest.substring(end);
  if (authority.indexOf("@") >= 0) {
    errs.add(path, "must not contain userinfo (user:password@); use a security scheme of type http, scheme basic");
    return;
  }
  if (!isAuthorityText(authority)) {
    errs.add(path, "invalid host");
    return;
  }
  if (p.indexOf("?") >= 0 || p.indexOf("#") >= 0 || p.indexOf("{") >= 0) {
    errs.add(path, "must not contain a query, a fragment or a template");
    return;
  }
  while (p.endsWith("/")) p = p.substring(0, p.length - 1);
  s.baseScheme = scheme;
  s.baseAuthority = authority;
  s.basePath = p;
}

/** host[:port] made of DNS characters (or a bracketed IPv6 literal), with an optional numeric port. */
function isAuthorityText(a: string): bool {
  if (a.length == 0 || a.length > 261) return false;
  let colon = -1;
  const close = a.lastIndexOf("]");
  const last = a.lastIndexOf(":");
  if (last > close) colon = last;
  const host = colon < 0 ? a : a.substring(0, colon);
  if (host.length == 0) return false;
  if (colon >= 0) {
    const port = a.substring(colon + 1);
    if (port.length == 0 || port.length > 5) return false;
    for (let i = 0; i < port.length; i++) if (port.charCodeAt(i) < 48 || port.charCodeAt(i) > 57) return false;
  }
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c == 45 || c == 46 || ((c == 91 || c == 93 || c == 58) && host.charCodeAt(0) == 91);
    if (!ok) return false;
  }
  return true;
}

/** A JSON integer in 0 … 2^31-1 (ttlMs). */
function getNonNegativeInt(node: JNode, key: string, path: string, errs: Errs): u32 {
  const v = member(node, key);
  if (v === null) return 0;
  const t = v.kind == J_NUMBER ? v.raw() : "";
  let ok = t.length > 0 && t.length <= 10;
  for (let i = 0; ok && i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) ok = false;
  }
  const n = ok ? I64.parseInt(t) : -1;
  if (n < 0 || n > <i64>i32.MAX_VALUE) {
    errs.add(fieldPath(path, key), "expected an integer from 0 to 2147483647");
    return 0;
  }
  return <u32>n;
}

function foldRequirements(node: JNode, path: string, errs: Errs): void {
  const dd = member(node, "defaultDownstreamSecurity");
  if (dd !== null) foldKnown(dd, REQUIREMENT_FIELDS, fieldPath(path, "defaultDownstreamSecurity"), errs);
  const du = member(node, "defaultUpstreamSecurity");
  if (du !== null) foldKnown(du, REQUIREMENT_FIELDS, fieldPath(path, "defaultUpstreamSecurity"), errs);
}

function parseSchemes(node: JNode, path: string, errs: Errs, s: ServerConfig): void {
  const items = gjsonItems(member(node, "securitySchemes"), fieldPath(path, "securitySchemes"), errs);
  if (items === null) return;
  for (let i = 0; i < items.length; i++) {
    const it = unchecked(items[i]);
    if (skipNull(it, "security scheme", errs)) continue;
    if (!it.isObject(errs)) continue;
    // A scheme's own errors reject the config only if a requirement uses it (config/compat.ts).
    const local = new Errs();
    const unknown = foldKeys(it.obj, SCHEME_FIELDS, it.path, local);
    const sc = parseScheme(it.obj, it.path, local);
    sc.path = it.path;
    for (let k = 0; k < unknown.length; k++) {
      const up = fieldPath(it.path, unchecked(unknown[k]));
      // oauth2 is ours: a misspelt field there silently changes where tokens come from.
      if (sc.type == "oauth2") local.add(up, "unknown field");
      else local.warn(up, "unknown field, ignored");
    }
    sc.problems = local.list;
    for (let k = 0; k < local.warnings.length; k++) errs.warnings.push(unchecked(local.warnings[k]));
    let dup = -1;
    if (sc.id.length > 0) {
      for (let j = 0; j < s.securitySchemes.length; j++) if (unchecked(s.securitySchemes[j]).id == sc.id) dup = j;
    }
    if (dup >= 0) {
      errs.warn(fieldPath(it.path, "id"), "duplicate scheme \"" + sc.id + "\": this later one replaces the earlier one (as Higress does)");
      unchecked((s.securitySchemes[dup] = sc));
    } else s.securitySchemes.push(sc);
  }
}

/** Largest body or template output: Higress's own buffer limit (plugin.go DefaultMaxBodyBytes, 100 MiB). */
const MAX_BODY: u32 = 104857600;

function atMost(v: u32, max: u32, key: string, path: string, errs: Errs): void {
  if (v > max) errs.add(fieldPath(path, key), "must be at most " + max.toString());
}

/** Parse `server.limits`: known keys only, each a positive integer within its range. */
export function parseLimits(node: JNode, path: string, errs: Errs): Limits {
  const l = new Limits();
  checkDuplicateKeys(node, path, errs);
  const ks = node.keys();
  for (let i = 0; i < ks.length; i++) {
    if (!LIMIT_KEYS.includes(unchecked(ks[i]))) errs.add(fieldPath(path, unchecked(ks[i])), "unknown limit");
  }
  l.maxRequestBodyBytes = getPositiveInt(node, "maxRequestBodyBytes", path, errs, l.maxRequestBodyBytes);
  l.maxResponseBodyBytes = getPositiveInt(node, "maxResponseBodyBytes", path, errs, l.maxResponseBodyBytes);
  l.maxJsonDepth = getPositiveInt(node, "maxJsonDepth", path, errs, l.maxJsonDepth);
  l.maxArguments = getPositiveInt(node, "maxArguments", path, errs, l.maxArguments);
  l.maxTemplateOutputBytes = getPositiveInt(node, "maxTemplateOutputBytes", path, errs, l.maxTemplateOutputBytes);
  l.maxHeaderValueBytes = getPositiveInt(node, "maxHeaderValueBytes", path, errs, l.maxHeaderValueBytes);
  l.backendTimeoutMs = getPositiveInt(node, "backendTimeoutMs", path, errs, l.backendTimeoutMs);
  atMost(l.maxRequestBodyBytes, MAX_BODY, "maxRequestBodyBytes", path, errs);
  atMost(l.maxResponseBodyBytes, MAX_BODY, "maxResponseBodyBytes", path, errs);
  atMost(l.maxJsonDepth, 256, "maxJsonDepth", path, errs);
  atMost(l.maxArguments, 65536, "maxArguments", path, errs);
  atMost(l.maxTemplateOutputBytes, MAX_BODY, "maxTemplateOutputBytes", path, errs);
  atMost(l.maxHeaderValueBytes, 1048576, "maxHeaderValueBytes", path, errs);
  atMost(l.backendTimeoutMs, 3600000, "backendTimeoutMs", path, errs);
  return l;
}
