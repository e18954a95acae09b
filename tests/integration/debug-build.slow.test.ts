// The debug build (`npm run build:debug`, built by the slow tier): same ABI and
// imports as the release build, plus a name section for symbolized traps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBuild } from "./builds.js";

test("build/debug.wasm exports proxy_abi_version_0_2_100, imports only Envoy-registered functions and carries a name section", () => {
  const mod = checkBuild("build/debug.wasm", "proxy_abi_version_0_2_100");
  assert.ok(WebAssembly.Module.customSections(mod, "name").length > 0);
});
