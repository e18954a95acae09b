// Body-phase JSON-RPC dispatch: every outcome, exact bodies.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { dispatch, OUTCOME_CALL, OUTCOME_REPLY, RpcOutcome } from "../../assembly/mcp/dispatch";
import { errorResponse, resultResponse, toolResultText, jsonString } from "../../assembly/mcp/jsonrpc";

function config(extra: string): PluginConfig {
  const r = parseRootConfig("{\"server\":{\"name\":\"srv\",\"title\":\"Srv\",\"instructions\":\"use it\",\"limits\":{\"maxJsonDepth\":8,\"maxArguments\":3}}," +
    "\"tools\":[{\"name\":\"a\",\"description\":\"A\",\"requestTemplate\":{\"url\":\"/a\"}},{\"name\":\"b\",\"description\":\"B\"," +
    "\"requestTemplate\":{\"url\":\"/b\"}},{\"name\":\"c\",\"description\":\"C\",\"requestTemplate\":{\"url\":\"/c\"}}]" + extra + "}");
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}

function req(id: string, method: string, params: string): string {
  let s = "{\"jsonrpc\":\"2.0\"";
  if (id.length > 0) s += ",\"id\":" + id;
  s += ",\"method\":" + jsonString(method);
  if (params.length > 0) s += ",\"params\":" + params;
  return s + "}";
}

function entry(c: PluginConfig, name: string): string {
  return c.findTool(name)!.listEntryJson;
}

class D {
  constructor(public body: string, public status: i32, public want: string, public details: string) {}
}

function check(c: PluginConfig, header: string | null, cases: D[]): void {
  for (let i = 0; i < cases.length; i++) {
    const d = cases[i];
    const o = dispatch(c, d.body, header);
    expect(o.kind).toBe(OUTCOME_REPLY, d.body);
    expect(o.status).toBe(d.status, d.body);
    expect(o.text()).toBe(d.want, d.body);
    if (d.details.length > 0) expect(o.details).toBe(d.details, d.body);
  }
}

describe("mcp dispatch: framing", () => {
  it("rejects malformed messages and accepts notifications", () => {
    const c = config("");
    const t = new Array<D>();
    t.push(new D("{", 400, errorResponse("null", -32700, "parse error: invalid JSON"), "mcp.parse_error"));
    t.push(new D("", 400, errorResponse("null", -32700, "parse error: invalid JSON"), "mcp.parse_error"));
    t.push(new D("{\"a\":1} x", 400, errorResponse("null", -32700, "parse error: invalid JSON"), "mcp.parse_error"));
    t.push(new D("[" + req("1", "ping", "") + "]", 400, errorResponse("null", -32600, "batch requests are not supported"), "mcp.batch_not_supported"));
    t.push(new D("[]", 400, errorResponse("null", -32600, "batch requests are not supported"), ""));
    t.push(new D("12", 400, errorResponse("null", -32600, "invalid request: expected a JSON object"), "mcp.invalid_request"));
    t.push(new D("\"x\"", 400, errorResponse("null", -32600, "invalid request: expected a JSON object"), ""));
    t.push(new D("{\"id\":7,\"method\":\"ping\"}", 400, errorResponse("7", -32600, "invalid request: jsonrpc must be \"2.0\""), ""));
    t.push(new D("{\"jsonrpc\":\"1.0\",\"id\":\"x\",\"method\":\"ping\"}", 400, errorResponse("\"x\"", -32600, "invalid request: jsonrpc must be \"2.0\""), ""));
    t.push(new D("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}", 400, errorResponse("1", -32600, "invalid request: jsonrpc must be \"2.0\""), ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":1}", 400, errorResponse("1", -32600, "invalid request: method must be a string"), ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", 400, errorResponse("1", -32600, "invalid request: method must be a string"), ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", 400, errorResponse("null", -32600, "invalid request: id must be a string or a number"), ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", 400, errorResponse("null", -32600, "invalid request: id must be a string or a number"), ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}", 400, errorResponse("null", -32600, "invalid request: duplicate key \"id\""), ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/list\"}", 400, errorResponse("null", -32600, "invalid request: duplicate key \"method\""), ""));
    t.push(new D(req("", "notifications/initialized", ""), 202, "", "mcp.notification_accepted"));
    t.push(new D(req("", "notifications/cancelled", "{\"requestId\":1}"), 202, "", ""));
    t.push(new D(req("", "tools/call", "{\"name\":\"a\"}"), 202, "", ""));
    t.push(new D(req("", "whatever", "7"), 202, "", ""));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", 202, "", "mcp.response_accepted"));
    t.push(new D("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"x\"}}", 202, "", ""));
    check(c, null, t);
  });

  it("enforces the nesting limit before parsing", () => {
    const c = config("");
    const deep = req("1", "tools/call", "{\"name\":\"a\",\"arguments\":{\"x\":[[[[[[[1]]]]]]]}}");
    const o = dispatch(c, deep, null);
    expect(o.status).toBe(400);
    expect(o.details).toBe("mcp.too_deep");
    expect(o.text()).toBe(errorResponse("null", -32600, "invalid request: nesting exceeds 8 levels"));
    const okBody = req("1", "tools/call", "{\"name\":\"a\",\"arguments\":{\"x\":\"[[[[[[[[[[[[\\\"\",\"y\":[[[[1]]]]}}");
    expect(dispatch(c, okBody, null).kind).toBe(OUTCOME_CALL);
  });

  it("echoes ids exactly", () => {
    const c = config("");
    const ids = ["123456789012345678901234567890", "-0", "1.5e400", "\"a\\\"b\\u00e9\\ud800\"", "\"\"", "0", "\"  \""];
    for (let i = 0; i < ids.length; i++) {
      const o = dispatch(c, req(ids[i], "ping", ""), null);
      expect(o.idJson).toBe(ids[i]);
      expect(o.text()).toBe("{\"jsonrpc\":\"2.0\",\"id\":" + ids[i] + ",\"result\":{}}");
    }
    const spaced = dispatch(c, "{ \"id\" :  42 , \"method\":\"ping\",\"jsonrpc\":\"2.0\" }", null);
    expect(spaced.text()).toBe(resultResponse("42", "{}"));
  });
});

describe("mcp dispatch: methods", () => {
  it("answers initialize with a negotiated version", () => {
    const c = config("");
    const info = "\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":{\"name\":\"srv\",\"version\":\"1.0.0\",\"title\":\"Srv\"},\"instructions\":\"use it\"}";
    const versions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];
    for (let i = 0; i < versions.length; i++) {
      const o = dispatch(c, req("1", "initialize", "{\"protocolVersion\":\"" + versions[i] + "\",\"capabilities\":{}}"), null);
      expect(o.text()).toBe(resultResponse("1", "{\"protocolVersion\":\"" + versions[i] + "\"," + info));
      expect(o.method).toBe("initialize");
    }
    const t = new Array<D>();
    t.push(new D(req("1", "initialize", "{\"protocolVersion\":\"2026-07-28\"}"), 200, resultResponse("1", "{\"protocolVersion\":\"2025-11-25\"," + info), "mcp.initialize"));
    t.push(new D(req("1", "initialize", "{\"protocolVersion\":5}"), 200, resultResponse("1", "{\"protocolVersion\":\"2025-11-25\"," + info), ""));
    t.push(new D(req("1", "initialize", ""), 200, resultResponse("1", "{\"protocolVersion\":\"2025-11-25\"," + info), ""));
    t.push(new D(req("1", "initialize", "[1]"), 200, errorResponse("1", -32602, "invalid params: params must be an object"), "mcp.invalid_params"));
    t.push(new D(req("1", "ping", ""), 200, resultResponse("1", "{}"), "mcp.ping"));
    t.push(new D(req("1", "resources/list", ""), 200, errorResponse("1", -32601, "method not found: resources/list"), "mcp.method_not_found"));
    t.push(new D(req("1", "server/discover", ""), 400,
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32600,\"message\":\"unsupported protocol revision; this server supports 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05 (use initialize)\"," +
      "\"data\":{\"supported\":[\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"]}}}", ""));
    check(c, null, t);
    expect(dispatch(c, req("1", "x\"y", ""), null).method).toBe("other");
  });

  it("omits optional serverInfo fields", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"n\",\"version\":\"2.1\"}}");
    const o = dispatch(r.config!.global!, req("\"i\"", "initialize", "{\"protocolVersion\":\"2025-06-18\"}"), null);
    expect(o.text()).toBe(resultResponse("\"i\"", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":{\"name\":\"n\",\"version\":\"2.1\"}}"));
    const l = dispatch(r.config!.global!, req("1", "tools/list", ""), null);
    expect(l.text()).toBe(resultResponse("1", "{\"tools\":[]}"));
  });

  it("lists tools filtered by allowTools and the header", () => {
    const c = config("");
    const all = "[" + entry(c, "a") + "," + entry(c, "b") + "," + entry(c, "c") + "]";
    const list = req("1", "tools/list", "");
    expect(dispatch(c, list, null).text()).toBe(resultResponse("1", "{\"tools\":" + all + "}"));
    expect(dispatch(c, list, "").text()).toBe(resultResponse("1", "{\"tools\":" + all + "}"));
    expect(dispatch(c, list, " c , a ").text()).toBe(resultResponse("1", "{\"tools\":[" + entry(c, "a") + "," + entry(c, "c") + "]}"));
    expect(dispatch(c, list, " , ,").text()).toBe(resultResponse("1", "{\"tools\":[]}"));
    expect(dispatch(c, list, " ").text()).toBe(resultResponse("1", "{\"tools\":[]}"));
    expect(dispatch(c, req("1", "tools/list", "{\"cursor\":null}"), null).status).toBe(200);
    expect(dispatch(c, req("1", "tools/list", "{\"cursor\":\"x\"}"), null).text()).toBe(errorResponse("1", -32602, "invalid params: unknown cursor"));
    const restricted = config(",\"allowTools\":[\"b\",\"c\",\"zz\"]");
    expect(dispatch(restricted, list, null).text()).toBe(resultResponse("1", "{\"tools\":[" + entry(c, "b") + "," + entry(c, "c") + "]}"));
    expect(dispatch(restricted, list, "a,c").text()).toBe(resultResponse("1", "{\"tools\":[" + entry(c, "c") + "]}"));
    expect(dispatch(restricted, list, "a").text()).toBe(resultResponse("1", "{\"tools\":[]}"));
    const none = config(",\"allowTools\":[]");
    expect(dispatch(none, list, null).text()).toBe(resultResponse("1", "{\"tools\":[]}"));
  });

  it("routes tools/call", () => {
    const c = config(",\"allowTools\":[\"a\",\"b\",\"ghost\"]");
    const o = dispatch(c, req("\"q\"", "tools/call", "{\"name\":\"a\",\"arguments\":{\"n\": 123456789012345678901234567890, \"s\":\"\\u00e9\"}}"), null);
    expect(o.kind).toBe(OUTCOME_CALL);
    expect(o.tool!.name).toBe("a");
    expect(o.argumentsJson).toBe("{\"n\": 123456789012345678901234567890, \"s\":\"\\u00e9\"}");
    expect(o.idJson).toBe("\"q\"");
    expect(o.method).toBe("tools/call");
    const noArgs = dispatch(c, req("2", "tools/call", "{\"name\":\"b\"}"), null);
    expect(noArgs.kind).toBe(OUTCOME_CALL);
    expect(noArgs.argumentsJson).toBe("");
    const t = new Array<D>();
    t.push(new D(req("1", "tools/call", "{\"name\":\"c\"}"), 200, errorResponse("1", -32602, "tool not allowed: c"), "mcp.tools_call.not_allowed"));
    t.push(new D(req("1", "tools/call", "{\"name\":\"zz\"}"), 200, errorResponse("1", -32602, "tool not allowed: zz"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":\"ghost\"}"), 200, errorResponse("1", -32602, "unknown tool: ghost"), "mcp.tools_call.unknown_tool"));
    t.push(new D(req("1", "tools/call", ""), 200, errorResponse("1", -32602, "invalid params: params must be an object"), ""));
    t.push(new D(req("1", "tools/call", "{}"), 200, errorResponse("1", -32602, "invalid params: name must be a string"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":1}"), 200, errorResponse("1", -32602, "invalid params: name must be a string"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":\"a\",\"arguments\":[]}"), 200, errorResponse("1", -32602, "invalid params: arguments must be an object"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":\"a\",\"arguments\":\"{}\"}"), 200, errorResponse("1", -32602, "invalid params: arguments must be an object"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":\"a\",\"arguments\":null}"), 200, errorResponse("1", -32602, "invalid params: arguments must be an object"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":\"a\",\"arguments\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4}}"), 200, errorResponse("1", -32602, "invalid params: too many arguments (limit 3)"), ""));
    t.push(new D(req("1", "tools/call", "{\"name\":\"a\",\"name\":\"b\"}"), 200, errorResponse("1", -32602, "invalid params: duplicate key"), ""));
    check(c, null, t);
    // header restricts further; checked before existence
    expect(dispatch(c, req("1", "tools/call", "{\"name\":\"a\"}"), "b").body).toBe(errorResponse("1", -32602, "tool not allowed: a"));
    expect(dispatch(c, req("1", "tools/call", "{\"name\":\"b\"}"), "b").kind).toBe(OUTCOME_CALL);
    expect(dispatch(c, req("1", "tools/call", "{\"name\":\"b\"}"), ",").kind).toBe(OUTCOME_REPLY);
    const unknown = dispatch(config(""), req("1", "tools/call", "{\"name\":\"x\\\"\\n\"}"), null);
    expect(unknown.body).toBe(errorResponse("1", -32602, "unknown tool: x\"\n"));
  });
});

describe("mcp jsonrpc helpers", () => {
  it("frames results and errors", () => {
    expect(resultResponse("1", "{}")).toBe("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    expect(errorResponse("", -32000, "x")).toBe("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"x\"}}");
    expect(toolResultText("a\"b", true)).toBe("{\"content\":[{\"type\":\"text\",\"text\":\"a\\\"b\"}],\"isError\":true}");
    expect(toolResultText("", false)).toBe("{\"content\":[{\"type\":\"text\",\"text\":\"\"}],\"isError\":false}");
    expect(jsonString("\u0000\u001f\\\t\r\n\"é😀")).toBe("\"\\u0000\\u001f\\\\\\t\\r\\n\\\"é😀\"");
    expect(jsonString("\udc00a\ud83d")).toBe("\"\\udc00a\\ud83d\"");
  });
});
