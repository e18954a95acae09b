// 200 streams in flight through ONE VM: headers for all, then body chunks in random
// order, then backend responses (chunked) in random order. Every forwarded request must
// carry only its own client credential and arguments; every client gets its own answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HttpStream } from "../../host/stream.js";
import { FUZZ_CONFIG } from "../fuzz/config.js";
import { checkRequestPhase, checkResponsePhase, headerOf, loadPlugin, mcpHeaders, openStream } from "../fuzz/harness.js";
import { Rng, splitAt } from "../fuzz/prng.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const N = 200;
const OAUTH_EVERY = 5; // every 5th stream uses the OAuth2 tool (shared token fetch)

interface Flow {
  i: number;
  s: HttpStream;
  tool: string;
  token: string;
  marker: string;
  chunks: Uint8Array[];
  respChunks: Uint8Array[];
  respHeadersSent: boolean;
}

/** All markers "<prefix><n>-x" in `text` must belong to stream `i`. */
function onlyOwn(text: string, prefix: string, i: number, what: string): void {
  const found = [...text.matchAll(new RegExp(`${prefix}(\\d+)-x`, "g"))].map((m) => Number(m[1]));
  assert.ok(found.length > 0, `${what}: own ${prefix} value missing`);
  assert.ok(
    found.every((n) => n === i),
    `${what}: carries values of streams ${[...new Set(found)].filter((n) => n !== i)}`,
  );
}

describe("concurrency: 200 interleaved streams through one VM", () => {
  it("each backend request carries only its own credential and arguments; each client gets its own answer", async () => {
    const rng = new Rng("concurrency-1");
    const host = await loadPlugin(FUZZ_CONFIG);
    const flows: Flow[] = [];
    for (let i = 0; i < N; i++) {
      const oauth = i % OAUTH_EVERY === 0;
      const tool = oauth ? "oauth_tool" : "passthrough_tool";
      const token = `client-${i}-x${rng.next().toString(36)}`;
      const marker = `val-${i}-x`;
      const args = oauth ? { s: marker, n: i, a: [marker] } : { s: marker, i, o: { k: marker } };
      const body = enc.encode(
        JSON.stringify({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: tool, arguments: args } }),
      );
      const resp = enc.encode(JSON.stringify({ stream: i, echo: `resp-${i}-x`, pad: "p".repeat(rng.int(3000)) }));
      flows.push({
        i,
        s: openStream(host),
        tool,
        token,
        marker,
        chunks: splitAt(body, rng.splitPoints(body.length, 6)),
        respChunks: splitAt(resp, rng.splitPoints(resp.length, 6)),
        respHeadersSent: false,
      });
    }
    for (const f of flows) f.s.callOnRequestHeaders(mcpHeaders([["authorization", `Bearer ${f.token}`]]), false);
    // Body chunks of all streams in random order (each stream's own chunks stay in order).
    const pending = flows.map((f) => ({ f, next: 0 }));
    while (pending.length) {
      const k = rng.int(pending.length);
      const p = pending[k];
      p.f.s.callOnRequestBody(p.f.chunks[p.next], p.next === p.f.chunks.length - 1);
      if (++p.next === p.f.chunks.length) pending.splice(k, 1);
    }
    assert.equal(host.failed, false);
    // The OAuth2 streams wait for a token: answer every pending token call (in random order).
    const calls = host.getHttpCalls();
    assert.ok(calls.length >= 1, "the OAuth2 streams dispatched a token request");
    // Streams that joined a token fetch another stream dispatched show as "stalled" in the host
    // (no http call of their own); they resume when the shared token arrives.
    const paused = flows.filter((f) => f.s.requestState === "waiting" || f.s.requestState === "stalled");
    const waiting = paused.length;
    assert.ok(
      paused.every((f) => f.tool === "oauth_tool"),
      "only OAuth2 streams are paused",
    );
    assert.equal(waiting, N / OAUTH_EVERY, "exactly the OAuth2 streams wait for the token");
    for (const c of calls.reverse()) {
      host.respondToHttpCall(
        c.token,
        { ":status": "200", "content-type": "application/json" },
        JSON.stringify({ access_token: "oauth-token-1", token_type: "Bearer", expires_in: 3600 }),
      );
    }
    for (const f of flows) {
      const what = `stream ${f.i} (${f.tool})`;
      const o = checkRequestPhase(host, f.s, what);
      assert.equal(o.kind, "forwarded", `${what}: ${o.kind === "local" ? o.body : ""}`);
      if (o.kind !== "forwarded") continue;
      const all =
        o.headers.map(([k, v]) => `${k}: ${v}`).join("\n") + "\n" + decodeURIComponent(o.path) + "\n" + dec.decode(o.body);
      onlyOwn(all, "val-", f.i, what);
      if (f.tool === "passthrough_tool") onlyOwn(all, "client-", f.i, what + " credential");
      else assert.ok(!all.includes("client-"), `${what}: a client credential reached an OAuth2 backend`);
      if (f.tool === "passthrough_tool") {
        assert.equal(headerOf(o.headers, "x-backend-key"), f.token, `${what}: backend key is not its own client credential`);
      } else {
        assert.equal(headerOf(o.headers, "authorization"), "Bearer oauth-token-1", what);
      }
    }
    // Backend responses: chunks of all streams in random order.
    const resp = flows.map((f) => ({ f, next: 0 }));
    while (resp.length) {
      const k = rng.int(resp.length);
      const p = resp[k];
      if (!p.f.respHeadersSent) {
        p.f.s.callOnResponseHeaders(
          [
            [":status", "200"],
            ["content-type", "application/json"],
          ],
          false,
        );
        p.f.respHeadersSent = true;
        continue;
      }
      p.f.s.callOnResponseBody(p.f.respChunks[p.next], p.next === p.f.respChunks.length - 1);
      if (++p.next === p.f.respChunks.length) resp.splice(k, 1);
    }
    for (const f of flows) {
      const msg = checkResponsePhase(host, f.s, String(f.i), `stream ${f.i}`);
      assert.equal(msg.result.isError, false);
      const text = msg.result.content[0].text as string;
      onlyOwn(text, "resp-", f.i, `answer of stream ${f.i}`);
      assert.equal(JSON.parse(text).stream, f.i);
      f.s.complete();
    }
    assert.equal(host.failed, false);
  });
});
