// Unit tests for rest/args.ts (argument validation and coercion) and the util/ JSON helpers.
import { Tool, ToolArg } from "../../assembly/config/types";
import { argText, validateArguments } from "../../assembly/rest/args";
import { decodeJsonString, quoteJson as jsonQuote } from "../../assembly/util/jsonstring";
import { jsonEquals } from "../../assembly/util/jsonformat";
import { objectMembers } from "../../assembly/util/jsonscan";

function arg(name: string, type: string, required: bool = false, defaultJson: string = "", enumJson: string = ""): ToolArg {
  const a = new ToolArg();
  a.name = name;
  a.type = type;
  a.required = required;
  a.defaultJson = defaultJson;
  if (enumJson.length > 0) {
    a.enumJson = enumJson;
    const ms = enumJson.substring(1, enumJson.length - 1).split(",");
    for (let i = 0; i < ms.length; i++) a.enumValues.push(ms[i]);
  }
  return a;
}

function tool1(a: ToolArg): Tool {
  const t = new Tool();
  t.name = "t";
  t.args.push(a);
  return t;
}

/** Validate `{"x": <raw>}` against one arg; returns the args JSON or "ERR:<reason>:<error>". */
function check(a: ToolArg, argumentsJson: string): string {
  const r = validateArguments(tool1(a), argumentsJson, 256);
  if (!r.ok) return "ERR:" + r.reason + ":" + r.error;
  return r.objectJson();
}

class Case {
  constructor(public type: string, public input: string, public want: string) {}
}

describe("validateArguments: types and coercions", () => {
  it("accepts, coerces or refuses each type as documented", () => {
    const cases: Case[] = [
      new Case("string", '"abc"', '{"x":"abc"}'),
      new Case("", '"abc"', '{"x":"abc"}'),
      new Case("string", "12", '{"x":"12"}'),
      new Case("string", "true", '{"x":"true"}'),
      new Case("string", "{}", 'ERR:invalid_argument:argument "x": expected string, got object'),
      new Case("string", "[1]", 'ERR:invalid_argument:argument "x": expected string, got array'),
      new Case("number", "3.5", '{"x":3.5}'),
      new Case("number", '"3.5"', '{"x":3.5}'),
      new Case("number", '"-1e3"', '{"x":-1e3}'),
      new Case("number", '"abc"', 'ERR:invalid_argument:argument "x": expected number, got string'),
      new Case("number", '"NaN"', 'ERR:invalid_argument:argument "x": expected number, got string'),
      new Case("number", '" 1"', 'ERR:invalid_argument:argument "x": expected number, got string'),
      new Case("number", "true", 'ERR:invalid_argument:argument "x": expected number, got boolean'),
      new Case("integer", "42", '{"x":42}'),
      new Case("integer", "-7", '{"x":-7}'),
      new Case("integer", "1.0", '{"x":1}'),
      new Case("integer", "1e2", '{"x":100}'),
      new Case("integer", "12345678901234567890", '{"x":12345678901234567890}'),
      new Case("integer", '"42"', '{"x":42}'),
      new Case("integer", "3.9", 'ERR:invalid_argument:argument "x": expected integer, got non-integral number'),
      new Case("integer", '"4.2"', 'ERR:invalid_argument:argument "x": expected integer, got non-integral number'),
      new Case("integer", '"ten"', 'ERR:invalid_argument:argument "x": expected integer, got string'),
      new Case("integer", "false", 'ERR:invalid_argument:argument "x": expected integer, got boolean'),
      new Case("boolean", "true", '{"x":true}'),
      new Case("boolean", "false", '{"x":false}'),
      new Case("boolean", '"true"', '{"x":true}'),
      new Case("boolean", '"false"', '{"x":false}'),
      new Case("boolean", '"yes"', 'ERR:invalid_argument:argument "x": expected boolean, got string'),
      new Case("boolean", "1", 'ERR:invalid_argument:argument "x": expected boolean, got number'),
      new Case("array", "[1, 2]", '{"x":[1, 2]}'),
      new Case("array", '"[1]"', 'ERR:invalid_argument:argument "x": expected array, got string'),
      new Case("object", '{"a": 1}', '{"x":{"a": 1}}'),
      new Case("object", "[]", 'ERR:invalid_argument:argument "x": expected object, got array'),
      new Case("custom", '"anything"', '{"x":"anything"}'),
    ];
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const a = arg("x", c.type);
      expect(check(a, '{"x": ' + c.input + "}")).toBe(c.want, c.type + " " + c.input);
    }
  });
});

describe("validateArguments: presence, defaults, enum, limits", () => {
  it("refuses a missing required argument", () => {
    expect(check(arg("limit", "integer", true), "{}")).toBe('ERR:invalid_argument:argument "limit" is required');
    expect(check(arg("limit", "integer", true), "")).toBe('ERR:invalid_argument:argument "limit" is required');
  });
  it("treats an explicit null as absent", () => {
    expect(check(arg("limit", "integer", true), '{"limit":null}')).toBe('ERR:invalid_argument:argument "limit" is required');
    expect(check(arg("limit", "integer"), '{"limit":null}')).toBe("{}");
    expect(check(arg("limit", "integer", false, "10"), '{"limit":null}')).toBe('{"limit":10}');
  });
  it("applies a default only when the key is absent", () => {
    expect(check(arg("limit", "integer", true, "10"), "{}")).toBe('{"limit":10}');
    expect(check(arg("limit", "integer", false, "10"), '{"limit":3}')).toBe('{"limit":3}');
    expect(check(arg("q", "string", false, '"all"'), "")).toBe('{"q":"all"}');
  });
  it("validates a default like a value", () => {
    expect(check(arg("limit", "integer", false, '"x"'), "{}")).toBe('ERR:invalid_argument:argument "limit": default: expected integer, got string');
  });
  it("omits an absent optional argument without default", () => {
    expect(check(arg("q", "string"), '{"other":1}')).toBe("{}");
  });
  it("drops undeclared arguments", () => {
    expect(check(arg("q", "string"), '{"q":"a","admin":true,"__proto__":{}}')).toBe('{"q":"a"}');
  });
  it("uses the last of duplicate keys", () => {
    expect(check(arg("q", "string"), '{"q":"a","q":"b"}')).toBe('{"q":"b"}');
  });
  it("enforces enum by JSON value", () => {
    const a = arg("color", "string", false, "", '["red","green"]');
    expect(check(a, '{"color":"red"}')).toBe('{"color":"red"}');
    expect(check(a, '{"color":"blue"}')).toBe('ERR:invalid_argument:argument "color": value is not one of the allowed values ["red","green"]');
    const n = arg("n", "integer", false, "", "[1,2]");
    expect(check(n, '{"n":"2"}')).toBe('{"n":2}');
    expect(check(n, '{"n":2.0}')).toBe('{"n":2}');
    expect(check(n, '{"n":3}').includes("not one of the allowed values")).toBe(true);
    const u = arg("u", "string", false, "", '["\\u00e9"]');
    expect(check(u, '{"u":"é"}')).toBe('{"u":"é"}');
  });
  it("refuses invalid JSON and non-objects", () => {
    expect(check(arg("q", "string"), "{bad")).toBe("ERR:invalid_argument:arguments: invalid JSON");
    expect(check(arg("q", "string"), "[1]")).toBe("ERR:invalid_argument:arguments: expected an object, got array");
    expect(check(arg("q", "string"), '"x"')).toBe("ERR:invalid_argument:arguments: expected an object, got string");
    expect(check(arg("q", "string"), "null")).toBe("{}");
  });
  it("limits the number of arguments", () => {
    const r = validateArguments(tool1(arg("a", "string")), '{"a":"1","b":2,"c":3}', 2);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe("limit");
    expect(r.error).toBe("arguments: too many (3, limit 2)");
  });
});

describe("json helpers", () => {
  it("quotes control characters, quotes, backslashes and lone surrogates", () => {
    expect(jsonQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\u0001"');
    expect(jsonQuote("\uD83D\uDE00")).toBe('"\uD83D\uDE00"');
    expect(jsonQuote("x\uD83D")).toBe('"x\\ud83d"'); // lone surrogate: escaped, lossless (util/jsonstring.ts policy)
  });
  it("decodes escapes including surrogate pairs", () => {
    expect(decodeJsonString('"a\\n\\"\\u00e9\\ud83d\\ude00\\/"')).toBe('a\n"é\uD83D\uDE00/');
  });
  it("splits object members with nested values", () => {
    const ms = objectMembers(' { "a" : [1,{"b":"}"}] , "c":"x\\"y" } ');
    expect(ms.length).toBe(2);
    expect(ms[0].key).toBe("a");
    expect(ms[0].raw).toBe('[1,{"b":"}"}]');
    expect(ms[1].raw).toBe('"x\\"y"');
  });
  it("compares JSON values by meaning", () => {
    expect(jsonEquals("1", "1.0")).toBe(true);
    expect(jsonEquals('"1"', "1")).toBe(false);
    expect(jsonEquals('{"a": 1}', '{"a":1}')).toBe(true);
  });
  it("renders argument text for URLs and headers", () => {
    expect(argText('"a b"')).toBe("a b");
    expect(argText("3.14")).toBe("3.14");
    expect(argText("null")).toBe("null");
    expect(argText('{ "k" : "v" }')).toBe('{"k":"v"}');
  });
});
