// Wire formats: the proxy-wasm pairs encoding, property paths, header map semantics, Prometheus text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BufferType } from "../../host/abi.js";
import { HeaderMap } from "../../host/headers.js";
import { decodePairs, encodePairs, splitPath } from "../../host/memory.js";
import { started } from "./helpers.js";

// Pairs [[":path", "/a"], ["k", ""]]
const SERIALIZED_PAIRS = new Uint8Array([
  2,
  0,
  0,
  0, //               number of pairs
  5,
  0,
  0,
  0,
  2,
  0,
  0,
  0, //   ":path" length 5, "/a" length 2
  1,
  0,
  0,
  0,
  0,
  0,
  0,
  0, //   "k" length 1, "" length 0
  0x3a,
  0x70,
  0x61,
  0x74,
  0x68,
  0, // ":path\0"
  0x2f,
  0x61,
  0, //            "/a\0"
  0x6b,
  0, //                  "k\0"
  0, //                        "\0"
]);

describe("pairs codec", () => {
  it("encodes to the annotated bytes and decodes them back", () => {
    assert.deepEqual(
      encodePairs([
        [":path", "/a"],
        ["k", ""],
      ]),
      SERIALIZED_PAIRS,
    );
    assert.deepEqual(decodePairs(SERIALIZED_PAIRS), [
      [":path", "/a"],
      ["k", ""],
    ]);
  });

  it("rejects truncated input and accepts an empty buffer as no pairs", () => {
    assert.equal(decodePairs(SERIALIZED_PAIRS.subarray(0, 20)), null);
    assert.equal(decodePairs(new Uint8Array([9, 0, 0, 0])), null);
    assert.deepEqual(decodePairs(new Uint8Array(0)), []);
  });

  it("splits NUL-separated property paths", () => {
    assert.deepEqual(splitPath(new TextEncoder().encode("request\0path")), ["request", "path"]);
    assert.deepEqual(splitPath(new TextEncoder().encode("route_name")), ["route_name"]);
  });
});

describe("header map", () => {
  it("lower-cases keys, returns the first value, replace = setCopy, remove removes all", () => {
    const m = new HeaderMap([
      ["X-A", "1"],
      ["x-b", "2"],
      ["x-a", "3"],
    ]);
    assert.equal(m.get("x-a"), "1");
    m.replace("X-A", "9");
    assert.deepEqual(m.toPairs(), [
      ["x-a", "9"],
      ["x-b", "2"],
    ]);
    m.add("x-b", "4");
    m.remove("x-b");
    assert.deepEqual(m.toPairs(), [["x-a", "9"]]);
    assert.equal(m.byteSize(), 4);
  });
});

describe("configuration buffer", () => {
  it("PluginConfiguration is readable only while proxy_on_configure runs", async () => {
    const host = await started("a=1");
    assert.equal(host.root!.getBuffer(BufferType.PluginConfiguration), null);
    assert.notEqual(host.root!.getBuffer(BufferType.VmConfiguration), null);
  });
});
