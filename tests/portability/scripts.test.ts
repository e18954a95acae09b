// Every npm script, every bin, and every Node file a script runs work with cmd.exe as well as sh:
// no POSIX-only shell, no executable bits, no symlinks, no POSIX paths.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintNodeFile, lintScript, nodeFilesOf } from "./lint.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
};

describe("portable npm scripts and bins", () => {
  test("the lint catches POSIX-only constructs", () => {
    const bad = [
      "test -f build/higress.wasm -a -f dist/host/cli.js || npm run build; node bin/x.js",
      "rm -rf build && tsc",
      "NODE_OPTIONS=--max-old-space-size=4096 tsc",
      "node -e 'console.log(1)'",
      "echo $HOME",
      "node a.js > /dev/null",
      "node --test dist/**/*.test.js",
      "./scripts/run.sh",
      "node a.js & node b.js",
      "mkdir -p build",
      "cp a b",
    ];
    for (const cmd of bad) assert.ok(lintScript(cmd).length > 0, `not flagged: ${cmd}`);
    const good = [
      "asc assembly/higress.ts --target higress && npm run build:guests",
      'node --test --test-concurrency=2 "dist/tests/**/*.test.js"',
      "node scripts/start.mjs",
      "tsc -p tsconfig.json",
      "node a.js 2>&1",
      "node -e \"console.log('x; y')\"",
    ];
    for (const cmd of good) assert.deepEqual(lintScript(cmd), [], cmd);
    assert.ok(lintNodeFile("bin/x.sh", "#!/bin/sh\nexit 0\n", true).length >= 2);
    assert.ok(
      lintNodeFile("s.mjs", "import {spawnSync} from 'node:child_process';\nspawnSync('rm', ['-rf', 'x']);\n", false).length > 0,
    );
    assert.ok(lintNodeFile("s.mjs", "const f = '/tmp/x';\n", false).length > 0);
    assert.deepEqual(nodeFilesOf("node bench/build.mjs && node dist/bench/run.js"), ["bench/build.mjs"]);
  });

  for (const [name, cmd] of Object.entries(pkg.scripts)) {
    test(`npm run ${name}`, () => {
      assert.deepEqual(lintScript(cmd), [], `${name}: ${cmd}`);
      for (const file of nodeFilesOf(cmd)) {
        assert.ok(existsSync(path.join(ROOT, file)), `${name} runs ${file}, which does not exist`);
        assert.deepEqual(lintNodeFile(file, readFileSync(path.join(ROOT, file), "utf8"), false), []);
      }
    });
  }

  test("every bin is a Node file with a node shebang, listed in package.json", () => {
    const listed = new Set(Object.values(pkg.bin).map((f) => path.normalize(f)));
    for (const f of readdirSync(path.join(ROOT, "bin")))
      assert.ok(listed.has(path.join("bin", f)), `bin/${f} is not in package.json bin`);
    for (const [name, file] of Object.entries(pkg.bin)) {
      assert.ok(existsSync(path.join(ROOT, file)), `${name}: ${file} is missing`);
      assert.deepEqual(lintNodeFile(file, readFileSync(path.join(ROOT, file), "utf8"), true), [], name);
    }
  });

  test("scripts/ are plain Node", () => {
    for (const f of readdirSync(path.join(ROOT, "scripts"))) {
      const file = path.join("scripts", f);
      assert.deepEqual(lintNodeFile(file, readFileSync(path.join(ROOT, file), "utf8"), false), []);
    }
  });
});
