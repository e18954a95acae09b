// The release builds themselves: each exports its ABI marker and imports only
// host functions Envoy registers (no env.abort, no WASI, no JS glue).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness.js";
import { ENVOY_ENV_FUNCTIONS } from "../../host/abi.js";

const CASES = [
  { file: "build/higress.wasm", marker: "proxy_abi_version_0_2_100" },
  { file: "build/envoy.wasm", marker: "proxy_abi_version_0_2_1" },
  { file: "build/debug.wasm", marker: "proxy_abi_version_0_2_100" },
];

for (const c of CASES) {
  test(`${c.file} exports ${c.marker} and imports only Envoy-registered env.proxy_* functions`, () => {
    const mod = new WebAssembly.Module(readFileSync(path.join(ROOT, c.file)));
    const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
    const markers = exports.filter((n) => n.startsWith("proxy_abi_version_"));
    assert.deepEqual(markers, [c.marker]);
    for (const name of ["malloc", "proxy_on_context_create", "proxy_on_configure", "proxy_on_request_headers", "proxy_on_request_body",
      "proxy_on_response_headers", "proxy_on_response_body", "proxy_on_http_call_response", "_initialize", "memory"]) {
      assert.ok(exports.includes(name), `${c.file} exports ${name}`);
    }
    const imports = WebAssembly.Module.imports(mod);
    assert.ok(imports.length > 0);
    for (const imp of imports) {
      assert.equal(imp.module, "env", `${imp.module}.${imp.name}`);
      assert.equal(imp.kind, "function");
      assert.ok(ENVOY_ENV_FUNCTIONS.includes(imp.name), `env.${imp.name} is registered by Envoy`);
    }
  });
}

test("the debug build carries a name section (symbolized traps)", () => {
  const mod = new WebAssembly.Module(readFileSync(path.join(ROOT, "build/debug.wasm")));
  assert.ok(WebAssembly.Module.customSections(mod, "name").length > 0);
  const rel = new WebAssembly.Module(readFileSync(path.join(ROOT, "build/higress.wasm")));
  assert.equal(WebAssembly.Module.customSections(rel, "name").length, 0);
});
