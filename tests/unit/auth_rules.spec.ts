// Rule-by-rule tests for auth/: extraction, header forwarding, credential
// precedence, refusals, the audience guard and oauth2 hand-off.
import { PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "../../assembly/config/types";
import { BackendRequest, Header } from "../../assembly/rest/request";
import {
  EXTRACT_FOUND, EXTRACT_MISSING, EXTRACT_UNSUPPORTED, EXTRACT_WRONG_KIND, applyAuth, applyBearer,
  downstreamRequirement, extractClientCredential, forwardedClientHeaders, upstreamRequirement,
} from "../../assembly/auth/auth";
import { base64UrlUtf8 as base64UrlEncode } from "../../assembly/util/base64";

function http(id: string, sch: string, def: string): SecurityScheme {
  const s = new SecurityScheme();
  s.id = id;
  s.type = "http";
  s.scheme = sch;
  s.defaultCredential = def;
  s.hasDefaultCredential = def.length > 0;
  return s;
}

function apiKey(id: string, inn: string, name: string, def: string): SecurityScheme {
  const s = new SecurityScheme();
  s.id = id;
  s.type = "apiKey";
  s.in = inn;
  s.name = name;
  s.headerName = name.toLowerCase();
  s.defaultCredential = def;
  s.hasDefaultCredential = def.length > 0;
  return s;
}

/** Requirement by id; the scheme is left unresolved on purpose (auth/ looks it up). */
function req(id: string, credential: string, passthrough: bool): SecurityRequirement {
  const r = new SecurityRequirement();
  r.id = id;
  r.credential = credential;
  r.hasCredential = credential.length > 0;
  r.passthrough = passthrough;
  return r;
}

function config(): PluginConfig {
  const cfg = new PluginConfig();
  cfg.server.securitySchemes.push(http("cBearer", "bearer", ""));
  cfg.server.securitySchemes.push(http("cBasic", "basic", ""));
  cfg.server.securitySchemes.push(apiKey("cKey", "header", "X-Client-Key", ""));
  cfg.server.securitySchemes.push(apiKey("cQuery", "query", "key", ""));
  cfg.server.securitySchemes.push(apiKey("cCookie", "cookie", "sid", ""));
  cfg.server.securitySchemes.push(http("bBearer", "bearer", "scheme-default-1"));
  cfg.server.securitySchemes.push(http("bBasic", "basic", ""));
  cfg.server.securitySchemes.push(apiKey("bCookie", "cookie", "backend_sid", ""));
  const o = new SecurityScheme();
  o.id = "bOauth";
  o.type = "oauth2";
  o.tokenUrl = "https://idp.example.com/token";
  o.defaultCredential = "client-id-1:client-secret-1";
  cfg.server.securitySchemes.push(o);
  return cfg;
}

function tool(cfg: PluginConfig, down: SecurityRequirement | null, up: SecurityRequirement | null): Tool {
  const t = new Tool();
  t.name = "t1";
  t.security = down;
  t.requestTemplate.security = up;
  cfg.tools.push(t);
  return t;
}

function hdrs(name: string, value: string): Header[] {
  return [new Header(name, value)];
}

function names(hs: Header[]): string {
  let s = "";
  for (let i = 0; i < hs.length; i++) s += (i > 0 ? "," : "") + hs[i].name + "=" + hs[i].value;
  return s;
}

function jwt(payload: string): string {
  return base64UrlEncode('{"alg":"RS256"}') + "." + base64UrlEncode(payload) + ".sig";
}

describe("extractClientCredential", () => {
  it("bearer: case-insensitive prefix, token trimmed", () => {
    const e = extractClientCredential(http("x", "bearer", ""), hdrs("authorization", "  bEaReR   tok-123  "), "/");
    expect(e.status).toBe(EXTRACT_FOUND);
    expect(e.value).toBe("tok-123");
  });
  it("bearer: nothing, an empty value or the bare word is missing", () => {
    const s = http("x", "bearer", "");
    expect(extractClientCredential(s, [], "/").status).toBe(EXTRACT_MISSING);
    expect(extractClientCredential(s, hdrs("authorization", ""), "/").status).toBe(EXTRACT_MISSING);
    expect(extractClientCredential(s, hdrs("authorization", "Bearer"), "/").status).toBe(EXTRACT_MISSING);
    expect(extractClientCredential(s, hdrs("authorization", "Bearer   "), "/").status).toBe(EXTRACT_MISSING);
  });
  it("bearer: another auth scheme is the wrong kind", () => {
    const s = http("x", "bearer", "");
    expect(extractClientCredential(s, hdrs("authorization", "Basic dTpw"), "/").status).toBe(EXTRACT_WRONG_KIND);
    expect(extractClientCredential(s, hdrs("authorization", "Bearertok"), "/").status).toBe(EXTRACT_WRONG_KIND);
  });
  it("basic: keeps the base64 part undecoded", () => {
    const e = extractClientCredential(http("x", "basic", ""), hdrs("authorization", "basic dXNlcjpwdw=="), "/");
    expect(e.status).toBe(EXTRACT_FOUND);
    expect(e.value).toBe("dXNlcjpwdw==");
    expect(extractClientCredential(http("x", "basic", ""), hdrs("authorization", "Bearer t"), "/").status).toBe(EXTRACT_WRONG_KIND);
  });
  it("apiKey header: by the lower-cased name", () => {
    const e = extractClientCredential(apiKey("x", "header", "X-Client-Key", ""), hdrs("x-client-key", "k-1"), "/");
    expect(e.value).toBe("k-1");
  });
  it("apiKey query: form-decoded from the client :path", () => {
    const s = apiKey("x", "query", "key", "");
    const e = extractClientCredential(s, [], "/mcp?a=1&key=a%2Bb+c&key=second#frag");
    expect(e.status).toBe(EXTRACT_FOUND);
    expect(e.value).toBe("a+b c");
    expect(extractClientCredential(s, [], "/mcp?keyx=1").status).toBe(EXTRACT_MISSING);
    expect(extractClientCredential(s, [], "/mcp?key=").status).toBe(EXTRACT_MISSING);
  });
  it("apiKey cookie: across cookie headers, quotes removed", () => {
    const s = apiKey("x", "cookie", "sid", "");
    const h: Header[] = [new Header("cookie", "a=1; sidx=2"), new Header("cookie", 'b=2; sid="s-123"')];
    const e = extractClientCredential(s, h, "/");
    expect(e.status).toBe(EXTRACT_FOUND);
    expect(e.value).toBe("s-123");
  });
  it("unsupported schemes report EXTRACT_UNSUPPORTED", () => {
    expect(extractClientCredential(http("x", "digest", ""), [], "/").status).toBe(EXTRACT_UNSUPPORTED);
    expect(extractClientCredential(apiKey("x", "header", "", ""), [], "/").status).toBe(EXTRACT_UNSUPPORTED);
    expect(extractClientCredential(apiKey("x", "body", "k", ""), [], "/").status).toBe(EXTRACT_UNSUPPORTED);
  });
});

describe("requirement selection", () => {
  it("a tool requirement with an id replaces the server default; an empty id falls back", () => {
    const cfg = config();
    cfg.server.defaultDownstreamSecurity = req("cKey", "", false);
    cfg.server.defaultUpstreamSecurity = req("bBearer", "", false);
    const t = tool(cfg, req("", "", true), req("", "x", false));
    expect((downstreamRequirement(cfg, t) as SecurityRequirement).id).toBe("cKey");
    expect((upstreamRequirement(cfg, t) as SecurityRequirement).id).toBe("bBearer");
    t.security = req("cBearer", "", false);
    t.requestTemplate.security = req("bBasic", "", false);
    expect((downstreamRequirement(cfg, t) as SecurityRequirement).id).toBe("cBearer");
    expect((upstreamRequirement(cfg, t) as SecurityRequirement).id).toBe("bBasic");
    cfg.server.defaultDownstreamSecurity = null;
    t.security = null;
    expect(downstreamRequirement(cfg, t)).toBeNull();
  });
});

describe("backend credential precedence", () => {
  it("server default requirement: its credential beats the scheme default", () => {
    const cfg = config();
    cfg.server.defaultUpstreamSecurity = req("bBearer", "server-cred-1", false);
    const r = new BackendRequest();
    expect(applyAuth(cfg, tool(cfg, null, null), [], "/", r).ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Bearer server-cred-1");
  });
  it("a tool requirement naming the server default's scheme inherits its credential (our choice)", () => {
    const cfg = config();
    cfg.server.defaultUpstreamSecurity = req("bBearer", "server-cred-1", false);
    const r = new BackendRequest();
    expect(applyAuth(cfg, tool(cfg, null, req("bBearer", "", false)), [], "/", r).ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Bearer server-cred-1");
  });
  it("a tool's own credential beats everything configured", () => {
    const cfg = config();
    cfg.server.defaultUpstreamSecurity = req("bBearer", "server-cred-1", false);
    const r = new BackendRequest();
    expect(applyAuth(cfg, tool(cfg, null, req("bBearer", "tool-cred-1", false)), [], "/", r).ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Bearer tool-cred-1");
  });
  it("a server default for another scheme is not used", () => {
    const cfg = config();
    cfg.server.defaultUpstreamSecurity = req("bBasic", "u:server-pw", false);
    const r = new BackendRequest();
    expect(applyAuth(cfg, tool(cfg, null, req("bBearer", "", false)), [], "/", r).ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Bearer scheme-default-1");
  });
  it("the server default downstream requirement drives passthrough", () => {
    const cfg = config();
    cfg.server.defaultDownstreamSecurity = req("cKey", "", true);
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, null, req("bBearer", "", false)), hdrs("x-client-key", "user-key-1"), "/", r);
    expect(out.ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Bearer user-key-1");
  });
});

describe("credential formatting", () => {
  it("bearer: an existing Bearer prefix is not doubled", () => {
    const cfg = config();
    const r = new BackendRequest();
    applyAuth(cfg, tool(cfg, null, req("bBearer", "bearer  abc-123", false)), [], "/", r);
    expect(r.getHeader("authorization")).toBe("Bearer abc-123");
  });
  it("basic: user:pass is encoded, a value without ':' is used as base64, 'Basic x' as is", () => {
    const cfg = config();
    const r1 = new BackendRequest();
    const r2 = new BackendRequest();
    const r3 = new BackendRequest();
    applyAuth(cfg, tool(cfg, null, req("bBasic", "Aladdin:open sesame", false)), [], "/", r1);
    applyAuth(cfg, tool(cfg, null, req("bBasic", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==", false)), [], "/", r2);
    applyAuth(cfg, tool(cfg, null, req("bBasic", "basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", false)), [], "/", r3);
    expect(r1.getHeader("authorization")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    expect(r2.getHeader("authorization")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    expect(r3.getHeader("authorization")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  });
  it("basic passthrough: the client's base64 is used as is", () => {
    const cfg = config();
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, req("cBasic", "", true), req("bBasic", "", false)), hdrs("authorization", "Basic dXNlcjpwdw=="), "/", r);
    expect(out.ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Basic dXNlcjpwdw==");
  });
  it("cookie: replaces a same-named template cookie, keeps others", () => {
    const cfg = config();
    const r = new BackendRequest();
    r.setHeader("cookie", "backend_sid=tmpl; theme=dark");
    applyAuth(cfg, tool(cfg, null, req("bCookie", "sid-value-1", false)), [], "/", r);
    expect(r.getHeader("cookie")).toBe("theme=dark; backend_sid=sid-value-1");
  });
});

describe("refusals", () => {
  it("a configured credential with CR/LF is refused without echoing it", () => {
    const cfg = config();
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, null, req("bBearer", "abc\r\nX-Evil: 1", false)), [], "/", r);
    expect(out.reason).toBe("invalid_credential");
    expect(out.error.includes("X-Evil")).toBe(false);
    expect(r.headers.length).toBe(0);
  });
  it("a client credential decoded to control characters is refused", () => {
    const cfg = config();
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, req("cQuery", "", true), req("bBearer", "", false)), [], "/mcp?key=abc%0D%0Aevil-part", r);
    expect(out.reason).toBe("invalid_credential");
    expect(out.error.includes("evil-part")).toBe(false);
  });
  it("a cookie credential with ';' is refused (cookie injection)", () => {
    const cfg = config();
    const out = applyAuth(cfg, tool(cfg, null, req("bCookie", "v; admin=1", false)), [], "/", new BackendRequest());
    expect(out.reason).toBe("invalid_credential");
  });
  it("unknown schemes and passthrough without a backend scheme are refused", () => {
    const cfg = config();
    expect(applyAuth(cfg, tool(cfg, null, req("nope", "", false)), [], "/", new BackendRequest()).reason).toBe("unsupported_scheme");
    expect(applyAuth(cfg, tool(cfg, req("nope", "", true), req("bBearer", "", false)), [], "/", new BackendRequest()).reason).toBe("unsupported_scheme");
    const out = applyAuth(cfg, tool(cfg, req("cBearer", "", true), null), hdrs("authorization", "Bearer tok-1"), "/", new BackendRequest());
    expect(out.reason).toBe("unsupported_scheme");
    expect(out.error.includes("tok-1")).toBe(false);
  });
  it("an unknown downstream scheme without passthrough is ignored", () => {
    const cfg = config();
    const r = new BackendRequest();
    expect(applyAuth(cfg, tool(cfg, req("nope", "", false), req("bBearer", "", false)), [], "/", r).ok).toBe(true);
  });
  it("no requirement at all: ok, nothing applied", () => {
    const cfg = config();
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, null, null), hdrs("authorization", "Bearer tok-1"), "/", r);
    expect(out.ok).toBe(true);
    expect(out.scheme).toBeNull();
    expect(r.headers.length).toBe(0);
    expect(out.secrets.includes("tok-1")).toBe(true);
  });
});

describe("audience guard", () => {
  it("forwards a JWT whose aud matches a configured audience", () => {
    const cfg = config();
    const down = req("cBearer", "", true);
    down.audiences = ["https://backend.example.com", "other"];
    const token = jwt('{"aud":["x","https://backend.example.com"]}');
    const r = new BackendRequest();
    expect(applyAuth(cfg, tool(cfg, down, req("bBearer", "", false)), hdrs("authorization", "Bearer " + token), "/", r).ok).toBe(true);
    expect(r.getHeader("authorization")).toBe("Bearer " + token);
  });
  it("refuses a JWT for another audience, and a token that is not a JWT", () => {
    const cfg = config();
    const down = req("cBearer", "", true);
    down.audiences = ["https://backend.example.com"];
    const t = tool(cfg, down, req("bBearer", "", false));
    const token = jwt('{"aud":"https://mcp.example.com"}');
    const a = applyAuth(cfg, t, hdrs("authorization", "Bearer " + token), "/", new BackendRequest());
    expect(a.reason).toBe("audience_mismatch");
    expect(a.error.includes(token)).toBe(false);
    const b = applyAuth(cfg, t, hdrs("authorization", "Bearer opaque-123"), "/", new BackendRequest());
    expect(b.reason).toBe("audience_mismatch");
    const c = applyAuth(cfg, t, hdrs("authorization", "Bearer " + jwt('{"sub":"u"}')), "/", new BackendRequest());
    expect(c.reason).toBe("audience_mismatch");
  });
});

describe("oauth2 backend", () => {
  it("client credentials: needsToken with the configured client, nothing applied yet", () => {
    const cfg = config();
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, null, req("bOauth", "", false)), hdrs("authorization", "Bearer tok-1"), "/", r);
    expect(out.ok).toBe(true);
    expect(out.needsToken).toBe(true);
    expect(out.tokenCredential).toBe("client-id-1:client-secret-1");
    expect(out.subjectToken).toBe("");
    expect(r.headers.length).toBe(0);
    expect(out.secrets.includes("client-secret-1")).toBe(true);
  });
  it("token exchange: the client's token is the subject token", () => {
    const cfg = config();
    const down = req("cBearer", "", true);
    down.passthroughMode = "exchange";
    const out = applyAuth(cfg, tool(cfg, down, req("bOauth", "", false)), hdrs("authorization", "Bearer user-tok-1"), "/", new BackendRequest());
    expect(out.ok).toBe(true);
    expect(out.needsToken).toBe(true);
    expect(out.subjectToken).toBe("user-tok-1");
    expect(out.tokenCredential).toBe("client-id-1:client-secret-1");
  });
  it("token exchange still refuses when the client sent nothing", () => {
    const cfg = config();
    const down = req("cBearer", "", true);
    down.passthroughMode = "exchange";
    const out = applyAuth(cfg, tool(cfg, down, req("bOauth", "", false)), [], "/", new BackendRequest());
    expect(out.reason).toBe("missing_client_credential");
    expect(out.needsToken).toBe(false);
  });
  it("token exchange needs an oauth2 backend; an oauth2 credential must be id:secret", () => {
    const cfg = config();
    const down = req("cBearer", "", true);
    down.passthroughMode = "exchange";
    expect(applyAuth(cfg, tool(cfg, down, req("bBearer", "", false)), hdrs("authorization", "Bearer u"), "/", new BackendRequest()).reason).toBe("unsupported_scheme");
    expect(applyAuth(cfg, tool(cfg, null, req("bOauth", "no-colon", false)), [], "/", new BackendRequest()).reason).toBe("invalid_credential");
  });
  it("plain passthrough to an oauth2 backend sends the client token as Bearer", () => {
    const cfg = config();
    const r = new BackendRequest();
    const out = applyAuth(cfg, tool(cfg, req("cBearer", "", true), req("bOauth", "", false)), hdrs("authorization", "Bearer user-tok-1"), "/", r);
    expect(out.ok).toBe(true);
    expect(out.needsToken).toBe(false);
    expect(r.getHeader("authorization")).toBe("Bearer user-tok-1");
  });
  it("applyBearer sets the header and rejects control characters and empty tokens", () => {
    const r = new BackendRequest();
    r.setHeader("authorization", "Basic old");
    expect(applyBearer(r, "fetched-token")).toBe("");
    expect(r.getHeader("authorization")).toBe("Bearer fetched-token");
    expect(applyBearer(r, "Bearer x\r\ny")).not.toBe("");
    expect(applyBearer(r, "a\u0000b")).not.toBe("");
    expect(applyBearer(r, "  ")).not.toBe("");
    expect(r.getHeader("authorization")).toBe("Bearer fetched-token");
  });
});

/** A client request carrying a bit of everything. */
function client(): Header[] {
  return [
    new Header(":authority", "mcp.local"), new Header(":path", "/mcp?key=q-key-1"), new Header("host", "mcp.local"),
    new Header("user-agent", "ua"), new Header("x-request-id", "r1"), new Header("accept-language", "fr"),
    new Header("authorization", "Bearer tok-abc1"), new Header("cookie", "sid=s-1; theme=dark"),
    new Header("x-custom", "c1"), new Header("x-other", "o1"), new Header("mcp-session-id", "m1"),
    new Header("mcp-protocol-version", "2025-06-18"), new Header("content-length", "10"), new Header("x-envoy-foo", "e"),
    new Header("proxy-authorization", "p"), new Header("x-client-key", "k-123"), new Header("x-copy", "has tok-abc1 inside"),
  ];
}

describe("forwardedClientHeaders", () => {
  it("forwards only the allow-list by default", () => {
    const cfg = config();
    expect(names(forwardedClientHeaders(cfg, tool(cfg, null, null), client()))).toBe("user-agent=ua,x-request-id=r1,accept-language=fr");
  });
  it("adds server.forwardHeaders but never the never-list", () => {
    const cfg = config();
    cfg.server.forwardHeaders = ["x-custom", "mcp-session-id", "content-length", "x-envoy-foo", "proxy-authorization", ":authority", "host", "authorization"];
    expect(names(forwardedClientHeaders(cfg, tool(cfg, null, null), client()))).toBe("user-agent=ua,x-request-id=r1,accept-language=fr,x-custom=c1");
  });
  it("passthroughAuthHeader forwards Authorization when no client scheme reads it", () => {
    const cfg = config();
    cfg.server.passthroughAuthHeader = true;
    const none = names(forwardedClientHeaders(cfg, tool(cfg, null, null), client()));
    expect(none.includes("authorization=Bearer tok-abc1")).toBe(true);
    const key = names(forwardedClientHeaders(cfg, tool(cfg, req("cKey", "", false), null), client()));
    expect(key.includes("authorization=Bearer tok-abc1")).toBe(true);
    expect(key.includes("x-client-key")).toBe(false);
  });
  it("passthroughAuthHeader never forwards Authorization read by the client scheme, even of the wrong kind", () => {
    const cfg = config();
    cfg.server.passthroughAuthHeader = true;
    expect(names(forwardedClientHeaders(cfg, tool(cfg, req("cBearer", "", false), null), client())).includes("authorization")).toBe(false);
    expect(names(forwardedClientHeaders(cfg, tool(cfg, req("cBasic", "", false), null), client())).includes("authorization")).toBe(false);
  });
  it("drops any forwarded header that contains the extracted credential", () => {
    const cfg = config();
    cfg.server.forwardHeaders = ["x-copy", "x-other"];
    const out = names(forwardedClientHeaders(cfg, tool(cfg, req("cBearer", "", true), null), client()));
    expect(out).toBe("user-agent=ua,x-request-id=r1,accept-language=fr,x-other=o1");
  });
  it("a listed cookie header loses the client's API-key cookie", () => {
    const cfg = config();
    cfg.server.forwardHeaders = ["cookie"];
    expect(names(forwardedClientHeaders(cfg, tool(cfg, null, null), client())).includes("cookie=sid=s-1; theme=dark")).toBe(true);
    expect(names(forwardedClientHeaders(cfg, tool(cfg, req("cCookie", "", false), null), client())).includes("cookie=theme=dark")).toBe(true);
    const only: Header[] = [new Header("cookie", "sid=s-1")];
    expect(forwardedClientHeaders(cfg, tool(cfg, req("cCookie", "", false), null), only).length).toBe(0);
  });
});

describe("statelessness", () => {
  it("two calls with different client credentials never share one", () => {
    const cfg = config();
    const t = tool(cfg, req("cBearer", "", true), req("bBearer", "", false));
    const r1 = new BackendRequest();
    const r2 = new BackendRequest();
    const a = applyAuth(cfg, t, hdrs("authorization", "Bearer user-one-1"), "/", r1);
    const b = applyAuth(cfg, t, [], "/", r2);
    const c = applyAuth(cfg, t, hdrs("authorization", "Bearer user-two-2"), "/", r2);
    expect(a.ok && !b.ok && c.ok).toBe(true);
    expect(r1.getHeader("authorization")).toBe("Bearer user-one-1");
    expect(r2.getHeader("authorization")).toBe("Bearer user-two-2");
    expect(c.secrets.includes("user-one-1")).toBe(false);
  });
});
