// Fuzzing the built plugin through the Node proxy-wasm host: 5,000 cases per target,
// fixed seed (override with FUZZ_SEED / FUZZ_CASES). Every case checks: the VM is alive,
// the client gets a well-formed HTTP / JSON-RPC answer, refused requests forward nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runTarget } from "./engine.js";
import { TARGETS } from "./targets.js";

const SEED = process.env.FUZZ_SEED ?? "20260101";
const CASES = Number(process.env.FUZZ_CASES ?? "5000");

describe(`fuzz (seed ${SEED}, ${CASES} cases per target)`, () => {
  for (const t of Object.values(TARGETS)) {
    it(`${t.name}: no trap, well-formed answers, nothing forwarded when refused`, async () => {
      const r = await runTarget(t, { cases: CASES, seed: SEED, maxFailures: 3 });
      const report = r.failures.map(
        (f) =>
          `${f.kind} at case ${f.index}: ${f.message.split("\n")[0]}\n${JSON.stringify(f.trace).slice(0, 2000)}${f.debugStack ? "\n" + f.debugStack : ""}`,
      );
      assert.equal(r.cases, CASES);
      assert.equal(r.traps, 0, report.join("\n\n"));
      assert.equal(r.invariants, 0, report.join("\n\n"));
    });
  }
});

describe("fuzz engine", () => {
  it("detects a trap, re-creates the VM and replays the case on build/debug.wasm for a symbolized stack", async () => {
    const base = TARGETS.arguments;
    const trapping = {
      name: "trap-probe",
      setup: base.setup,
      run(st: Parameters<typeof base.run>[0], rng: Parameters<typeof base.run>[1], index: number) {
        if (index === 2) st.host.callVm("malloc", 0x7ffffff0); // guest abort → trap
        base.run(st, rng, index);
      },
    };
    const r = await runTarget(trapping, { cases: 4, seed: "probe" });
    assert.equal(r.traps, 1);
    assert.equal(r.failures[0].index, 2);
    assert.match(r.failures[0].debugStack ?? "", /RuntimeError|unreachable/);
    assert.match(r.failures[0].debugStack ?? "", /malloc|alloc/i, "the debug build names the trapping function");
  });
});
