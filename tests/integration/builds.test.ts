// The release builds themselves: each exports its ABI marker and imports only
// host functions Envoy registers. The debug build (built by the slow tier, or
// `npm run build:debug`) is checked in debug-build.slow.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBuild } from "./builds.js";

const CASES = [
  { file: "build/higress.wasm", marker: "proxy_abi_version_0_2_100" },
  { file: "build/envoy.wasm", marker: "proxy_abi_version_0_2_1" },
];

for (const c of CASES) {
  test(`${c.file} exports ${c.marker} and imports only Envoy-registered env.proxy_* functions`, () => {
    checkBuild(c.file, c.marker);
  });
}

test("the release build carries no name section", () => {
  assert.equal(
    WebAssembly.Module.customSections(checkBuild("build/higress.wasm", "proxy_abi_version_0_2_100"), "name").length,
    0,
  );
});
