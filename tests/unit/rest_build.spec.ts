// End-to-end tests for rest/build.ts with literal-only templates (no {{ }}
// actions); rest_engine.spec.ts covers templates with actions.
import { HeaderTemplate, PluginConfig, Tool, ToolArg } from "../../assembly/config/types";
import { buildRequest, BuildResult } from "../../assembly/rest/build";
import { BackendRequest, Header } from "../../assembly/rest/request";
import { compileTemplate } from "../../assembly/template/template";
import { FixedEnv } from "./helpers/env";

function arg(name: string, type: string, position: string): ToolArg {
  const a = new ToolArg();
  a.name = name;
  a.type = type;
  a.position = position;
  return a;
}

function tool(url: string, method: string = "GET"): Tool {
  const t = new Tool();
  t.name = "t";
  t.requestTemplate.url = url;
  t.requestTemplate.method = method;
  return t;
}

function header(t: Tool, key: string, value: string): void {
  const h = new HeaderTemplate();
  h.key = key;
  h.value = value;
  h.compiled = compileTemplate(value).template;
  t.requestTemplate.headers.push(h);
}

function build(t: Tool, args: string, cfg: PluginConfig = new PluginConfig()): BuildResult {
  return buildRequest(cfg, t, args, [new Header("x-request-id", "r1"), new Header("Accept", "text/html")], new FixedEnv());
}

function headers(req: BackendRequest): string {
  let s = "";
  for (let i = 0; i < req.headers.length; i++) s += (i > 0 ? "\n" : "") + req.headers[i].name + ": " + req.headers[i].value;
  return s;
}

function err(b: BuildResult): string {
  return b.ok ? "ok" : b.reason + ":" + b.error;
}

describe("buildRequest: URL, query, headers, cookies", () => {
  it("places path, query, header and cookie arguments with escaping", () => {
    const t = tool("https://api.example.com/v1/notes/{noteId}?fmt=json#top");
    t.args.push(arg("noteId", "string", "path"));
    t.args.push(arg("q", "string", "query"));
    t.args.push(arg("X-Trace", "string", "header"));
    t.args.push(arg("session", "string", "cookie"));
    header(t, "x-api-version", "2");
    const b = build(t, '{"noteId":"n/1","q":"a b&c=d","X-Trace":"t1","session":"s;1 2","undeclared":"x"}');
    expect(err(b)).toBe("ok");
    const r = b.req;
    expect(r.method).toBe("GET");
    expect(r.scheme).toBe("https");
    expect(r.authority).toBe("api.example.com");
    expect(r.pathWithQuery()).toBe("/v1/notes/n%2F1?fmt=json&q=a+b%26c%3Dd");
    expect(headers(r)).toBe("x-request-id: r1\nx-api-version: 2\nx-trace: t1\ncookie: session=s%3B1%202\naccept: */*");
    expect(r.hasBody).toBe(false);
  });
  it("keeps the route authority for a relative URL", () => {
    const t = tool("/notes/{id}");
    t.args.push(arg("id", "integer", "path"));
    const b = build(t, '{"id":"42"}');
    expect(err(b)).toBe("ok");
    expect(b.req.authority).toBe("");
    expect(b.req.scheme).toBe("");
    expect(b.req.path).toBe("/notes/42");
  });
  it("refuses traversal through a path argument and keeps encoded dots inert", () => {
    const t = tool("/files/{name}");
    t.args.push(arg("name", "string", "path"));
    expect(err(build(t, '{"name":".."}'))).toBe('unsafe_value:argument "name": path value must not be or contain a "." or ".." segment');
    expect(build(t, '{"name":"%2e%2e"}').req.path).toBe("/files/%252e%252e");
  });
  it("sends no-position arguments as sorted query parameters with argsToUrlParam", () => {
    const t = tool("https://h/s?fixed=1");
    t.requestTemplate.argsToUrlParam = true;
    t.args.push(arg("zz", "string", ""));
    t.args.push(arg("aa", "number", ""));
    t.args.push(arg("fixed", "string", "query"));
    const b = build(t, '{"zz":"1","aa":2.5,"fixed":"2"}');
    expect(b.req.pathWithQuery()).toBe("/s?aa=2.5&fixed=2&zz=1");
  });
  it("refuses header and cookie values with CR, LF or NUL", () => {
    const t = tool("/x");
    t.args.push(arg("X-A", "string", "header"));
    t.args.push(arg("c", "string", "cookie"));
    expect(err(build(t, '{"X-A":"a\\r\\nx-admin: 1"}'))).toBe('unsafe_value:argument "X-A": value contains CR, LF or NUL');
    expect(err(build(t, '{"c":"a\\nb"}'))).toBe('unsafe_value:argument "c": value contains CR, LF or NUL');
    expect(err(build(t, '{"X-A":"a\\u0000"}'))).toBe('unsafe_value:argument "X-A": value contains CR, LF or NUL');
  });
  it("refuses header templates with CR/LF and over-long values", () => {
    const t = tool("/x");
    header(t, "x-bad", "a\r\nb");
    expect(err(build(t, ""))).toBe('unsafe_value:requestTemplate.headers "x-bad": value contains CR, LF or NUL');
    const t2 = tool("/x");
    t2.args.push(arg("X-Long", "string", "header"));
    const cfg = new PluginConfig();
    cfg.limits.maxHeaderValueBytes = 4;
    expect(err(build(t2, '{"X-Long":"12345"}', cfg))).toBe('unsafe_value:argument "X-Long": value longer than 4 bytes');
  });
  it("refuses protected header names for arguments", () => {
    const t = tool("/x");
    t.args.push(arg("Host", "string", "header"));
    expect(err(build(t, '{"Host":"evil"}'))).toBe('unsafe_value:argument "Host": not allowed as a header name');
  });
  it("keeps a tool-set Accept and replaces the client's", () => {
    const t = tool("/x");
    header(t, "accept", "application/xml");
    expect(build(t, "").req.getHeader("accept")).toBe("application/xml");
    expect(build(tool("/x"), "").req.getHeader("accept")).toBe("*/*");
  });
  it("reports invalid arguments without building", () => {
    const t = tool("/x");
    t.args.push(arg("limit", "integer", "query"));
    expect(err(build(t, '{"limit":"ten"}'))).toBe('invalid_argument:argument "limit": expected integer, got string');
  });
  it("refuses an unusable url template", () => {
    expect(err(build(tool("example.com/x"), ""))).toBe('template_error:requestTemplate.url: url must be absolute (scheme://host/...) or start with a single "/"');
  });
});

describe("buildRequest: body selection", () => {
  it("argsToJsonBody: body + no-position args as JSON", () => {
    const t = tool("/x", "POST");
    t.requestTemplate.argsToJsonBody = true;
    t.args.push(arg("name", "string", "body"));
    t.args.push(arg("n", "integer", ""));
    t.args.push(arg("q", "string", "query"));
    const b = build(t, '{"name":"a\\"b","n":3,"q":"z"}');
    expect(b.req.body).toBe('{"name":"a\\"b","n":3}');
    expect(b.req.getHeader("content-type")).toBe("application/json");
    expect(b.req.pathWithQuery()).toBe("/x?q=z");
  });
  it("argsToFormBody: sorted form", () => {
    const t = tool("/x", "POST");
    t.requestTemplate.argsToFormBody = true;
    t.args.push(arg("b", "string", ""));
    t.args.push(arg("a", "boolean", "body"));
    const b = build(t, '{"b":"x y&z","a":"true"}');
    expect(b.req.body).toBe("a=true&b=x+y%26z");
    expect(b.req.getHeader("content-type")).toBe("application/x-www-form-urlencoded");
  });
  it("position body args: JSON, or form when the tool sets a form content type", () => {
    const t = tool("/x", "POST");
    t.args.push(arg("k", "string", "body"));
    t.args.push(arg("other", "string", ""));
    const b = build(t, '{"k":"v","other":"o"}');
    expect(b.req.body).toBe('{"k":"v"}');
    expect(b.req.getHeader("content-type")).toBe("application/json");
    header(t, "content-type", "application/x-www-form-urlencoded");
    const f = build(t, '{"k":"v w","other":"o"}');
    expect(f.req.body).toBe("k=v+w");
    expect(f.req.getHeader("content-type")).toBe("application/x-www-form-urlencoded");
  });
  it("a literal body template wins and gets a JSON or text content type", () => {
    const t = tool("/x", "POST");
    t.requestTemplate.body = '{"fixed": true}';
    t.requestTemplate.hasBody = true;
    t.requestTemplate.bodyCompiled = compileTemplate(t.requestTemplate.body).template;
    t.requestTemplate.argsToJsonBody = true;
    expect(build(t, "").req.body).toBe('{"fixed": true}');
    expect(build(t, "").req.getHeader("content-type")).toBe("application/json");
    t.requestTemplate.body = "hello";
    t.requestTemplate.bodyCompiled = compileTemplate("hello").template;
    expect(build(t, "").req.getHeader("content-type")).toBe("text/plain; charset=utf-8");
  });
  it("no body: no content type, even if the client sent one", () => {
    const t = tool("/x");
    const b = buildRequest(new PluginConfig(), t, "", [new Header("content-type", "application/json")], new FixedEnv());
    expect(b.req.hasBody).toBe(false);
    expect(b.req.getHeader("content-type")).toBeNull();
  });
  it("enforces the request body limit", () => {
    const t = tool("/x", "POST");
    t.requestTemplate.argsToJsonBody = true;
    t.args.push(arg("s", "string", ""));
    const cfg = new PluginConfig();
    cfg.limits.maxRequestBodyBytes = 10;
    expect(err(build(t, '{"s":"0123456789"}', cfg))).toBe("limit:request body exceeds the limit of 10 bytes");
  });
});

describe("buildRequest: template-only tools", () => {
  it("answers from the response template without a backend call", () => {
    const t = tool("");
    t.responseTemplate.body = '{"ok": true}';
    t.responseTemplate.bodyCompiled = compileTemplate(t.responseTemplate.body).template;
    const b = build(t, "");
    expect(b.templateOnly).toBe(true);
    expect(b.resultJson).toBe('{"content":[{"type":"text","text":"{\\"ok\\": true}"}],"isError":false}');
    t.outputSchemaJson = '{"type":"object"}';
    expect(build(t, "").resultJson).toBe('{"content":[{"type":"text","text":"{\\"ok\\": true}"}],"isError":false,"structuredContent":{"ok": true}}');
  });
});
