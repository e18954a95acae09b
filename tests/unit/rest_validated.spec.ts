// Issue 19, tools/call with large bodies: the arguments dispatch accepted are planned without a second
// validation (validateArgumentsNode / buildRequestNode) and the JSON argument body is built as UTF-8
// from the client's bytes (rest/textout.ts). Every case is checked against the text path, which
// stays the reference: same values, same errors, same request, byte for byte.
import { PluginConfig, Tool, ToolArg } from "../../assembly/config/types";
import { ArgsResult, validateArguments, validateArgumentsNode } from "../../assembly/rest/args";
import { argsJsonBody, argsJsonBodyUtf8 } from "../../assembly/rest/body";
import { buildRequest, buildRequestNode, BuildResult } from "../../assembly/rest/build";
import { Header } from "../../assembly/rest/request";
import { Utf8Source } from "../../assembly/rest/textout";
import { JNode, parseJson } from "../../assembly/util/jsonview";
import { encodeUtf8 } from "../../assembly/util/utf8";
import { FixedEnv } from "./helpers/env";
import { sameBytes } from "./helpers/bytes";
import { oneToolConfig } from "./helpers/config";

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
      oneToolConfig("{{.config.base}}/u/{id}", ",\"argsToJsonBody\":true", ARGS),
      oneToolConfig("{{.config.base}}/u/{id}", "", ARGS),
      oneToolConfig("{{.config.base}}/u/{id}", ",\"argsToFormBody\":true", ARGS),
      oneToolConfig("{{.config.base}}/u/{id}", ",\"body\":\"{\\\"d\\\":{{toJson .args.data}},\\\"n\\\":\\\"{{.args.note}}\\\"}\"", ARGS),
      oneToolConfig("{{.config.base}}/u/{id}", ",\"headers\":[{\"key\":\"content-type\",\"value\":\"application/x-www-form-urlencoded\"}]", ARGS),
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
    const cfg = oneToolConfig("http://b/x", ",\"argsToJsonBody\":true", "[{\"name\":\"data\",\"type\":\"object\"}]");
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

