// What every plugin build must be: it exports its ABI marker and the proxy-wasm
// callbacks, and imports only host functions Envoy registers (no env.abort, no
// WASI, no JS glue). Used by builds.test.ts (release) and debug-build.slow.test.ts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness.js";
import { ENVOY_ENV_FUNCTIONS } from "../../host/abi.js";

/** Loads `file` (relative to the repository) and checks its exports and imports; returns the module. */
export function checkBuild(file: string, marker: string): WebAssembly.Module {
  const mod = new WebAssembly.Module(readFileSync(path.join(ROOT, file)));
  const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
  const markers = exports.filter((n) => n.startsWith("proxy_abi_version_"));
  assert.deepEqual(markers, [marker]);
  for (const name of [
    "malloc",
    "proxy_on_context_create",
    "proxy_on_configure",
    "proxy_on_request_headers",
    "proxy_on_request_body",
    "proxy_on_response_headers",
    "proxy_on_response_body",
    "proxy_on_http_call_response",
    "_initialize",
    "memory",
  ]) {
    assert.ok(exports.includes(name), `${file} exports ${name}`);
  }
  const imports = WebAssembly.Module.imports(mod);
  assert.ok(imports.length > 0);
  for (const imp of imports) {
    assert.equal(imp.module, "env", `${imp.module}.${imp.name}`);
    assert.equal(imp.kind, "function");
    assert.ok(ENVOY_ENV_FUNCTIONS.includes(imp.name), `env.${imp.name} is registered by Envoy`);
  }
  return mod;
}
