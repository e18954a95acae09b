// END-TO-END tests of rest/ WITH TEMPLATE ACTIONS ({{ }}) rendered by the real
// template engine.
import { HeaderTemplate, PluginConfig, Tool, ToolArg } from "../../assembly/config/types";
import { buildRequest, BuildResult } from "../../assembly/rest/build";
import { objectMembers } from "../../assembly/util/jsonscan";
import { Header } from "../../assembly/rest/request";
import { mapResponse } from "../../assembly/rest/response";
import { compileTemplate, Template, TemplateEnv } from "../../assembly/template/template";

class FixedEnv extends TemplateEnv {
  nowNanos(): i64 {
    return 0;
  }
  random32(): u32 {
    return 0;
  }
  realIP(): string {
    return "192.0.2.1";
  }
}

function tpl(src: string): Template | null {
  return compileTemplate(src).template;
}

function arg(name: string, type: string, position: string): ToolArg {
  const a = new ToolArg();
  a.name = name;
  a.type = type;
  a.position = position;
  return a;
}

function cfg(): PluginConfig {
  const c = new PluginConfig();
  c.server.configJson = '{"baseUrl":"https://api.example.com/v2","token":"t0k","region":"eu"}';
  return c;
}

function build(t: Tool, args: string): BuildResult {
  return buildRequest(cfg(), t, args, new Array<Header>(), new FixedEnv());
}

function tool(url: string): Tool {
  const t = new Tool();
  t.name = "t";
  t.requestTemplate.url = url;
  t.requestTemplate.method = "POST";
  t.args.push(arg("id", "string", ""));
  t.args.push(arg("q", "string", ""));
  t.args.push(arg("n", "integer", ""));
  t.args.push(arg("sub", "string", ""));
  return t;
}

describe("[needs real template engine] URL actions", () => {
  it("takes scheme/host/base path from .config and escapes argument actions", () => {
    const b = build(tool("{{.config.baseUrl}}/users/{{.args.id}}/x?q={{.args.q}}&n={{.args.n}}"), '{"id":"../../admin","q":"a&b=c"}');
    expect(b.ok).toBe(false);
    expect(b.reason).toBe("unsafe_value");
    const ok = build(tool("{{.config.baseUrl}}/users/{{.args.id}}/x?q={{.args.q}}&n={{.args.n}}"), '{"id":"a b?c","q":"a&b=c#x","n":3}');
    expect(ok.ok).toBe(true);
    expect(ok.req.scheme).toBe("https");
    expect(ok.req.authority).toBe("api.example.com");
    expect(ok.req.pathWithQuery()).toBe("/v2/users/a%20b%3Fc/x?q=a%26b%3Dc%23x&n=3");
  });
  it("allows an argument in the host only as a DNS label", () => {
    const t = tool("https://{{.args.sub}}.example.com/x");
    expect(build(t, '{"sub":"tenant-1"}').req.authority).toBe("tenant-1.example.com");
    expect(build(t, '{"sub":"evil.com/"}').reason).toBe("unsafe_value");
    expect(build(t, '{"sub":"a@b"}').reason).toBe("unsafe_value");
  });
});

describe("[needs real template engine] body and header actions", () => {
  it("escapes JSON body values by context", () => {
    const t = tool("/x");
    t.requestTemplate.body = '{"name":"{{.args.q}}","n":{{.args.n}},"id":{{.args.id}}}';
    t.requestTemplate.hasBody = true;
    t.requestTemplate.bodyCompiled = tpl(t.requestTemplate.body);
    const b = build(t, '{"q":"x\\",\\"admin\\":true,\\"y\\":\\"","n":5,"id":"1, \\"admin\\": true"}');
    expect(b.ok).toBe(true);
    const ms = objectMembers(b.req.body);
    expect(ms.length).toBe(3);
    expect(ms[1].raw).toBe("5");
    expect(ms[2].raw).toBe('"1, \\"admin\\": true"');
    expect(b.req.getHeader("content-type")).toBe("application/json");
  });
  it("renders header templates from config and refuses CR/LF from arguments", () => {
    const t = tool("/x");
    const h = new HeaderTemplate();
    h.key = "x-token";
    h.value = "Bearer {{.config.token}} {{.args.q}}";
    h.compiled = tpl(h.value);
    t.requestTemplate.headers.push(h);
    expect(build(t, '{"q":"ok"}').req.getHeader("x-token")).toBe("Bearer t0k ok");
    expect(build(t, '{"q":"a\\r\\nx-admin: 1"}').reason).toBe("unsafe_value");
  });
});

describe("[needs real template engine] converter-style and hostile inputs", () => {
  it("a whole-body action (converter root-array body) inserts the JSON value", () => {
    const t = tool("/x");
    t.args.push(arg("items", "array", "body"));
    t.requestTemplate.body = "{{.args.items}}";
    t.requestTemplate.hasBody = true;
    t.requestTemplate.bodyCompiled = tpl(t.requestTemplate.body);
    const b = build(t, '{"items":[{"name":"a"},2]}');
    expect(b.req.body).toBe('[{"name":"a"},2]');
    expect(b.req.getHeader("content-type")).toBe("application/json");
  });
  it("toJson outside quotes yields a JSON string (documented)", () => {
    const t = tool("/x");
    t.requestTemplate.body = '{"a":{{toJson .args.n}}}';
    t.requestTemplate.hasBody = true;
    t.requestTemplate.bodyCompiled = tpl(t.requestTemplate.body);
    expect(build(t, '{"n":1}').req.body).toBe('{"a":"1"}');
  });
  it("never traps on hostile values in any position", () => {
    const t = tool("{{.config.baseUrl}}/p/{{.args.id}}/{id}?q={{.args.q}}");
    t.args[0].position = "path";
    const h = new HeaderTemplate();
    h.key = "x-h";
    h.value = "{{.args.sub}}";
    h.compiled = tpl(h.value);
    t.requestTemplate.headers.push(h);
    t.requestTemplate.body = '{"s":"{{.args.q}}","v":{{.args.q}}}';
    t.requestTemplate.hasBody = true;
    t.requestTemplate.bodyCompiled = tpl(t.requestTemplate.body);
    const hostile = ["", "..", "../", "%2e%2e", "?#&=", "\\u0000", "\\ud800", "\\udc00x", "\\r\\n", "{{.config.token}}", "}}{{", "\\\"", "é/ü 你好", "{id}"];
    let big = "";
    for (let i = 0; i < 20000; i++) big += "a/";
    hostile.push(big);
    for (let i = 0; i < hostile.length; i++) {
      const v = '"' + hostile[i] + '"';
      const b = build(t, '{"id":' + v + ',"q":' + v + ',"sub":' + v + "}");
      if (b.ok) {
        expect(b.req.authority).toBe("api.example.com");
        expect(b.req.path.startsWith("/v2/p/")).toBe(true);
        expect(objectMembers(b.req.body).length).toBe(2);
      } else expect(b.reason.length > 0).toBe(true);
    }
  });
});

describe("[needs real template engine] response templates", () => {
  it("renders responseTemplate and errorResponseTemplate over the backend JSON", () => {
    const t = new Tool();
    t.responseTemplate.body = "name={{.name}}";
    t.responseTemplate.bodyCompiled = tpl(t.responseTemplate.body);
    t.errorResponseTemplate = "failed: {{.error.message}}";
    t.errorResponseCompiled = tpl(t.errorResponseTemplate);
    const env = new FixedEnv();
    expect(mapResponse(cfg(), t, 200, "application/json", String.UTF8.encode('{"name":"Ann"}'), [], env))
      .toBe('{"content":[{"type":"text","text":"name=Ann"}],"isError":false}');
    expect(mapResponse(cfg(), t, 400, "application/json", String.UTF8.encode('{"error":{"message":"bad s3cr3t"}}'), ["s3cr3t"], env))
      .toBe('{"content":[{"type":"text","text":"failed: bad [REDACTED]"}],"isError":true}');
  });
  it("template-only tool renders over {config, args}", () => {
    const t = new Tool();
    t.args.push(arg("who", "string", ""));
    t.responseTemplate.body = "hello {{.args.who}} from {{.config.region}}";
    t.responseTemplate.bodyCompiled = tpl(t.responseTemplate.body);
    const b = build(t, '{"who":"Bob"}');
    expect(b.templateOnly).toBe(true);
    expect(b.resultJson).toBe('{"content":[{"type":"text","text":"hello Bob from eu"}],"isError":false}');
  });
});
