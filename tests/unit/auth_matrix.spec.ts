// The backend-auth matrix: every client scheme x every backend scheme x
// passthrough on/off x what the client sends x where the backend credential is
// configured. Each case runs the filter's own call sequence (call/plan.ts:
// planCall — forwarded client headers, the tool's templates, backend auth last)
// and checks exactly what the backend would receive, the outcome, and that no
// credential leaks into the request or the refusal result.
import { HeaderTemplate, PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "../../assembly/config/types";
import { BackendRequest, Header, formEncode } from "../../assembly/rest/request";
import { base64Encode, scrubSecrets } from "../../assembly/auth/auth";
import { CallPlan, PLAN_READY, PLAN_REFUSED, planCall } from "../../assembly/call/plan";
import { FakeEnv } from "./helpers/template";

// client schemes
const C_BEARER = 0, C_BASIC = 1, C_HEADER = 2, C_QUERY = 3, C_COOKIE = 4, C_NONE = 5;
const C_NAMES = ["bearer", "basic", "apiKey-header", "apiKey-query", "apiKey-cookie", "none"];
// backend schemes
const B_BEARER = 0, B_BASIC = 1, B_HEADER = 2, B_QUERY = 3, B_COOKIE = 4;
const B_NAMES = ["bearer", "basic", "apiKey-header", "apiKey-query", "apiKey-cookie"];
// what the client sends
const S_RIGHT = 0, S_NONE = 1, S_WRONG = 2, S_EXTRA = 3;
const S_NAMES = ["right", "none", "wrong-kind", "extra"];
// where the backend credential is configured
const K_DEFAULT = 0, K_OVERRIDE = 1, K_SERVER = 2, K_NONE = 3;
const K_NAMES = ["scheme-default", "tool-override", "server-default", "none"];

const CLIENT_TOKEN = "cli-bearer-TOKEN-1111";
const CLIENT_PAIR = "alice:cli-basic-PW-2222";
const CLIENT_KEY = "cli-apikey-3333";
const WRONG_TOKEN = "cli-wrong-4444";
const EXTRA_AUTH = "extra-auth-5555";
const EXTRA_KEY = "extra-key-6666";
const DEF = "def-cred-7777";
const OVR = "ovr-cred-8888";
const SRV = "srv-cred-9999";

function clientB64(): string {
  return base64Encode(CLIENT_PAIR);
}

/** Configured credential string for backend kind b (basic ones are user:pass). */
function conf(b: i32, v: string): string {
  return b == B_BASIC ? "svc:" + v : v;
}

function clientScheme(c: i32): SecurityScheme {
  const s = new SecurityScheme();
  s.id = "client";
  if (c == C_BEARER || c == C_BASIC) {
    s.type = "http";
    s.scheme = c == C_BEARER ? "bearer" : "basic";
  } else {
    s.type = "apiKey";
    s.in = c == C_HEADER ? "header" : c == C_QUERY ? "query" : "cookie";
    s.name = c == C_HEADER ? "X-Client-Key" : c == C_QUERY ? "client_key" : "client_session";
    s.headerName = s.name.toLowerCase();
  }
  return s;
}

function backendScheme(b: i32, k: i32): SecurityScheme {
  const s = new SecurityScheme();
  s.id = "backend";
  if (b == B_BEARER || b == B_BASIC) {
    s.type = "http";
    s.scheme = b == B_BEARER ? "bearer" : "basic";
  } else {
    s.type = "apiKey";
    s.in = b == B_HEADER ? "header" : b == B_QUERY ? "query" : "cookie";
    s.name = b == B_HEADER ? "X-Backend-Key" : b == B_QUERY ? "backend_key" : "backend_session";
    s.headerName = s.name.toLowerCase();
  }
  if (k != K_NONE) {
    s.defaultCredential = conf(b, DEF);
    s.hasDefaultCredential = true;
  }
  return s;
}

function headerTemplate(key: string, value: string): HeaderTemplate {
  const h = new HeaderTemplate();
  h.key = key;
  h.value = value;
  return h;
}

function buildConfig(c: i32, b: i32, p: bool, k: i32): PluginConfig {
  const cfg = new PluginConfig();
  const bs = backendScheme(b, k);
  cfg.server.securitySchemes.push(bs);
  const tool = new Tool();
  tool.name = "matrix-tool";
  const rt = tool.requestTemplate;
  rt.url = "http://backend.local/v1/data?backend_key=template-q&x=1";
  rt.method = "GET";
  rt.headers.push(headerTemplate("x-backend-key", "template-h"));
  rt.headers.push(headerTemplate("cookie", "backend_session=template-c; lang=en"));
  if (c != C_NONE) {
    const cs = clientScheme(c);
    cfg.server.securitySchemes.push(cs);
    const down = new SecurityRequirement();
    down.id = "client";
    down.passthrough = p;
    down.scheme = cs;
    tool.security = down;
  }
  const up = new SecurityRequirement();
  up.id = "backend";
  up.scheme = bs;
  if (k == K_OVERRIDE) {
    up.credential = conf(b, OVR);
    up.hasCredential = true;
  }
  if (k == K_SERVER) {
    up.credential = conf(b, SRV);
    up.hasCredential = true;
    cfg.server.defaultUpstreamSecurity = up;
  } else {
    tool.requestTemplate.security = up;
  }
  cfg.tools.push(tool);
  return cfg;
}

class ClientRequest {
  headers: Header[] = [];
  path: string = "/mcp";
}

function clientRequest(c: i32, s: i32): ClientRequest {
  const r = new ClientRequest();
  const h = r.headers;
  h.push(new Header(":method", "POST"));
  h.push(new Header("host", "mcp.local"));
  h.push(new Header("content-type", "application/json"));
  h.push(new Header("mcp-session-id", "sess-1"));
  h.push(new Header("user-agent", "agent/1"));
  h.push(new Header("x-request-id", "rid-1"));
  if (s == S_RIGHT || s == S_EXTRA) {
    if (c == C_BEARER) h.push(new Header("authorization", "Bearer " + CLIENT_TOKEN));
    if (c == C_BASIC) h.push(new Header("authorization", "Basic " + clientB64()));
    if (c == C_HEADER) h.push(new Header("x-client-key", CLIENT_KEY));
    if (c == C_QUERY) r.path = "/mcp?client_key=" + CLIENT_KEY + "&other=1";
    if (c == C_COOKIE) h.push(new Header("cookie", "theme=dark; client_session=" + CLIENT_KEY));
  }
  if (s == S_WRONG) {
    if (c == C_BEARER) h.push(new Header("authorization", "Basic " + WRONG_TOKEN));
    else h.push(new Header("authorization", "Bearer " + WRONG_TOKEN));
  }
  if (s == S_EXTRA) {
    h.push(new Header("authorization", "Bearer " + EXTRA_AUTH));
    h.push(new Header("x-backend-key", EXTRA_KEY));
    h.push(new Header("cookie", "backend_session=" + EXTRA_KEY));
    h.push(new Header("proxy-authorization", "Basic " + EXTRA_KEY));
    h.push(new Header("x-envoy-original-path", "/mcp?backend_key=" + EXTRA_KEY));
    h.push(new Header("traceparent", "00-trace-span-01"));
    r.path += (r.path.includes("?") ? "&" : "?") + "backend_key=" + EXTRA_KEY;
  }
  h.push(new Header(":path", r.path));
  return r;
}

/** The call as the filter plans it: build from the tool's templates, then backend auth. */
function plan(cfg: PluginConfig, tool: Tool, client: ClientRequest): CallPlan {
  return planCall(cfg, tool, client.headers, client.path, "{}", false, new FakeEnv());
}

function dump(req: BackendRequest): string {
  let s = req.method + " " + req.pathWithQuery() + "\n";
  for (let i = 0; i < req.headers.length; i++) s += req.headers[i].name + ": " + req.headers[i].value + "\n";
  return s + "\n" + req.body;
}

/** A value and the forms it could take on the wire. */
function forms(v: string): string[] {
  const out = [v, base64Encode(v), formEncode(v)];
  const colon = v.indexOf(":");
  if (colon >= 0) out.push(v.substring(colon + 1));
  return out;
}

function countOf(hay: string, needle: string): i32 {
  let n = 0;
  let at = hay.indexOf(needle);
  while (at >= 0) {
    n++;
    at = hay.indexOf(needle, at + needle.length);
  }
  return n;
}

function expectedReason(c: i32, p: bool, s: i32, k: i32): string {
  const passthrough = p && c != C_NONE;
  if (passthrough) {
    if (s == S_NONE) return "missing_client_credential";
    if (s == S_WRONG) return c == C_BEARER || c == C_BASIC ? "wrong_client_credential" : "missing_client_credential";
    return "";
  }
  return k == K_NONE ? "no_backend_credential" : "";
}

function clientValue(c: i32): string {
  if (c == C_BEARER) return CLIENT_TOKEN;
  if (c == C_BASIC) return clientB64();
  return CLIENT_KEY;
}

function configuredValue(b: i32, k: i32): string {
  if (k == K_OVERRIDE) return conf(b, OVR);
  if (k == K_SERVER) return conf(b, SRV);
  return conf(b, DEF);
}

/** Runs one case; returns "" or a description of what went wrong. */
function runCase(c: i32, b: i32, p: bool, s: i32, k: i32): string {
  const cfg = buildConfig(c, b, p, k);
  const tool = cfg.tools[0];
  const client = clientRequest(c, s);
  const out = plan(cfg, tool, client);
  const ok = out.kind == PLAN_READY;
  if (!ok && out.kind != PLAN_REFUSED) return "plan kind " + out.kind.toString();
  const req = out.req;
  const wire = dump(req);
  const want = expectedReason(c, p, s, k);
  const passthrough = p && c != C_NONE;
  if (ok != (want == "")) return "ok=" + ok.toString() + " reason=" + out.reason + " want " + want;
  if (out.reason != want) return "reason " + out.reason + " want " + want;
  if (ok && out.resultJson != "") return "result on success";
  if (!ok && (out.outcome != "refused_auth" || out.details != "mcp.tools_call.refused_auth")) return "refusal outcome " + out.outcome;
  if (!ok && !out.resultJson.includes('\\"matrix-tool\\"')) return "refusal does not name the tool: " + out.resultJson;
  if (!ok && !out.resultJson.includes('"isError":true')) return "refusal is not an isError result: " + out.resultJson;
  // what the backend must carry
  const cred = ok ? (passthrough ? clientValue(c) : configuredValue(b, k)) : "";
  let wantAuth: string | null = null;
  let wantKey = "template-h";
  let wantCookie = "backend_session=template-c; lang=en";
  let wantQuery = "backend_key=template-q";
  if (ok && b == B_BEARER) wantAuth = "Bearer " + cred;
  if (ok && b == B_BASIC) wantAuth = "Basic " + (cred.includes(":") ? base64Encode(cred) : cred);
  if (ok && b == B_HEADER) wantKey = cred;
  if (ok && b == B_COOKIE) wantCookie = "lang=en; backend_session=" + cred;
  if (ok && b == B_QUERY) wantQuery = "backend_key=" + formEncode(cred);
  const auth = req.getHeader("authorization");
  if (wantAuth === null) {
    if (auth !== null) return "unexpected authorization: " + auth;
  } else if (auth === null || auth != wantAuth) {
    return "authorization " + (auth === null ? "<none>" : auth) + " want " + wantAuth;
  }
  const key = req.getHeader("x-backend-key");
  if (key === null || key != wantKey) return "x-backend-key " + (key === null ? "<none>" : key) + " want " + wantKey;
  const cookie = req.getHeader("cookie");
  if (cookie === null || cookie != wantCookie) return "cookie " + (cookie === null ? "<none>" : cookie) + " want " + wantCookie;
  const pq = req.pathWithQuery();
  if (countOf(pq, "backend_key=") != 1 || !pq.includes(wantQuery)) return "query " + pq + " want " + wantQuery;
  // forwarding: allow-listed headers only
  if (req.getHeader("user-agent") != "agent/1" || req.getHeader("x-request-id") != "rid-1") return "allow-listed header missing";
  const banned = ["mcp-session-id", "host", "content-type", "x-client-key", "proxy-authorization", "x-envoy-original-path", ":path", ":method"];
  for (let i = 0; i < banned.length; i++) {
    if (req.getHeader(banned[i]) !== null) return "forwarded " + banned[i];
  }
  if (s == S_EXTRA && req.getHeader("traceparent") != "00-trace-span-01") return "traceparent not forwarded";
  // leaks: client values only where passthrough put them, configured ones only when applied
  const clientSecrets = [CLIENT_TOKEN, CLIENT_PAIR, CLIENT_KEY, WRONG_TOKEN, EXTRA_AUTH, EXTRA_KEY];
  const configured = [conf(b, DEF), conf(b, OVR), conf(b, SRV)];
  for (let i = 0; i < clientSecrets.length; i++) {
    const f = forms(clientSecrets[i]);
    const applied = ok && passthrough && clientSecrets[i] == (c == C_BASIC ? CLIENT_PAIR : clientValue(c));
    for (let j = 0; j < f.length; j++) {
      if (!applied && wire.includes(f[j])) return "client value leaked: " + f[j];
      if (out.resultJson.includes(f[j])) return "client value in error text";
    }
  }
  for (let i = 0; i < configured.length; i++) {
    const f = forms(configured[i]);
    const applied = ok && !passthrough && configured[i] == cred;
    for (let j = 0; j < f.length; j++) {
      if (!applied && wire.includes(f[j])) return "configured value leaked: " + f[j];
      if (out.resultJson.includes(f[j])) return "configured value in error text";
    }
  }
  // secrets: the applied credential and the client's value are listed, and scrubbing removes them
  if (ok && !out.secrets.includes(cred)) return "applied credential not in secrets";
  if ((s == S_RIGHT || s == S_EXTRA) && c != C_NONE && !out.secrets.includes(clientValue(c))) return "client value not in secrets";
  if (ok && scrubSecrets(wire, out.secrets).includes(cred)) return "scrub left the credential";
  if (out.tokenScheme !== null || out.tokenCredential != "" || out.subjectToken != "") return "oauth2 fields set";
  return "";
}

/** Run every case for one client scheme; returns the failures, one a line. */
function runFor(c: i32): string {
  let failures = "";
  let n = 0;
  for (let b = 0; b < 5; b++) {
    for (let pi = 0; pi < 2; pi++) {
      for (let s = 0; s < 4; s++) {
        for (let k = 0; k < 4; k++) {
          const r = runCase(c, b, pi == 1, s, k);
          n++;
          if (r != "") {
            failures += "client=" + C_NAMES[c] + " backend=" + B_NAMES[b] + " passthrough=" + (pi == 1 ? "on" : "off");
            failures += " sends=" + S_NAMES[s] + " cred=" + K_NAMES[k] + ": " + r + "\n";
          }
        }
      }
    }
  }
  return n == 160 ? failures : "ran " + n.toString() + " cases\n" + failures;
}

describe("backend auth matrix (160 cases per client scheme)", () => {
  it("client bearer", () => {
    expect(runFor(C_BEARER)).toBe("");
  });
  it("client basic", () => {
    expect(runFor(C_BASIC)).toBe("");
  });
  it("client api key in a header", () => {
    expect(runFor(C_HEADER)).toBe("");
  });
  it("client api key in the query", () => {
    expect(runFor(C_QUERY)).toBe("");
  });
  it("client api key in a cookie", () => {
    expect(runFor(C_COOKIE)).toBe("");
  });
  it("no client scheme", () => {
    expect(runFor(C_NONE)).toBe("");
  });
  it("expectations: passthrough refuses without fallback; otherwise a missing backend credential refuses", () => {
    expect(expectedReason(C_BEARER, true, S_NONE, K_DEFAULT)).toBe("missing_client_credential");
    expect(expectedReason(C_BASIC, true, S_WRONG, K_OVERRIDE)).toBe("wrong_client_credential");
    expect(expectedReason(C_QUERY, true, S_WRONG, K_SERVER)).toBe("missing_client_credential");
    expect(expectedReason(C_BEARER, true, S_RIGHT, K_NONE)).toBe("");
    expect(expectedReason(C_NONE, true, S_RIGHT, K_NONE)).toBe("no_backend_credential");
    expect(runCase(C_BEARER, B_BEARER, true, S_NONE, K_DEFAULT)).toBe("");
  });
});
