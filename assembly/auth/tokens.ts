// OAuth2 token requests (client credentials, RFC 6749 §4.4; token exchange,
// RFC 8693 §2.1), token responses, and a bounded token cache. Pure logic:
// time is passed in, nothing here calls the host.
import { J_NUMBER, J_OBJECT, J_STRING, parseJson } from "../util/jsonview";
import { SecurityScheme } from "../config/types";
import { formEncode } from "../rest/request";
import { base64Utf8 } from "../util/base64";

/** A token request ready for proxy_http_call. */
export class TokenRequest {
  path: string = "/";
  authority: string = "";
  body: string = "";
  /** Authorization header value for client_secret_basic, "" otherwise */
  authorization: string = "";
}

/** Split "clientId:clientSecret" (first colon). */
function splitClient(credential: string): string[] {
  const i = credential.indexOf(":");
  const out = new Array<string>(2);
  out[0] = i < 0 ? credential : credential.substring(0, i);
  out[1] = i < 0 ? "" : credential.substring(i + 1);
  return out;
}

/** Build the token request for `scheme`; subjectToken != "" selects token exchange. */
export function buildTokenRequest(scheme: SecurityScheme, credential: string, subjectToken: string, scopes: string): TokenRequest {
  const r = new TokenRequest();
  r.path = scheme.tokenPath;
  r.authority = scheme.tokenAuthority;
  let body = "";
  if (subjectToken.length > 0) {
    body = "grant_type=" + formEncode("urn:ietf:params:oauth:grant-type:token-exchange") +
      "&subject_token=" + formEncode(subjectToken) +
      "&subject_token_type=" + formEncode("urn:ietf:params:oauth:token-type:access_token");
  } else {
    body = "grant_type=client_credentials";
  }
  if (scopes.length > 0) body += "&scope=" + formEncode(scopes);
  if (scheme.audience.length > 0) body += "&audience=" + formEncode(scheme.audience);
  if (scheme.resource.length > 0) body += "&resource=" + formEncode(scheme.resource);
  const c = splitClient(credential);
  if (scheme.tokenEndpointAuthMethod == "client_secret_post") {
    body += "&client_id=" + formEncode(c[0]) + "&client_secret=" + formEncode(c[1]);
  } else {
    // RFC 6749 §2.3.1: form-encode id and secret, then Basic.
    r.authorization = "Basic " + base64Utf8(formEncode(c[0]) + ":" + formEncode(c[1]));
  }
  r.body = body;
  return r;
}

/** Parsed token response. */
export class TokenResponse {
  ok: bool = false;
  error: string = "";
  accessToken: string = "";
  /** lifetime in seconds (0 when the server gave none, -1 when it gave 0 or less: use once, do not cache) */
  expiresIn: i64 = 0;
}

/** Parse a token endpoint response (status + JSON body). Never traps; error texts never contain the token. */
export function parseTokenResponse(status: i32, body: string): TokenResponse {
  const r = new TokenResponse();
  if (status < 200 || status >= 300) {
    // Envoy delivers a timeout (504) or connection failure (503) of proxy_http_call as the router's local
    // reply, a response; only a reset arrives without headers (status 0).
    if (status == 0) r.error = "token endpoint did not answer (connection reset)";
    else if (status == 504) r.error = "token endpoint did not answer in time (HTTP 504; see tokenTimeoutMs)";
    else if (status == 503) r.error = "token endpoint unreachable or unavailable (HTTP 503)";
    else r.error = "token endpoint returned HTTP " + status.toString();
    return r;
  }
  const v = parseJson(body);
  if (v === null) {
    r.error = "token endpoint returned invalid JSON";
    return r;
  }
  if (v.kind != J_OBJECT) {
    r.error = "token endpoint returned a non-object";
    return r;
  }
  const at = v.get("access_token");
  if (at === null || at.kind != J_STRING) {
    r.error = "token endpoint response has no access_token";
    return r;
  }
  const token = at.str();
  if (token.length == 0 || hasControl(token)) {
    r.error = "token endpoint returned an unusable access_token";
    return r;
  }
  const ei = v.get("expires_in");
  if (ei !== null && (ei.kind == J_NUMBER || ei.kind == J_STRING)) {
    const f = parseFloat(ei.kind == J_STRING ? ei.str() : ei.raw());
    if (f > 0 && f < 1e9) r.expiresIn = <i64>f;
    else if (f <= 0) r.expiresIn = -1; // already expired: hand it to the waiting calls, never cache it
  }
  r.accessToken = token;
  r.ok = true;
  return r;
}

function hasControl(s: string): bool {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) == 0x7f) return true;
  return false;
}

/** A cached token. */
class CachedToken {
  token: string;
  expiresAt: i64;
  constructor(token: string, expiresAt: i64) {
    this.token = token;
    this.expiresAt = expiresAt;
  }
}

const NANOS: i64 = 1000000000;

/** Bounded token cache keyed by scheme + credential + scopes (+ subject token). */
export class TokenCache {
  entries: Map<string, CachedToken> = new Map<string, CachedToken>();
  maxEntries: i32 = 1024;
  /** refresh this many seconds before expiry */
  skewSeconds: i64 = 30;
  /** lifetime assumed when the server sends no expires_in */
  defaultTtlSeconds: i64 = 300;

  /** Valid token for key at `nowNanos`, or null. */
  get(key: string, nowNanos: i64): string | null {
    if (!this.entries.has(key)) return null;
    const e = this.entries.get(key);
    if (e.expiresAt <= nowNanos) {
      this.entries.delete(key);
      return null;
    }
    return e.token;
  }

  /**
   * Store a token with its lifetime (seconds): kept until expiresIn - skewSeconds, or until half its
   * lifetime when that is shorter (tokens living 2 * skewSeconds or less), so a longer-lived token is
   * never kept for less time than a shorter-lived one; expiresIn 0 = unknown (defaultTtlSeconds), < 0 = not
   * cached. Evicts expired entries, then everything, when full.
   */
  put(key: string, token: string, expiresIn: i64, nowNanos: i64): void {
    if (expiresIn < 0) return;
    let ttl = expiresIn > 0 ? expiresIn : this.defaultTtlSeconds;
    const skew = ttl > 2 * this.skewSeconds ? this.skewSeconds : ttl / 2;
    ttl -= skew;
    if (ttl <= 0) return;
    if (this.entries.size >= this.maxEntries) this.evict(nowNanos);
    this.entries.set(key, new CachedToken(token, nowNanos + ttl * NANOS));
  }

  private evict(nowNanos: i64): void {
    const keys = this.entries.keys();
    for (let i = 0; i < keys.length; i++) {
      const k = unchecked(keys[i]);
      if (this.entries.get(k).expiresAt <= nowNanos) this.entries.delete(k);
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}

/**
 * Cache key (kept inside the VM only). The token endpoint is part of it: `_rules_` configs share the
 * broker and may define the same scheme id against different token endpoints.
 */
export function tokenCacheKey(scheme: SecurityScheme, credential: string, subjectToken: string, scopes: string): string {
  return scheme.id + "\n" + scheme.tokenCluster + "\n" + scheme.tokenUrl + "\n" + credential + "\n" + scopes + "\n" +
    scheme.audience + "\n" + scheme.resource + "\n" + subjectToken;
}
