// Trailers through the built plugin (issue 15 item 1). HTTP/2, gRPC-style and chunked clients and
// backends may end a message with trailers instead of end_of_stream on the last DATA frame. Envoy then
// calls proxy_on_*_trailers; a module without them gets Continue (cpp-host) and the filter manager
// resumes the paused stream (commonHandleAfterTrailersCallback): the raw JSON-RPC request would reach
// the route's upstream, the raw backend response the MCP client. Every MCP method and REST tools
// (static credential, OAuth2 token wait) are sent with trailers both ways; nothing raw may pass.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HttpStream } from "../../host/stream.js";
import type { Pairs } from "../../host/memory.js";
import type { Host } from "../../host/vm.js";
import { CONFIG_SECRETS, FUZZ_CONFIG } from "../fuzz/config.js";
import { checkRequestPhase, checkResponsePhase, loadPlugin, mcpHeaders, openStream, WASM } from "../fuzz/harness.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const CLIENT_SECRET = "client-bearer-SECRET-7f3";
const CLIENT_TRAILER = "client-trailer-MARK-91c";
const BACKEND_HEADER = "backend-header-MARK-22a";
const BACKEND_TRAILER = "backend-trailer-MARK-5d0";
const BACKEND_ECHO_MARK = "raw-backend-body-MARK";
const rpc = (method: string, params?: unknown, id: number | null = 7) =>
  JSON.stringify({ jsonrpc: "2.0", ...(id === null ? {} : { id }), method, ...(params ? { params } : {}) });

/** Every MCP method the plugin answers, plus broken requests, and tools/call of REST tools. */
const REQUESTS: Array<[string, string]> = [
  ["initialize", rpc("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } })],
  ["notifications/initialized", rpc("notifications/initialized", undefined, null)],
  ["ping", rpc("ping")],
  ["tools/list", rpc("tools/list")],
  ["tools/call unknown tool", rpc("tools/call", { name: "nope", arguments: {} })],
  ["tools/call template_only", rpc("tools/call", { name: "template_only", arguments: { s: "x" } })],
  ["resources/list", rpc("resources/list")],
  ["prompts/list", rpc("prompts/list")],
  ["unknown method", rpc("no/such/method")],
  ["parse error", '{"jsonrpc":"2.0","id":1,"method":'],
  ["empty body", ""],
  ["tools/call bearer_tool (GET)", rpc("tools/call", { name: "bearer_tool", arguments: { "x-s": "v" } })],
  ["tools/call body_tool (POST)", rpc("tools/call", { name: "body_tool", arguments: { s: "v" } })],
  ["tools/call oauth_tool (token wait)", rpc("tools/call", { name: "oauth_tool", arguments: { s: "v" } })],
];

/** Sends headers, the body in two chunks without end_of_stream, then trailers. */
function sendWithTrailers(host: Host, body: string): HttpStream {
  const s = openStream(host);
  s.callOnRequestHeaders(mcpHeaders([["authorization", `Bearer ${CLIENT_SECRET}`]]), false);
  const b = enc.encode(body);
  const half = b.length >> 1;
  if (b.length > 0) {
    s.callOnRequestBody(b.subarray(0, half), false);
    if (s.requestState === "waiting") s.callOnRequestBody(b.subarray(half), false);
  }
  if (s.requestState === "waiting")
    s.callOnRequestTrailers([
      ["x-client-trailer", CLIENT_TRAILER],
      ["grpc-timeout", "1S"],
    ]);
  answerTokenCall(host);
  return s;
}

/** Answers a pending OAuth2 token fetch (oauth_tool). */
function answerTokenCall(host: Host): void {
  for (const c of host.getHttpCalls()) {
    host.respondToHttpCall(
      c.token,
      [
        [":status", "200"],
        ["content-type", "application/json"],
      ],
      JSON.stringify({ access_token: "oauth-token-SECRET-1", token_type: "Bearer", expires_in: 3600 }),
    );
  }
}

function text(p: Pairs | undefined): string {
  return (p ?? []).map(([k, v]) => `${k}: ${v}`).join("\n");
}

for (const [name, wasm] of [
  ["higress", WASM.higress],
  ["envoy", WASM.envoy],
] as const) {
  describe(`trailers (${name}.wasm): no stream leaves the plugin unprocessed`, () => {
    for (const [what, body] of REQUESTS) {
      it(`${what}: request and backend response with trailers`, async () => {
        const host = await loadPlugin(FUZZ_CONFIG, wasm);
        const s = sendWithTrailers(host, body);
        const o = checkRequestPhase(host, s, what, [...CONFIG_SECRETS, CLIENT_SECRET]);
        if (o.kind === "local") {
          assert.ok(o.status === 202 || o.json !== null, `${what}: local reply ${o.status} without JSON-RPC`);
          return;
        }
        assert.match(what, /tools\/call \w+_tool/, `${what}: only a REST tools/call may go upstream`);
        const up = s.getUpstreamRequest()!;
        const seen = `${text(up.headers)}\n${dec.decode(up.body)}\n${text(up.trailers)}`;
        assert.ok(!seen.includes(CLIENT_SECRET), `${what}: client credential reached the backend`);
        assert.ok(!seen.includes(CLIENT_TRAILER), `${what}: client trailer reached the backend`);
        assert.ok(!seen.includes("jsonrpc"), `${what}: raw JSON-RPC reached the backend`);
        assert.equal(up.complete, true, `${what}: rewritten request not complete`);
        assert.equal((up.trailers ?? []).length, 0, `${what}: trailers follow the rewritten request`);
        assert.match(o.path, /^\/(bearer|b|o)\b/);

        // Backend: headers, body without end_of_stream, then trailers.
        s.callOnResponseHeaders(
          [
            [":status", "200"],
            ["content-type", "application/json"],
            ["x-backend", BACKEND_HEADER],
          ],
          false,
        );
        s.callOnResponseBody(enc.encode('{"ok":true,'), false);
        s.callOnResponseBody(enc.encode(`"m":"${BACKEND_ECHO_MARK}"}`), false);
        s.callOnResponseTrailers([
          ["grpc-status", "0"],
          ["x-backend-trailer", BACKEND_TRAILER],
        ]);
        const msg = checkResponsePhase(host, s, "7", what, [...CONFIG_SECRETS, CLIENT_SECRET, "oauth-token-SECRET-1"]);
        assert.equal(msg.result.isError, false);
        assert.match(msg.result.content[0].text, new RegExp(BACKEND_ECHO_MARK), "the mapped result carries the body");
        const down = s.getDownstreamResponse()!;
        assert.ok(!text(down.headers).includes(BACKEND_HEADER), `${what}: backend header reached the client`);
        assert.ok(!text(down.trailers).includes(BACKEND_TRAILER), `${what}: backend trailer reached the client`);
        assert.equal((down.trailers ?? []).length, 0, `${what}: trailers follow the rebuilt response`);
        assert.equal(down.complete, true);
      });
    }

    it("backend response of headers and trailers only: the result goes out as a local reply", async () => {
      const host = await loadPlugin(FUZZ_CONFIG, wasm);
      const s = sendWithTrailers(host, rpc("tools/call", { name: "body_tool", arguments: { s: "v" } }));
      assert.equal(s.requestState, "forwarded");
      s.callOnResponseHeaders(
        [
          [":status", "204"],
          ["x-backend", BACKEND_HEADER],
        ],
        false,
      );
      s.callOnResponseTrailers([["x-backend-trailer", BACKEND_TRAILER]]);
      const msg = checkResponsePhase(host, s, "7", "headers+trailers");
      assert.equal(msg.result.isError, false);
      const down = s.getDownstreamResponse()!;
      assert.ok(!`${text(down.headers)}${text(down.trailers)}`.includes("MARK"));
    });

    it("a request exactly at maxRequestBodyBytes ending in trailers is answered", async () => {
      const host = await loadPlugin(
        { ...FUZZ_CONFIG, server: { ...FUZZ_CONFIG.server, limits: { maxRequestBodyBytes: 100 } } },
        wasm,
      );
      const s = openStream(host);
      s.callOnRequestHeaders(mcpHeaders(), false);
      s.callOnRequestBody(enc.encode(rpc("ping").padEnd(100, " ")), false);
      assert.equal(s.requestState, "waiting");
      s.callOnRequestTrailers([["x", "y"]]);
      // exactly at the limit: answered
      assert.equal(s.requestState, "local_reply");
      assert.equal(s.getLocalResponse()!.status, 200);
    });
  });
}
