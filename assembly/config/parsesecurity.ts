// `server.securitySchemes[]` and security requirements: shape checks at
// configure time (Higress validates none of this; a typo there silently sends
// requests unauthenticated: docs/compatibility.md, "Kept stricter").
import { joinStrings } from "../util/strbuf";
import { SecurityScheme, SecurityRequirement } from "./types";
import { useScheme } from "./compat";
import { JNode, J_ARRAY, J_BOOL, J_OBJECT, J_STRING } from "../util/jsonview";
import { isHeaderToken, isUnsendableHeader } from "../util/http";
import {
  Errs, fieldPath, indexPath, getString, getObject, getPositiveInt, getStringArray, member, checkDuplicateKeys,
} from "./reader";

/** Parse one security scheme object. */
export function parseScheme(node: JNode, path: string, errs: Errs): SecurityScheme {
  const s = new SecurityScheme();
  checkDuplicateKeys(node, path, errs);
  s.id = getString(node, "id", path, errs, "");
  if (s.id.length == 0 && member(node, "id") === null) errs.add(fieldPath(path, "id"), "required");
  else if (s.id.length == 0) errs.add(fieldPath(path, "id"), "must not be empty");
  const type = getString(node, "type", path, errs, "");
  const lt = type.toLowerCase();
  if (member(node, "defaultCredential") !== null) {
    s.defaultCredential = getString(node, "defaultCredential", path, errs, "");
    s.hasDefaultCredential = true;
  }
  if (lt == "http") {
    s.type = "http";
    const sc = getString(node, "scheme", path, errs, "").toLowerCase();
    if (sc == "basic" || sc == "bearer") s.scheme = sc;
    else if (member(node, "scheme") === null) errs.add(fieldPath(path, "scheme"), "required for type http (basic or bearer)");
    else errs.add(fieldPath(path, "scheme"), "unsupported scheme \"" + sc + "\" (expected basic or bearer)");
  } else if (lt == "apikey") {
    s.type = "apiKey";
    parseApiKey(s, node, path, errs);
  } else if (lt == "oauth2") {
    s.type = "oauth2";
    parseOAuth2(s, node, path, errs);
  } else if (member(node, "type") === null) {
    errs.add(fieldPath(path, "type"), "required (http, apiKey or oauth2)");
  } else {
    errs.add(fieldPath(path, "type"), "unsupported type \"" + type + "\" (expected http, apiKey or oauth2)");
  }
  return s;
}

function parseApiKey(s: SecurityScheme, node: JNode, path: string, errs: Errs): void {
  const inv = getString(node, "in", path, errs, "").toLowerCase();
  if (inv == "header" || inv == "query" || inv == "cookie") s.in = inv;
  else if (member(node, "in") === null) errs.add(fieldPath(path, "in"), "required for type apiKey (header, query or cookie)");
  else errs.add(fieldPath(path, "in"), "unsupported location \"" + inv + "\" (expected header, query or cookie)");
  s.name = getString(node, "name", path, errs, "");
  if (s.name.length == 0) {
    errs.add(fieldPath(path, "name"), "required for type apiKey");
  } else if (s.in == "header" && !isHeaderToken(s.name)) {
    errs.add(fieldPath(path, "name"), "invalid header name \"" + s.name + "\"");
  } else if (s.in == "header" && isUnsendableHeader(s.name)) {
    errs.add(fieldPath(path, "name"), "header \"" + s.name + "\" cannot carry a credential (the proxy rewrites or drops it)");
  }
  if (s.in == "header") s.headerName = s.name.toLowerCase();
}

function parseOAuth2(s: SecurityScheme, node: JNode, path: string, errs: Errs): void {
  let url = getString(node, "tokenUrl", path, errs, "");
  let urlPath = fieldPath(path, "tokenUrl");
  let flowScopes: JNode | null = null;
  const flows = getObject(node, "flows", path, errs);
  if (flows !== null) {
    const fp = fieldPath(path, "flows");
    const cc = getObject(flows, "clientCredentials", fp, errs);
    if (cc !== null) {
      const cp = fieldPath(fp, "clientCredentials");
      const u = getString(cc, "tokenUrl", cp, errs, "");
      if (url.length == 0 && u.length > 0) {
        url = u;
        urlPath = fieldPath(cp, "tokenUrl");
      }
      flowScopes = member(cc, "scopes");
    }
  }
  if (url.length == 0) {
    errs.add(urlPath, "required for type oauth2 (tokenUrl or flows.clientCredentials.tokenUrl)");
  } else if (!splitTokenUrl(s, url)) {
    errs.add(urlPath, "must be an absolute http(s) URL");
  }
  s.tokenUrl = url;
  s.tokenCluster = getString(node, "tokenCluster", path, errs, "");
  if (s.tokenCluster.length == 0 && s.tokenAuthority.length > 0) s.tokenCluster = fqdnCluster(url, s.tokenAuthority);
  const sc = member(node, "scopes");
  if (sc !== null) s.scopes = scopesText(sc, fieldPath(path, "scopes"), errs);
  else if (flowScopes !== null) s.scopes = scopesText(flowScopes, fieldPath(path, "flows.clientCredentials.scopes"), errs);
  s.audience = getString(node, "audience", path, errs, "");
  s.resource = getString(node, "resource", path, errs, "");
  const m = getString(node, "tokenEndpointAuthMethod", path, errs, "client_secret_basic");
  if (m == "client_secret_basic" || m == "client_secret_post") s.tokenEndpointAuthMethod = m;
  else errs.add(fieldPath(path, "tokenEndpointAuthMethod"), "unsupported method \"" + m + "\" (expected client_secret_basic or client_secret_post)");
  s.tokenTimeoutMs = getPositiveInt(node, "tokenTimeoutMs", path, errs, 5000);
  if (s.tokenTimeoutMs > 300000) errs.add(fieldPath(path, "tokenTimeoutMs"), "must be at most 300000");
}

/** Scopes as a space-separated string: from a string, an array of strings, or an object's keys (OpenAPI flows). */
function scopesText(n: JNode, path: string, errs: Errs): string {
  if (n.kind == J_STRING) return n.str().trim();
  const parts = new Array<string>();
  if (n.kind == J_ARRAY) {
    for (let i = 0; i < n.length; i++) {
      const e = n.at(i);
      if (e === null || e.kind != J_STRING) {
        errs.add(indexPath(path, i), "expected string");
        continue;
      }
      const t = e.str().trim();
      if (t.length > 0) parts.push(t);
    }
    return joinStrings(parts, " ");
  }
  if (n.kind == J_OBJECT) {
    const ks = n.keys();
    for (let i = 0; i < ks.length; i++) if (unchecked(ks[i]).length > 0) parts.push(unchecked(ks[i]));
    return joinStrings(parts, " ");
  }
  errs.add(path, "expected string or array of strings");
  return "";
}

/**
 * The Envoy cluster Higress names for an FQDN service: `outbound|<port>||<host>`
 * (higress-group/wasm-go pkg/wrapper FQDNCluster.ClusterName), the port from
 * the URL or its scheme's default.
 */
export function fqdnCluster(url: string, authority: string): string {
  let host = authority;
  let port = url.toLowerCase().startsWith("https://") ? "443" : "80";
  const colon = authority.lastIndexOf(":");
  if (colon > authority.lastIndexOf("]")) {
    host = authority.substring(0, colon);
    if (colon + 1 < authority.length) port = authority.substring(colon + 1);
  }
  return "outbound|" + port + "||" + host.toLowerCase();
}

/** Split an absolute http(s) URL into tokenAuthority and tokenPath; false when malformed. */
export function splitTokenUrl(s: SecurityScheme, url: string): bool {
  const lu = url.toLowerCase();
  let rest: string;
  if (lu.startsWith("https://")) rest = url.substring(8);
  else if (lu.startsWith("http://")) rest = url.substring(7);
  else return false;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c == 0x7f || c == 0x23) return false; // whitespace, controls, fragment
  }
  let slash = rest.indexOf("/");
  const q = rest.indexOf("?");
  if (q >= 0 && (slash < 0 || q < slash)) slash = q;
  const auth = slash < 0 ? rest : rest.substring(0, slash);
  if (auth.length == 0 || auth.indexOf("@") >= 0) return false;
  let p = slash < 0 ? "/" : rest.substring(slash);
  if (p.startsWith("?")) p = "/" + p;
  s.tokenAuthority = auth;
  s.tokenPath = p;
  return true;
}

/** Parse a security requirement; `upstream` selects which fields are allowed. */
export function parseRequirement(node: JNode, path: string, errs: Errs, upstream: bool): SecurityRequirement {
  const r = new SecurityRequirement();
  checkDuplicateKeys(node, path, errs);
  r.id = getString(node, "id", path, errs, "");
  const cred = member(node, "credential");
  if (cred !== null) {
    const c = getString(node, "credential", path, errs, "");
    // Higress ignores a downstream credential (auth_utils.go SecurityRequirement; rest_server.go reads only id/passthrough).
    if (!upstream) errs.warn(fieldPath(path, "credential"), "ignored on a downstream (client-side) requirement (as Higress does); set it on requestTemplate.security or server.defaultUpstreamSecurity");
    else {
      r.credential = c;
      r.hasCredential = true;
    }
  }
  const pt = member(node, "passthrough");
  if (pt !== null) {
    const pp = fieldPath(path, "passthrough");
    if (pt.kind == J_STRING && pt.str() == "exchange") {
      r.passthrough = true;
      r.passthroughMode = "exchange";
      if (upstream) errs.add(pp, "not allowed on an upstream (backend) requirement; set it on tools[].security or server.defaultDownstreamSecurity");
    } else if (pt.kind == J_BOOL) {
      r.passthrough = pt.bool();
      if (upstream && r.passthrough) {
        // Higress reads passthrough only on the downstream requirement: an upstream one is ignored.
        errs.warn(pp, "ignored on an upstream (backend) requirement (as Higress does); set it on tools[].security or server.defaultDownstreamSecurity");
        r.passthrough = false;
      }
    } else {
      errs.add(pp, "expected boolean or \"exchange\"");
    }
  }
  const aud = getStringArray(node, "audiences", path, errs);
  if (aud !== null) {
    r.audiences = aud;
    if (upstream) errs.add(fieldPath(path, "audiences"), "not allowed on an upstream (backend) requirement");
  }
  const sc = member(node, "scopes");
  if (sc !== null) {
    r.scopes = scopesText(sc, fieldPath(path, "scopes"), errs);
    r.hasScopes = true;
    if (!upstream) errs.add(fieldPath(path, "scopes"), "not allowed on a downstream (client-side) requirement; set it on requestTemplate.security");
  }
  if (r.id.length == 0 && r.hasCredential) errs.add(fieldPath(path, "id"), "required when credential is set");
  else if (r.id.length == 0 && r.passthrough) {
    // Higress: no id = not configured, the server default applies and passthrough is never read.
    errs.warn(fieldPath(path, "passthrough"), "ignored without an id: the server default requirement applies (as in Higress)");
    r.passthrough = false;
    r.passthroughMode = "";
  }
  return r;
}

/** Resolve requirement.scheme by id; records `unknown scheme` for a dangling id. */
export function resolveRequirement(r: SecurityRequirement | null, schemes: SecurityScheme[], path: string, errs: Errs): void {
  if (r === null || r.id.length == 0) return;
  for (let i = 0; i < schemes.length; i++) {
    if (unchecked(schemes[i]).id == r.id) {
      r.scheme = unchecked(schemes[i]);
      useScheme(r.scheme!, errs);
      return;
    }
  }
  errs.add(fieldPath(path, "id"), "unknown scheme \"" + r.id + "\"");
}
