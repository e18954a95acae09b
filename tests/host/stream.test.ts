// HTTP stream semantics: StopIteration conversion, body buffering, set_buffer_bytes, continue_stream,
// local replies, buffer limits, properties.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FilterHeadersStatus } from "../../host/abi.js";
import { header, POST, started, text } from "./helpers.js";

const REWRITE = 'reqHeaders=stop;reqBody=buffer;path=/api/v1/tool;authority=backend.example;body={"x":1}';

describe("header StopIteration", () => {
  it("Envoy 0_2_1 build without the option: StopIteration becomes StopAll and the stream stalls", async () => {
    const host = await started(REWRITE, {}, "guest_0_2_1");
    const s = host.newHttpStream();
    assert.equal(s.callOnRequestHeaders(POST), FilterHeadersStatus.StopAllIterationAndWatermark);
    assert.equal(s.callOnRequestBody('{"a":"b"}', true), undefined);
    assert.equal(s.requestState, "stalled");
    assert.equal(s.getUpstreamRequest(), null);
    assert.ok(!host.getLogs("info").some((l) => l.startsWith("request body")), "body never reached the filter");
  });

  it("Envoy 0_2_1 build with allowOnHeadersStopIteration: the body reaches the filter and the rewrite is forwarded", async () => {
    const host = await started(REWRITE, { allowOnHeadersStopIteration: true }, "guest_0_2_1");
    const s = host.newHttpStream();
    assert.equal(s.callOnRequestHeaders(POST), FilterHeadersStatus.StopIteration);
    s.callOnRequestBody('{"a":"b"}', true);
    assert.equal(s.requestState, "forwarded");
    const up = s.getUpstreamRequest()!;
    assert.equal(header(up.headers, ":path"), "/api/v1/tool");
    assert.equal(header(up.headers, ":authority"), "backend.example");
    assert.equal(header(up.headers, "content-length"), "7");
    assert.equal(text(up.body), '{"x":1}');
  });

  it("Higress 0_2_100 build passes StopIteration through", async () => {
    const host = await started(REWRITE);
    const s = host.newHttpStream();
    assert.equal(s.callOnRequestHeaders(POST), FilterHeadersStatus.StopIteration);
    s.callOnRequestBody('{"a":"b"}', true);
    assert.equal(s.requestState, "forwarded");
    assert.equal(header(s.getUpstreamRequest()!.headers, ":path"), "/api/v1/tool");
  });

  it("StopAll holds the body until continue_stream, then shows it to the filter", async () => {
    const host = await started("reqHeaders=stopall;reqBody=buffer");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("abc", false);
    s.callOnRequestBody("def", true);
    assert.equal(s.requestState, "stalled");
    assert.equal(host.getLogs("info").filter((l) => l.startsWith("request body")).length, 0);
  });
});

describe("request body", () => {
  it("buffers across chunks: each callback sees the accumulated length", async () => {
    const host = await started("reqHeaders=stop;reqBody=buffer");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    for (const [chunk, eos] of [
      ["ab", false],
      ["cde", false],
      ["f", true],
    ] as const)
      s.callOnRequestBody(chunk, eos);
    const lines = host.getLogs("info").filter((l) => l.startsWith("request body"));
    assert.deepEqual(lines, ["request body: 2 eos=0", "request body: 5 eos=0", "request body: 6 eos=1"]);
    assert.ok(host.getLogs("info").includes("body text: abcdef"));
    assert.equal(text(s.getUpstreamRequest()!.body), "abcdef");
  });

  it("set_buffer_bytes(0, MaxInt32) replaces and an append at ≥ length appends", async () => {
    const host = await started("reqHeaders=stop;reqBody=buffer;body=NEW;appendBody=+tail");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("old body", true);
    assert.equal(text(s.getUpstreamRequest()!.body), "NEW+tail");
    assert.ok(host.getLogs("info").includes("append: 0"));
  });

  it("Continue from the body callback streams chunks upstream one by one", async () => {
    const host = await started("reqBody=continue");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("ab", false);
    assert.equal(text(s.getUpstreamRequest()!.body), "ab");
    s.callOnRequestBody("cd", true);
    assert.equal(s.requestState, "forwarded");
    assert.equal(text(s.getUpstreamRequest()!.body), "abcd");
  });

  it("a request body over the default 1 MiB limit while buffering gets a local 413", async () => {
    const host = await started("reqHeaders=stop;reqBody=buffer");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody(new Uint8Array(1024 * 1024), false);
    s.callOnRequestBody(new Uint8Array(10), true);
    assert.equal(s.getLocalResponse()?.status, 413);
    assert.equal(s.getLocalResponse()?.details, "request_payload_too_large");
    assert.equal(s.requestState, "local_reply");
  });

  it("Higress set_decoder_buffer_limit changes the limit", async () => {
    const host = await started("reqHeaders=stop;reqBody=buffer;decoderLimit=16");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("0123456789", false);
    assert.equal(s.getLocalResponse(), null);
    s.callOnRequestBody("0123456789", true);
    assert.equal(s.getLocalResponse()?.status, 413);
    assert.ok(host.getLogs("info").includes("set decoder limit: 0"));
  });
});

describe("continue_stream", () => {
  it("freezes headers immediately (BadArgument) and forwards after the VM call", async () => {
    const host = await started("reqHeaders=stop;reqBody=continue_stream;path=/changed");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("x", true);
    assert.ok(host.getLogs("info").includes("continue: 0"));
    assert.ok(host.getLogs("info").includes("replace after continue: 2"));
    assert.equal(s.requestState, "forwarded");
    const up = s.getUpstreamRequest()!;
    assert.equal(header(up.headers, ":path"), "/changed");
    assert.equal(header(up.headers, "x-late"), undefined);
  });
});

describe("local replies", () => {
  it("a local reply stops the stream even though the callback returned Continue", async () => {
    const host = await started("reqHeaders=local;localStatus=401;localBody=nope");
    const s = host.newHttpStream();
    // cpp-host: after send_local_response the status is StopAllIterationAndWatermark whatever the plugin returned
    assert.equal(s.callOnRequestHeaders(POST), FilterHeadersStatus.StopAllIterationAndWatermark);
    assert.equal(s.requestState, "local_reply");
    assert.equal(s.getUpstreamRequest(), null);
    const r = s.getLocalResponse()!;
    assert.deepEqual([r.status, r.details, text(r.body), r.headers], [401, "guest.local", "nope", [["x-local", "guest"]]]);
    const down = s.getDownstreamResponse()!;
    assert.equal(header(down.headers, ":status"), "401");
    assert.equal(header(down.headers, "content-length"), "4");
    assert.equal(text(down.body), "nope");
  });

  it("a request-phase local reply passes through the filter's response callbacks", async () => {
    const host = await started("reqHeaders=local;respMark=1");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    assert.equal(header(s.getDownstreamResponse()!.headers, "x-guest"), "1");
  });

  it("a local reply in the response phase before headers are sent replaces the response", async () => {
    const host = await started("respHeaders=local;localStatus=502");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    s.callOnResponseHeaders({ ":status": "200", "content-type": "text/plain" });
    s.callOnResponseBody("upstream", true);
    assert.equal(s.responseState, "local_reply");
    const down = s.getDownstreamResponse()!;
    assert.equal(header(down.headers, ":status"), "502");
    assert.equal(text(down.body), "replaced by guest");
  });

  it("the response body can be buffered and rewritten", async () => {
    const host = await started("respHeaders=stop;respBody=buffer;respPrefix=W:");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    s.callOnResponseHeaders({ ":status": "200" });
    s.callOnResponseBody("ab", false);
    s.callOnResponseBody("cd", true);
    assert.equal(s.responseState, "forwarded");
    assert.equal(text(s.getDownstreamResponse()!.body), "W:abcd");
  });
});

describe("properties", () => {
  it("reads per-stream, host and request-derived properties; a missing one is NotFound", async () => {
    const host = await started("readProp=route_name,cluster_name,source.address,request.path,plugin_name,nope", {
      properties: { plugin_name: "mcp" },
    });
    const s = host.newHttpStream({
      properties: { route_name: "r1", cluster_name: "outbound|80||svc", "source.address": "10.0.0.1:5555" },
    });
    s.callOnRequestHeaders(POST, true);
    const h = s.getUpstreamRequest()!.headers;
    assert.equal(header(h, "x-prop-route_name"), "r1");
    assert.equal(header(h, "x-prop-cluster_name"), "outbound|80||svc");
    assert.equal(header(h, "x-prop-source.address"), "10.0.0.1:5555");
    assert.equal(header(h, "x-prop-request.path"), "/mcp");
    assert.equal(header(h, "x-prop-plugin_name"), "mcp");
    assert.equal(header(h, "x-prop-nope"), "<missing>");
  });

  it("clear_route_cache=off is recorded on the stream", async () => {
    const host = await started("routeOff=1");
    const s = host.newHttpStream();
    assert.equal(s.clearRouteCache, true);
    s.callOnRequestHeaders(POST, true);
    assert.equal(s.clearRouteCache, false);
  });
});
