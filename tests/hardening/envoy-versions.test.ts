// Envoy before 1.32 (Higress ≤ 2.1.x runs Envoy 1.27): the Wasm filter is called for the last DATA frame before
// that frame is added to the buffered body (fixed by envoyproxy/envoy#36411). The host's envoyBefore132 mode
// reproduces it. The plugin must never act on half a body nor let a replaced body be followed by the lost frame.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FUZZ_CONFIG } from "../fuzz/config.js";
import { checkNothingForwarded, loadPlugin, mcpHeaders, openStream, WASM } from "../fuzz/harness.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const CALL = JSON.stringify({
  jsonrpc: "2.0",
  id: 5,
  method: "tools/call",
  params: { name: "body_tool", arguments: { s: "v" } },
});

/** The request as an HTTP/2 client sends it: a complete JSON text in the first frame, padding in the last one. */
function frames(withLength: boolean): { headers: Array<[string, string]>; chunks: Uint8Array[] } {
  const body = `${CALL}    `;
  return {
    headers: mcpHeaders(withLength ? [["content-length", String(enc.encode(body).length)]] : []),
    chunks: [enc.encode(CALL), enc.encode("    ")],
  };
}

for (const [name, wasm] of [
  ["higress", WASM.higress],
  ["envoy", WASM.envoy],
] as const) {
  describe(`Envoy < 1.32 last-DATA-frame ordering (${name}.wasm)`, () => {
    it("request: content-length ≠ the body seen at end of stream → a clear error, nothing forwarded", async () => {
      const host = await loadPlugin(FUZZ_CONFIG, wasm, { envoyBefore132: true });
      const s = openStream(host);
      const { headers, chunks } = frames(true);
      s.callOnRequestHeaders(headers, false);
      s.callOnRequestBody(chunks[0], false);
      s.callOnRequestBody(chunks[1], true);
      assert.equal(s.requestState, "local_reply");
      checkNothingForwarded(s, "partial request");
      const lr = s.getLocalResponse()!;
      assert.equal(lr.status, 500);
      assert.equal(lr.details, "mcp.request_incomplete");
      const msg = JSON.parse(dec.decode(lr.body));
      assert.equal(msg.error.code, -32603);
      assert.match(
        msg.error.message,
        new RegExp(
          `content-length is ${enc.encode(CALL).length + 4} but the gateway delivered ${enc.encode(CALL).length} bytes .*Envoy before 1\\.32`,
        ),
      );
    });

    it("request on Envoy ≥ 1.32 ordering (default): the same frames are handled normally", async () => {
      const host = await loadPlugin(FUZZ_CONFIG, wasm);
      const s = openStream(host);
      const { headers, chunks } = frames(true);
      s.callOnRequestHeaders(headers, false);
      s.callOnRequestBody(chunks[0], false);
      s.callOnRequestBody(chunks[1], true);
      assert.equal(s.requestState, "forwarded");
      const up = s.getUpstreamRequest()!;
      assert.equal(up.headers.find(([k]) => k === "content-length")?.[1], String(up.body.length));
    });

    it("response: the rebuilt response is never followed by the lost last frame (an isError result instead)", async () => {
      const host = await loadPlugin(FUZZ_CONFIG, wasm, { envoyBefore132: true });
      const s = openStream(host);
      s.callOnRequestHeaders(mcpHeaders(), false);
      s.callOnRequestBody(enc.encode(CALL), true); // one frame: complete
      assert.equal(s.requestState, "forwarded");
      const part1 = enc.encode('{"items":[1,2,');
      const part2 = enc.encode("3]}");
      s.callOnResponseHeaders(
        [
          [":status", "200"],
          ["content-type", "application/json"],
          ["content-length", String(part1.length + part2.length)],
        ],
        false,
      );
      s.callOnResponseBody(part1, false);
      s.callOnResponseBody(part2, true);
      const out = s.getDownstreamResponse()!;
      const msg = JSON.parse(dec.decode(out.body)); // valid JSON: nothing appended
      assert.equal(msg.id, 5);
      assert.equal(msg.result.isError, true);
      assert.match(
        msg.result.content[0].text,
        /backend response incomplete: content-length is 17 but the gateway delivered 14 bytes/,
      );
    });
  });
}
