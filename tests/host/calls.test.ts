// http_call, set_effective_context, traps, metrics, stream completion.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MetricType } from "../../host/abi.js";
import { header, POST, started, text } from "./helpers.js";

const CLUSTERS = { token: "http://127.0.0.1:1" };

describe("http_call", () => {
  it("dispatches via the root context; the response resumes the stream through set_effective_context", async () => {
    const host = await started("reqHeaders=call;path=/backend", { clusters: CLUSTERS });
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    assert.equal(s.requestState, "waiting");
    const [call] = host.getHttpCalls();
    assert.equal(call.cluster, "token");
    assert.equal(header(call.headers, ":authority"), "token.local");
    assert.equal(call.timeoutMs, 1000);
    host.respondToHttpCall(call.token, { ":status": "200" }, "tok-123");
    assert.ok(host.getLogs("info").includes(`http call response: token=${call.token} headers=1 body=7`));
    assert.ok(host.getLogs("info").includes("effective: 0"));
    assert.ok(host.getLogs("info").includes("replace after continue: 2"));
    assert.equal(s.requestState, "forwarded");
    const up = s.getUpstreamRequest()!;
    assert.equal(header(up.headers, "authorization"), "Bearer tok-123");
    assert.equal(header(up.headers, "x-call-status"), "200");
    assert.equal(header(up.headers, ":path"), "/backend");
    assert.equal(host.getHttpCalls().length, 0);
  });

  it("without set_effective_context the root context has no request headers and the stream stalls", async () => {
    const host = await started("reqHeaders=call;noEffective=1", { clusters: CLUSTERS });
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    host.respondToHttpCall(host.getHttpCalls()[0].token, { ":status": "200" }, "t");
    assert.ok(host.getLogs("info").includes("add header: 2"));
    assert.equal(s.requestState, "stalled");
  });

  it("a reset is delivered as an empty response (token, 0, 0, 0)", async () => {
    const host = await started("reqHeaders=call", { clusters: CLUSTERS });
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    const token = host.getHttpCalls()[0].token;
    host.resetHttpCall(token);
    assert.ok(host.getLogs("info").includes(`http call response: token=${token} headers=0 body=0`));
    assert.equal(s.getLocalResponse()?.status, 504);
    assert.equal(s.getLocalResponse()?.details, "guest.call_failed");
  });

  it("a timeout or connection failure is the router's local reply, delivered as a 504 / 503 response", async () => {
    for (const [fail, status, body] of [
      ["timeout", "504", "upstream request timeout"],
      ["connect", "503", "upstream connect error or disconnect/reset before headers. reset reason: connection failure"],
    ] as const) {
      const host = await started("reqHeaders=call", { clusters: CLUSTERS });
      const s = host.newHttpStream();
      s.callOnRequestHeaders(POST, true);
      const token = host.getHttpCalls()[0].token;
      if (fail === "timeout") host.timeoutHttpCall(token);
      else host.failHttpCall(token);
      assert.ok(
        host.getLogs("info").includes(`http call response: token=${token} headers=3 body=${body.length}`),
        host.getLogs().join("\n"),
      );
      void status;
    }
  });

  it("an unknown cluster or missing :authority is BadArgument", async () => {
    const table: Array<[string, string, Record<string, string>]> = [
      ["unknown cluster", "reqHeaders=call;cluster=nope", CLUSTERS],
      ["missing :authority", "reqHeaders=badcall", CLUSTERS],
    ];
    for (const [name, script, clusters] of table) {
      const host = await started(script, { clusters });
      const s = host.newHttpStream();
      s.callOnRequestHeaders(POST, true);
      assert.deepEqual(host.getLogs("error"), ["http_call failed: status 2"], name);
      assert.equal(s.getLocalResponse()?.status, 500, name);
      assert.equal(host.getHttpCalls().length, 0, name);
    }
  });
});

describe("traps", () => {
  it("a trap fails the VM: that stream and (fail_closed) every later stream get 503 wasm_fail_stream", async () => {
    const host = await started("reqBody=trap", { failurePolicy: "fail_closed" });
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("x", true);
    assert.equal(host.failed, true);
    assert.deepEqual([s.getLocalResponse()?.status, s.getLocalResponse()?.details], [503, "wasm_fail_stream"]);
    assert.ok(host.getLogs("critical").some((l) => /proxy_on_request_body failed: Uncaught RuntimeError: unreachable/.test(l)));
    const later = host.newHttpStream();
    later.callOnRequestHeaders(POST, true);
    assert.deepEqual([later.getLocalResponse()?.status, later.getLocalResponse()?.details], [503, "wasm_fail_stream"]);
    assert.equal(later.requestState, "local_reply");
  });

  it("only the trapping stream fails at once; other streams fail at their next callback (envoy failStream per context)", async () => {
    const host = await started("reqHeaders=stop;reqBody=trap", { failurePolicy: "fail_closed" });
    const other = host.newHttpStream();
    other.callOnRequestHeaders(POST); // paused, body expected
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("x", true);
    assert.equal(s.getLocalResponse()?.details, "wasm_fail_stream");
    assert.equal(other.getLocalResponse(), null, "not failed before its next callback");
    assert.equal(other.requestState, "waiting");
    other.callOnRequestBody("y", true);
    assert.deepEqual([other.getLocalResponse()?.status, other.getLocalResponse()?.details], [503, "wasm_fail_stream"]);
  });

  it("Higress (ABI 0_2_100 default) re-creates a failed VM for a later new stream, rate-limited; old streams keep failing", async () => {
    const host = await started("reqHeaders=stop;reqBody=trap", { reloadBackoffMs: 60_000 });
    const old = host.newHttpStream();
    old.callOnRequestHeaders(POST);
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("x", true);
    assert.equal(host.failed, true);
    const fresh = host.newHttpStream(); // re-creates the VM with the last config
    assert.equal(host.failed, false);
    assert.ok(host.getLogs("info").includes("host: wasm vm is crashed, try to recover"));
    fresh.callOnRequestHeaders(POST, true);
    assert.equal(fresh.getLocalResponse(), null, "served by the new VM (its script pauses at headers)");
    assert.equal(host.failed, false);
    old.callOnRequestBody("y", true);
    assert.equal(old.getLocalResponse()?.details, "wasm_fail_stream", "a stream of the failed VM");
    // a second trap within the backoff: new streams fail closed until it has passed
    const again = host.newHttpStream();
    again.callOnRequestHeaders(POST);
    again.callOnRequestBody("x", true);
    assert.equal(host.failed, true);
    const blocked = host.newHttpStream();
    blocked.callOnRequestHeaders(POST, true);
    assert.equal(blocked.getLocalResponse()?.details, "wasm_fail_stream");
  });

  it("upstream Envoy (ABI 0_2_1 default): fail closed, no re-creation", async () => {
    const host = await started("reqBody=trap", {}, "guest_0_2_1");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("x", true);
    const later = host.newHttpStream();
    later.callOnRequestHeaders(POST, true);
    assert.equal(later.getLocalResponse()?.details, "wasm_fail_stream");
  });

  it("an abort logs its message through the guest's abort handler before trapping", async () => {
    const host = await started("reqBody=abort");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST);
    s.callOnRequestBody("x", true);
    assert.ok(host.getLogs("critical").some((l) => l.startsWith("abort: scripted abort at ")));
    assert.equal(s.getLocalResponse()?.details, "wasm_fail_stream");
  });

  it("pushing the config again re-creates a failed VM", async () => {
    const host = await started("reqHeaders=trap");
    host.newHttpStream().callOnRequestHeaders(POST, true);
    assert.equal(host.failed, true);
    assert.equal(host.startPlugin("reqHeaders=continue"), true);
    assert.equal(host.failed, false);
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    assert.equal(s.requestState, "forwarded");
  });
});

describe("metrics and lifecycle", () => {
  it("counter, gauge and histogram defined by the plugin", async () => {
    const host = await started("metrics=1;reqHeaders=stop;reqBody=buffer");
    for (let i = 0; i < 2; i++) {
      const s = host.newHttpStream();
      s.callOnRequestHeaders(POST);
      s.callOnRequestBody("12345", true);
      if (i === 0) s.complete();
    }
    const m = new Map(
      host
        .getMetrics()
        .list()
        .map((x) => [x.name, x]),
    );
    assert.equal(m.get("guest_requests_total")?.type, MetricType.Counter);
    assert.equal(m.get("guest_requests_total")?.value, 2n);
    assert.equal(m.get("guest_active")?.value, 1n);
    assert.equal(m.get("guest_request_bytes")?.count, 2);
    assert.equal(m.get("guest_request_bytes")?.sum, 10);
    assert.ok(host.getLogs("info").includes("requests so far: 2"));
    const prom = host.getMetrics().toPrometheus();
    assert.match(prom, /# TYPE guest_requests_total counter\nguest_requests_total\{\} 2\n/);
    assert.match(prom, /guest_request_bytes_bucket\{le="5"\} 2\n/);
    assert.match(prom, /guest_request_bytes_count\{\} 2\n/);
  });

  it("complete() runs on_done/on_log/on_delete and closes access to the stream", async () => {
    const host = await started("a=1");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    s.complete();
    assert.ok(host.getLogs("trace").includes(`log ${s.id}`));
    assert.equal(s.getMap(0), null);
  });

  it("close_stream resets the stream", async () => {
    const host = await started("reqHeaders=close");
    const s = host.newHttpStream();
    s.callOnRequestHeaders(POST, true);
    assert.equal(s.requestState, "reset");
  });

  it("many streams in flight keep separate contexts", async () => {
    const host = await started("reqHeaders=stop;reqBody=buffer");
    const a = host.newHttpStream();
    const b = host.newHttpStream();
    a.callOnRequestHeaders(POST);
    b.callOnRequestHeaders(POST);
    b.callOnRequestBody("bbb", true);
    a.callOnRequestBody("aa", true);
    assert.notEqual(a.id, b.id);
    assert.equal(text(a.getUpstreamRequest()!.body), "aa");
    assert.equal(text(b.getUpstreamRequest()!.body), "bbb");
  });
});
