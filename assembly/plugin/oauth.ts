// OAuth2 token broker on the root context: answers from the cache, or fetches
// a token with proxy_http_call while the tool call waits. One fetch per cache
// key at a time (single flight): later callers with the same key wait for it.
import { SecurityScheme } from "../config/types";
import { httpCall, getHeaderPairs, getBufferBytes, log, nowNanos } from "../proxy/host";
import { Pair } from "../proxy/pairs";
import { MAP_HTTP_CALL_RESPONSE_HEADERS, BUFFER_HTTP_CALL_RESPONSE_BODY, LOG_WARN } from "../proxy/enums";
import { TokenCache, buildTokenRequest, parseTokenResponse, tokenCacheKey } from "../auth/tokens";

export const TOKEN_READY: i32 = 0;
export const TOKEN_WAIT: i32 = 1;
export const TOKEN_FAIL: i32 = 2;

/** Result of asking the broker for a token. */
export class TokenAnswer {
  status: i32 = TOKEN_FAIL;
  token: string = "";
  error: string = "";
}

/** Token cache + in-flight fetches, shared by all streams of the VM. */
export class TokenBroker {
  cache: TokenCache = new TokenCache();
  /** cache key -> stream ids waiting */
  inflight: Map<string, u32[]> = new Map<string, u32[]>();
  /** http_call token -> cache key */
  calls: Map<u32, string> = new Map<u32, string>();
  /** http_call token -> scheme id (for logs) */
  callScheme: Map<u32, string> = new Map<u32, string>();
  /** requests sent to token endpoints (for tests and metrics) */
  fetches: i32 = 0;

  /** Token for (scheme, credential, subject, scopes): cached, or wait (streamId registered), or fail. */
  request(streamId: u32, scheme: SecurityScheme, credential: string, subjectToken: string, scopes: string): TokenAnswer {
    const a = new TokenAnswer();
    const key = tokenCacheKey(scheme, credential, subjectToken, scopes);
    const cached = this.cache.get(key, nowNanos());
    if (cached !== null) {
      a.status = TOKEN_READY;
      a.token = cached;
      return a;
    }
    if (this.inflight.has(key)) {
      this.inflight.get(key).push(streamId);
      a.status = TOKEN_WAIT;
      return a;
    }
    const tr = buildTokenRequest(scheme, credential, subjectToken, scopes);
    const headers = new Array<Pair>();
    headers.push(new Pair(":method", "POST"));
    headers.push(new Pair(":path", tr.path));
    headers.push(new Pair(":authority", tr.authority));
    headers.push(new Pair("content-type", "application/x-www-form-urlencoded"));
    headers.push(new Pair("accept", "application/json"));
    if (tr.authorization.length > 0) headers.push(new Pair("authorization", tr.authorization));
    const r = httpCall(scheme.tokenCluster, headers, tr.body, scheme.tokenTimeoutMs);
    if (!r.ok) {
      a.error = "could not call the token endpoint of scheme \"" + scheme.id + "\" (cluster \"" + scheme.tokenCluster + "\")";
      return a;
    }
    this.fetches++;
    const waiting = new Array<u32>();
    waiting.push(streamId);
    this.inflight.set(key, waiting);
    this.calls.set(r.token, key);
    this.callScheme.set(r.token, scheme.id);
    a.status = TOKEN_WAIT;
    return a;
  }

  /** True when `callToken` is one of ours. */
  owns(callToken: u32): bool {
    return this.calls.has(callToken);
  }

  /** Handle a token endpoint response; returns the waiting stream ids and the outcome. */
  complete(callToken: u32, headerCount: u32, bodySize: u32): TokenCompletion {
    const c = new TokenCompletion();
    if (!this.calls.has(callToken)) return c;
    const key = this.calls.get(callToken);
    const schemeId = this.callScheme.has(callToken) ? this.callScheme.get(callToken) : "";
    this.calls.delete(callToken);
    this.callScheme.delete(callToken);
    let status = 0;
    if (headerCount > 0) {
      const pairs = getHeaderPairs(MAP_HTTP_CALL_RESPONSE_HEADERS);
      for (let i = 0; i < pairs.length; i++) {
        if (unchecked(pairs[i]).key == ":status") status = I32.parseInt(unchecked(pairs[i]).value);
      }
    }
    const body = bodySize > 0 ? String.UTF8.decode(getBufferBytes(BUFFER_HTTP_CALL_RESPONSE_BODY, 0, bodySize)) : "";
    const t = parseTokenResponse(status, body);
    if (this.inflight.has(key)) {
      c.waiters = this.inflight.get(key);
      this.inflight.delete(key);
    }
    if (t.ok) {
      this.cache.put(key, t.accessToken, t.expiresIn, nowNanos());
      c.ok = true;
      c.token = t.accessToken;
    } else {
      c.error = "could not obtain a backend token for scheme \"" + schemeId + "\": " + t.error;
      log(LOG_WARN, "[mcp-server] oauth2: " + c.error);
    }
    return c;
  }
}

/** Outcome of one token fetch and who waits for it. */
export class TokenCompletion {
  ok: bool = false;
  token: string = "";
  error: string = "";
  waiters: u32[] = [];
}
