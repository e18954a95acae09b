#!/usr/bin/env node
// npm run test:cpphost — builds the cpp-host driver (cached) and runs the differential suite.
// Outside CI a missing toolchain or missing sources skip with one line; with CI=true they fail.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const build = spawnSync(process.execPath, [join(root, "tests/cpphost/build.mjs")], {
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
});
if (build.status === 2) {
  const why = build.stderr.trim().split("\n").pop();
  if (process.env.CI === "true") {
    console.error(`cpphost: FAILED (CI=true): ${why}`);
    process.exit(1);
  }
  console.log(`cpphost: skipped — ${why}; see README "Development" (second host) to enable it`);
  process.exit(0);
}
if (build.status !== 0) {
  process.stderr.write(build.stderr);
  console.error("cpphost: driver build failed");
  process.exit(1);
}
const suite = ["differential", "signatures", "negative"].map((n) => join(root, `dist/tests/cpphost/${n}.js`));
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...suite], { stdio: "inherit" });
process.exit(r.status ?? 1);
