// Host loading and lifecycle: import allow-list, ABI detection, configure accept/reject/reload, logs.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { checkImports, detectAbi } from "../../host/abi.js";
import { Host } from "../../host/vm.js";
import { guestPath, started } from "./helpers.js";

describe("loading", () => {
  it("rejects a module importing a function Envoy does not register, naming it", async () => {
    await assert.rejects(Host.load(guestPath("bad_import")), /module imports env\.foo, which Envoy does not provide/);
  });

  it("rejects an unknown ABI marker", async () => {
    await assert.rejects(Host.load(guestPath("guest_0_3_0")), /unsupported ABI version proxy_abi_version_0_3_0/);
  });

  it("detects the ABI from the marker export", async () => {
    assert.equal((await Host.load(guestPath("guest_0_2_1"))).abi, "0.2.1");
    assert.equal((await Host.load(guestPath("guest_0_2_100"))).abi, "0.2.100");
  });

  it("accepts the documented Envoy env and WASI imports and refuses others", () => {
    const imp = (module: string, name: string): WebAssembly.ModuleImportDescriptor => ({ module, name, kind: "function" });
    const table: Array<[string, WebAssembly.ModuleImportDescriptor[], string[]]> = [
      ["env.proxy_log", [imp("env", "proxy_log")], []],
      ["wasi fd_write", [imp("wasi_snapshot_preview1", "fd_write")], []],
      ["env.abort", [imp("env", "abort")], ["module imports env.abort, which Envoy does not provide"]],
      [
        "0.1.0 proxy_clear_route_cache",
        [imp("env", "proxy_clear_route_cache")],
        ["module imports env.proxy_clear_route_cache, which Envoy does not provide"],
      ],
      [
        "wasi path_open",
        [imp("wasi_snapshot_preview1", "path_open")],
        ["module imports wasi_snapshot_preview1.path_open, which Envoy does not provide"],
      ],
      [
        "Higress redis on 0.2.1",
        [imp("env", "proxy_redis_call")],
        ["module imports env.proxy_redis_call, which Envoy does not provide"],
      ],
    ];
    for (const [name, given, want] of table) assert.deepEqual(checkImports(given, "0.2.1"), want, name);
    assert.deepEqual(checkImports([imp("env", "proxy_redis_call")], "0.2.100"), []);
  });

  it("reports missing or multiple ABI markers", () => {
    const ex = (name: string): WebAssembly.ModuleExportDescriptor => ({ name, kind: "function" });
    assert.match(detectAbi([]) as string, /no proxy_abi_version/);
    assert.match(detectAbi([ex("proxy_abi_version_0_2_1"), ex("proxy_abi_version_0_2_100")]) as string, /several/);
    assert.equal(detectAbi([ex("proxy_abi_version_0_2_0")]), "0.2.0");
  });

  it("loads from bytes as well as from a path", async () => {
    const host = await Host.load(await readFile(guestPath("guest_0_2_1")));
    assert.equal(host.startPlugin(""), true);
  });
});

describe("configure", () => {
  it("rejects the config when proxy_on_configure returns 0 and keeps the plugin's error lines", async () => {
    const host = await Host.load(guestPath("guest_0_2_100"));
    assert.equal(host.startPlugin("reject=1"), false);
    assert.deepEqual(
      host.getLogs("error").filter((l) => !l.startsWith("host:")),
      ["bad config: reject requested"],
    );
    assert.equal(host.failed, false);
  });

  it("passes the plugin configuration only during configure (JSON script form)", async () => {
    const host = await started(JSON.stringify({ script: "a=1;b=2;c=3" }));
    assert.ok(host.getLogs("info").includes("configured 3 keys"));
  });

  it("captures logs per level", async () => {
    const host = await started("loglevels=1");
    for (const [level, i] of [
      ["trace", 0],
      ["debug", 1],
      ["info", 2],
      ["warn", 3],
      ["error", 4],
      ["critical", 5],
    ] as const) {
      assert.ok(host.getLogs(level).includes(`level ${i}`), level);
    }
  });

  it("reloads a config on a new root context, and a rejected reload keeps the old one", async () => {
    const host = await started("a=1");
    const first = host.rootContextId;
    assert.equal(host.startPlugin("a=1;b=2"), true);
    assert.notEqual(host.rootContextId, first);
    assert.equal(host.configuration, "a=1;b=2");
    const second = host.rootContextId;
    assert.equal(host.startPlugin("reject=1"), false);
    assert.equal(host.rootContextId, second);
  });

  it("sets the tick period and calls proxy_on_tick", async () => {
    const host = await started("tick=250");
    assert.equal(host.tickPeriod, 250);
    host.tick();
    assert.ok(host.getLogs("info").includes("tick"));
  });
});
