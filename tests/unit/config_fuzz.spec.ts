// Fuzzing parseRootConfig: every value of a rich config replaced by every JSON
// type, plus thousands of random byte-level mutations (deterministic PRNG).
// Properties: never traps; ok <=> no errors; every error is one "path: msg"
// line; an accepted config's precomputed tools/list JSON is valid JSON.
import { parseRootConfig } from "../../assembly/config/parse";
import { JNode, J_ARRAY, J_OBJECT, parseJson } from "../../assembly/util/jsonview";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { Rng } from "./helpers/rng";

const SEED = `{"server":{"name":"s","version":"1","title":"T","instructions":"i","config":{"a":[1,{"b":null}]},
"passthroughAuthHeader":true,"allowedOrigins":["http://x"],"forwardHeaders":["x-a"],
"limits":{"maxJsonDepth":10,"maxArguments":5,"maxTemplateOutputBytes":100},
"securitySchemes":[{"id":"b","type":"http","scheme":"bearer","defaultCredential":"t"},
{"id":"k","type":"apiKey","in":"header","name":"X-K"},
{"id":"o","type":"oauth2","tokenUrl":"https://idp/t","tokenCluster":"c","scopes":["a"],"tokenTimeoutMs":10}],
"defaultDownstreamSecurity":{"id":"b"},"defaultUpstreamSecurity":{"id":"k","credential":"c"}},
"allowTools":["t1"],
"tools":[{"name":"t1","title":"x","description":"d","args":[{"name":"a","description":"x","type":"integer","required":true,
"default":1,"enum":[1,2],"position":"query"},{"name":"l","type":"array","items":{"type":"string"}},
{"name":"o","type":"object","properties":{"p":{}}}],
"requestTemplate":{"url":"http://api.test/x/{a}","method":"POST","headers":[{"key":"X-H","value":"{{.args.a}}"}],"body":"{}",
"argsToJsonBody":true,"security":{"id":"k","credential":"z"}},
"responseTemplate":{"prependBody":"a","appendBody":"b"},"errorResponseTemplate":"e",
"security":{"id":"b","passthrough":true,"audiences":["x"]},"outputSchema":{"type":"object"},"annotations":{"a":1},
"inputSchema":{"type":"object","properties":{}}},
{"name":"t2","responseTemplate":{"body":"hi"}}],
"_rules_":[{"_match_route_":["r"],"server":{"name":"r"},"tools":[]},{"_match_domain_":["*.a"],"tools":[]},{"_match_service_":["s"]}]}`;

const REPLACEMENTS: string[] = ["null", "true", "false", "0", "-1", "1.5", "1e999", "123456789012345678901234567890", "\"\"",
  "\"x\"", "\"\\ud800\"", "[]", "[1,\"a\"]", "{}", "{\"id\":\"zz\"}"];
const NOISE = "{}[]\",:\\ 0123456789abcdefnrtulx-+.eE\u0000\ud800é";

function collect(n: JNode, out: JNode[]): void {
  out.push(n);
  if (n.kind == J_OBJECT || n.kind == J_ARRAY) {
    const vs = n.values();
    for (let i = 0; i < vs.length; i++) collect(vs[i], out);
  }
}

function checkResult(json: string): bool {
  const r = parseRootConfig(json);
  expect(r.ok).toBe(r.errors.length == 0, json);
  if (r.ok) {
    expect(r.config).not.toBeNull();
    const g = r.config!.global;
    if (g !== null) {
      expect(validateJSON(g.toolsListJson)).toBe(true, g.toolsListJson);
      for (let i = 0; i < g.tools.length; i++) expect(validateJSON(g.tools[i].listEntryJson)).toBe(true);
    }
  } else {
    expect(r.config).toBeNull();
    for (let i = 0; i < r.errors.length; i++) {
      const e = r.errors[i];
      expect(e.indexOf(": ") > 0).toBe(true, e);
      expect(e.indexOf("\n")).toBe(-1, e);
    }
  }
  return r.ok;
}

describe("config fuzzing", () => {
  it("accepts the seed", () => {
    expect(parseRootConfig(SEED).errors.join("\n")).toBe("");
  });

  it("survives every value replaced by every JSON type", () => {
    const root = parseJson(SEED)!;
    const nodes = new Array<JNode>();
    collect(root, nodes);
    let rejected = 0;
    let total = 0;
    for (let i = 1; i < nodes.length; i++) {
      const n = nodes[i];
      for (let k = 0; k < REPLACEMENTS.length; k++) {
        const json = SEED.substring(0, n.start) + REPLACEMENTS[k] + SEED.substring(n.end);
        if (!checkResult(json)) rejected++;
        total++;
      }
    }
    expect(total > 1500).toBe(true, total.toString());
    expect(rejected > total / 3).toBe(true, rejected.toString() + " of " + total.toString());
  });

  it("survives random byte-level mutations", () => {
    const rng = new Rng(0x9e3779b9);
    for (let round = 0; round < 3000; round++) {
      let s = SEED;
      const edits = 1 + rng.below(4);
      for (let e = 0; e < edits; e++) {
        const pos = rng.below(s.length + 1);
        const op = rng.below(4);
        if (op == 0 && s.length > 0) s = s.substring(0, pos) + s.substring(pos + 1);
        else if (op == 1) s = s.substring(0, pos) + NOISE.charAt(rng.below(NOISE.length)) + s.substring(pos);
        else if (op == 2) {
          const len = rng.below(40);
          s = s.substring(0, pos) + s.substring(pos, pos + len) + s.substring(pos);
        } else s = s.substring(0, pos);
      }
      checkResult(s);
    }
  });

  it("rejects hostile documents without trapping", () => {
    let deep = "";
    for (let i = 0; i < 5000; i++) deep += "[";
    expect(checkResult("{\"server\":{\"name\":\"s\",\"config\":{\"x\":" + deep + "}}}")).toBe(false);
    let big = "{\"server\":{\"name\":\"s\"},\"tools\":[";
    for (let i = 0; i < 500; i++) big += (i > 0 ? "," : "") + "{\"name\":\"t" + i.toString() + "\",\"requestTemplate\":{\"url\":\"/\"}}";
    expect(checkResult(big + "]}")).toBe(true);
    expect(checkResult("{\"server\":{\"name\":\"" + String.fromCharCode(0xd800) + "\"}}")).toBe(true);
    expect(checkResult("\u0000")).toBe(false);
    expect(checkResult("{\"server\":{\"name\":\"s\"}}\u0000")).toBe(false);
  });
});
