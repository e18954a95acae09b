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

test("validate --explain prints each tool's call plan from the plugin, with credential sources and never their values", (t) => {
  if (missing) {
    t.skip(missing);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "explain-"));
  const secret = "explain-SECRET-value-1234";
  try {
    const file = join(dir, "config.json");
    const config = {
      server: {
        name: "explain",
        securitySchemes: [{ id: "key", type: "apiKey", in: "header", name: "X-Key", defaultCredential: secret }],
      },
      tools: [
        {
          name: "get_item",
          args: [
            { name: "id", position: "path", required: true },
            { name: "q", position: "query" },
          ],
          requestTemplate: { url: "https://api.example.com/items/{id}", method: "GET", security: { id: "key" } },
        },
      ],
    };
    writeFileSync(file, JSON.stringify(config));
    const r = spawnSync(process.execPath, [cli, "validate", "--explain", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "ok: 1 tools");
    assert.equal(lines[1], "tool get_item");
    assert.ok(
      lines.some((l) => /^ {2}call: GET https:\/\/api\.example\.com\/items\//.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /^ {2}arguments: .*id → path.*q → query/.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /^ {2}backend: scheme key .*defaultCredential/.test(l)),
      r.stdout,
    );
    assert.ok(!(r.stdout + r.stderr).includes(secret), "the credential value was printed");
    // without --explain: only the verdict
    const plain = spawnSync(process.execPath, [cli, "validate", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    assert.equal(plain.stdout, "ok: 1 tools\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
