// Differential suite: every scenario of tests/cpphost/scenarios/*.json runs through the Node host and
// through proxy-wasm-cpp-host (Higress fork) + WAMR; both must agree exactly and match the scenario's
// expected result. Run by tests/cpphost/run.mjs (npm run test:cpphost).
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { check } from "./check.js";
import { locate } from "./driver.js";
import { BUILDS, type BuildName, comparable, expected, plan, readScenarios, ROOT, runCpp, runNode } from "./scenario.js";

const found = locate();
const dir = path.join(ROOT, "tests/cpphost/scenarios");

describe("cpp-host vs Node host: scenarios", { skip: "missing" in found ? found.missing : false }, () => {
  const driver = "driver" in found ? found.driver : "";
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const { configs, scenarios } = readScenarios(path.join(dir, file));
    // Two at a time: the driver process of one overlaps the in-process Node host run of the other.
    describe(file, { concurrency: 2 }, () => {
      for (const s of scenarios) {
        for (const build of s.builds ?? (s.guest ? ["higress"] : (Object.keys(BUILDS) as BuildName[]))) {
          it(`${s.name} [${build}]`, { skip: s.pending ?? false }, async () => {
            const p = plan(s, build, configs);
            const [node, cppRaw] = await Promise.all([runNode(p), runCpp(driver, p)]);
            const cpp = comparable(cppRaw);
            const want = expected(s, build);
            assert.deepEqual(check(want, node), [], "Node host vs expected");
            assert.deepEqual(check(want, cpp), [], "cpp-host vs expected");
            if (!node.configOk) {
              // Envoy discards the canary VM of a rejected configuration without calling it again; the Node host
              // (one VM) cleans the rejected root context up with on_done/on_log/on_delete (host/README.md).
              assert.deepEqual(node.logs.slice(0, cpp.logs.length), cpp.logs);
              node.logs = node.logs.slice(0, cpp.logs.length);
            }
            assert.deepEqual(cpp, node, "cpp-host and Node host disagree");
            // Envoy's view: configure ran on the canary VM and again on the worker VM (one stats store).
            if (cppRaw.configOk && !s.guest) assert.equal(cppRaw.metrics["mcp_rest.config_reloads"], 2);
            // A rejected configuration fails the canary, with cpp-host's own message (wasm.cc canary()).
            if (want.hostError)
              assert.ok(
                cppRaw.hostErrors.some((e) => e.includes(want.hostError!)),
                JSON.stringify(cppRaw.hostErrors),
              );
            else assert.deepEqual(cppRaw.hostErrors, cppRaw.configOk ? [] : ["Failed to configure base Wasm plugin"]);
          });
        }
      }
    });
  }
});
