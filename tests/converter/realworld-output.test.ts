// Issue 22 items 2, 5 and 6: bounded output (each component expanded once per tool, a
// per-tool byte budget, size reported), valid unique tool names with the original in
// `title`, and YAML without aliases that our own loader and the plugin accept.
import test from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { generateOpenApi } from "../../bench/openapi-gen.js";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { MAX_NAME_LENGTH, nameHash } from "../../converter/names.js";
import { serialize } from "../../converter/serialize.js";
import { parseConfigText } from "../../host/config.js";
import { configProblems, fixture, ROOT } from "./helpers.js";

const CONVERT = fileURLToPath(new URL("bin/openapi-to-mcp.js", ROOT));
const MAIN = fileURLToPath(new URL("bin/higress-mcp-rest.js", ROOT));
const WASM = fileURLToPath(new URL("build/higress.wasm", ROOT));

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { encoding: "utf8", maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

function writeDoc(doc: object): string {
  const file = join(mkdtempSync(join(tmpdir(), "oa-size-")), "api.json");
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

type Tool = {
  name: string;
  title?: string;
  args: { name: string; properties?: object; description: string }[];
  outputSchema?: object;
  responseTemplate: { prependBody?: string };
};

test("bounded output: every component is expanded once per tool, each tool stays within its budget", async () => {
  const doc = await load(writeDoc(generateOpenApi(40)));
  const bounded = convert(doc);
  const unlimited = convert(doc, { maxToolBytes: 0 });
  assert.deepEqual(configProblems(bounded.config), []);
  const yamlBounded = serialize(bounded.config);
  const yamlUnlimited = serialize(unlimited.config);
  assert.ok(yamlUnlimited.length > 1.5 * yamlBounded.length, `${yamlUnlimited.length} vs ${yamlBounded.length}`);
  for (const t of bounded.config.tools as Tool[]) {
    const one = serialize({ server: { name: "s" }, tools: [t as never] });
    assert.ok(one.length < 4096, `${t.name}: ${one.length} bytes`);
    // Address has a `postalCode` property: listed at most once per tool, arguments and output together
    const json = JSON.stringify([t.args, t.outputSchema ?? {}]);
    assert.ok((json.match(/"postalCode"/g) ?? []).length <= 1, t.name);
    assert.ok((t.responseTemplate.prependBody ?? "").length <= 512 + 600, t.name);
  }
  // later uses point at the first expansion; the cut is said, not silent
  const create = (bounded.config.tools as Tool[]).find((t) => t.name === "createResource0")!;
  assert.match(create.args.find((a) => a.name === "billing")!.description, /^Address: see argument "customer\.address"$/);
  assert.ok(
    bounded.warnings.some(
      (w) => w.location === "paths./v1/resource0.get" && /tool size limit \(768 bytes\) reached/.test(w.message),
    ),
  );
  // unlimited: every field of the wide schema is listed; bounded: the rest is counted, not listed
  const fields = (r: typeof bounded) => {
    const t = (r.config.tools as Tool[]).find((x) => x.name === "listResource0")!;
    return (t.outputSchema as { properties: { data: { items: { properties: object; description?: string } } } }).properties.data
      .items;
  };
  assert.equal(Object.keys(fields(unlimited).properties).length, 40);
  const cut = fields(bounded);
  assert.match(
    cut.description!,
    new RegExp(`\\(${40 - Object.keys(cut.properties).length} more properties not listed \\(tool size limit\\)\\)$`),
  );
});

test("the CLI reports the config size; --max-tool-bytes relaxes the budget", async () => {
  const file = writeDoc(generateOpenApi(20));
  const a = await run(CONVERT, ["--input", file]);
  assert.equal(a.code, 0, a.stderr);
  const bytes = Buffer.byteLength(a.stdout);
  assert.match(
    a.stderr,
    new RegExp(`\\nconfig: ${bytes} bytes, ${Math.round(bytes / 20)} bytes per tool \\(\\d+\\.\\d\\d MiB per 500 tools\\)\\n$`),
  );
  const b = await run(CONVERT, ["--input", file, "--max-tool-bytes", "0"]);
  assert.equal(b.code, 0, b.stderr);
  assert.ok(b.stdout.length > 1.5 * a.stdout.length);
  assert.match(b.stderr, /\nconfig: \d+ bytes/);
  const bad = await run(CONVERT, ["--input", file, "--max-tool-bytes", "lots"]);
  assert.equal(bad.code, 2);
});

test("tool names: sanitized to [A-Za-z0-9_.-], at most 64 characters with a stable hash, unique, original in title", async () => {
  const { config, warnings } = convert(await load(fixture("realworld/names.openapi.yaml")));
  const tools = config.tools as Tool[];
  const byTitle = new Map(tools.map((t) => [t.title ?? t.name, t.name]));
  assert.deepEqual(configProblems(config), []);
  for (const t of tools) assert.match(t.name, /^[A-Za-z0-9_.-]{1,64}$/);
  // a valid name keeps it; the sanitized one that collides with it gets the hash of its original
  assert.equal(byTitle.get("repos_get"), "repos_get");
  assert.equal(byTitle.get("repos/get"), `repos_get_${nameHash("repos/get")}`);
  assert.equal(byTitle.get("issues#list all"), "issues_list_all");
  assert.equal(byTitle.get("查询订单"), "tool");
  const long = "enterprise-admin.list-self-hosted-runner-groups-for-enterprise-organization-access";
  const a = byTitle.get(long)!;
  const b = byTitle.get(long + "X")!;
  assert.equal(a.length, MAX_NAME_LENGTH);
  assert.ok(a.endsWith("_" + nameHash(long)) && b.endsWith("_" + nameHash(long + "X")) && a !== b);
  assert.equal(new Set(tools.map((t) => t.name)).size, tools.length);
  // stable: the same document converts to the same names
  assert.deepEqual(
    convert(await load(fixture("realworld/names.openapi.yaml"))).config.tools!.map((t) => t.name),
    tools.map((t) => t.name),
  );
  assert.ok(
    warnings.some(
      (w) => w.location === "paths./issues.get" && /renamed to "issues_list_all" \(original kept in title\)/.test(w.message),
    ),
  );
});

test("YAML output never uses aliases: 200 operations sharing one default load in our loader and in the plugin", async () => {
  const shared = { $ref: "#/components/parameters/Paging" };
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < 200; i++)
    paths[`/r${i}`] = { get: { operationId: `list${i}`, parameters: [shared], responses: { "200": { description: "ok" } } } };
  const doc = {
    openapi: "3.0.3",
    info: { title: "aliases", version: "1" },
    servers: [{ url: "http://127.0.0.1:9/api" }],
    paths,
    components: {
      parameters: {
        Paging: {
          name: "paging",
          in: "query",
          schema: {
            type: "object",
            default: { size: 20, order: "asc" },
            properties: { size: { type: "integer" }, order: { type: "string", enum: ["asc", "desc"] } },
          },
        },
      },
    },
  };
  const file = writeDoc(doc);
  const out = join(mkdtempSync(join(tmpdir(), "oa-alias-")), "config.yaml");
  const r = await run(CONVERT, ["--input", file, "--output", out]);
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(out, "utf8");
  assert.ok(!/[&*][A-Za-z0-9]+\s*$/m.test(text) && !/: [&*]a\d/.test(text), "no anchors or aliases");
  const loaded = parseConfigText(text, out).value as { tools: Tool[] };
  assert.equal(loaded.tools.length, 200);
  assert.deepEqual((loaded.tools[199].args[0] as unknown as { default: unknown }).default, { size: 20, order: "asc" });
  assert.deepEqual(YAML.parse(text), loaded);
  if (!existsSync(WASM)) {
    assert.fail("build/higress.wasm is missing: run npm run build");
  }
  const v = await run(MAIN, ["validate", out]);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout, "ok: 200 tools\n");
});
