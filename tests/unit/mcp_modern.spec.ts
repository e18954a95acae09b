// Modern era (2026-07-28): era selection, header validation, x-mcp-header, results.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { OUTCOME_CALL } from "../../assembly/mcp/dispatch";
import { dispatchHttp } from "../../assembly/mcp/era";
import { McpHeaders, modernResult } from "../../assembly/mcp/modern";
import { decodeHeaderValue } from "../../assembly/mcp/headervalue";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { Rng } from "./helpers/rng";

const NOISE = "=?base64?SGVsbG8= \t\u0000\u00e9\ud800{}\":,tools/call2026-07-28";

const META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

function parse(server: string, args: string): string[] {
  const r = parseRootConfig("{\"server\":{\"name\":\"srv\"" + server + "},\"tools\":[{\"name\":\"t\",\"description\":\"T\",\"args\":[" + args +
    "],\"requestTemplate\":{},\"responseTemplate\":{\"body\":\"ok\"}}]}");
  return r.errors;
}

function config(): PluginConfig {
  const r = parseRootConfig("{\"server\":{\"name\":\"srv\",\"ttlMs\":5000,\"cacheScope\":\"public\"},\"tools\":[{\"name\":\"t\",\"description\":\"T\"," +
    "\"args\":[{\"name\":\"region\",\"type\":\"string\",\"x-mcp-header\":\"Region\"},{\"name\":\"n\",\"type\":\"integer\",\"x-mcp-header\":\"N\"}]," +
    "\"requestTemplate\":{\"url\":\"http://b.test/x\"}}]}");
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}

function noise(rng: Rng): string | null {
  if (rng.below(3) == 0) return null;
  let x = "";
  const n = rng.below(16);
  for (let i = 0; i < n; i++) x += NOISE.charAt(rng.below(NOISE.length));
  return rng.below(2) == 0 ? "2026-07-28" : x;
}

function has(s: string, part: string): void {
  expect(s.includes(part)).toBe(true, s + " should contain " + part);
}

function hdrs(version: string | null, method: string | null, name: string | null): McpHeaders {
  const h = new McpHeaders();
  h.version = version;
  h.method = method;
  h.name = name;
  return h;
}

function call(args: string, names: string[], values: string[]): i32 {
  const h = hdrs("2026-07-28", "tools/call", "t");
  h.paramNames = names;
  h.paramValues = values;
  const o = dispatchHttp(config(), body("tools/call", "\"name\":\"t\",\"arguments\":" + args + "," + META), null, h);
  return o.kind == OUTCOME_CALL ? 200 : o.status;
}

function body(method: string, params: string): string {
  return "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
}

describe("mcp modern era", () => {
  it("decodes mirrored header values", () => {
    expect(decodeHeaderValue("  us-west1 ").value).toBe("us-west1");
    expect(decodeHeaderValue("=?base64?SGVsbG8sIOS4lueVjA==?=").value).toBe("Hello, 世界");
    expect(decodeHeaderValue("=?base64?SGVsbG8?=").ok).toBe(false);
    expect(decodeHeaderValue("=?base64?SGVs!!!bG8=?=").ok).toBe(false);
    expect(decodeHeaderValue("=?base64?SGVsbG8=").value).toBe("=?base64?SGVsbG8=");
    expect(decodeHeaderValue("a\u00e9").ok).toBe(false);
    expect(decodeHeaderValue("=?base64?/w==?=").ok).toBe(false); // not UTF-8
  });

  it("checks x-mcp-header and caching hints at configure time", () => {
    expect(parse("", "{\"name\":\"region\",\"x-mcp-header\":\"Region\"}").length).toBe(0);
    has(parse("", "{\"name\":\"api_token\",\"x-mcp-header\":\"Tok\"}")[0], "looks like a credential");
    has(parse("", "{\"name\":\"r\",\"x-mcp-header\":\"Password\"}")[0], "looks like a credential");
    has(parse("", "{\"name\":\"r\",\"x-mcp-header\":\"Bad Name\"}")[0], "header-name token");
    has(parse("", "{\"name\":\"r\",\"type\":\"number\",\"x-mcp-header\":\"R\"}")[0], "only string, integer or boolean");
    has(parse("", "{\"name\":\"a\",\"x-mcp-header\":\"R\"},{\"name\":\"b\",\"x-mcp-header\":\"r\"}")[0], "duplicate x-mcp-header");
    has(parse("", "{\"name\":\"a\",\"type\":\"array\",\"items\":{\"type\":\"string\",\"x-mcp-header\":\"R\"}}")[0], "reachable");
    expect(parse(",\"cacheScope\":\"shared\"", "")[0]).toBe("server.cacheScope: must be \"private\" or \"public\"");
    expect(parse(",\"ttlMs\":-1", "")[0]).toBe("server.ttlMs: expected an integer from 0 to 2147483647");
  });

  it("picks the era per request", () => {
    const c = config();
    const legacy = dispatchHttp(c, body("initialize", "\"protocolVersion\":\"2025-11-25\""), null, hdrs(null, null, null));
    has(legacy.text(), "\"protocolVersion\":\"2025-11-25\"");
    expect(legacy.modern).toBe(false);
    const modern = dispatchHttp(c, body("server/discover", META), null, hdrs("2026-07-28", "server/discover", null));
    expect(modern.status).toBe(200);
    expect(modern.text()).toBe("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"resultType\":\"complete\",\"supportedVersions\":" +
      "[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],\"capabilities\":{\"tools\":{\"listChanged\":false}}," +
      "\"ttlMs\":5000,\"cacheScope\":\"public\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"srv\",\"version\":\"1.0.0\"}}}}");
    // legacy server/discover without _meta keeps the legacy 400 (auto clients of old fall back)
    has(dispatchHttp(c, body("server/discover", ""), null, hdrs(null, null, null)).text(), "-32600");
  });

  it("answers every modern failure with its status and code, echoing the id", () => {
    const c = config();
    const cases: string[][] = [
      // version header, method header, name header, body method, params, status, code
      ["", "tools/list", "", "tools/list", META, "400", "-32020"],
      ["2026-07-28", "tools/list", "", "tools/list", "", "400", "-32602"],
      ["2025-11-25", "tools/list", "", "tools/list", META, "400", "-32020"],
      ["2026-07-28", "", "", "tools/list", META, "400", "-32020"],
      ["2026-07-28", "TOOLS/LIST", "", "tools/list", META, "400", "-32020"],
      ["2026-07-28", "tools/call", "", "tools/call", "\"name\":\"t\"," + META, "400", "-32020"],
      ["2026-07-28", "tools/call", "x", "tools/call", "\"name\":\"t\"," + META, "400", "-32020"],
      ["2026-07-28", "ping", "", "ping", META, "404", "-32601"],
      ["2026-07-28", "initialize", "", "initialize", META, "404", "-32601"],
      ["2026-07-28", "tools/call", "zz", "tools/call", "\"name\":\"zz\"," + META, "200", "-32602"],
    ];
    for (let i = 0; i < cases.length; i++) {
      const k = cases[i];
      const o = dispatchHttp(c, body(k[3], k[4]), null, hdrs(k[0].length > 0 ? k[0] : null, k[1].length > 0 ? k[1] : null, k[2].length > 0 ? k[2] : null));
      expect(o.status.toString()).toBe(k[5], i.toString());
      has(o.text(), "\"id\":9,\"error\":{\"code\":" + k[6]);
    }
    const uv = dispatchHttp(c, body("tools/list", META.replace("2026-07-28", "v9")), null, hdrs("v9", "tools/list", null));
    expect(uv.status).toBe(400);
    has(uv.text(), "\"code\":-32022");
    has(uv.text(), "\"requested\":\"v9\"");
    const note = dispatchHttp(c, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\",\"params\":{" + META + "}}", null, hdrs("2026-07-28", null, null));
    expect(note.status).toBe(202);
  });

  it("validates Mcp-Param headers against the arguments", () => {
    expect(call("{\"region\":\"eu\"}", ["mcp-param-region"], [" eu "])).toBe(200);
    expect(call("{\"region\":\"eu\"}", [], [])).toBe(400);
    expect(call("{\"region\":\"eu\"}", ["mcp-param-region"], ["us"])).toBe(400);
    expect(call("{}", ["mcp-param-region"], ["us"])).toBe(400);
    expect(call("{\"region\":null}", [], [])).toBe(200);
    expect(call("{\"n\":42}", ["mcp-param-n"], ["42.0"])).toBe(200);
    expect(call("{\"n\":42}", ["mcp-param-n"], ["43"])).toBe(400);
    expect(call("{\"region\":\"é\"}", ["mcp-param-region"], ["=?base64?w6k=?="])).toBe(200);
  });

  it("adds resultType and serverInfo to tool results", () => {
    const c = config();
    expect(modernResult(c, "{\"content\":[],\"isError\":false}")).toBe("{\"resultType\":\"complete\",\"_meta\":" +
      "{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"srv\",\"version\":\"1.0.0\"}},\"content\":[],\"isError\":false}");
  });

  it("never traps on random modern headers and bodies; every reply is JSON with a known status", () => {
    const c = config();
    const rng = new Rng(2026);
    const seeds: string[] = [
      body("tools/call", "\"name\":\"t\",\"arguments\":{\"region\":\"eu\",\"n\":42}," + META),
      body("server/discover", META), body("tools/list", META), body("initialize", META),
    ];
    for (let round = 0; round < 3000; round++) {
      let b = seeds[rng.below(seeds.length)];
      const cuts = rng.below(4);
      for (let k = 0; k < cuts; k++) {
        const at = rng.below(b.length + 1);
        b = b.substring(0, at) + NOISE.charAt(rng.below(NOISE.length)) + b.substring(at + rng.below(3));
      }
      const h = hdrs(noise(rng), rng.below(2) == 0 ? "tools/call" : noise(rng), rng.below(2) == 0 ? "t" : noise(rng));
      const pv = noise(rng);
      if (pv !== null) {
        h.paramNames.push(rng.below(2) == 0 ? "mcp-param-region" : "mcp-param-n");
        h.paramValues.push(pv);
      }
      const o = dispatchHttp(c, b, null, h);
      if (o.kind == OUTCOME_CALL) continue;
      if (o.status == 202) continue;
      expect(o.status == 200 || o.status == 400 || o.status == 404).toBe(true, b);
      expect(validateJSON(o.text())).toBe(true, b + " => " + o.text());
    }
  });
});
