// Unit tests for rest/body.ts: body-template escaping on hand-built chunks and argument bodies.
import { validateJSON } from "json-as/assembly/util/validateJson";
import { Tool, ToolArg } from "../../assembly/config/types";
import { validateArguments } from "../../assembly/rest/args";
import { argsFormBody, argsJsonBody, bodyMode, MODE_FORM, MODE_JSON, MODE_TEXT, renderBodyChunks } from "../../assembly/rest/body";
import { quoteJson as jsonQuote } from "../../assembly/util/jsonstring";
import { objectMembers } from "../../assembly/util/jsonscan";
import { Chunk } from "../../assembly/template/template";

function L(t: string): Chunk {
  return new Chunk(true, t, "");
}
/** action output of a string value */
function S(t: string): Chunk {
  return new Chunk(false, t, jsonQuote(t));
}
/** action output of a non-string value (number, bool, object) */
function V(json: string): Chunk {
  return new Chunk(false, json, json);
}

function render(chunks: Chunk[], mode: i32): string {
  const r = renderBodyChunks(chunks, mode);
  return r.ok ? r.body : "ERR:" + r.reason + ":" + r.error;
}

describe("JSON body template escaping", () => {
  it("escapes values inside string literals", () => {
    const out = render([L('{"name":"'), S('a"b\\c\n'), L('","n":'), V("5"), L("}")], MODE_JSON);
    expect(out).toBe('{"name":"a\\"b\\\\c\\n","n":5}');
    expect(validateJSON(out)).toBe(true);
  });
  it("a value cannot add members from inside a string", () => {
    const out = render([L('{"name":"'), S('x","admin":true,"y":"'), L('"}')], MODE_JSON);
    expect(validateJSON(out)).toBe(true);
    const ms = objectMembers(out);
    expect(ms.length).toBe(1);
    expect(ms[0].key).toBe("name");
  });
  it("a string value outside quotes becomes a JSON string, numbers stay numbers", () => {
    const out = render([L('{"n":'), S('1,"admin":true'), L(',"m":'), V("2.5"), L("}")], MODE_JSON);
    expect(out).toBe('{"n":"1,\\"admin\\":true","m":2.5}');
    expect(objectMembers(out).length).toBe(2);
  });
  it("inserts objects as JSON outside strings and as escaped text inside", () => {
    expect(render([L('{"o":'), V('{"a":1}'), L("}")], MODE_JSON)).toBe('{"o":{"a":1}}');
    expect(render([L('{"o":"'), V('{"a":1}'), L('"}')], MODE_JSON)).toBe('{"o":"{\\"a\\":1}"}');
  });
  it("tracks escaped quotes in literal text", () => {
    expect(render([L('{"k":"say \\"'), S('"'), L('\\""}')], MODE_JSON)).toBe('{"k":"say \\"\\"\\""}');
  });
  it("refuses an action right after a backslash in a string", () => {
    expect(render([L('{"k":"\\'), S('"')], MODE_JSON)).toBe("ERR:template_error:requestTemplate.body: an action directly after a backslash inside a JSON string");
  });
  it("form-encodes in form mode and inserts text in text mode", () => {
    expect(render([L("a="), S("x&y=z "), L("&b=1")], MODE_FORM)).toBe("a=x%26y%3Dz+&b=1");
    expect(render([L("Hello "), S("<w&rld>")], MODE_TEXT)).toBe("Hello <w&rld>");
  });
  it("chooses the mode from the tool content type or the literal skeleton", () => {
    expect(bodyMode([L(' {"a":'), S("x"), L("}")], "")).toBe(MODE_JSON);
    expect(bodyMode([S("x"), L("[1]")], "")).toBe(MODE_JSON);
    expect(bodyMode([L("a="), S("x")], "")).toBe(MODE_TEXT);
    expect(bodyMode([S("x")], "")).toBe(MODE_TEXT);
    expect(bodyMode([L("a="), S("x")], "application/x-www-form-urlencoded; charset=utf-8")).toBe(MODE_FORM);
    expect(bodyMode([S("x")], "application/vnd.api+json")).toBe(MODE_JSON);
    expect(bodyMode([L("{"), S("x")], "text/plain")).toBe(MODE_TEXT);
  });
});

function arg(name: string, type: string, position: string): ToolArg {
  const a = new ToolArg();
  a.name = name;
  a.type = type;
  a.position = position;
  return a;
}

describe("argument bodies", () => {
  it("builds JSON (declaration order) and form (sorted) bodies", () => {
    const t = new Tool();
    t.args.push(arg("zeta", "string", "body"));
    t.args.push(arg("alpha", "integer", ""));
    t.args.push(arg("q", "string", "query"));
    t.args.push(arg("obj", "object", "body"));
    const v = validateArguments(t, '{"zeta":"a b&c","alpha":"7","q":"x","obj":{"k":[1, 2]}}', 16).values;
    expect(argsJsonBody(v, true)).toBe('{"zeta":"a b&c","alpha":7,"obj":{"k":[1, 2]}}');
    expect(argsJsonBody(v, false)).toBe('{"zeta":"a b&c","obj":{"k":[1, 2]}}');
    expect(argsFormBody(v, true)).toBe("alpha=7&obj=%7B%22k%22%3A%5B1%2C2%5D%7D&zeta=a+b%26c");
    expect(argsFormBody(v, false)).toBe("obj=%7B%22k%22%3A%5B1%2C2%5D%7D&zeta=a+b%26c");
  });
});
