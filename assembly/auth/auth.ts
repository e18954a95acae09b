// Backend (upstream) authentication for one tool call, as pure decisions: read
// the client's credential, choose the backend credential, refuse when it cannot
// be applied, otherwise apply it last on the rebuilt backend request.
// Stateless per call: nothing here keeps module-level mutable state.
import { PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "../config/types";
import { BackendRequest, Header } from "../rest/request";
import { base64Utf8 } from "../util/base64";
import { isUnsendableHeader } from "../util/http";
import { Refusal, checkPassthrough, toolLabel } from "./client";
import {
  EXTRACT_FOUND, Extraction, KIND_API_COOKIE, KIND_API_HEADER, KIND_API_QUERY, KIND_BASIC, KIND_BEARER,
  KIND_OAUTH2, KIND_UNSUPPORTED, describeScheme, extractClientCredential, schemeKind,
} from "./extract";
import { downstreamRequirement, schemeOf, upstreamRequirement } from "../config/requirement";
import { addClientAuthorization, addSecret, withoutAuthWord } from "./secrets";
import { hasControlChar, startsWithIgnoreCase } from "./util";

export {
  EXTRACT_NONE, EXTRACT_FOUND, EXTRACT_MISSING, EXTRACT_WRONG_KIND, EXTRACT_UNSUPPORTED, Extraction,
  extractClientCredential,
} from "./extract";
export { downstreamRequirement, upstreamRequirement } from "../config/requirement";
export { forwardedClientHeaders } from "./forward";
export { scrubSecrets } from "../rest/scrub";
export { jwtAudiences } from "./jwt";
export { base64Utf8 as base64Encode } from "../util/base64";

/** Decision for one tool call. When ok is false the caller sends nothing to the backend and returns an isError result. */
export class AuthOutcome {
  ok: bool = false;
  /** isError text: says what is missing, never echoes a credential */
  error: string = "";
  /** "" | "missing_client_credential" | "wrong_client_credential" | "no_backend_credential" | "invalid_credential" | "audience_mismatch" | "unsupported_scheme" */
  reason: string = "";
  /** every credential value involved in this call, for scrubbing */
  secrets: string[] = [];
  /** backend scheme is oauth2: fetch/exchange a token, then call applyBearer */
  needsToken: bool = false;
  /** oauth2: the clientId:clientSecret to use at the token endpoint */
  tokenCredential: string = "";
  /** token exchange: the client's token (subject_token) */
  subjectToken: string = "";
  /** oauth2: scopes to request (the tool's requestTemplate.security.scopes, else the scheme's) */
  tokenScopes: string = "";
  /** the upstream scheme applied (null when none) */
  scheme: SecurityScheme | null = null;
}

function refuse(out: AuthOutcome, r: Refusal): AuthOutcome {
  out.ok = false;
  out.reason = r.reason;
  out.error = r.error;
  return out;
}

/**
 * Configured backend credential, first non-empty of:
 * 1. the upstream requirement's own `credential`;
 * 2. server.defaultUpstreamSecurity.credential when that default names the same
 *    scheme id (so a tool-level requirement naming the server default's scheme
 *    inherits the server's credential — our choice; Higress skips to step 3);
 * 3. the scheme's `defaultCredential`.
 * Returns "" when none is configured.
 */
function configuredCredential(cfg: PluginConfig, up: SecurityRequirement, scheme: SecurityScheme): string {
  if (up.credential.length > 0) return up.credential;
  const def = cfg.server.defaultUpstreamSecurity;
  if (def !== null && def.id == up.id && def.credential.length > 0) return def.credential;
  if (scheme.defaultCredential.length > 0) return scheme.defaultCredential;
  return "";
}

/** Every configured credential this call could involve, for scrubbing. */
function addConfiguredSecrets(out: string[], cfg: PluginConfig, up: SecurityRequirement | null, upScheme: SecurityScheme | null, downScheme: SecurityScheme | null): void {
  if (up !== null) addSecret(out, up.credential);
  const def = cfg.server.defaultUpstreamSecurity;
  if (def !== null) addSecret(out, def.credential);
  if (upScheme !== null) addSecret(out, upScheme.defaultCredential);
  if (downScheme !== null) addSecret(out, downScheme.defaultCredential);
}

/** Header value for HTTP Basic: "Basic " kept, user:pass encoded, anything else assumed base64 already. */
function basicValue(cred: string): string {
  const v = cred.trim();
  if (startsWithIgnoreCase(v, "basic ")) return "Basic " + v.substring(6).trim();
  if (v.indexOf(":") >= 0) return "Basic " + base64Utf8(v);
  return "Basic " + v;
}

/** Set Authorization: Bearer <token> on req (for oauth2 after a token was obtained); returns "" or an error (CR/LF/NUL). */
export function applyBearer(req: BackendRequest, token: string): string {
  const t = withoutAuthWord(token);
  if (t.length == 0) return "bearer token is empty";
  if (hasControlChar(t)) return "bearer token contains control characters";
  req.setHeader("authorization", "Bearer " + t);
  return "";
}

/** Put `cred` on req as `scheme` wants it; returns null or a refusal. */
function place(tool: Tool, scheme: SecurityScheme, kind: i32, cred: string, req: BackendRequest): Refusal | null {
  const what = toolLabel(tool) + ': the credential for backend security scheme "' + scheme.id + '" (' + describeScheme(scheme) + ")";
  if (kind == KIND_BEARER || kind == KIND_OAUTH2) {
    const err = applyBearer(req, cred);
    return err.length == 0 ? null : new Refusal("invalid_credential", what + " is empty or invalid");
  }
  if (kind == KIND_BASIC) {
    req.setHeader("authorization", basicValue(cred));
  } else if (kind == KIND_API_HEADER) {
    if (scheme.name.startsWith(":")) return new Refusal("unsupported_scheme", what + " cannot use a pseudo-header");
    if (isUnsendableHeader(scheme.name)) {
      return new Refusal("unsupported_scheme", what + ' cannot use the "' + scheme.name + '" header (the proxy rewrites or drops it)');
    }
    req.setHeader(scheme.name, cred);
  } else if (kind == KIND_API_QUERY) {
    req.setQuery(scheme.name, cred);
  } else if (kind == KIND_API_COOKIE) {
    if (cred.includes(";") || cred.includes(",")) return new Refusal("invalid_credential", what + " cannot be sent as a cookie (contains ';' or ',')");
    req.setCookie(scheme.name, cred);
  } else {
    return new Refusal("unsupported_scheme", what + " uses an unsupported scheme");
  }
  return null;
}

/**
 * Decide and apply backend auth for one tool call (the last step of request
 * building; overrides template headers/args of the same name).
 *
 * | downstream passthrough | client credential | upstream scheme | result                                   |
 * |------------------------|-------------------|-----------------|------------------------------------------|
 * | off                    | any               | none            | ok, nothing applied                      |
 * | off                    | any               | configured      | configured credential, else refuse       |
 * | on                     | missing/wrong     | any             | refuse (no fallback to configured ones)  |
 * | on                     | found             | none            | refuse: nowhere to put it                |
 * | on                     | found             | any but oauth2  | client credential, formatted for backend |
 * | on                     | found             | oauth2          | client token as Bearer                   |
 * | on, mode "exchange"    | found             | oauth2          | needsToken, subjectToken = client token  |
 * | any                    | any               | oauth2          | needsToken with the configured client    |
 */
export function applyAuth(cfg: PluginConfig, tool: Tool, clientHeaders: Header[], clientPath: string, req: BackendRequest): AuthOutcome {
  const out = new AuthOutcome();
  const t = toolLabel(tool);
  const down = downstreamRequirement(cfg, tool);
  const up = upstreamRequirement(cfg, tool);
  const downScheme = schemeOf(cfg, down);
  const upScheme = schemeOf(cfg, up);
  out.scheme = upScheme;
  addClientAuthorization(out.secrets, clientHeaders);
  addConfiguredSecrets(out.secrets, cfg, up, upScheme, downScheme);
  const extras = up !== null && tool.requestTemplate.security === up ? tool.requestTemplate.extraSecurity : new Array<SecurityRequirement>();
  for (let i = 0; i < extras.length; i++) {
    const e = unchecked(extras[i]);
    addSecret(out.secrets, e.credential);
    const es = schemeOf(cfg, e);
    if (es !== null) addSecret(out.secrets, es.defaultCredential);
  }
  let client = new Extraction();
  if (downScheme !== null) {
    client = extractClientCredential(downScheme, clientHeaders, clientPath);
    if (client.status == EXTRACT_FOUND) addSecret(out.secrets, client.value);
  }
  let passthrough = false;
  let exchange = false;
  if (down !== null && down.passthrough) {
    passthrough = true;
    exchange = down.passthroughMode == "exchange";
    const r = checkPassthrough(tool, down, downScheme, client);
    if (r !== null) return refuse(out, r);
  }
  if (up === null) {
    if (passthrough) {
      return refuse(out, new Refusal("unsupported_scheme", t + " passes the client credential through but has no backend security scheme (requestTemplate.security or server.defaultUpstreamSecurity)"));
    }
    out.ok = true;
    return out;
  }
  if (upScheme === null) return refuse(out, new Refusal("unsupported_scheme", t + ': unknown backend security scheme "' + up.id + '"'));
  const kind = schemeKind(upScheme);
  if (kind == KIND_UNSUPPORTED) {
    return refuse(out, new Refusal("unsupported_scheme", t + ': backend security scheme "' + upScheme.id + '" (' + describeScheme(upScheme) + ") is not supported"));
  }
  if (exchange && kind != KIND_OAUTH2) {
    return refuse(out, new Refusal("unsupported_scheme", t + ': token exchange needs an oauth2 backend security scheme, "' + upScheme.id + '" is not'));
  }
  const fromClient = passthrough && !exchange;
  const cred = fromClient ? client.value : configuredCredential(cfg, up, upScheme);
  if (cred.length == 0) {
    return refuse(out, new Refusal("no_backend_credential", t + ': no credential is configured for the backend security scheme "' + upScheme.id + '" (set requestTemplate.security.credential or the scheme defaultCredential)'));
  }
  if (hasControlChar(cred)) {
    return refuse(out, new Refusal("invalid_credential", t + ': the configured credential for backend security scheme "' + upScheme.id + '" contains control characters'));
  }
  if (kind == KIND_OAUTH2 && !fromClient) {
    if (cred.indexOf(":") <= 0) {
      return refuse(out, new Refusal("invalid_credential", t + ': the oauth2 credential for backend security scheme "' + upScheme.id + '" must be clientId:clientSecret'));
    }
    const er = applyExtraRequirements(cfg, tool, extras, req);
    if (er !== null) return refuse(out, er);
    out.needsToken = true;
    out.tokenCredential = cred;
    out.tokenScopes = up.hasScopes ? up.scopes : upScheme.scopes;
    if (exchange) out.subjectToken = client.value;
    out.ok = true;
    return out;
  }
  const er = applyExtraRequirements(cfg, tool, extras, req);
  if (er !== null) return refuse(out, er);
  const r = place(tool, upScheme, kind, cred, req);
  if (r !== null) return refuse(out, r);
  out.ok = true;
  return out;
}

/**
 * The requirements after the first of a `requestTemplate.security` list (AND): each placed
 * with its configured credential (no passthrough, no oauth2 token); any missing one refuses.
 */
function applyExtraRequirements(cfg: PluginConfig, tool: Tool, extras: SecurityRequirement[], req: BackendRequest): Refusal | null {
  const t = toolLabel(tool);
  for (let i = 0; i < extras.length; i++) {
    const e = unchecked(extras[i]);
    const scheme = schemeOf(cfg, e);
    if (scheme === null) return new Refusal("unsupported_scheme", t + ': unknown backend security scheme "' + e.id + '"');
    const kind = schemeKind(scheme);
    if (kind == KIND_UNSUPPORTED || kind == KIND_OAUTH2) {
      return new Refusal("unsupported_scheme", t + ': backend security scheme "' + scheme.id + '" (' + describeScheme(scheme) + ") is only supported first in a security list");
    }
    const cred = configuredCredential(cfg, e, scheme);
    if (cred.length == 0) {
      return new Refusal("no_backend_credential", t + ': no credential is configured for the backend security scheme "' + scheme.id + '" (set its credential in requestTemplate.security or the scheme defaultCredential)');
    }
    if (hasControlChar(cred)) {
      return new Refusal("invalid_credential", t + ': the configured credential for backend security scheme "' + scheme.id + '" contains control characters');
    }
    const r = place(tool, scheme, kind, cred, req);
    if (r !== null) return r;
  }
  return null;
}
