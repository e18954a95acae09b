// Higress tolerance through the built plugin: every config in
// tests/fixtures/configs/higress/ is written the way Higress's Go plugin accepts
// it (docs/compatibility.md names the rows each covers). Each must configure the
// built .wasm, log exactly the `# warn:` lines it lists as warnings, list the
// tools its `# tools/list:` line names, and pass `higress-mcp-rest validate`
// (exit 0, the same lines printed as "warning: ...").
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Host } from "../../host/vm.js";
import { parseConfigText } from "../../host/config.js";
import { ROOT, rpc, startStack } from "./harness.js";

const DIR = path.join(ROOT, "tests/fixtures/configs/higress");
const WASM = path.join(ROOT, "build/higress.wasm");
const CLI = path.join(ROOT, "bin/higress-mcp-rest.js");
const PREFIX = "[mcp-server] config warning: ";

interface Fixture {
  file: string;
  text: string;
  warns: string[];
  tools?: string[];
}

function fixtures(): Fixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(DIR, file), "utf8");
      const header = text.split("\n").filter((l) => l.startsWith("# "));
      const warns = header.filter((l) => l.startsWith("# warn: ")).map((l) => l.slice("# warn: ".length));
      const tl = header.find((l) => l.startsWith("# tools/list: "));
      return { file, text, warns, tools: tl ? (JSON.parse(tl.slice("# tools/list: ".length)) as string[]) : undefined };
    });
}

test("the Higress-style fixture set is not empty", () => {
  assert.ok(fixtures().length >= 10);
});

for (const f of fixtures()) {
  test(`Higress-style config ${f.file} loads with exactly its warnings`, async () => {
    const cfg = parseConfigText(f.text, f.file);
    const host = await Host.load(WASM, { logLevel: "info" });
    const ok = host.startPlugin(cfg.json);
    assert.equal(ok, true, host.getLogs("error").join("\n"));
    const warnings = host
      .getLogs("warn")
      .filter((l) => l.startsWith(PREFIX))
      .map((l) => l.slice(PREFIX.length));
    assert.deepEqual([...warnings].sort(), [...f.warns].sort());
    if (f.tools) {
      const stack = await startStack({ config: cfg.value as object });
      try {
        const r = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "tools/list" });
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(
          r.json.result.tools.map((t: { name: string }) => t.name),
          f.tools,
        );
      } finally {
        await stack.close();
      }
    }
  });

  test(`validate ${f.file}: exit 0, warnings printed apart`, () => {
    const r = spawnSync(process.execPath, [CLI, "validate", path.join(DIR, f.file)], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok: \d+ tools/);
    const printed = r.stderr.split("\n").filter((l) => l.length > 0);
    assert.deepEqual(printed.sort(), f.warns.map((w) => `warning: ${w}`).sort());
  });
}

test("validate prints warnings and errors apart and exits 1 when there is an error", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "compat-"));
  try {
    const file = path.join(dir, "both.yaml");
    // a warning (unknown arg type) and an error (an argument choosing the port)
    writeFileSync(
      file,
      [
        "server: { name: s }",
        "tools:",
        "  - name: t",
        "    args: [{ name: p, type: int }]",
        "    requestTemplate: { url: 'https://api.example.com:{{.args.p}}/x' }",
        "",
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, [CLI, "validate", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    const lines = r.stderr.split("\n").filter((l) => l.length > 0);
    assert.deepEqual(
      lines.filter((l) => l.startsWith("warning: ")),
      [
        'warning: tools[0].args[0].type: "int" is not string, number, integer, boolean, array or object: copied into inputSchema as is, values not type-checked (as in Higress)',
      ],
    );
    const errors = lines.filter((l) => l.startsWith("error: "));
    assert.equal(errors.length, 1, r.stderr);
    assert.match(
      errors[0],
      /^error: tools\[0\]\.requestTemplate\.url: \{\{\.args\.p\}\} in the scheme\/host\/port part: an argument cannot choose the port/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
