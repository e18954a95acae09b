// Every example config loads in the plugin itself, via `higress-mcp-rest validate`.
// Skipped (with a message) until bin/higress-mcp-rest.js and build/ exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleConfigs, repoPath, ROOT } from "./files.js";

const cli = repoPath("bin", "higress-mcp-rest.js");
const missing = !existsSync(cli)
  ? "bin/higress-mcp-rest.js does not exist yet"
  : !existsSync(repoPath("build"))
    ? "build/ missing; run npm run build"
    : "";

for (const { name, config } of exampleConfigs()) {
  test(`plugin validate accepts ${name}`, (t) => {
    if (missing) {
      t.skip(missing);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "validate-"));
    try {
      const file = join(dir, "config.json");
      writeFileSync(file, JSON.stringify(config));
      const r = spawnSync(process.execPath, [cli, "validate", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      assert.equal(r.status, 0, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
