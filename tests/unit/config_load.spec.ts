// The configure-path pieces of issue 19 (cheaper, smaller loads), each checked against the reading it replaced:
// member names compared in the source (jsonview keyIs / keyIndexIn / keyIndexInIgnoreCase / keyAt), released
// subtrees scanned again, the tools/list kept only as UTF-8 with per-tool byte ranges (filtered lists copy them),
// one URL analysis per tool, and empty per-tool lists made on first use.
import { JNode, J_OBJECT, parseJson } from "../../assembly/util/jsonview";
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig, ToolArg } from "../../assembly/config/types";
import { dispatch } from "../../assembly/mcp/dispatch";
import { resultResponse } from "../../assembly/mcp/jsonrpc";
import { StrBuf } from "../../assembly/util/strbuf";
import { fieldsOnly } from "../../assembly/config/parsetool";
import { compileTemplate } from "../../assembly/template/template";
import { analyzeUrl, hostArgProblem, hostArgProblemOf } from "../../assembly/config/urlsplit";

function obj(json: string): JNode {
  const n = parseJson(json);
  expect(n).not.toBeNull(json);
  expect(n!.kind).toBe(J_OBJECT);
  return n!;
}

function config(body: string): PluginConfig {
  const r = parseRootConfig(body);
  expect(r.ok).toBe(true, r.errors.length > 0 ? r.errors[0] : body);
  return r.config!.global!;
}

function catalog(n: i32, extra: string): string {
  let tools = "";
  for (let i = 0; i < n; i++) {
    if (i > 0) tools += ",";
    tools += "{\"name\":\"t" + i.toString() + "\",\"description\":\"d\\u00e9\\ud83d\\ude00 " + i.toString() +
      "\",\"args\":[{\"name\":\"id\",\"type\":\"string\",\"position\":\"path\"}],\"requestTemplate\":{\"url\":\"{{.config.base}}/v1/k" +
      i.toString() + "/{id}\"}}";
  }
  return "{\"server\":{\"name\":\"s\",\"config\":{\"base\":\"http://b.test\"}},\"tools\":[" + tools + "]" + extra + "}";
}

function list(id: string): string {
  return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
}

describe("JNode member names compared in place", () => {
  it("keyIs matches the decoded name, escapes included", () => {
    const o = obj("{\"a\":1,\"b\\u0063\":2,\"\\\\\":3,\"\":4,\"\\ud800\":5}");
    expect(o.keyIs(0, "a")).toBe(true);
    expect(o.keyIs(0, "b")).toBe(false);
    expect(o.keyIs(1, "bc")).toBe(true);
    expect(o.keyIs(1, "b\\u0063")).toBe(false); // the raw text is not the name
    expect(o.keyIs(2, "\\")).toBe(true);
    expect(o.keyIs(2, "\\\\")).toBe(false);
    expect(o.keyIs(3, "")).toBe(true);
    expect(o.keyIs(4, String.fromCharCode(0xd800))).toBe(true); // a lone surrogate escape
    expect(o.keyIs(5, "a")).toBe(false); // out of range
    expect(o.keyIs(-1, "a")).toBe(false);
    expect(o.keyAt(1)).toBe("bc");
    expect(o.keyAt(9)).toBe("");
    expect(o.get("bc")!.raw()).toBe("2");
    expect(o.countKey("a")).toBe(1);
  });

  it("agrees with keys() on every member, and get() keeps the last duplicate", () => {
    const o = obj("{\"x\":1,\"y\":2,\"x\":3,\"\\u0078\":4}");
    const ks = o.keys();
    expect(ks.length).toBe(4);
    for (let i = 0; i < ks.length; i++) expect(o.keyIs(i, ks[i])).toBe(true);
    expect(o.get("x")!.raw()).toBe("4");
    expect(o.countKey("x")).toBe(3);
    expect(o.firstDuplicateKey()).toBe("x");
    expect(obj("{\"a\":1,\"b\":2}").firstDuplicateKey()).toBeNull();
    expect(obj("{\"a\\u0062\":1,\"ab\":2}").firstDuplicateKey()).toBe("ab");
  });

  it("firstDuplicateKey is the first name seen twice, in linear time for many members", () => {
    const b = new StrBuf(600000);
    b.append("{");
    for (let i = 0; i < 50000; i++) b.append((i > 0 ? "," : "") + "\"k" + i.toString() + "\":0");
    const big = b.toString();
    expect(obj(big + "}").firstDuplicateKey()).toBeNull();
    expect(obj(big + ",\"k7\":1,\"k3\":1}").firstDuplicateKey()).toBe("k7");
    expect(obj(big + ",\"k\\u0039\":1}").firstDuplicateKey()).toBe("k9");
    expect(obj("{\"b\":1,\"a\":2,\"a\":3,\"b\":4}").firstDuplicateKey()).toBe("a"); // pairwise path, same rule
  });

  it("keyIndexIn and keyIndexInIgnoreCase read the name as String#toLowerCase would", () => {
    const known = ["name", "description", "inputSchema"];
    const o = obj("{\"name\":1,\"NAME\":2,\"InputSchema\":3,\"other\":4,\"n\\u0041me\":5,\"\\u212Ame\":6}");
    expect(o.keyIndexIn(0, known)).toBe(0);
    expect(o.keyIndexIn(1, known)).toBe(-1);
    expect(o.keyIndexInIgnoreCase(1, known)).toBe(0);
    expect(o.keyIndexInIgnoreCase(2, known)).toBe(2);
    expect(o.keyIndexInIgnoreCase(3, known)).toBe(-1);
    expect(o.keyIndexInIgnoreCase(4, known)).toBe(0); // escaped: decoded, then compared
    // the Kelvin sign lower-cases to "k": compared the general way, no match in `known` ...
    expect(o.keyIndexInIgnoreCase(5, known)).toBe(-1);
    // ... and a match for a name that lower-cases the same way
    expect(o.keyIndexInIgnoreCase(5, ["kme"])).toBe(0);
    expect(o.keyIndexInIgnoreCase(0, ["\u212Ame", "NAME"])).toBe(1);
    expect(o.keyIndexInIgnoreCase(9, known)).toBe(-1);
  });

  it("renameKey is seen by keyIs, get and keys", () => {
    const o = obj("{\"Name\":\"x\"}");
    o.renameKey(0, "name");
    expect(o.keyIs(0, "name")).toBe(true);
    expect(o.get("name")!.str()).toBe("x");
    expect(o.keys()[0]).toBe("name");
  });

  it("release drops the children; they are scanned again on use", () => {
    const o = obj("{\"a\":[1,2,{\"b\":\"c\"}],\"d\":true}");
    const a = o.get("a")!;
    expect(a.length).toBe(3);
    o.release();
    expect(o.length).toBe(2);
    expect(o.get("a")!.at(2)!.get("b")!.str()).toBe("c");
    expect(o.get("d")!.bool()).toBe(true);
    expect(a.at(1)!.raw()).toBe("2"); // a node taken before stays valid
    const v = o.values();
    expect(v.length).toBe(2);
    v.push(v[0]); // a copy: the node is unchanged
    expect(o.length).toBe(2);
  });

  it("empty and scalar nodes, and many members (scratch lists reused between scans)", () => {
    expect(obj("{}").length).toBe(0);
    expect(obj("{}").keyAt(0)).toBe("");
    const s = parseJson("\"x\"")!;
    expect(s.length).toBe(0);
    expect(s.keys().length).toBe(0);
    expect(s.values().length).toBe(0);
    let big = "{";
    for (let i = 0; i < 2000; i++) big += (i > 0 ? "," : "") + "\"k" + i.toString() + "\":{\"v\":" + i.toString() + "}";
    const o = obj(big + "}");
    expect(o.length).toBe(2000);
    expect(o.get("k1999")!.get("v")!.raw()).toBe("1999"); // a nested scan after the outer one
    expect(o.keyIs(1234, "k1234")).toBe(true);
    expect(o.get("k0")!.length).toBe(1);
  });
});

describe("tools/list held as UTF-8 with per-tool byte ranges", () => {
  it("each tool's range is its entry; the list is the entries joined", () => {
    const c = config(catalog(30, ""));
    let want = "[";
    for (let i = 0; i < c.tools.length; i++) {
      const t = c.tools[i];
      expect(t.listUtf8 === c.toolsListUtf8).toBe(true);
      const e = t.listEntryJson;
      expect(e.startsWith("{\"name\":\"t" + i.toString() + "\"")).toBe(true);
      expect(e.includes("d\u00e9\ud83d\ude00 " + i.toString())).toBe(true); // non-ASCII text, surrogate pair kept
      want += (i > 0 ? "," : "") + e;
    }
    expect(c.toolsListJson).toBe(want + "]");
    expect(c.toolsListUtf8.byteLength).toBe(String.UTF8.byteLength(want + "]"));
  });

  it("a filtered list is the allowed entries' bytes, in config order", () => {
    const c = config(catalog(5, ",\"allowTools\":[\"t3\",\"t1\",\"nope\"]"));
    const r = dispatch(c, list("4"), null);
    expect(r.bodyBytes).not.toBeNull();
    expect(r.text()).toBe(resultResponse("4", "{\"tools\":[" + c.tools[1].listEntryJson + "," + c.tools[3].listEntryJson + "]}"));
    // the header narrows further; an empty intersection is an empty list
    expect(dispatch(c, list("5"), "t3").text()).toBe(resultResponse("5", "{\"tools\":[" + c.tools[3].listEntryJson + "]}"));
    expect(dispatch(c, list("6"), "t0").text()).toBe(resultResponse("6", "{\"tools\":[]}"));
    // a filtered reply is its own buffer, not the reused unfiltered one
    const a = dispatch(c, list("7"), null).bodyBytes!;
    const b = dispatch(c, list("7"), null).bodyBytes!;
    expect(a === b).toBe(false);
  });

  it("no tools: \"[]\"", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"s\"}}");
    expect(r.ok).toBe(true);
    expect(r.config!.global!.toolsListJson).toBe("[]");
  });

  it("an unused list entry of a tool outside the config reads as empty", () => {
    const c = config(catalog(1, ""));
    const t = c.tools[0];
    t.listEnd = 1 << 30; // out of range: never read past the buffer
    expect(t.listEntryJson).toBe("");
  });
});

describe("one URL analysis per tool", () => {
  it("the plan kept on the tool is the one the checks used, with the config's limit", () => {
    const c = config(catalog(3, ""));
    for (let i = 0; i < 3; i++) {
      const p = c.tools[i].requestTemplate.urlPlan;
      expect(p).not.toBeNull();
      expect(p!.ok).toBe(true);
      expect(p!.rest!.maxOutput).toBe(<i32>c.limits.maxTemplateOutputBytes);
    }
    // the {{.config.base}} piece is compiled once per parse and shared by the tools
    expect(c.tools[0].requestTemplate.urlPlan!.prefix[0].tpl === c.tools[2].requestTemplate.urlPlan!.prefix[0].tpl).toBe(true);
    // outside a parse nothing is shared
    expect(analyzeUrl("{{.config.base}}/x").prefix[0].tpl === analyzeUrl("{{.config.base}}/x").prefix[0].tpl).toBe(false);
  });

  it("hostArgProblemOf(plan) is hostArgProblem(source)", () => {
    const urls = ["http://{{.args.t}}.api.test/x", "http://{{.args.h}}/x", "/x/{{.args.p}}", "http://{{.config.h}}/{{.args.p}}", "{{", ""];
    for (let i = 0; i < urls.length; i++) expect(hostArgProblemOf(analyzeUrl(urls[i]))).toBe(hostArgProblem(urls[i]));
  });

  it("a URL template error is still reported once with its path", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"description\":\"d\",\"requestTemplate\":{\"url\":\"http://b/{{.x\"}}]}");
    expect(r.ok).toBe(false);
    expect(r.errors.length > 0).toBe(true);
    expect(r.errors[0].startsWith("tools[0].requestTemplate.url: ")).toBe(true, r.errors[0]);
  });
});

describe("URLs of plain field actions are not compiled just to find no error", () => {
  it("every template fieldsOnly accepts compiles", () => {
    const ok = [
      "", "/x", "{{.a}}", "{{.config.base}}/v1/k9/{id}", "http://h/{{.args.x}}?q={{.args.q_2}}&r={{._}}", "}}{{.a}}}}",
      "{{.if}}{{.end}}{{.range}}{{.nil}}{{.true}}{{.else}}{{.define}}{{.template}}{{.block}}{{.with}}{{.break}}",
      "{{.continue}}{{.and}}{{.not}}{{.len}}{{.index}}{{.A.B.C.D}}", "{id}/{{.x}}{", "{ {{.a}}",
    ];
    for (let i = 0; i < ok.length; i++) {
      expect(fieldsOnly(ok[i])).toBe(true, ok[i]);
      expect(compileTemplate(ok[i]).error).toBe("", ok[i]);
    }
  });

  it("anything else goes to the compiler", () => {
    const other = [
      "{{", "{{}}", "{{.}}", "{{.a", "{{.a}", "{{ .a }}", "{{-.a}}", "{{.a-}}", "{{.1a}}", "{{..a}}", "{{.a.}}", "{{.a b}}",
      "{{/*c*/}}", "{{.a|x}}", "{{{.a}}", "{{.a}}{{", "{{.é}}",
    ];
    for (let i = 0; i < other.length; i++) expect(fieldsOnly(other[i])).toBe(false, other[i]);
  });

  it("a bad URL still gets its compile error", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"description\":\"d\",\"requestTemplate\":{\"url\":\"http://b/{{.x | nope}}\"}}]}");
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toBe("tools[0].requestTemplate.url: template: 1:17: function \"nope\" not defined");
  });
});

describe("empty per-tool lists made on first use", () => {
  it("read as empty, hold what is pushed or assigned, per object", () => {
    const a = new ToolArg();
    const b = new ToolArg();
    expect(a.enumValues.length).toBe(0);
    a.enumValues.push("\"x\"");
    expect(a.enumValues.length).toBe(1);
    expect(b.enumValues.length).toBe(0);
    b.anyOfTypes = ["string"];
    expect(b.anyOfTypes[0]).toBe("string");
    expect(a.anyOfTypes.length).toBe(0);
  });

  it("a parsed enum and anyOf land in them", () => {
    const c = config("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"description\":\"d\",\"args\":[{\"name\":\"e\",\"enum\":[\"a\",2]},{\"name\":\"o\",\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}],\"requestTemplate\":{\"url\":\"http://b/x\"}}]}");
    expect(c.tools[0].args[0].enumValues.length).toBe(2);
    expect(c.tools[0].args[0].enumValues[1]).toBe("2");
    expect(c.tools[0].args[1].anyOfTypes.length).toBe(2);
    expect(c.tools[0].mcpParams.length).toBe(0);
    expect(c.tools[0].requestTemplate.extraSecurity.length).toBe(0);
  });
});
