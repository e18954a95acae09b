// Unit tests of convert(), load(), serialize() and helpers beyond the golden corpus.
import test from "node:test";
import assert from "node:assert/strict";
import YAML from "yaml";
import { convert, ConvertError } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { serialize } from "../../converter/serialize.js";
import { naturalCompare } from "../../converter/sort.js";
import { parseFlags } from "../../converter/cli.js";
import { configProblems, fixture, goldenCases, runCase } from "./helpers.js";

test("determinism: every golden case converts to the same bytes twice, from fresh loads and from one object", async () => {
  for (const name of goldenCases()) {
    const a = await runCase(name);
    const b = await runCase(name);
    assert.equal(a.yaml, b.yaml, name);
    assert.equal(a.warnings, b.warnings, name);
  }
  const doc = await load(fixture("refs.openapi.yaml"));
  assert.equal(serialize(convert(doc).config, "json"), serialize(convert(doc).config, "json"));
});

test("natural key order matches go-yaml's observed order", () => {
  const keys = ["é", "zeta", "ab", "aB", "a10", "a2", "a01", "a1b", "a_b", "a-b", "a b", "Zeta", "Ab", "A", "_x"];
  assert.deepEqual(keys.sort(naturalCompare), [
    "_x",
    "A",
    "Ab",
    "Zeta",
    "a b",
    "a-b",
    "a_b",
    "a1b",
    "a01",
    "a2",
    "a10",
    "aB",
    "ab",
    "zeta",
    "é",
  ]);
});

test("JSON output uses the plugin's camelCase field names", async () => {
  const { result } = await runCase("bodies");
  const json = JSON.parse(serialize(result.config, "json"));
  const form = json.tools.find((t: { name: string }) => t.name === "submitForm");
  assert.equal(form.requestTemplate.argsToFormBody, true);
  assert.ok(!("ArgsToFormBody" in form.requestTemplate));
  assert.ok("responseTemplate" in form && "requestTemplate" in form);
});

test("rejects documents that are not OpenAPI 3.x / Swagger 2.0", () => {
  assert.throws(() => convert({ openapi: "4.0.0", paths: {} }), ConvertError);
  assert.throws(() => convert({ swagger: "1.2" }), /unsupported OpenAPI version "1.2"/);
  assert.throws(() => convert({ foo: 1 }), /no "openapi" or "swagger" field/);
});

test("a raw document (internal $refs, cycles) converts like the dereferenced one", async () => {
  const raw = YAML.parse(await import("node:fs").then((fs) => fs.readFileSync(fixture("unions.openapi.yaml"), "utf8")));
  const deref = await load(fixture("unions.openapi.yaml"));
  assert.equal(serialize(convert(raw).config), serialize(convert(deref).config));
  const cyclic = {
    openapi: "3.0.0",
    paths: {
      "/n": {
        post: {
          operationId: "n",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/N" } } } },
          responses: {},
        },
      },
    },
    components: {
      schemas: { N: { type: "object", properties: { next: { $ref: "#/components/schemas/N" }, v: { type: "string" } } } },
    },
  };
  const tool = convert(cyclic).config.tools![0];
  assert.deepEqual(
    tool.args.map((a) => [a.name, a.type, a.description]),
    [
      ["next", "object", "Recursive reference to N (not expanded)"],
      ["v", "string", ""],
    ],
  );
  const broken = convert({ openapi: "3.0.0", paths: { "/x": { get: { parameters: [{ $ref: "#/nope" }], responses: {} } } } });
  assert.ok(broken.warnings.some((w) => w.location === "#/nope" && /unresolved/.test(w.message)));
});

test("security: security: [] clears the inherited requirement; passthrough only on secured tools", () => {
  const doc = {
    openapi: "3.0.0",
    security: [{ k: [] }],
    components: { securitySchemes: { k: { type: "apiKey", in: "query", name: "key" } } },
    paths: {
      "/a": { get: { operationId: "a", responses: {} } },
      "/b": { get: { operationId: "b", security: [], responses: {} } },
    },
  };
  const { config } = convert(doc, { passthrough: true });
  const [a, b] = config.tools!;
  assert.deepEqual(a.requestTemplate.security, { id: "k" });
  assert.deepEqual(a.security, { id: "k", passthrough: true });
  assert.equal(b.requestTemplate.security, undefined);
  assert.equal(b.security, undefined);
  assert.deepEqual(configProblems(config), []);
});

test("template: argsTo* flag from the template replaces the generated one; body drops prepend/append", async () => {
  const { result } = await runCase("bodies");
  const doc = await load(fixture("bodies.openapi.yaml"));
  const template = {
    tools: { requestTemplate: { argsToFormBody: true }, responseTemplate: { body: "{{.}}" }, outputSchema: { type: "object" } },
  };
  const { config } = convert(doc, { template });
  const t = config.tools!.find((x) => x.name === "createBatch")!;
  assert.equal(t.requestTemplate.argsToFormBody, true);
  assert.equal(t.requestTemplate.argsToJsonBody, undefined);
  assert.deepEqual(t.responseTemplate, { body: "{{.}}" });
  assert.deepEqual(t.outputSchema, { type: "object" });
  assert.deepEqual(configProblems(config), []);
  assert.notDeepEqual(result.config, config);
});

test("template: unknown security ids are reported", () => {
  const doc = { openapi: "3.0.0", paths: { "/a": { get: { operationId: "a", responses: {} } } } };
  const { warnings } = convert(doc, { template: { tools: { security: { id: "ghost", passthrough: true } } } });
  assert.ok(warnings.some((w) => /security id "ghost" names no scheme/.test(w.message)));
});

test("relative server URLs resolve against an http(s) document URL", () => {
  const doc = { openapi: "3.0.0", servers: [{ url: "/v1/" }], paths: { "/a": { get: { operationId: "a", responses: {} } } } };
  assert.equal(
    convert(doc, { documentUrl: "http://127.0.0.1:9/specs/api.yaml" }).config.tools![0].requestTemplate.url,
    "http://127.0.0.1:9/v1/a",
  );
  const local = convert(doc);
  assert.equal(local.config.tools![0].requestTemplate.url, "/v1/a");
  assert.deepEqual(
    local.warnings.map((w) => w.location),
    ["servers[0].url"],
  );
});

test("YAML output quotes YAML 1.1 booleans and numbers-like strings", () => {
  const text = serialize({ server: { name: "on", config: { a: "yes", b: "0123", c: "1e3" } } });
  assert.equal(text, "server:\n  name: 'on'\n  config:\n    a: 'yes'\n    b: '0123'\n    c: '1e3'\n");
});

test("load: --validate rejects an invalid document, plain load dereferences relative files", async () => {
  await assert.rejects(load(fixture("bodies.openapi.yaml") + ".missing"), /ENOENT|Error opening file/);
  const doc = await load(fixture("refs.openapi.yaml"));
  const customer = (doc as any).components.schemas.Customer;
  assert.equal(customer.properties.address.properties.city.type, "string");
  await assert.rejects(load(fixture("invalid/bad-type.yaml"), { validate: true }));
  await load(fixture("invalid/bad-type.yaml")); // accepted without validation
});

test("flags: Go-style -x v, -x=v, --x v, --x=v and booleans", () => {
  const f = parseFlags([
    "-input",
    "a.yaml",
    "--output=b.yaml",
    "--server-name",
    "s",
    "-tool-prefix=p_",
    "-validate",
    "--passthrough=false",
  ]);
  assert.equal(f.values.get("input"), "a.yaml");
  assert.equal(f.values.get("output"), "b.yaml");
  assert.equal(f.values.get("server-name"), "s");
  assert.equal(f.values.get("tool-prefix"), "p_");
  assert.ok(f.bools.has("validate"));
  assert.ok(!f.bools.has("passthrough"));
  assert.throws(() => parseFlags(["--bogus"]), /not defined: -bogus/);
  assert.throws(() => parseFlags(["--input"]), /needs an argument/);
});

test("flags: a flag's value is taken as it is, `--` ends the flags, bad booleans are refused", () => {
  const f = parseFlags(["-tool-prefix", "-validate", "-input=-x.yaml", "-1", "--", "-output", "o"]);
  assert.equal(f.values.get("tool-prefix"), "-validate");
  assert.equal(f.values.get("input"), "-x.yaml");
  assert.ok(!f.bools.has("validate"));
  assert.equal(f.values.get("output"), undefined);
  assert.deepEqual(f.positional, ["-1", "-output", "o"]);
  assert.ok(parseFlags(["-h"]).bools.has("h"));
  assert.ok(parseFlags(["--validate=t", "--passthrough=1"]).bools.has("passthrough"));
  assert.throws(() => parseFlags(["--validate=maybe"]), /invalid boolean value "maybe" for -validate/);
  assert.throws(() => parseFlags(["-ab"]), /not defined: -ab/);
});
