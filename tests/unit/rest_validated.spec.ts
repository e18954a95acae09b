// Issue 19, tools/call with large bodies: the arguments dispatch accepted are planned without a second
// validation (validateArgumentsNode / buildRequestNode) and the JSON argument body is built as UTF-8
// from the client's bytes (rest/textout.ts). Every case is checked against the text path, which
// stays the reference: same values, same errors, same request, byte for byte.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig, Tool, ToolArg } from "../../assembly/config/types";
import { ArgsResult, validateArguments, validateArgumentsNode } from "../../assembly/rest/args";
import { argsJsonBody, argsJsonBodyUtf8 } from "../../assembly/rest/body";
import { buildRequest, buildRequestNode, BuildResult } from "../../assembly/rest/build";
import { Header } from "../../assembly/rest/request";
import { FixedStr, Utf8Out, Utf8Source, utf8LenRange } from "../../assembly/rest/textout";
import { exceedsDepth } from "../../assembly/mcp/depth";
import { forgetValueEnds, jsonStringEnd, jsonValueEnd, notedValueEnds, noteValueEnds } from "../../assembly/util/jsonscan";
import { JNode, parseJson } from "../../assembly/util/jsonview";
import { encodeUtf8, isValidUtf8 } from "../../assembly/util/utf8";
import { decodeValidUtf8 } from "../../assembly/util/utf8decode";
import { FixedEnv } from "./helpers/env";
import { compileTemplate } from "../../assembly/template/template";
import { literalChunks } from "../../assembly/rest/url";
import { readsOnlyConfigPath as isConfigPath } from "../../assembly/rest/data";
import { formEncode } from "../../assembly/rest/form";
import { isProtectedHeader, lowerName, normalizeLiteral, percentEncode } from "../../assembly/rest/encode";

/** The pre-SWAR scanners, one code unit at a time: the reference. */
function refStringEnd(s: string, i: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  let j = i + 1;
  while (j < end) {
    const c = s.charCodeAt(j);
    if (c == 0x5c) j += 2;
    else if (c == 0x22) return j + 1;
    else j++;
  }
  return end;
}

function refDepth(text: string, max: i32): bool {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c == 0x5c) i++;
      else if (c == 0x22) inString = false;
      continue;
    }
    if (c == 0x22) inString = true;
    else if (c == 0x7b || c == 0x5b) {
      depth++;
      if (depth > max) return true;
    } else if (c == 0x7d || c == 0x5d) {
      if (depth > 0) depth--;
    }
  }
  return false;
}

const ALPHABET: i32[] = [0x61, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0xe9, 0xd800, 0xdc00, 0x22a2, 0x5c22];

/** Every string over ALPHABET of length n (index k in base ALPHABET.length). */
function word(k: i32, n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    s += String.fromCharCode(ALPHABET[k % ALPHABET.length]);
    k = k / ALPHABET.length;
  }
  return s;
}

function sameBytes(a: ArrayBuffer, b: ArrayBuffer): bool {
  if (a.byteLength != b.byteLength) return false;
  return memory.compare(changetype<usize>(a), changetype<usize>(b), <usize>a.byteLength) == 0;
}

describe("SWAR string skipping (jsonscan, mcp/depth)", () => {
  it("jsonStringEnd equals the one-unit-at-a-time scan on every short string, at every end", () => {
    let checked = 0;
    let wrong = "";
    for (let n = 0; n <= 4; n++) {
      let count = 1;
      for (let i = 0; i < n; i++) count *= ALPHABET.length;
      for (let k = 0; k < count; k++) {
        const s = "\"" + word(k, n) + "x\"yz";
        for (let end = 0; end <= s.length + 1; end++) {
          if (jsonStringEnd(s, 0, end) != refStringEnd(s, 0, end) && wrong.length == 0) wrong = s + " end " + end.toString();
          checked++;
        }
      }
    }
    expect(wrong).toBe("");
    expect(checked).toBeGreaterThan(100000);
  });
  it("finds the first quote or backslash in every lane of a long run", () => {
    for (let pos = 0; pos < 40; pos++) {
      const plain = "\"" + "a".repeat(pos) + "\"" + "b".repeat(40);
      expect(jsonStringEnd(plain, 0)).toBe(pos + 2);
      const esc = "\"" + "a".repeat(pos) + "\\\"" + "c\"" + "b".repeat(40);
      expect(jsonStringEnd(esc, 0)).toBe(pos + 5);
      const unterminated = "\"" + "a".repeat(pos) + "\\";
      expect(jsonStringEnd(unterminated, 0)).toBe(unterminated.length);
      // 0x0022 and 0x005c only: 0x2222, 0x5c5c and 0x225c are plain characters
      const lookalike = "\"" + (String.fromCharCode(0x2222) + String.fromCharCode(0x5c5c) + String.fromCharCode(0x225c) + String.fromCharCode(0x0122)).repeat(pos) + "\"";
      expect(jsonStringEnd(lookalike, 0)).toBe(lookalike.length);
    }
  });
  it("jsonValueEnd and exceedsDepth equal the reference on nested and escape-heavy text", () => {
    const texts: string[] = [
      "{\"a\":[1,{\"b\":\"}\\\"]\"}],\"c\":\"\\\\\"}",
      "[\"" + "\\\"".repeat(300) + "\",[[[]]]]",
      "{\"k\":\"" + "\\n\\u0000".repeat(500) + "\"}",
      "[" + "\"x\",".repeat(200) + "\"unterminated",
      "{\"emoji\":\"😀é\\ud800\",\"deep\":[[[[[[1]]]]]]}",
    ];
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      for (let max = 0; max < 8; max++) expect(exceedsDepth(t, max)).toBe(refDepth(t, max), t);
    }
    expect(jsonValueEnd(texts[0], 0)).toBe(texts[0].length);
    expect(jsonValueEnd(texts[1], 0)).toBe(texts[1].length);
    expect(jsonValueEnd(texts[3], 0)).toBe(texts[3].length);
    expect(jsonValueEnd(texts[4], 0)).toBe(texts[4].length);
    let wrong = "";
    for (let n = 0; n <= 4; n++) {
      let count = 1;
      for (let i = 0; i < n; i++) count *= ALPHABET.length;
      for (let k = 0; k < count; k++) {
        const s = "[\"" + word(k, n) + "\"," + word(count - 1 - k, n) + "]";
        for (let max = 1; max <= 2; max++) if (exceedsDepth(s, max) != refDepth(s, max) && wrong.length == 0) wrong = s;
      }
    }
    expect(wrong).toBe("");
  });
});

describe("exact-size output (rest/textout)", () => {
  it("utf8LenRange counts as String.UTF8.encode with REPLACE writes, lone surrogates included", () => {
    const s = "ab😀é\ud800x\udc00€" + "a".repeat(9) + "\ud83d";
    for (let a = 0; a <= s.length; a++) {
      for (let b = a; b <= s.length; b++) {
        expect(utf8LenRange(s, a, b)).toBe(encodeUtf8(s.substring(a, b)).byteLength);
      }
    }
    expect(utf8LenRange(s, -5, 999)).toBe(encodeUtf8(s).byteLength);
    expect(utf8LenRange("", 0, 0)).toBe(0);
  });
  it("Utf8Out writes what it measured; FixedStr fills its length and clamps", () => {
    const o = new Utf8Out();
    const src = encodeUtf8("héllo");
    for (let pass = 0; pass < 2; pass++) {
      o.append("{\"x\":");
      o.appendRange("a\ud800b😀c", 1, 5);
      o.copyBytes(src, 1, 4);
      o.copyBytes(src, -3, 99);
      o.append("}");
      if (pass == 0) o.start();
    }
    expect(sameBytes(o.done(), encodeUtf8("{\"x\":\ud800b😀" + "él" + "héllo}"))).toBe(true);
    const f = new FixedStr(6);
    f.append("ab");
    f.appendRange("xyz", 1, 99);
    f.appendCode(0x21);
    f.append("too long");
    expect(f.done()).toBe("abyz!t");
    const short = new FixedStr(10);
    short.append("abc");
    expect(short.done()).toBe("abc");
    expect(new FixedStr(-1).done()).toBe("");
  });
});

function arg(name: string, type: string, position: string = "", extra: string = ""): ToolArg {
  const a = new ToolArg();
  a.name = name;
  a.type = type;
  a.position = position;
  if (extra == "required") a.required = true;
  else if (extra.startsWith("default:")) a.defaultJson = extra.substring(8);
  else if (extra.startsWith("enum:")) {
    a.enumJson = extra.substring(5);
    const ms = a.enumJson.substring(1, a.enumJson.length - 1).split(",");
    for (let i = 0; i < ms.length; i++) a.enumValues.push(ms[i]);
  } else if (extra.startsWith("anyOf:")) {
    const ts = extra.substring(6).split("|");
    for (let i = 0; i < ts.length; i++) a.anyOfTypes.push(ts[i]);
  }
  return a;
}

function toolOf(args: ToolArg[]): Tool {
  const t = new Tool();
  t.name = "t";
  for (let i = 0; i < args.length; i++) t.args.push(args[i]);
  return t;
}

/** params.arguments of a JSON-RPC body wrapping `argumentsJson`, as dispatch hands it over. */
function argsNode(body: string): JNode | null {
  const root = parseJson(body);
  if (root === null) return null;
  const p = root.get("params");
  return p === null ? null : p.get("arguments");
}

function wrap(argumentsJson: string): string {
  return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":" + argumentsJson + "}}";
}

function summary(r: ArgsResult): string {
  return r.ok ? "OK " + r.objectJson() : "ERR " + r.reason + " " + r.error;
}

describe("validateArgumentsNode answers as validateArguments", () => {
  it("same values, coercions, defaults and errors", () => {
    const tools: Tool[] = [
      toolOf([arg("s", "string"), arg("n", "number"), arg("i", "integer"), arg("b", "boolean"), arg("o", "object"), arg("a", "array")]),
      toolOf([arg("x", "", "", "required"), arg("d", "integer", "", "default:7"), arg("e", "string", "", "enum:[\"p\",\"q\"]")]),
      toolOf([arg("u", "anyOf", "", "anyOf:integer|string"), arg("w", "weird"), arg("v", "string", "", "default:\"dv\"")]),
    ];
    const inputs: string[] = [
      "{}",
      "{\"s\":\"x\",\"n\":1.5,\"i\":\"42\",\"b\":\"true\",\"o\":{\"k\":[1,2]},\"a\":[ 1 , 2 ]}",
      "{\"s\":5,\"n\":\"2e3\",\"i\":-0,\"b\":true,\"o\":[],\"a\":{}}",
      "{\"s\":null,\"i\":1e2,\"n\":\"x\"}",
      "{\"x\":\"é😀\",\"d\":null,\"e\":\"q\",\"x\":\"last\"}",
      "{\"x\":1,\"e\":\"r\"}",
      "{\"d\":3}",
      "{\"u\":\"5\",\"w\":{\"any\":\"thing\"},\"v\":\"\\ud800\"}",
      "{\"u\":2.0,\"w\":null}",
      "{\"u\":[1]}",
      "{\"i\":1.5}",
      "{\"s\":true,\"b\":\"yes\"}",
    ];
    for (let t = 0; t < tools.length; t++) {
      for (let i = 0; i < inputs.length; i++) {
        const want = summary(validateArguments(tools[t], inputs[i], 256));
        const got = summary(validateArgumentsNode(tools[t], argsNode(wrap(inputs[i])), 256, null));
        expect(got).toBe(want, inputs[i]);
      }
      expect(summary(validateArgumentsNode(tools[t], null, 256, null))).toBe(summary(validateArguments(tools[t], "", 256)));
    }
  });
  it("a node that is not an object, or over the limit, gets the text path's answer", () => {
    const t = toolOf([arg("s", "string")]);
    expect(summary(validateArgumentsNode(t, parseJson("[1]"), 256, null))).toBe(summary(validateArguments(t, "[1]", 256)));
    const many = "{\"a\":1,\"b\":2,\"s\":\"x\"}";
    expect(summary(validateArgumentsNode(t, parseJson(many), 2, null))).toBe(summary(validateArguments(t, many, 2)));
    expect(validateArgumentsNode(t, parseJson(many), 2, null).reason).toBe("limit");
  });
  it("keeps values unchanged as slices of the body (no copy until raw is read)", () => {
    const body = wrap("{\"o\":{\"k\":\"v\"},\"s\":\"text\"}");
    const node = argsNode(body);
    const r = validateArgumentsNode(toolOf([arg("o", "object"), arg("s", "string")]), node, 256, new Utf8Source(body, encodeUtf8(body)));
    expect(r.source).not.toBeNull();
    expect(changetype<usize>(r.values[0].src)).toBe(changetype<usize>(body));
    expect(r.values[0].raw).toBe("{\"k\":\"v\"}");
    expect(r.values[1].raw).toBe("\"text\"");
  });
});

describe("argsJsonBodyUtf8 equals encodeUtf8(argsJsonBody)", () => {
  it("small and large values, multi-byte text before, inside and after, lone surrogate escapes", () => {
    const big = "{\"items\":[" + "{\"n\":\"é😀 \\\"q\\\" \\ud800\",\"v\":[1,2,3]},".repeat(200) + "{}]}";
    const cases: string[] = [
      "{\"data\":" + big + ",\"tail\":\"€€€\"}",
      "{\"pre\":\"😀😀\",\"data\":" + big + "}",
      "{\"data\":{\"small\":\"é\"},\"tail\":\"x\"}",
      "{\"data\":" + big + ",\"other\":" + big + ",\"tail\":\"€\"}",
    ];
    const t = toolOf([arg("pre", "string", "body"), arg("data", "object", "body"), arg("other", "object"), arg("tail", "string", "body")]);
    for (let i = 0; i < cases.length; i++) {
      const body = "{\"jsonrpc\":\"2.0\",\"id\":\"é\",\"method\":\"tools/call\",\"params\":{\"name\":\"t😀\",\"arguments\":" + cases[i] + "}}";
      const src = new Utf8Source(body, encodeUtf8(body));
      const r = validateArgumentsNode(t, argsNode(body), 256, src);
      expect(r.ok).toBe(true, r.error);
      for (let w = 0; w < 2; w++) {
        const want = encodeUtf8(argsJsonBody(r.values, w == 1));
        expect(sameBytes(argsJsonBodyUtf8(r.values, w == 1, src), want)).toBe(true, cases[i]);
      }
    }
  });
});

function config(url: string, rt: string, args: string): PluginConfig {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\",\"config\":{\"base\":\"http://b\"}},\"tools\":[{\"name\":\"t\",\"args\":" + args +
    ",\"requestTemplate\":{\"url\":\"" + url + "\",\"method\":\"POST\"" + rt + "}}]}");
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}

function requestText(b: BuildResult): string {
  if (!b.ok) return "ERR " + b.reason + " " + b.error;
  const q = b.req;
  let s = q.method + " " + q.scheme + "://" + q.authority + q.path + "?" + q.rawQuery + "\n";
  for (let i = 0; i < q.query.length; i++) s += q.query[i].name + "=" + q.query[i].value + "&";
  for (let i = 0; i < q.headers.length; i++) s += "\n" + q.headers[i].name + ": " + q.headers[i].value;
  return s + "\n\n" + (q.hasBody ? q.bodyText() : "<no body>") + (b.templateOnly ? " result " + b.resultJson : "");
}

describe("buildRequestNode builds the request buildRequest builds", () => {
  it("JSON bodies, form bodies, templates, query/header args, limits", () => {
    const ARGS = "[{\"name\":\"id\",\"type\":\"string\",\"position\":\"path\"},{\"name\":\"q\",\"type\":\"integer\",\"position\":\"query\"}," +
      "{\"name\":\"h\",\"type\":\"string\",\"position\":\"header\"},{\"name\":\"data\",\"type\":\"object\",\"position\":\"body\"}," +
      "{\"name\":\"note\",\"type\":\"string\"}]";
    const cfgs: PluginConfig[] = [
      config("{{.config.base}}/u/{id}", ",\"argsToJsonBody\":true", ARGS),
      config("{{.config.base}}/u/{id}", "", ARGS),
      config("{{.config.base}}/u/{id}", ",\"argsToFormBody\":true", ARGS),
      config("{{.config.base}}/u/{id}", ",\"body\":\"{\\\"d\\\":{{toJson .args.data}},\\\"n\\\":\\\"{{.args.note}}\\\"}\"", ARGS),
      config("{{.config.base}}/u/{id}", ",\"headers\":[{\"key\":\"content-type\",\"value\":\"application/x-www-form-urlencoded\"}]", ARGS),
    ];
    const bigData = "{\"rows\":[" + "\"é😀 row\",".repeat(300) + "\"end\"]}";
    const inputs: string[] = [
      "{\"id\":\"a b\",\"q\":\"7\",\"h\":\"hv\",\"data\":{\"x\":[1,\"é\"]},\"note\":\"n\"}",
      "{\"id\":\"x\",\"data\":" + bigData + ",\"note\":\"😀\"}",
      "{\"id\":\"x\",\"q\":1.5}",
      "{\"id\":\"x\",\"h\":\"bad\\r\\nvalue\"}",
      "{\"id\":\"x\",\"data\":[1]}",
      "{}",
    ];
    for (let c = 0; c < cfgs.length; c++) {
      const cfg = cfgs[c];
      for (let i = 0; i < inputs.length; i++) {
        const body = wrap(inputs[i]);
        const hs: Header[] = [new Header("x-request-id", "r1")];
        const want = requestText(buildRequest(cfg, cfg.tools[0], inputs[i], hs, new FixedEnv()));
        const withBytes = buildRequestNode(cfg, cfg.tools[0], argsNode(body), new Utf8Source(body, encodeUtf8(body)), hs, new FixedEnv());
        expect(requestText(withBytes)).toBe(want, c.toString() + " " + inputs[i]);
        expect(requestText(buildRequestNode(cfg, cfg.tools[0], argsNode(body), null, hs, new FixedEnv()))).toBe(want);
      }
    }
  });
  it("the body limit counts the UTF-8 bytes built from the client's body", () => {
    const cfg = config("http://b/x", ",\"argsToJsonBody\":true", "[{\"name\":\"data\",\"type\":\"object\"}]");
    const data = "{\"s\":\"" + "é".repeat(3000) + "\"}";
    const body = wrap("{\"data\":" + data + "}");
    const bytes = encodeUtf8("{\"data\":" + data + "}").byteLength;
    cfg.limits.maxRequestBodyBytes = <u32>bytes;
    const ok = buildRequestNode(cfg, cfg.tools[0], argsNode(body), new Utf8Source(body, encodeUtf8(body)), [], new FixedEnv());
    expect(ok.ok).toBe(true, ok.error);
    expect(ok.req.bodyUtf8!.byteLength).toBe(bytes);
    cfg.limits.maxRequestBodyBytes = <u32>bytes - 1;
    const over = buildRequestNode(cfg, cfg.tools[0], argsNode(body), new Utf8Source(body, encodeUtf8(body)), [], new FixedEnv());
    expect(requestText(over)).toBe(requestText(buildRequest(cfg, cfg.tools[0], "{\"data\":" + data + "}", [], new FixedEnv())));
    expect(over.reason).toBe("limit");
  });
});

describe("literal URL rest (rest/url literalChunks)", () => {
  it("gives the chunks rendering gives, for sources without actions only", () => {
    const srcs: string[] = ["/users/{id}/orders", "/a}}b?x=1&y={q}#frag", "/é😀/%2F", "}", "/a{b", "/x\\y"];
    for (let i = 0; i < srcs.length; i++) {
      const t = compileTemplate(srcs[i]).template!;
      const got = literalChunks(t);
      expect(got).not.toBeNull(srcs[i]);
      const want = t.renderRaw("{\"config\":null,\"args\":{}}", new FixedEnv());
      expect(want.ok).toBe(true);
      expect(got!.length).toBe(want.chunks.length, srcs[i]);
      for (let k = 0; k < want.chunks.length; k++) {
        expect(got![k].literal).toBe(want.chunks[k].literal);
        expect(got![k].text).toBe(want.chunks[k].text);
        expect(got![k].json).toBe(want.chunks[k].json);
      }
    }
    expect(literalChunks(compileTemplate("/u/{{.args.id}}").template!)).toBeNull();
    expect(literalChunks(compileTemplate("").template!)).toBeNull();
    const long = compileTemplate("/" + "a".repeat(100)).template!;
    long.maxOutput = 50; // the render would fail: left to the renderer
    expect(literalChunks(long)).toBeNull();
    expect(long.renderRaw("{}", new FixedEnv()).ok).toBe(false);
  });
});

describe("encoders return their input when nothing is to encode (no copy), and encode otherwise", () => {
  it("formEncode, percentEncode, normalizeLiteral, lowerName", () => {
    const plain = "AZaz09-._~";
    expect(changetype<usize>(formEncode(plain))).toBe(changetype<usize>(plain));
    expect(changetype<usize>(percentEncode(plain, false))).toBe(changetype<usize>(plain));
    expect(formEncode("a b/é")).toBe("a+b%2F%C3%A9");
    expect(formEncode("")).toBe("");
    expect(percentEncode("a/b", true)).toBe("a/b");
    expect(percentEncode("a/b", false)).toBe("a%2Fb");
    expect(percentEncode("a\ud800", false)).toBe("a%EF%BF%BD");
    expect(normalizeLiteral("/a:b@c!$&'()*+,;=/", false)).toBe("/a:b@c!$&'()*+,;=/");
    expect(normalizeLiteral("/a?b", false)).toBe("/a%3Fb");
    expect(normalizeLiteral("/a?b", true)).toBe("/a?b");
    expect(normalizeLiteral("/a%2Fb%zz", false)).toBe("/a%2Fb%25zz");
    expect(normalizeLiteral("/a b", false)).toBe("/a%20b");
    const lower = "content-type";
    expect(changetype<usize>(lowerName(lower))).toBe(changetype<usize>(lower));
    expect(lowerName("Content-Type")).toBe("content-type");
    expect(lowerName("ÄB")).toBe("äb");
    expect(isProtectedHeader("Host")).toBe(true);
    expect(isProtectedHeader(":path")).toBe(true);
    expect(isProtectedHeader("x-tag")).toBe(false);
  });
});

describe("noted container ends (jsonscan noteValueEnds)", () => {
  it("every start and bound gives the unnoted answer, in valid, mismatched and unterminated text", () => {
    const inner = "{\"k\":[" + "\"\\\"]}\",".repeat(120) + "1]}";
    const texts: string[] = [
      "{\"params\":{\"arguments\":{\"data\":" + inner + ",\"b\":[" + inner + "]}}}",
      "[[[" + inner + "]]",  // unterminated outer levels
      "{[" + inner + "}]" + inner,  // mismatched closers
      "{\"s\":\"" + "x".repeat(600) + "\\",  // unterminated string
    ];
    let wrong = "";
    let checked = 0;
    for (let t = 0; t < texts.length; t++) {
      const s = texts[t];
      const starts = new Array<i32>();
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c == 0x7b || c == 0x5b) starts.push(i);
      }
      const bounds: i32[] = [s.length, s.length - 1, s.length >> 1, 300, 40];
      // the reference: no note
      forgetValueEnds();
      const want = new Array<i32>();
      for (let k = 0; k < starts.length; k++) for (let b = 0; b < bounds.length; b++) want.push(jsonValueEnd(s, starts[k], bounds[b]));
      // noted: first the whole text (notes the large containers), then every start and bound, twice
      for (let round = 0; round < 4; round++) {
        if (round == 0 || round == 2) {
          // rounds 0-1: noted by a scan of the whole text; rounds 2-3: by the depth check
          noteValueEnds(s);
          if (round == 0) jsonValueEnd(s, 0);
          else expect(exceedsDepth(s, 100)).toBe(false);
          if (t < 3) expect(notedValueEnds()).toBeGreaterThan(0, "the note is used");
          else expect(notedValueEnds()).toBe(0, "nothing closes");
        }
        let w = 0;
        for (let k = 0; k < starts.length; k++) {
          for (let b = 0; b < bounds.length; b++) {
            const got = jsonValueEnd(s, starts[k], bounds[b]);
            if (got != want[w] && wrong.length == 0) wrong = t.toString() + " start " + starts[k].toString() + " bound " + bounds[b].toString();
            w++;
            checked++;
          }
        }
      }
      // another text meanwhile is scanned without the note
      expect(jsonValueEnd("[1,[2]]", 0)).toBe(7);
      forgetValueEnds();
    }
    expect(wrong).toBe("");
    expect(checked).toBe(400);
  });
});

function bytesOf(a: i32[]): ArrayBuffer {
  const b = new ArrayBuffer(a.length);
  for (let i = 0; i < a.length; i++) store<u8>(changetype<usize>(b) + <usize>i, <u8>a[i]);
  return b;
}

/** "" when decodeValidUtf8 answers as isValidUtf8 + String.UTF8.decode on `b`, else what differs. */
function decodeDiff(b: ArrayBuffer): string {
  const got = decodeValidUtf8(b);
  if (!isValidUtf8(b)) return got === null ? "" : "accepted invalid";
  if (got === null) return "refused valid";
  const want = String.UTF8.decode(b);
  return got! == want ? "" : "text differs";
}

describe("decodeValidUtf8 (one-pass strict check and decode)", () => {
  it("answers as isValidUtf8 + String.UTF8.decode on every 1-3 byte sequence of interesting bytes, alone and after ASCII runs", () => {
    const B: i32[] = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef,
      0xf0, 0xf1, 0xf4, 0xf5, 0xff];
    let wrong = "";
    let checked = 0;
    for (let pad = 0; pad < 10; pad += 9) {
      for (let i = 0; i < B.length; i++) {
        for (let j = -1; j < B.length; j++) {
          for (let k = -1; k < B.length; k++) {
            const a = new Array<i32>();
            for (let q = 0; q < pad; q++) a.push(0x61);
            a.push(B[i]);
            if (j >= 0) a.push(B[j]);
            if (k >= 0) a.push(B[k]);
            const d = decodeDiff(bytesOf(a));
            if (d.length > 0 && wrong.length == 0) wrong = d + " at " + i.toString() + "," + j.toString() + "," + k.toString() + " pad " + pad.toString();
            checked++;
          }
        }
      }
    }
    expect(wrong).toBe("");
    expect(checked).toBeGreaterThan(20000);
  });
  it("4-byte sequences, ASCII runs of every length around them, NUL bytes, empty", () => {
    const seqs: i32[][] = [[0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf0, 0x9f, 0x98], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xe0, 0xa0, 0x80], [0xe0, 0x9f, 0xbf], [0x00, 0x00]];
    let wrong = "";
    for (let s = 0; s < seqs.length; s++) {
      for (let before = 0; before < 20; before++) {
        for (let after = 0; after < 12; after++) {
          const a = new Array<i32>();
          for (let q = 0; q < before; q++) a.push(0x30 + (q % 10));
          for (let q = 0; q < seqs[s].length; q++) a.push(seqs[s][q]);
          for (let q = 0; q < after; q++) a.push(0x7a);
          const d = decodeDiff(bytesOf(a));
          if (d.length > 0 && wrong.length == 0) wrong = d + " seq " + s.toString() + " before " + before.toString() + " after " + after.toString();
        }
      }
    }
    expect(wrong).toBe("");
    expect(decodeValidUtf8(new ArrayBuffer(0))).toBe("");
    const mixed = "{\"a\":\"é😀€\u0000x\"," + "\"k\":\"v\",".repeat(50) + "\"z\":\"\u07ff\uffff\"}";
    expect(decodeValidUtf8(String.UTF8.encode(mixed))).toBe(mixed);
  });
});

describe("URL pieces that only read .config are rendered once per template and config (rest/url)", () => {
  it("isConfigPath accepts field paths into .config only", () => {
    expect(isConfigPath("{{.config.base}}")).toBe(true);
    expect(isConfigPath("{{ .config.a.b_2 }}")).toBe(true);
    expect(isConfigPath("{{.config}}")).toBe(false);
    expect(isConfigPath("{{.args.base}}")).toBe(false);
    expect(isConfigPath("{{.config.base | lower}}")).toBe(false);
    expect(isConfigPath("{{.config.base}}{{.args.x}}")).toBe(false);
    expect(isConfigPath("{{.configx.base}}")).toBe(false);
    expect(isConfigPath("{{.config.}}")).toBe(false);
    expect(isConfigPath("{{- .config.base}}")).toBe(false);
    expect(isConfigPath("{{.config.b#}}")).toBe(false);
  });
  it("each configuration gets its own value, every call of one gets the same", () => {
    const a = config("{{.config.base}}/x", "", "[{\"name\":\"q\",\"type\":\"string\",\"position\":\"query\"}]");
    const b = parseRootConfig("{\"server\":{\"name\":\"s\",\"config\":{\"base\":\"http://other:8080\"}},\"tools\":[{\"name\":\"t\",\"args\":[]," +
      "\"requestTemplate\":{\"url\":\"{{.config.base}}/x\",\"method\":\"GET\"}}]}").config!.global!;
    for (let i = 0; i < 3; i++) {
      const ra = buildRequest(a, a.tools[0], "{\"q\":\"" + i.toString() + "\"}", [], new FixedEnv());
      expect(ra.req.authority).toBe("b");
      expect(ra.req.pathWithQuery()).toBe("/x?q=" + i.toString());
      const rb = buildRequest(b, b.tools[0], "{}", [], new FixedEnv());
      expect(rb.req.authority).toBe("other:8080");
    }
  });
});
