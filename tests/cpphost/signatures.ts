// Signature check: every import and export of both release builds, with its full Wasm type, against
// the host functions the Higress fork of proxy-wasm-cpp-host registers and the module functions it
// looks up — parsed from the vendored source at test time (include/proxy-wasm/exports.h, src/wasm.cc,
// include/proxy-wasm/wasm.h), never a hand-copied list.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ENVOY_ENV_FUNCTIONS, ENVOY_WASI_FUNCTIONS, HIGRESS_ENV_FUNCTIONS } from "../../host/abi.js";
import { locate } from "./driver.js";
import { ROOT } from "./scenario.js";
import { type FuncType, type ModuleFuncs, readFuncs, sig } from "./wasm.js";

const found = locate();

/** C++ parameter/return type → Wasm type (Word is a 32-bit value for wasm32 modules). */
const wasmType = (c: string): string => (/u?int64_t/.test(c) ? "i64" : "i32");

/** exports::<name> declarations of exports.h → Wasm function type. */
function declarations(exportsH: string): Map<string, FuncType> {
  const out = new Map<string, FuncType>();
  for (const m of exportsH.matchAll(/^(Word|void)\s+(\w+)\(([^)]*)\);/gms)) {
    const params = m[3].trim() === "" ? [] : m[3].split(",").map((p) => wasmType(p.trim().split(/\s+/)[0]));
    out.set(m[2], { params, results: m[1] === "void" ? [] : ["i32"] });
  }
  return out;
}

/** Names listed by an X-macro (`#define NAME(_f) _f(a) _f(b) ...`, up to the next blank line). */
const macroNames = (src: string, macro: string): string[] => {
  const at = src.indexOf(`#define ${macro}(_f)`);
  if (at < 0) throw new Error(`macro ${macro} not found`);
  const block = src.slice(at).split(/\n\s*\n/)[0];
  return [...block.matchAll(/_f\((\w+)\)/g)].map((m) => m[1]);
};

/** "module.name" → type of every function the fork registers for an 0_2_1 / 0_2_100 module. */
export function registered(libs: string): Map<string, FuncType> {
  const exportsH = readFileSync(path.join(libs, "host/include/proxy-wasm/exports.h"), "utf8");
  const wasmCc = readFileSync(path.join(libs, "host/src/wasm.cc"), "utf8");
  const decl = declarations(exportsH);
  const out = new Map<string, FuncType>();
  const add = (key: string, fn: string) => {
    const t = decl.get(fn);
    if (!t) throw new Error(`no declaration for exports::${fn}`);
    out.set(key, t);
  };
  const reg = wasmCc.slice(wasmCc.indexOf("void WasmBase::registerCallbacks()"), wasmCc.indexOf("void WasmBase::getFunctions()"));
  for (const m of reg.matchAll(/_REGISTER\((\w+)\);/g)) add(`env.${m[1]}`, m[1]); // pthread_equal, emscripten_notify_memory_growth
  for (const n of macroNames(exportsH, "FOR_ALL_WASI_FUNCTIONS")) {
    add(`wasi_unstable.${n}`, `wasi_unstable_${n}`);
    add(`wasi_snapshot_preview1.${n}`, `wasi_unstable_${n}`);
  }
  for (const n of macroNames(exportsH, "FOR_ALL_HOST_FUNCTIONS")) add(`env.proxy_${n}`, n);
  const abi02 = reg.slice(reg.indexOf("AbiVersion::ProxyWasm_0_2_1 ||"));
  for (const m of abi02.slice(0, abi02.indexOf("}")).matchAll(/_REGISTER_PROXY\((\w+)\);/g)) add(`env.proxy_${m[1]}`, m[1]);
  return out;
}

/**
 * Export name → expected type of every module function the fork looks up (wasm.cc getFunctions) for a
 * module of ABI `0_2_1` or `0_2_100` (the latter calls proxy_on_request_headers through `_abi_03`).
 */
export function lookedUp(libs: string, abi: "0_2_1" | "0_2_100" = "0_2_1"): Map<string, FuncType> {
  const wasmH = readFileSync(path.join(libs, "host/include/proxy-wasm/wasm.h"), "utf8");
  const out = new Map<string, FuncType>();
  const members = new Map<string, FuncType>();
  for (const m of wasmH.matchAll(/WasmCall(Word|Void)<(\d+)>\s+(\w+)_;/g)) {
    members.set(m[3], { params: Array(Number(m[2])).fill("i32"), results: m[1] === "Word" ? ["i32"] : [] });
  }
  for (const n of macroNames(wasmH, "FOR_ALL_MODULE_FUNCTIONS")) out.set(`proxy_${n}`, members.get(n)!);
  out.set("_initialize", members.get("_initialize")!);
  out.set("malloc", members.get("malloc")!);
  out.set("proxy_on_memory_allocate", members.get("malloc")!);
  out.set(
    "proxy_on_request_headers",
    members.get(abi === "0_2_100" ? "on_request_headers_abi_03" : "on_request_headers_abi_02")!,
  );
  out.set("proxy_on_response_headers", members.get("on_response_headers_abi_02")!);
  out.set("proxy_on_foreign_function", members.get("on_foreign_function")!);
  for (const [k, v] of out) if (!v) throw new Error(`no WasmCall member for ${k} in wasm.h`);
  return out;
}

/** Imports not registered (or registered with another type) and exports cpp-host never calls or calls with another type. */
export function problems(m: ModuleFuncs, libs: string, abi: "0_2_1" | "0_2_100"): string[] {
  const r = registered(libs);
  const l = lookedUp(libs, abi);
  const out: string[] = [];
  for (const imp of m.imports) {
    const want = r.get(`${imp.module}.${imp.name}`);
    if (!want) out.push(`import ${imp.module}.${imp.name} is not registered by cpp-host`);
    else if (sig(want) !== sig(imp.type))
      out.push(`import ${imp.module}.${imp.name}: module ${sig(imp.type)}, host ${sig(want)}`);
  }
  for (const exp of m.exports) {
    const want = l.get(exp.name);
    // An exported function cpp-host never looks up is dead (e.g. a misspelled callback: the host answers Continue
    // for the real one, as it did for trailers before the plugin handled them); only the ABI marker is exempt.
    if (!want && exp.name !== `proxy_abi_version_${abi}`) out.push(`export ${exp.name} is never called by cpp-host`);
    if (want && sig(want) !== sig(exp.type)) out.push(`export ${exp.name}: module ${sig(exp.type)}, cpp-host calls ${sig(want)}`);
  }
  return out;
}

describe(
  "signatures: release builds vs the fork's registered host functions",
  { skip: "missing" in found ? found.missing : false },
  () => {
    const libs = "libs" in found ? found.libs : "";
    it("the parsed lists are complete enough to mean something", () => {
      const r = registered(libs);
      assert.deepEqual(r.get("env.proxy_log"), { params: ["i32", "i32", "i32"], results: ["i32"] });
      assert.deepEqual(r.get("env.proxy_increment_metric"), { params: ["i32", "i64"], results: ["i32"] });
      assert.deepEqual(r.get("wasi_snapshot_preview1.proc_exit"), { params: ["i32"], results: [] });
      assert.ok(r.has("env.proxy_continue_stream") && r.has("env.proxy_get_log_level"));
      assert.ok(r.size > 100, `only ${r.size} registered functions parsed`);
      assert.deepEqual(lookedUp(libs).get("proxy_on_request_headers"), { params: ["i32", "i32", "i32"], results: ["i32"] });
    });
    it("the check catches a misspelled or mistyped callback and a mistyped new import", () => {
      const m = readFuncs(readFileSync(path.join(ROOT, "build/higress.wasm")));
      const bad: ModuleFuncs = {
        ...m,
        exports: m.exports.map((e) =>
          e.name === "proxy_on_request_trailers"
            ? { ...e, name: "proxy_on_request_trailer" }
            : e.name === "proxy_on_response_trailers"
              ? { ...e, type: { params: ["i32"], results: ["i32"] } }
              : e,
        ),
        imports: m.imports.map((i) =>
          i.name === "proxy_get_buffer_status" ? { ...i, type: { params: ["i32", "i32"], results: ["i32"] } } : i,
        ),
      };
      assert.deepEqual(problems(bad, libs, "0_2_100").sort(), [
        "export proxy_on_request_trailer is never called by cpp-host",
        "export proxy_on_response_trailers: module (i32)->(i32), cpp-host calls (i32,i32)->(i32)",
        "import env.proxy_get_buffer_status: module (i32,i32)->(i32), host (i32,i32,i32)->(i32)",
      ]);
    });
    it("the Node host accepts no import the real host would refuse", () => {
      const r = registered(libs);
      const names = [...ENVOY_ENV_FUNCTIONS, ...HIGRESS_ENV_FUNCTIONS]
        .map((n) => `env.${n}`)
        .concat(ENVOY_WASI_FUNCTIONS.map((n) => `wasi_snapshot_preview1.${n}`));
      assert.deepEqual(
        names.filter((n) => !r.has(n)),
        [],
      );
    });
    it("envoy.wasm imports none of Higress's extra functions (upstream Envoy does not register them)", () => {
      const m = readFuncs(readFileSync(path.join(ROOT, "build/envoy.wasm")));
      assert.deepEqual(
        m.imports.filter((i) => HIGRESS_ENV_FUNCTIONS.includes(i.name)).map((i) => i.name),
        [],
      );
    });
    for (const [build, abi] of [
      ["higress", "0_2_100"],
      ["envoy", "0_2_1"],
    ] as const) {
      it(`${build}.wasm: every import registered with its exact type; every looked-up export typed as cpp-host calls it`, () => {
        const m = readFuncs(readFileSync(path.join(ROOT, `build/${build}.wasm`)));
        assert.deepEqual(problems(m, libs, abi), []);
        const markers = m.exports.filter((e) => e.name.startsWith("proxy_abi_version_"));
        assert.deepEqual(
          markers.map((e) => `${e.name}${sig(e.type)}`),
          [`proxy_abi_version_${abi}()->()`],
        );
        assert.ok(m.otherExports.includes("memory"));
        // The callbacks the plugin relies on (a missing one is answered Continue by cpp-host: the stream would go on
        // unprocessed), trailers included (issue 15).
        for (const needed of [
          "_initialize",
          "malloc",
          "proxy_on_context_create",
          "proxy_on_vm_start",
          "proxy_on_configure",
          "proxy_on_request_headers",
          "proxy_on_request_body",
          "proxy_on_request_trailers",
          "proxy_on_response_headers",
          "proxy_on_response_body",
          "proxy_on_response_trailers",
          "proxy_on_http_call_response",
          "proxy_on_done",
          "proxy_on_log",
          "proxy_on_delete",
        ]) {
          assert.ok(
            m.exports.some((e) => e.name === needed),
            `${build}.wasm does not export ${needed}`,
          );
        }
        // Hostcalls added by the merges (buffer status for the trailers path) are imported and were type-checked above.
        for (const used of [
          "proxy_get_buffer_status",
          "proxy_set_header_map_pairs",
          "proxy_continue_stream",
          "proxy_send_local_response",
        ]) {
          assert.ok(
            m.imports.some((i) => i.module === "env" && i.name === used),
            `${build}.wasm does not import ${used}`,
          );
        }
        assert.ok(m.imports.length > 10, "imports parsed");
      });
    }
  },
);
