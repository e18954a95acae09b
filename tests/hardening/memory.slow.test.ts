// VM memory stays flat: sequential tool calls of mixed sizes and repeated config reloads.
// WebAssembly memory never shrinks, so any growth after warm-up is a leak (or fragmentation).
// 10,000 calls here; `node dist/tests/fuzz/run.js --cases 0 --memory 100000` runs 100,000.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FUZZ_CONFIG } from "../fuzz/config.js";
import { loadPlugin } from "../fuzz/harness.js";
import { memoryRun, oneCall, vmMemoryBytes } from "../fuzz/memory.js";
import { Rng } from "../fuzz/prng.js";

const MiB = 1024 * 1024;
const CALLS = Number(process.env.MEMORY_CALLS ?? "10000");

describe("memory", () => {
  it(`${CALLS} sequential tool calls (8 B – 60 KB arguments and responses) keep VM memory flat`, async () => {
    const r = await memoryRun(CALLS, "memory-test");
    console.log(
      `# memory: ${r.calls} calls in ${(r.ms / 1000).toFixed(1)} s; after warm-up ${(r.warmBytes / MiB).toFixed(2)} MiB, end ${(r.endBytes / MiB).toFixed(2)} MiB, max ${(r.maxBytes / MiB).toFixed(2)} MiB`,
    );
    assert.ok(r.warmBytes > 0);
    assert.ok(r.endBytes - r.warmBytes <= 2 * MiB, `memory grew from ${r.warmBytes} to ${r.endBytes} bytes after warm-up`);
    assert.ok(r.maxBytes <= 64 * MiB, `peak ${r.maxBytes} bytes`);
  });

  // The calls in between need up to ~10.5 MiB by themselves (60 KB arguments and responses; TLSF doubles memory at
  // each growth), and when a reload sequence reaches that plateau depends on the build, so the baseline is taken
  // after 40 reloads and the check is that 60 more do not grow memory.
  it("100 config reloads (with calls in between) do not grow VM memory", async () => {
    const host = await loadPlugin(FUZZ_CONFIG);
    const rng = new Rng("reload");
    const text = JSON.stringify(FUZZ_CONFIG);
    const sizes: number[] = [];
    for (let k = 0; k < 100; k++) {
      assert.equal(host.startPlugin(text), true, `reload ${k}`);
      // a rejected config in between must not leak either
      assert.equal(host.startPlugin(JSON.stringify({ ...FUZZ_CONFIG, tools: [{ name: "" }] })), false);
      for (let j = 0; j < 20; j++) oneCall(host, rng, k * 20 + j);
      host.clearLogs();
      sizes.push(vmMemoryBytes(host));
    }
    assert.equal(host.failed, false);
    console.log(
      `# memory across reloads: after 10 ${(sizes[9] / MiB).toFixed(2)} MiB, after 40 ${(sizes[39] / MiB).toFixed(2)} MiB, after 100 ${(sizes[99] / MiB).toFixed(2)} MiB`,
    );
    assert.ok(sizes[99] - sizes[39] <= 1 * MiB, `memory grew from ${sizes[39]} to ${sizes[99]} bytes across reloads 40..100`);
  });
});
