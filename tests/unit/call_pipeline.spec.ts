// The tools/call pipeline the filter runs (call/plan.ts, call/complete.ts), driven from a parsed
// configuration: refusal, answer without backend, waiting for a token, ready, and completion with
// every secret of the call scrubbed from what the MCP client gets.
import { Header } from "../../assembly/rest/request";
import {
  CallPlan, PLAN_ANSWERED, PLAN_NEEDS_TOKEN, PLAN_READY, PLAN_REFUSED, applyToken, planCall, refuseCall, refuseToken,
} from "../../assembly/call/plan";
import { backendOutcome, completeCall, failCall } from "../../assembly/call/complete";
import { FakeEnv } from "./helpers/template";
import { globalConfig, toolNamed } from "./helpers/config";

const KEY = "svc-key-SECRET-4242";
const CLIENT = "client-token-SECRET-77";
const CONFIG = `{
  "server": {"name": "pipe", "securitySchemes": [
    {"id": "key", "type": "apiKey", "in": "header", "name": "X-Api-Key", "defaultCredential": "${KEY}"},
    {"id": "client", "type": "http", "scheme": "bearer"},
    {"id": "cc", "type": "oauth2", "tokenUrl": "http://idp/token", "tokenCluster": "idp", "scopes": ["read"],
     "defaultCredential": "app:app-secret-SECRET-99"}
  ]},
  "tools": [
    {"name": "get", "args": [{"name": "id", "type": "integer", "required": true}],
     "requestTemplate": {"url": "http://api.local/items/{{.args.id}}", "method": "GET", "security": {"id": "key"}}},
    {"name": "pass", "security": {"id": "client", "passthrough": true},
     "requestTemplate": {"url": "http://api.local/me", "security": {"id": "key"}}},
    {"name": "oauth", "requestTemplate": {"url": "http://api.local/o", "security": {"id": "cc"}}},
    {"name": "local", "responseTemplate": {"body": "hello {{.args.who}}"}, "args": [{"name": "who", "type": "string"}]},
    {"name": "bare", "requestTemplate": {"url": "http://api.local/x"}}
  ]
}`;

function headers(auth: string): Header[] {
  const h: Header[] = [new Header(":method", "POST"), new Header(":path", "/mcp"), new Header("user-agent", "ua/1")];
  if (auth.length > 0) h.push(new Header("authorization", auth));
  return h;
}

function plan(name: string, args: string, auth: string, modern: bool = false): CallPlan {
  const cfg = globalConfig(CONFIG);
  return planCall(cfg, toolNamed(cfg, name), headers(auth), "/mcp", args, modern, new FakeEnv());
}

function bytes(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

describe("planCall", () => {
  it("ready: the backend request carries the configured credential, listed as a secret", () => {
    const p = plan("get", '{"id": 7}', "");
    expect(p.kind).toBe(PLAN_READY);
    expect(p.req.method).toBe("GET");
    expect(p.req.authority).toBe("api.local");
    expect(p.req.pathWithQuery()).toBe("/items/7");
    expect(p.req.getHeader("x-api-key")).toBe(KEY);
    expect(p.req.getHeader("user-agent")).toBe("ua/1");
    expect(p.secrets.includes(KEY)).toBe(true);
    expect(p.resultJson).toBe("");
  });

  it("refused input: an invalid argument never reaches the backend", () => {
    const p = plan("get", '{"id": "seven"}', "");
    expect(p.kind).toBe(PLAN_REFUSED);
    expect(p.outcome).toBe("refused_input");
    expect(p.details).toBe("mcp.tools_call.refused_input");
    expect(p.resultJson.includes('"isError":true')).toBe(true);
    expect(p.resultJson.includes("id")).toBe(true);
    expect(p.resultJson.includes(KEY)).toBe(false);
  });

  it("refused auth: passthrough without the client's credential, no fallback to the configured one", () => {
    const p = plan("pass", "{}", "");
    expect(p.kind).toBe(PLAN_REFUSED);
    expect(p.outcome).toBe("refused_auth");
    expect(p.reason).toBe("missing_client_credential");
    expect(p.resultJson.includes('"isError":true')).toBe(true);
    expect(p.resultJson.includes(KEY)).toBe(false);
  });

  it("answered: a tool without url is answered from its responseTemplate", () => {
    const p = plan("local", '{"who": "ann"}', "");
    expect(p.kind).toBe(PLAN_ANSWERED);
    expect(p.outcome).toBe("ok");
    expect(p.details).toBe("mcp.tools_call.template");
    expect(p.resultJson.includes("hello ann")).toBe(true);
  });

  it("needs a token: oauth2 backend; the token becomes the Bearer and a secret", () => {
    const p = plan("oauth", "{}", "");
    expect(p.kind).toBe(PLAN_NEEDS_TOKEN);
    expect(p.tokenScheme!.id).toBe("cc");
    expect(p.tokenCredential).toBe("app:app-secret-SECRET-99");
    expect(p.tokenScopes).toBe("read");
    expect(p.req.getHeader("authorization")).toBeNull();
    applyToken(p, "tok-SECRET-55");
    expect(p.kind).toBe(PLAN_READY);
    expect(p.req.getHeader("authorization")).toBe("Bearer tok-SECRET-55");
    expect(p.secrets.includes("tok-SECRET-55")).toBe(true);
    expect(p.secrets.includes("app:app-secret-SECRET-99")).toBe(true);
  });

  it("needs a token: an unusable token or a failed fetch refuses", () => {
    const bad = applyToken(plan("oauth", "{}", ""), "tok\r\nx: y");
    expect(bad.kind).toBe(PLAN_REFUSED);
    expect(bad.reason).toBe("invalid_credential");
    expect(bad.req.getHeader("x")).toBeNull();
    const failed = refuseToken(plan("oauth", "{}", ""), "token endpoint returned HTTP 500");
    expect(failed.kind).toBe(PLAN_REFUSED);
    expect(failed.outcome).toBe("refused_auth");
    expect(failed.reason).toBe("token_unavailable");
    expect(failed.resultJson.includes("HTTP 500")).toBe(true);
    // only a plan that waits for a token is changed
    const ready = plan("get", '{"id": 1}', "");
    expect(applyToken(ready, "t").req.getHeader("authorization")).toBeNull();
    expect(refuseToken(ready, "e").kind).toBe(PLAN_READY);
  });

  it("modern era: local answers carry resultType and _meta", () => {
    const p = plan("get", "{}", "", true);
    expect(p.kind).toBe(PLAN_REFUSED);
    expect(p.resultJson.startsWith('{"resultType":"complete","_meta":')).toBe(true);
    expect(plan("local", "{}", "", true).resultJson.startsWith('{"resultType":"complete"')).toBe(true);
    expect(plan("local", "{}", "", false).resultJson.startsWith('{"resultType"')).toBe(false);
  });

  it("refuseCall turns any plan into an isError answer", () => {
    const p = refuseCall(plan("bare", "{}", ""), "backend_error", "internal", "could not rewrite the request");
    expect(p.kind).toBe(PLAN_REFUSED);
    expect(p.details).toBe("mcp.tools_call.backend_error");
    expect(p.resultJson.includes("could not rewrite the request")).toBe(true);
  });
});

describe("completeCall", () => {
  it("maps a 2xx body to a result", () => {
    const p = plan("bare", "{}", "");
    expect(completeCall(p, 200, "application/json", bytes('{"a":1}'))).toBe('{"content":[{"type":"text","text":"{\\"a\\":1}"}],"isError":false}');
    expect(backendOutcome(200)).toBe("ok");
    expect(backendOutcome(504)).toBe("timeout");
    expect(backendOutcome(404)).toBe("backend_error");
    expect(backendOutcome(0)).toBe("backend_error");
  });

  it("scrubs the configured credential a backend echoes, success or error", () => {
    const p = plan("get", '{"id": 7}', "");
    const ok = completeCall(p, 200, "application/json", bytes('{"echo":"x-api-key: ' + KEY + '"}'));
    expect(ok.includes(KEY)).toBe(false);
    expect(ok.includes('"isError":false')).toBe(true);
    const err = completeCall(p, 401, "text/plain", bytes("bad key " + KEY));
    expect(err.includes(KEY)).toBe(false);
    expect(err.includes("backend returned HTTP 401")).toBe(true);
  });

  it("scrubs the client's credential and an OAuth2 token", () => {
    const p = plan("oauth", "{}", "Bearer " + CLIENT);
    applyToken(p, "tok-SECRET-55");
    const r = completeCall(p, 500, "text/plain", bytes("saw Bearer tok-SECRET-55 from " + CLIENT + " via app-secret-SECRET-99"));
    expect(r.includes("tok-SECRET-55")).toBe(false);
    expect(r.includes(CLIENT)).toBe(false);
    expect(r.includes("app-secret-SECRET-99")).toBe(false);
    expect(r.includes("backend returned HTTP 500")).toBe(true);
  });

  it("modern era results and failures", () => {
    const p = plan("bare", "{}", "", true);
    expect(completeCall(p, 200, "text/plain", bytes("hi")).startsWith('{"resultType":"complete","_meta":')).toBe(true);
    const f = failCall(p, "backend response exceeds the limit of 10 bytes");
    expect(f.startsWith('{"resultType":"complete"')).toBe(true);
    expect(f.includes('"isError":true')).toBe(true);
    expect(failCall(plan("bare", "{}", ""), "x")).toBe('{"content":[{"type":"text","text":"x"}],"isError":true}');
  });
});
