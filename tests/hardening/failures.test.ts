// Fail-safe behaviour behind docs/failure-modes.md: every failure ends in a clean answer
// to the client and nothing unauthenticated (or partial) reaches the backend.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Host } from "../../host/vm.js";
import type { HttpStream } from "../../host/stream.js";
import { FUZZ_CONFIG } from "../fuzz/config.js";
import {
  checkNothingForwarded,
  checkRequestPhase,
  checkResponsePhase,
  loadPlugin,
  mcpHeaders,
  openStream,
  sendRequest,
  sendResponse,
  WASM,
} from "../fuzz/harness.js";

const enc = new TextEncoder();

function call(host: Host, tool: string, auth?: string): HttpStream {
  const s = openStream(host);
  const body = enc.encode(
    JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: { s: "a" } } }),
  );
  sendRequest(s, mcpHeaders(auth ? [["authorization", auth]] : []), [body]);
  return s;
}

function refusedText(host: Host, s: HttpStream): string {
  const o = checkRequestPhase(host, s, "refusal");
  assert.equal(o.kind, "local");
  checkNothingForwarded(s, "refusal");
  if (o.kind !== "local") return "";
  assert.equal(o.status, 200);
  assert.equal(o.json.result.isError, true);
  return o.json.result.content[0].text;
}

describe("failure modes", () => {
  it("token endpoint failures (timeout, reset, HTTP 500, invalid JSON, no access_token) refuse the call; nothing reaches the backend", async () => {
    const host = await loadPlugin(FUZZ_CONFIG);
    const answers: Array<[string, (t: number) => void, RegExp]> = [
      ["timeout (504 response)", (t) => host.timeoutHttpCall(t), /did not answer in time \(HTTP 504; see tokenTimeoutMs\)/],
      ["connect failure (503 response)", (t) => host.failHttpCall(t), /unreachable or unavailable \(HTTP 503\)/],
      ["reset (0, 0, 0)", (t) => host.resetHttpCall(t), /did not answer \(connection reset\)/],
      ["500", (t) => host.respondToHttpCall(t, { ":status": "500" }, "oops"), /returned HTTP 500/],
      ["bad json", (t) => host.respondToHttpCall(t, { ":status": "200" }, "{bad"), /invalid JSON/],
      ["no token", (t) => host.respondToHttpCall(t, { ":status": "200" }, "{}"), /no access_token/],
    ];
    for (const [label, answer, re] of answers) {
      const s = call(host, "oauth_tool");
      assert.equal(s.requestState, "waiting", label);
      const c = host.getHttpCalls().find((x) => x.originContextId === s.id);
      assert.ok(c, `${label}: token request dispatched`);
      answer(c.token);
      assert.match(refusedText(host, s), re, label);
      assert.ok(!refusedText(host, s).includes("csecret"), `${label}: client secret in the error text`);
    }
  });

  it("tokenTimeoutMs above 300000 (5 minutes; Envoy's http_call timeout is a signed 32-bit value) is rejected at configure time", async () => {
    const { Host: H } = await import("../../host/vm.js");
    const withTimeout = (ms: number) => ({
      ...FUZZ_CONFIG,
      server: {
        ...FUZZ_CONFIG.server,
        securitySchemes: FUZZ_CONFIG.server.securitySchemes.map((x) => (x.id === "oauth" ? { ...x, tokenTimeoutMs: ms } : x)),
      },
    });
    const ok = await H.load(WASM.higress);
    assert.equal(ok.startPlugin(JSON.stringify(withTimeout(300000))), true);
    const bad = await H.load(WASM.higress);
    assert.equal(bad.startPlugin(JSON.stringify(withTimeout(300001))), false);
    assert.match(bad.getLogs("error").join("\n"), /server\.securitySchemes\[6\]\.tokenTimeoutMs: must be at most 300000/);
  });

  it("passthrough without (or with the wrong kind of) client credential is refused, never sent with another credential", async () => {
    const host = await loadPlugin(FUZZ_CONFIG);
    assert.match(refusedText(host, call(host, "passthrough_tool")), /none was sent/);
    assert.match(refusedText(host, call(host, "passthrough_tool", "Basic eDp5")), /another kind of credential/);
  });

  it("backend down (503 from Envoy) and backend timeout (504) become isError results", async () => {
    const host = await loadPlugin(FUZZ_CONFIG);
    for (const [status, text] of [
      [503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure"],
      [504, "upstream request timeout"],
    ] as const) {
      const s = call(host, "query_tool");
      assert.equal(s.requestState, "forwarded");
      sendResponse(s, status, [["content-type", "text/plain"]], [enc.encode(text)]);
      const msg = checkResponsePhase(host, s, "1", `HTTP ${status}`);
      assert.equal(msg.result.isError, true);
      assert.match(msg.result.content[0].text, new RegExp(`backend returned HTTP ${status}`));
    }
  });

  it("a trap fails closed: a paused request fails at its next callback with 503 wasm_fail_stream, nothing is forwarded", async () => {
    for (const [wasm, policy] of [
      [WASM.envoy, "fail_closed"],
      [WASM.higress, "reload"],
    ] as const) {
      const host = await loadPlugin(FUZZ_CONFIG, wasm, { failurePolicy: policy });
      const s = openStream(host);
      s.callOnRequestHeaders(mcpHeaders([["authorization", "Bearer tok"]]), false); // paused, body expected
      const waiting = call(host, "oauth_tool"); // paused on the OAuth2 token fetch (an http_call)
      assert.equal(waiting.requestState, "waiting");
      host.callVm("malloc", 0x7ffffff0); // an allocation the guest cannot satisfy: abort → trap
      assert.equal(host.failed, true);
      // Envoy fails only the stream whose callback trapped at once; the others at their next callback.
      assert.equal(s.getLocalResponse(), null);
      s.callOnRequestBody(enc.encode('{"jsonrpc":"2.0","id":1,"method":"ping"}'), true);
      assert.equal(s.getLocalResponse()?.status, 503);
      assert.equal(s.getLocalResponse()?.details, "wasm_fail_stream");
      checkNothingForwarded(s, "trapped stream");
      // The token wait can never be resumed: it hangs (Envoy: until the stream idle timeout); nothing goes out.
      for (const c of host.getHttpCalls()) host.respondToHttpCall(c.token, { ":status": "200" }, '{"access_token":"t"}');
      assert.equal(waiting.requestState, "stalled");
      checkNothingForwarded(waiting, "waiting stream");
      const later = call(host, "query_tool", "Bearer tok");
      if (policy === "fail_closed") {
        assert.equal(later.getLocalResponse()?.details, "wasm_fail_stream", "upstream Envoy: every later stream fails");
        checkNothingForwarded(later, "later stream");
      } else {
        assert.equal(later.requestState, "forwarded", "Higress re-created the VM for the new stream");
        assert.equal(host.failed, false);
      }
    }
  });
});
