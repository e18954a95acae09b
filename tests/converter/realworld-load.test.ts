// Issue 22 items 1 and 10: loading never touches the network except for the --input URL
// (and remote $ref files with --external-refs); `$ref`-looking example/default/x-* data is
// never followed; operations given as `$ref` only warn under --validate.
import test from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { isDataPath, load } from "../../converter/load.js";
import { convert } from "../../converter/convert.js";
import { fixture, ROOT } from "./helpers.js";

const BIN = fileURLToPath(new URL("bin/openapi-to-mcp.js", ROOT));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

/** A 127.0.0.1 server that serves the SCIM fixture (with its own base URL) and counts every request. */
async function scimServer(): Promise<{ base: string; hits: string[]; close: () => void }> {
  const hits: string[] = [];
  let base = "";
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/api.yaml") {
      res.end(readFileSync(fixture("realworld/scim.openapi.yaml"), "utf8").replaceAll("BASE", base));
    } else if (req.url === "/shared.yaml") {
      res.end(readFileSync(fixture("realworld/scim.shared.yaml"), "utf8"));
    } else {
      res.writeHead(500);
      res.end("must not be fetched");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, close: () => server.close() };
}

test("data paths: example, examples, default, enum, const and x-* are data unless they name a property or component", () => {
  assert.ok(isDataPath("#/paths/~1a/post/requestBody/content/application~1json/example/meta"));
  assert.ok(isDataPath("#/components/schemas/U/properties/schemas/default/0"));
  assert.ok(isDataPath("#/x-links"));
  assert.ok(isDataPath("#/paths/~1a/post/requestBody/content/application~1json/examples/full/value"));
  assert.ok(!isDataPath("#/components/schemas/U/properties/example"));
  assert.ok(!isDataPath("#/components/schemas/default"));
  assert.ok(!isDataPath("#/paths/~1a/get/responses/200/headers/x-rate-limit"));
  assert.ok(!isDataPath("#/paths/~1a/get/parameters/0/schema"));
});

test("a local document with $refs inside examples, defaults and x-* converts offline: no request at all", async () => {
  const srv = await scimServer();
  try {
    const dir = mkdtempSync(join(tmpdir(), "scim-"));
    const file = join(dir, "scim.yaml");
    writeFileSync(file, readFileSync(fixture("realworld/scim.openapi.yaml"), "utf8").replaceAll("BASE", srv.base));
    const r = await run(["--input", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(srv.hits, []);
    // the remote schema $ref is left out with a located warning naming the flag
    assert.match(
      r.stderr,
      new RegExp(`warning: ${srv.base}/shared.yaml#/Manager: external \\$ref not fetched .*--external-refs`),
    );
    const cfg = YAML.parse(r.stdout, { version: "1.1" });
    const tool = cfg.tools[0];
    assert.deepEqual(
      tool.args.map((a: { name: string }) => a.name),
      ["example", "manager", "schemas", "userName"],
    );
    // example-like data is copied as data, unresolved
    assert.deepEqual(tool.args.find((a: { name: string }) => a.name === "schemas").default, [{ $ref: `${srv.base}/default` }]);
  } finally {
    srv.close();
  }
});

test("a URL input fetches only itself; --external-refs also fetches remote $ref files, never example data", async () => {
  const srv = await scimServer();
  try {
    const plain = await run(["--input", `${srv.base}/api.yaml`]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(srv.hits, ["/api.yaml"]);
    srv.hits.length = 0;
    const ext = await run(["--input", `${srv.base}/api.yaml`, "--external-refs"]);
    assert.equal(ext.code, 0, ext.stderr);
    assert.deepEqual([...srv.hits].sort(), ["/api.yaml", "/shared.yaml"]);
    const manager = YAML.parse(ext.stdout, { version: "1.1" }).tools[0].args.find((a: { name: string }) => a.name === "manager");
    assert.equal(manager.type, "object");
    assert.equal(manager.description, "the manager (from a remote $ref file)");
  } finally {
    srv.close();
  }
});

test("--validate: an operation given as $ref (with a cyclic schema behind it) warns instead of failing", async () => {
  const file = fixture("realworld/operation-ref.openapi.yaml");
  const warnings: { location: string; message: string }[] = [];
  const doc = await load(file, { validate: true, warnings });
  assert.deepEqual(
    warnings.map((w) => w.location),
    ["paths./nodes/{id}.get"],
  );
  assert.match(warnings[0].message, /operation given as \$ref .* inlined/);
  const { config } = convert(doc);
  assert.deepEqual(
    config.tools!.map((t) => t.name),
    ["getNode", "listNodes"],
  );
  const r = await run(["--input", file, "--validate"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: paths\.\/nodes\/\{id\}\.get: operation given as \$ref/);
});
