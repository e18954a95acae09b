// Unit tests for rest/response.ts (backend response -> CallToolResult), with
// literal-only templates.
import { PluginConfig, Tool } from "../../assembly/config/types";
import { excerpt, failureResult, mapResponse } from "../../assembly/rest/response";
import { scrubSecrets } from "../../assembly/rest/scrub";
import { compileTemplate, TemplateEnv } from "../../assembly/template/template";

class FixedEnv extends TemplateEnv {
  nowNanos(): i64 {
    return 0;
  }
  random32(): u32 {
    return 0;
  }
  realIP(): string {
    return "";
  }
}

function bytes(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

function map(t: Tool, status: i32, ct: string, body: string, secrets: string[] = []): string {
  return mapResponse(new PluginConfig(), t, status, ct, bytes(body), secrets, new FixedEnv());
}

function text(t: string, isError: bool): string {
  return '{"content":[{"type":"text","text":' + t + '}],"isError":' + (isError ? "true" : "false") + "}";
}

describe("mapResponse: 2xx", () => {
  it("returns the raw body as text", () => {
    expect(map(new Tool(), 200, "text/plain", "hi \"there\"\n")).toBe(text('"hi \\"there\\"\\n"', false));
    expect(map(new Tool(), 201, "application/json", '{"a":1}')).toBe(text('"{\\"a\\":1}"', false));
  });
  it("answers success for an empty body", () => {
    expect(map(new Tool(), 204, "", "")).toBe(text('"success"', false));
    const t = new Tool();
    t.responseTemplate.body = "x";
    t.responseTemplate.bodyCompiled = compileTemplate("x").template;
    expect(map(t, 200, "application/json", "  ")).toBe(text('"success"', false));
  });
  it("adds structuredContent only with an outputSchema and a JSON object body", () => {
    const t = new Tool();
    t.outputSchemaJson = '{"type":"object"}';
    expect(map(t, 200, "application/json", ' {"a": [1]} ')).toBe('{"content":[{"type":"text","text":" {\\"a\\": [1]} "}],"isError":false,"structuredContent":{"a": [1]}}');
    expect(map(t, 200, "application/json", "[1,2]")).toBe(text('"[1,2]"', false));
    expect(map(t, 200, "application/json", '{"a":')).toBe(text('"{\\"a\\":"', false));
    expect(map(new Tool(), 200, "application/json", '{"a":1}')).toBe(text('"{\\"a\\":1}"', false));
  });
  it("wraps the raw body with prependBody and appendBody", () => {
    const t = new Tool();
    t.responseTemplate.prependBody = "Result:\n";
    t.responseTemplate.appendBody = "\n-- end";
    expect(map(t, 200, "application/json", '{"a":1}')).toBe(text('"Result:\\n{\\"a\\":1}\\n-- end"', false));
  });
  it("refuses a responseTemplate over a non-JSON body", () => {
    const t = new Tool();
    t.responseTemplate.body = "{{.a}}";
    t.responseTemplate.bodyCompiled = compileTemplate("{{.a}}").template;
    expect(map(t, 200, "text/html", "<html>")).toBe(text('"response is not JSON; cannot apply responseTemplate"', true));
  });
  it("returns image content for image/* with base64 data", () => {
    const t = new Tool();
    t.outputSchemaJson = '{"type":"object"}';
    const png = new Uint8Array(4);
    png[0] = 0x89;
    png[1] = 0x50;
    png[2] = 0x4e;
    png[3] = 0x47;
    const r = mapResponse(new PluginConfig(), t, 200, "Image/PNG; charset=binary", png.buffer, [], new FixedEnv());
    expect(r).toBe('{"content":[{"type":"image","data":"iVBORw==","mimeType":"image/png"}],"isError":false}');
  });
});

describe("mapResponse: errors", () => {
  it("reports the status with a scrubbed, bounded excerpt", () => {
    expect(map(new Tool(), 404, "text/plain", "not found")).toBe(text('"backend returned HTTP 404: not found"', true));
    expect(map(new Tool(), 500, "", "")).toBe(text('"backend returned HTTP 500"', true));
    expect(map(new Tool(), 401, "application/json", '{"error":"bad key sk-123 / sk%2B1"}', ["sk-123", "sk+1"]))
      .toBe(text('"backend returned HTTP 401: {\\"error\\":\\"bad key [REDACTED] / [REDACTED]\\"}"', true));
    expect(map(new Tool(), 302, "", "moved")).toBe(text('"backend returned HTTP 302: moved"', true));
  });
  it("truncates long error bodies to 512 characters", () => {
    let long = "";
    for (let i = 0; i < 600; i++) long += "x";
    const r = map(new Tool(), 502, "", long);
    let want = "";
    for (let i = 0; i < 512; i++) want += "x";
    expect(r).toBe(text('"backend returned HTTP 502: ' + want + '..."', true));
  });
  it("redacts a secret straddling the cut", () => {
    let s = "";
    for (let i = 0; i < 508; i++) s += "y";
    s += "SECRETVALUE";
    const e = excerpt(s, ["SECRETVALUE"], 512);
    expect(e.includes("SECR")).toBe(false);
    expect(e.endsWith("...")).toBe(true);
  });
  it("uses a non-empty errorResponseTemplate output, else the default", () => {
    const t = new Tool();
    t.errorResponseTemplate = "upstream rejected the call";
    t.errorResponseCompiled = compileTemplate(t.errorResponseTemplate).template;
    expect(map(t, 400, "application/json", '{"code":7}')).toBe(text('"upstream rejected the call"', true));
    expect(map(t, 400, "text/plain", "not json")).toBe(text('"backend returned HTTP 400: not json"', true));
    const e = new Tool();
    e.errorResponseTemplate = " ";
    e.errorResponseCompiled = compileTemplate(" ").template;
    expect(map(e, 400, "application/json", '{"code":7}')).toBe(text('"backend returned HTTP 400: {\\"code\\":7}"', true));
  });
  it("builds failure results", () => {
    expect(failureResult("backend timed out")).toBe(text('"backend timed out"', true));
  });
  it("redacts raw, form- and percent-encoded secrets", () => {
    expect(scrubSecrets("a b+c|a+b%2Bc|a%20b%2Bc", ["a b+c"])).toBe("[REDACTED]|[REDACTED]|[REDACTED]");
    expect(scrubSecrets("keep", [""])).toBe("keep");
  });
});
