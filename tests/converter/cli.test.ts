// CLI tests: spawn node on bin/openapi-to-mcp.js and dist/converter/cli.js.
import test from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync } from "node:fs";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { fixture, ROOT } from "./helpers.js";

const BIN = fileURLToPath(new URL("bin/openapi-to-mcp.js", ROOT));
const CLI = fileURLToPath(new URL("dist/converter/cli.js", ROOT));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

test("stdout carries only the config; success and size lines and nothing else on stderr", async () => {
  const r = await run(BIN, ["--input", fixture("petstore.openapi.yaml"), "--server-name", "petstore"]);
  assert.equal(r.code, 0, r.stderr);
  const expected = readFileSync(fixture("petstore.expected.yaml"), "utf8");
  assert.equal(r.stdout, expected);
  const size = Buffer.byteLength(expected);
  assert.match(
    r.stderr,
    new RegExp(
      `^Successfully converted OpenAPI specification to MCP configuration: stdout \\(3 tools\\)\nconfig: ${size} bytes, ${Math.round(size / 3)} bytes per tool \\(0\\.\\d\\d MiB per 500 tools\\)\n$`,
    ),
  );
});

test("warnings go to stderr, each naming the OpenAPI location", async () => {
  const r = await run(CLI, ["--input", fixture("security.openapi.yaml"), "--server-name", "security"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(fixture("security.expected.yaml"), "utf8"));
  assert.ok(
    r.stderr.includes('warning: paths./unknown.get.security[0]: unknown security scheme "nope"; tool has no backend auth\n'),
    r.stderr,
  );
  const expected = readFileSync(fixture("security.warnings.txt"), "utf8")
    .trim()
    .split("\n")
    .map((l) => `warning: ${l}`);
  assert.deepEqual(r.stderr.trim().split("\n").slice(0, -2), expected);
  assert.ok(!r.stdout.includes("warning"));
});

test("exit 1 with the parser's message on unreadable or invalid input", async () => {
  const missing = await run(BIN, ["--input", fixture("does-not-exist.yaml")]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout, "");
  assert.match(missing.stderr, /^Error parsing OpenAPI specification: .*(ENOENT|Error opening file)/);
  const broken = await run(BIN, ["--input", fixture("invalid/not-yaml.yaml")]);
  assert.equal(broken.code, 1);
  assert.equal(broken.stdout, "");
  assert.match(broken.stderr, /^Error parsing OpenAPI specification: .+/);
  const invalid = await run(CLI, ["--input", fixture("invalid/bad-type.yaml"), "--validate"]);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /^Error parsing OpenAPI specification: .*(invalid|Validation)/i);
  const notOpenApi = await run(CLI, ["--input", fixture("refs.shared.yaml")]);
  assert.equal(notOpenApi.code, 1);
  assert.equal(notOpenApi.stdout, "");
  const noInput = await run(BIN, []);
  assert.equal(noInput.code, 1);
  assert.match(noInput.stderr, /input file is required/);
  const badFlag = await run(BIN, ["--nope"]);
  assert.equal(badFlag.code, 2);
});

test("-x v and --x=v forms give the same output; --output writes a file (json by extension)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oa2mcp-"));
  const a = await run(BIN, ["-input", fixture("naming.openapi.yaml"), "-server-name", "naming", "-tool-prefix", "api_"]);
  const b = await run(BIN, [`--input=${fixture("naming.openapi.yaml")}`, "--server-name=naming", "--tool-prefix=api_"]);
  assert.equal(a.code, 0);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.stdout, readFileSync(fixture("naming.expected.yaml"), "utf8"));
  const out = join(dir, "sub", "config.json");
  const c = await run(BIN, [
    "convert",
    "--input",
    fixture("naming.openapi.yaml"),
    "--output",
    out,
    "--server-name=naming",
    "-tool-prefix=api_",
  ]);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(c.stdout, "");
  assert.match(c.stderr, /Successfully converted OpenAPI specification to MCP configuration: .*config\.json/);
  assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), YAML.parse(a.stdout, { version: "1.1" }));
  const d = await run(CLI, ["--input", fixture("naming.openapi.yaml"), "--format", "json", "--validate", "--passthrough"]);
  assert.equal(d.code, 0, d.stderr);
  assert.equal(JSON.parse(d.stdout).server.name, "openapi-server");
});

test("--template and --passthrough flags reach the converter", async () => {
  const r = await run(BIN, [
    "--input",
    fixture("template.openapi.yaml"),
    "--server-name",
    "tpl",
    "--template",
    fixture("template.template.yaml"),
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(fixture("template.expected.yaml"), "utf8"));
  const p = await run(BIN, ["--input", fixture("passthrough.openapi.yaml"), "--server-name", "passthrough", "--passthrough"]);
  assert.equal(p.stdout, readFileSync(fixture("passthrough.expected.yaml"), "utf8"));
});

test("URL input from a local http server, including a relative-file $ref", async () => {
  const server = createServer((req, res) => {
    const name = (req.url ?? "/").replace(/^\/specs\//, "");
    try {
      const body = readFileSync(fixture(name));
      res.writeHead(200, { "content-type": "application/yaml" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    const r = await run(BIN, [
      "--input",
      `http://127.0.0.1:${port}/specs/refs.openapi.yaml`,
      "--server-name",
      "refs",
      "--external-refs",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(fixture("refs.expected.yaml"), "utf8"));
    const rel = await run(BIN, ["--input", `http://127.0.0.1:${port}/specs/empty.openapi.yaml`]);
    assert.equal(rel.code, 0, rel.stderr);
    const missing = await run(BIN, ["--input", `http://127.0.0.1:${port}/specs/nope.yaml`]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error parsing OpenAPI specification: /);
  } finally {
    server.close();
  }
});
