// Negative guests: modules cpp-host must refuse, each with cpp-host's own message (the fork's
// src/wamr/wamr.cc link/getFunction and src/wasm.cc ABI check), as Envoy would log it.
import assert from "node:assert/strict";
import path from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { locate } from "./driver.js";
import { loadCpp, ROOT } from "./scenario.js";
import { buildModule, type FuncType } from "./wasm.js";

const found = locate();
const I32 = "i32";
const fn = (params: number, result: boolean): FuncType => ({ params: Array(params).fill(I32), results: result ? [I32] : [] });
const base = [
  { name: "proxy_abi_version_0_2_1", type: fn(0, false) },
  { name: "malloc", type: fn(1, true) },
  { name: "proxy_on_context_create", type: fn(2, false) },
];

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cpphost-neg-")), `${name}.wasm`);
  writeFileSync(file, bytes);
  return file;
}

describe("cpp-host refuses broken guests with its own message", { skip: "missing" in found ? found.missing : false }, () => {
  const driver = "driver" in found ? found.driver : "";

  it("control: a minimal well-formed guest loads", async () => {
    const r = await loadCpp(
      driver,
      write("ok", buildModule({ imports: [{ module: "env", name: "proxy_log", type: fn(3, true) }], exports: base })),
    );
    assert.deepEqual(r, { ok: true, hostErrors: [] });
  });

  it("an import Envoy does not register (tests/fixtures/guests/bad_import.ts: env.foo)", async () => {
    const r = await loadCpp(driver, path.join(ROOT, "build/guests/bad_import.wasm"));
    assert.equal(r.ok, false);
    assert.ok(r.hostErrors.includes("Failed to load Wasm module due to a missing import: env.foo"), JSON.stringify(r.hostErrors));
  });

  it("an import with a wrong signature (env.proxy_log as (i32) -> i32)", async () => {
    const r = await loadCpp(
      driver,
      write("sig", buildModule({ imports: [{ module: "env", name: "proxy_log", type: fn(1, true) }], exports: base })),
    );
    assert.equal(r.ok, false);
    assert.ok(
      r.hostErrors.includes(
        "Failed to load Wasm module due to an import type mismatch for function env.proxy_log, want: i32 -> i32, but host exports: i32 i32 i32 -> i32",
      ),
      JSON.stringify(r.hostErrors),
    );
  });

  it("an exported callback with a wrong signature (proxy_on_configure as (i32) -> i32)", async () => {
    const r = await loadCpp(
      driver,
      write("export", buildModule({ imports: [], exports: [...base, { name: "proxy_on_configure", type: fn(1, true) }] })),
    );
    assert.equal(r.ok, false);
    assert.ok(
      r.hostErrors.some((e) =>
        e.startsWith("Bad function signature for: proxy_on_configure, want: i32 i32 -> i32, but the module exports: i32 -> i32"),
      ),
      JSON.stringify(r.hostErrors),
    );
  });

  it("no ABI marker", async () => {
    const r = await loadCpp(driver, write("noabi", buildModule({ imports: [], exports: base.slice(1) })));
    assert.equal(r.ok, false);
    assert.ok(r.hostErrors.includes("Missing or unknown Proxy-Wasm ABI version"), JSON.stringify(r.hostErrors));
  });
});
