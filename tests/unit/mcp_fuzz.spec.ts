// Hostile and fuzzed request bodies through dispatch (deterministic PRNG).
// Properties: never traps; 202 <=> empty body; every other reply is valid
// JSON; a call outcome names a tool and carries a JSON-object argument text.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { dispatch, OUTCOME_CALL } from "../../assembly/mcp/dispatch";
import { checkRequestHeaders } from "../../assembly/mcp/http";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { Rng } from "./helpers/rng";

function config(): PluginConfig {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"allowTools\":[\"a\",\"b\"],\"tools\":[{\"name\":\"a\",\"requestTemplate\":{\"url\":\"/a\"}}," +
    "{\"name\":\"b\",\"requestTemplate\":{\"url\":\"/b\"}},{\"name\":\"c\",\"requestTemplate\":{\"url\":\"/c\"}}]}");
  return r.config!.global!;
}

const SEEDS: string[] = [
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":\"r-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"a\",\"arguments\":{\"q\":[1,{\"x\":\"\\u00e9\"}],\"n\":null}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}",
  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
  "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]",
];
const NOISE = "{}[]\",:\\ 0123456789abcdefnrtulx-+.eE\u0000\ud800\udc00é";

function checkOutcome(c: PluginConfig, body: string, header: string | null): void {
  const o = dispatch(c, body, header);
  expect(validateJSON(o.idJson)).toBe(true, o.idJson);
  if (o.kind == OUTCOME_CALL) {
    expect(o.tool).not.toBeNull();
    expect(o.argumentsJson.length == 0 || (validateJSON(o.argumentsJson) && o.argumentsJson.startsWith("{"))).toBe(true, body);
    return;
  }
  if (o.status == 202) {
    expect(o.text()).toBe("", body);
    return;
  }
  expect(o.status == 200 || o.status == 400).toBe(true, body);
  expect(validateJSON(o.text())).toBe(true, body + " => " + o.text());
  expect(o.details.length > 0).toBe(true);
}

describe("mcp fuzzing", () => {
  it("survives random mutations of valid requests", () => {
    const c = config();
    const rng = new Rng(12345);
    const headers: (string | null)[] = [null, "", "a", " , ", "b,c"];
    for (let round = 0; round < 5000; round++) {
      let s = SEEDS[rng.below(SEEDS.length)];
      const edits = 1 + rng.below(5);
      for (let e = 0; e < edits; e++) {
        const pos = rng.below(s.length + 1);
        const op = rng.below(4);
        if (op == 0 && s.length > 0) s = s.substring(0, pos) + s.substring(pos + 1);
        else if (op == 1) s = s.substring(0, pos) + NOISE.charAt(rng.below(NOISE.length)) + s.substring(pos);
        else if (op == 2) s = s.substring(0, pos) + s.substring(pos, pos + rng.below(30)) + s.substring(pos);
        else s = s.substring(pos) + s.substring(0, pos);
      }
      checkOutcome(c, s, headers[rng.below(headers.length)]);
    }
  });

  it("survives random header values", () => {
    const c = config();
    const rng = new Rng(777);
    for (let round = 0; round < 2000; round++) {
      let v = "";
      const n = rng.below(24);
      for (let i = 0; i < n; i++) v += NOISE.charAt(rng.below(NOISE.length)) + (rng.below(3) == 0 ? "://" : "");
      const d = checkRequestHeaders(c, rng.below(2) == 0 ? "POST" : v, v, rng.below(2) == 0 ? null : v, rng.below(2) == 0 ? null : v, v, rng.below(3) == 0 ? v : null, rng.below(4) == 0);
      if (!d.ok) expect(validateJSON(d.body)).toBe(true, d.body);
    }
  });

  it("handles hostile bodies", () => {
    const c = config();
    let deep = "";
    for (let i = 0; i < 100000; i++) deep += "[";
    checkOutcome(c, deep, null);
    expect(dispatch(c, deep, null).details).toBe("mcp.too_deep");
    let deepObj = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\",\"arguments\":{\"x\":";
    for (let i = 0; i < 63; i++) deepObj += "[";
    for (let i = 0; i < 63; i++) deepObj += "]";
    expect(dispatch(c, deepObj + "}}}", null).details).toBe("mcp.too_deep");
    let big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\",\"arguments\":{\"x\":\"";
    for (let i = 0; i < 20; i++) big += "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".repeat(1000);
    const o = dispatch(c, big + "\"}}}", null);
    expect(o.kind).toBe(OUTCOME_CALL);
    expect(o.argumentsJson.length).toBe(1280000 + 8);
    checkOutcome(c, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + String.fromCharCode(0xd800) + "\"}}", null);
    checkOutcome(c, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"\\udfff\\u0000\"}}", null);
    checkOutcome(c, "{\"jsonrpc\":\"2.0\",\"id\":1e99999,\"method\":\"ping\"}", null);
    checkOutcome(c, "{\"jsonrpc\":\"2.0\",\"id\":-123456789012345678901234567890.5e-3,\"method\":\"ping\"}", null);
    checkOutcome(c, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + String.fromCharCode(0xdc00) + "\"}", null);
    checkOutcome(c, "\ufeff{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null);
    checkOutcome(c, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"" + "       ".repeat(10000) + "}", null);
  });
});
