// The one JSON + encoding toolkit (assembly/util/) and its lone-surrogate policy on every output path:
// JSON output escapes a lone surrogate as \uXXXX; URL, query, header, form and text outputs get U+FFFD.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig, Tool } from "../../assembly/config/types";
import { buildRequest, BuildResult } from "../../assembly/rest/build";
import { FixedEnv } from "./helpers/env";
import { Cursor, jsonKind, jsonValueEnd, objectMembers } from "../../assembly/util/jsonscan";
import { decodeJsonString, jsonEscapeInner, jsonKeyEquals, jsonUnescape, quoteJson } from "../../assembly/util/jsonstring";
import { jsonEquals, minifyJson } from "../../assembly/util/jsonformat";
import { parseJson } from "../../assembly/util/jsonview";
import { B64_ANY, B64_STD, B64_URL, base64Utf8, decodeBase64 } from "../../assembly/util/base64";
import { encodeUtf8 } from "../../assembly/util/utf8";
import { stripPort } from "../../assembly/util/authority";
import { Pair, encodePairs } from "../../assembly/proxy/pairs";

/** "a", lone high surrogate, "b": what a client sends as "a\ud800b". */
const LONE = "a" + String.fromCharCode(0xd800) + "b";
const LONE_LOW = "a" + String.fromCharCode(0xdc00) + "b";

function hexBytes(b: ArrayBuffer): string {
  const u = Uint8Array.wrap(b);
  let s = "";
  for (let i = 0; i < u.length; i++) s += (u[i] < 16 ? "0" : "") + u[i].toString(16);
  return s;
}

function loadTool(toolJson: string): PluginConfig {
  const r = parseRootConfig('{"server":{"name":"s"},"tools":[' + toolJson + "]}");
  if (!r.ok) throw new Error(r.errors.length > 0 ? r.errors[0] : "config did not load");
  return r.config!.global!;
}

function call(cfg: PluginConfig, args: string): BuildResult {
  const r = buildRequest(cfg, cfg.tools[0], args, [], new FixedEnv());
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe("util/jsonstring: one quoter, one policy", () => {
  it("escapes lone surrogates as \\uXXXX and keeps pairs", () => {
    expect(quoteJson(LONE)).toBe('"a\\ud800b"');
    expect(quoteJson(LONE_LOW)).toBe('"a\\udc00b"');
    expect(quoteJson("\uD83D\uDE00")).toBe('"\uD83D\uDE00"');
    // a low surrogate before a high one is two lone surrogates
    expect(quoteJson(String.fromCharCode(0xdc00, 0xd800))).toBe('"\\udc00\\ud800"');
    expect(quoteJson(String.fromCharCode(0xd800))).toBe('"\\ud800"');
    expect(jsonEscapeInner('q"\\\n\b\f\t\r\x01')).toBe('q\\"\\\\\\n\\b\\f\\t\\r\\u0001');
    expect(jsonEscapeInner("plain")).toBe("plain");
  });
  it("round-trips through the one decoder", () => {
    expect(decodeJsonString(quoteJson(LONE))).toBe(LONE);
    expect(decodeJsonString(quoteJson(LONE_LOW))).toBe(LONE_LOW);
    expect(decodeJsonString('"\\ud83d\\ude00"')).toBe("\uD83D\uDE00");
    expect(decodeJsonString("not a literal")).toBe("not a literal");
  });
  it("decodes leniently without trapping", () => {
    expect(jsonUnescape("\\u12", 0, 4)).toBe("u12");
    expect(jsonUnescape("\\q\\", 0, 3)).toBe("q\\");
    expect(decodeJsonString('"abc')).toBe("abc");
    expect(decodeJsonString('"')).toBe("");
    expect(decodeJsonString('"\\u00e9"', 0, 100)).toBe("é");
    expect(jsonKeyEquals('"k\\u0065y"', 1, 9, "key")).toBe(true);
    expect(jsonKeyEquals('"key"', 1, 4, "key")).toBe(true);
    expect(jsonKeyEquals('"kez"', 1, 4, "key")).toBe(false);
  });
});

describe("util/jsonscan + jsonformat + jsonview", () => {
  it("finds value ends on valid and malformed text", () => {
    expect(jsonValueEnd('{"a":"}"} x', 0)).toBe(9);
    expect(jsonValueEnd('"abc', 0)).toBe(4);
    expect(jsonValueEnd("[[[", 0)).toBe(3);
    expect(jsonValueEnd("12:3", 0)).toBe(2);
    expect(jsonValueEnd("", 5)).toBe(5);
    expect(jsonKind(" true")).toBe("boolean");
  });
  it("iterates members with one cursor", () => {
    const ms = objectMembers('{"a":1, "b\\n":[2,{"c":"}"}],}');
    expect(ms.length).toBe(2);
    expect(ms[1].key).toBe("b\n");
    expect(ms[1].raw).toBe('[2,{"c":"}"}]');
    const c = new Cursor("[1,,2", 0, 5);
    let n = 0;
    while (c.next()) n++;
    expect(n).toBe(2);
    expect(objectMembers("[1]").length).toBe(0);
  });
  it("minifies, compares and views", () => {
    expect(minifyJson('{ "a" : [1, " x "] }')).toBe('{"a":[1," x "]}');
    expect(jsonEquals('{"a": 1}', '{"a":1}')).toBe(true);
    expect(jsonEquals('"\\u0041"', '"A"')).toBe(true);
    const v = parseJson('{"k":"a\\ud800b","k":2}')!;
    expect(v.keys().length).toBe(2);
    expect(v.get("k")!.raw()).toBe("2");
    expect(v.values()[0].str()).toBe(LONE);
    expect(parseJson("{")).toBeNull();
  });
});

describe("util/base64: one encoder, one decoder", () => {
  it("decodes by alphabet and strictness", () => {
    expect(decodeBase64("Zm9vYg==", B64_STD, true)!.length).toBe(4);
    expect(decodeBase64("Zm9vYg", B64_STD, true)).toBeNull(); // strict: padding required
    expect(decodeBase64("Zm9vYg", B64_STD, false)!.length).toBe(4);
    expect(decodeBase64("Zm9vYh==", B64_STD, true)).toBeNull(); // non-canonical trailing bits
    expect(decodeBase64("Zm9vYh==", B64_STD, false)!.length).toBe(4);
    expect(decodeBase64("Pz8-", B64_STD, false)).toBeNull();
    expect(decodeBase64("Pz8-", B64_URL, false)!.length).toBe(3);
    expect(decodeBase64("Pz8-Pz8/", B64_ANY, false)!.length).toBe(6);
    expect(decodeBase64("Zm9v===", B64_ANY, false)).toBeNull();
    expect(decodeBase64("Zm9vY", B64_ANY, false)).toBeNull();
    expect(decodeBase64("", B64_STD, true)!.length).toBe(0);
  });
  it("encodes a lone surrogate as the UTF-8 of U+FFFD", () => {
    expect(base64Utf8(LONE)).toBe(base64Utf8("a\uFFFDb"));
  });
});

describe("util/utf8 + util/authority", () => {
  it("writes U+FFFD for a lone surrogate, never WTF-8", () => {
    expect(hexBytes(encodeUtf8(LONE))).toBe("61efbfbd62");
    expect(hexBytes(encodeUtf8(LONE_LOW))).toBe("61efbfbd62");
    expect(hexBytes(encodeUtf8("\uD83D\uDE00"))).toBe("f09f9880");
  });
  it("strips ports", () => {
    expect(stripPort("example.com:8080")).toBe("example.com");
    expect(stripPort("[::1]:80")).toBe("[::1]");
    expect(stripPort("::1")).toBe("::1");
  });
});

describe("lone surrogates on every request path", () => {
  const ARGS = '{"q":"a\\ud800b"}';
  it("argsToJsonBody keeps the client's escape", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string"}],"requestTemplate":{"url":"https://b.test/x","method":"POST","argsToJsonBody":true}}');
    expect(call(cfg, ARGS).req.body).toBe('{"q":"a\\ud800b"}');
  });
  it("a JSON body template escapes it inside and outside a string", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string"}],"requestTemplate":{"url":"https://b.test/x","method":"POST","headers":[{"key":"Content-Type","value":"application/json"}],"body":"{\\"in\\":\\"{{.args.q}}\\",\\"out\\":{{.args.q}}}"}}');
    expect(call(cfg, ARGS).req.body).toBe('{"in":"a\\ud800b","out":"a\\ud800b"}');
  });
  it("a text body template: toJson escapes, plain text is U+FFFD once UTF-8 encoded", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string"}],"requestTemplate":{"url":"https://b.test/x","method":"POST","headers":[{"key":"Content-Type","value":"text/plain"}],"body":"j={{toJson .args.q}} r={{.args.q}}"}}');
    const body = call(cfg, ARGS).req.body;
    expect(body).toBe('j="a\\ud800b" r=' + LONE);
    expect(hexBytes(encodeUtf8(body)).endsWith("3d61efbfbd62")).toBe(true); // "=a\uFFFDb": what plugin/filter.ts sends
  });
  it("argsToUrlParam and a query action percent-encode U+FFFD", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string"}],"requestTemplate":{"url":"https://b.test/x?t={{.args.q}}","argsToUrlParam":true}}');
    expect(call(cfg, ARGS).req.pathWithQuery()).toBe("/x?t=a%EF%BF%BDb&q=a%EF%BF%BDb");
  });
  it("a path argument percent-encodes U+FFFD", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string","position":"path"}],"requestTemplate":{"url":"https://b.test/x/{q}"}}');
    expect(call(cfg, ARGS).req.pathWithQuery()).toBe("/x/a%EF%BF%BDb");
  });
  it("argsToFormBody form-encodes U+FFFD", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string"}],"requestTemplate":{"url":"https://b.test/x","method":"POST","argsToFormBody":true}}');
    expect(call(cfg, ARGS).req.body).toBe("q=a%EF%BF%BDb");
  });
  it("a header argument reaches the host map as U+FFFD", () => {
    const cfg = loadTool('{"name":"t","description":"d","args":[{"name":"q","description":"q","type":"string","position":"header"}],"requestTemplate":{"url":"https://b.test/x"}}');
    const v = call(cfg, ARGS).req.getHeader("q")!;
    expect(v).toBe(LONE); // text until the host boundary, where every header is UTF-8 encoded
    expect(hexBytes(encodePairs([new Pair("q", v)])).includes("61efbfbd62")).toBe(true);
  });
  it("tools/list echoes a configured lone surrogate escaped", () => {
    const cfg = loadTool('{"name":"t","description":"d\\ud800","requestTemplate":{"url":"https://b.test/x"}}');
    expect(cfg.toolsListJson.includes('"description":"d\\ud800"')).toBe(true);
  });
});
