// The reference scenarios of docs/authentication.md (Higress's backend
// authentication feature, same config keys), plus regression tests for the
// Higress bugs we must not copy.
import { PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "../../assembly/config/types";
import { BackendRequest, Header } from "../../assembly/rest/request";
import { applyAuth, forwardedClientHeaders } from "../../assembly/auth/auth";

function scheme(id: string, type: string, sch: string, inn: string, name: string, def: string): SecurityScheme {
  const s = new SecurityScheme();
  s.id = id;
  s.type = type;
  s.scheme = sch;
  s.in = inn;
  s.name = name;
  s.headerName = name.toLowerCase();
  s.defaultCredential = def;
  s.hasDefaultCredential = def.length > 0;
  return s;
}

function requirement(cfg: PluginConfig, id: string, credential: string, passthrough: bool): SecurityRequirement {
  const r = new SecurityRequirement();
  r.id = id;
  r.credential = credential;
  r.hasCredential = credential.length > 0;
  r.passthrough = passthrough;
  r.scheme = cfg.findScheme(id);
  return r;
}

/** Scenario 1's server: three reusable schemes with default credentials. */
function scenario1(): PluginConfig {
  const cfg = new PluginConfig();
  cfg.server.name = "my-secure-api-server";
  cfg.server.securitySchemes.push(scheme("backendBasicAuth", "http", "basic", "", "", "service_user:p@$$wOrd"));
  cfg.server.securitySchemes.push(scheme("backendBearerToken", "http", "bearer", "", "", "your_static_bearer_token_for_backend"));
  cfg.server.securitySchemes.push(scheme("backendApiKeyHeader", "apiKey", "", "header", "X-Internal-ApiKey", "secret_backend_api_key"));
  cfg.server.securitySchemes.push(scheme("backendApiKeyQuery", "apiKey", "", "query", "api_key", "secret_backend_api_key"));
  return cfg;
}

function toolUsing(cfg: PluginConfig, name: string, upId: string, credential: string): Tool {
  const t = new Tool();
  t.name = name;
  t.requestTemplate.url = "https://api.internal.com/data";
  t.requestTemplate.security = requirement(cfg, upId, credential, false);
  cfg.tools.push(t);
  return t;
}

function clientHeaders(auth: string): Header[] {
  const h: Header[] = [new Header(":path", "/mcp"), new Header("user-agent", "agent/1")];
  if (auth.length > 0) h.push(new Header("authorization", auth));
  return h;
}

/** Backend request as the filter builds it: forwarded client headers, then auth. */
function call(cfg: PluginConfig, tool: Tool, headers: Header[], path: string, req: BackendRequest): string {
  const fwd = forwardedClientHeaders(cfg, tool, headers);
  for (let i = 0; i < fwd.length; i++) req.headers.push(fwd[i]);
  const out = applyAuth(cfg, tool, headers, path, req);
  return out.ok ? "" : out.reason + ": " + out.error;
}

describe("scenario 1: reusable schemes with default credentials", () => {
  it("backendBasicAuth sends base64(user:pass)", () => {
    const cfg = scenario1();
    const req = new BackendRequest();
    expect(call(cfg, toolUsing(cfg, "t", "backendBasicAuth", ""), clientHeaders(""), "/mcp", req)).toBe("");
    expect(req.getHeader("authorization")).toBe("Basic c2VydmljZV91c2VyOnBAJCR3T3Jk");
  });
  it("backendBearerToken sends the static bearer token", () => {
    const cfg = scenario1();
    const req = new BackendRequest();
    expect(call(cfg, toolUsing(cfg, "t", "backendBearerToken", ""), clientHeaders(""), "/mcp", req)).toBe("");
    expect(req.getHeader("authorization")).toBe("Bearer your_static_bearer_token_for_backend");
  });
  it("backendApiKeyHeader sends X-Internal-ApiKey and no Authorization", () => {
    const cfg = scenario1();
    const req = new BackendRequest();
    expect(call(cfg, toolUsing(cfg, "t", "backendApiKeyHeader", ""), clientHeaders("Bearer client-tok-1"), "/mcp", req)).toBe("");
    expect(req.getHeader("x-internal-apikey")).toBe("secret_backend_api_key");
    expect(req.getHeader("authorization")).toBeNull();
  });
  it("an apiKey in query replaces a same-named template parameter", () => {
    const cfg = scenario1();
    const req = new BackendRequest();
    req.path = "/data";
    req.rawQuery = "api_key=from-template&page=2";
    expect(call(cfg, toolUsing(cfg, "t", "backendApiKeyQuery", ""), clientHeaders(""), "/mcp", req)).toBe("");
    expect(req.pathWithQuery()).toBe("/data?page=2&api_key=secret_backend_api_key");
  });
});

describe("scenario 2: a tool uses a scheme, optionally overriding its credential", () => {
  it("fetch-sensitive-data sends the scheme default", () => {
    const cfg = scenario1();
    const req = new BackendRequest();
    expect(call(cfg, toolUsing(cfg, "fetch-sensitive-data", "backendBearerToken", ""), clientHeaders(""), "/mcp", req)).toBe("");
    expect(req.getHeader("authorization")).toBe("Bearer your_static_bearer_token_for_backend");
  });
  it("requestTemplate.security.credential replaces the default for this tool only", () => {
    const cfg = scenario1();
    const a = toolUsing(cfg, "fetch-sensitive-data", "backendBearerToken", "override_token");
    const b = toolUsing(cfg, "other", "backendBearerToken", "");
    const ra = new BackendRequest();
    const rb = new BackendRequest();
    expect(call(cfg, a, clientHeaders(""), "/mcp", ra)).toBe("");
    expect(call(cfg, b, clientHeaders(""), "/mcp", rb)).toBe("");
    expect(ra.getHeader("authorization")).toBe("Bearer override_token");
    expect(rb.getHeader("authorization")).toBe("Bearer your_static_bearer_token_for_backend");
  });
});

/** Scenario 3's server: client bearer passed through to a backend bearer. */
function scenario3(backendCredential: string): PluginConfig {
  const cfg = new PluginConfig();
  cfg.server.name = "user-data-passthrough-server";
  cfg.server.securitySchemes.push(scheme("clientUserBearer", "http", "bearer", "", "", ""));
  cfg.server.securitySchemes.push(scheme("backendServiceBearer", "http", "bearer", "", "", "service-default-token"));
  const t = new Tool();
  t.name = "get-user-profile";
  t.security = requirement(cfg, "clientUserBearer", "", true);
  t.requestTemplate.url = "https://api.user-profiles.com/me";
  t.requestTemplate.security = requirement(cfg, "backendServiceBearer", backendCredential, false);
  cfg.tools.push(t);
  return cfg;
}

describe("scenario 3: transparent passthrough of the client's credential", () => {
  it("sends the client's token, formatted by the backend scheme", () => {
    const cfg = scenario3("");
    const req = new BackendRequest();
    expect(call(cfg, cfg.tools[0], clientHeaders("Bearer user_jwt_abc"), "/mcp", req)).toBe("");
    expect(req.getHeader("authorization")).toBe("Bearer user_jwt_abc");
    expect(req.headers.length).toBe(2); // user-agent + authorization
  });
  it("ignores requestTemplate.security.credential when passthrough is on", () => {
    const cfg = scenario3("configured-override-token");
    const req = new BackendRequest();
    expect(call(cfg, cfg.tools[0], clientHeaders("bearer user_jwt_abc"), "/mcp", req)).toBe("");
    expect(req.getHeader("authorization")).toBe("Bearer user_jwt_abc");
  });
  it("refuses when the client sends no credential, naming what is missing", () => {
    const cfg = scenario3("configured-override-token");
    const req = new BackendRequest();
    const out = applyAuth(cfg, cfg.tools[0], clientHeaders(""), "/mcp", req);
    expect(out.ok).toBe(false);
    expect(out.reason).toBe("missing_client_credential");
    expect(out.error).toBe('tool "get-user-profile" requires the client credential "clientUserBearer" (http bearer in the Authorization header); none was sent');
    expect(req.headers.length).toBe(0);
  });
  it("cross-scheme: a client bearer token becomes a backend API-key header", () => {
    const cfg = scenario3("");
    cfg.server.securitySchemes.push(scheme("backendKey", "apiKey", "", "header", "X-API-Key", ""));
    cfg.tools[0].requestTemplate.security = requirement(cfg, "backendKey", "", false);
    const req = new BackendRequest();
    expect(call(cfg, cfg.tools[0], clientHeaders("Bearer user_jwt_abc"), "/mcp", req)).toBe("");
    expect(req.getHeader("x-api-key")).toBe("user_jwt_abc");
    expect(req.getHeader("authorization")).toBeNull();
  });
});

describe("regressions: Higress bugs not copied", () => {
  it("#2375: passthrough never falls back to the service credential", () => {
    const cfg = scenario3("configured-override-token");
    const req = new BackendRequest();
    const out = applyAuth(cfg, cfg.tools[0], clientHeaders("Basic dXNlcjpwdw=="), "/mcp", req);
    expect(out.reason).toBe("wrong_client_credential");
    expect(req.getHeader("authorization")).toBeNull();
    expect(out.error.includes("dXNlcjpwdw")).toBe(false);
  });
  it("#4317: a tool-level apiKey client scheme does not leak the client Authorization", () => {
    const cfg = scenario1();
    cfg.server.securitySchemes.push(scheme("clientKey", "apiKey", "", "header", "X-Client-Key", ""));
    const t = toolUsing(cfg, "t", "backendApiKeyHeader", "");
    t.security = requirement(cfg, "clientKey", "", false);
    const h = clientHeaders("Bearer gateway-token-xyz");
    h.push(new Header("x-client-key", "client-key-123"));
    const req = new BackendRequest();
    expect(call(cfg, t, h, "/mcp", req)).toBe("");
    expect(req.getHeader("authorization")).toBeNull();
    expect(req.getHeader("x-client-key")).toBeNull();
    expect(req.getHeader("x-internal-apikey")).toBe("secret_backend_api_key");
  });
  it("an API key in the client query is never forwarded (not even via x-envoy-original-path)", () => {
    const cfg = scenario1();
    cfg.server.securitySchemes.push(scheme("clientQ", "apiKey", "", "query", "key", ""));
    const t = toolUsing(cfg, "t", "backendApiKeyHeader", "");
    t.security = requirement(cfg, "clientQ", "", true);
    const h: Header[] = [new Header(":path", "/mcp?key=client-q-key-1"), new Header("x-envoy-original-path", "/mcp?key=client-q-key-1"), new Header("referer", "/mcp?key=client-q-key-1")];
    const req = new BackendRequest();
    expect(call(cfg, t, h, "/mcp?key=client-q-key-1", req)).toBe("");
    expect(req.headers.length).toBe(1);
    expect(req.getHeader("x-internal-apikey")).toBe("client-q-key-1");
    expect(req.pathWithQuery()).toBe("/");
  });
  it("a credential that cannot be applied stops the call instead of sending it unauthenticated", () => {
    const cfg = scenario1();
    cfg.server.securitySchemes.push(scheme("noDefault", "http", "bearer", "", "", ""));
    const req = new BackendRequest();
    const out = applyAuth(cfg, toolUsing(cfg, "t", "noDefault", ""), clientHeaders("Bearer client-tok-1"), "/mcp", req);
    expect(out.ok).toBe(false);
    expect(out.reason).toBe("no_backend_credential");
    expect(out.error).toBe('tool "t": no credential is configured for the backend security scheme "noDefault" (set requestTemplate.security.credential or the scheme defaultCredential)');
  });
});
