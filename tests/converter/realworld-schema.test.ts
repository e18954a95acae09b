// Issue 22 item 3: oneOf/anyOf alternatives of different types are never narrowed to one type.
import test from "node:test";
import assert from "node:assert/strict";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { configProblems, fixture } from "./helpers.js";

test("anyOf [object, enum ['']] stays anyOf (no type, no enum); type arrays keep each type; integer|number is number", async () => {
  const { config, warnings } = convert(await load(fixture("realworld/anyof.openapi.yaml")));
  assert.deepEqual(configProblems(config), []);
  const tool = config.tools![0];
  const arg = (n: string) => tool.args.find((a) => a.name === n)!;
  assert.deepEqual(arg("shipping"), {
    name: "shipping",
    description: "",
    anyOf: [
      { properties: { name: { type: "string" }, phone: { type: "string" } }, type: "object" },
      { enum: [""], type: "string" },
    ],
    position: "body",
  });
  assert.deepEqual(arg("quantity").anyOf, [{ type: "integer" }, { type: "string" }]);
  assert.equal(arg("quantity").type, undefined);
  assert.equal(arg("tier").type, "number");
  // outputs: alternatives kept, null added for a nullable union; never a single wrong type
  assert.deepEqual((tool.outputSchema as { properties: Record<string, unknown> }).properties.default_source, {
    anyOf: [
      { type: "string" },
      { properties: { brand: { type: "string" }, id: { type: "string" } }, type: "object" },
      { type: "null" },
    ],
  });
  assert.ok(!warnings.some((w) => /typed as/.test(w.message)), JSON.stringify(warnings));
});

test("warnings: repeated ones grouped with their locations, none about absent GET/DELETE bodies, webhooks and callbacks once", async () => {
  const { warnings } = convert(await load(fixture("realworld/warnings.openapi.yaml")));
  const text = warnings.map((w) => `${w.location}: ${w.message}`);
  assert.deepEqual(text, [
    "components.securitySchemes.digest: http digest is not supported; scheme left out",
    "security[0]: http digest is not supported; operations inheriting it have no backend auth",
    "webhooks: 2 webhook(s) ignored (requests the API sends, not tools)",
    "paths./subscribe.post.callbacks: callbacks ignored (requests the API sends, not tools) (2 operations have callbacks)",
  ]);
  for (const w of warnings) assert.notEqual(w.location, "");
  assert.ok(!text.some((t) => /body/.test(t)));
});

test("warnings: the same message at many locations is one warning that counts them", async () => {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++)
    paths[`/p${i}`] = { get: { operationId: `p${i}`, security: [{ digest: [] }], responses: { "200": { description: "ok" } } } };
  const doc = {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://x.example" }],
    paths,
    components: { securitySchemes: { digest: { type: "http", scheme: "digest" } } },
  };
  const { warnings } = convert(doc);
  const grouped = warnings.filter((w) => /tool has no backend auth/.test(w.message));
  assert.equal(grouped.length, 1);
  assert.equal(grouped[0].location, "paths./p0.get.security[0]");
  assert.match(
    grouped[0].message,
    /\(also at paths\.\/p1\.get\.security\[0\], paths\.\/p2\.get\.security\[0\], paths\.\/p3\.get\.security\[0\], and 46 more\)$/,
  );
});

test("bodies: never a tool that silently sends no body; binary as base64; JSON Patch needs an array, merge-patch preferred for objects", async () => {
  const { config, warnings } = convert(await load(fixture("realworld/bodies.openapi.yaml")));
  assert.deepEqual(configProblems(config), []);
  const tools = new Map(config.tools!.map((t) => [t.name, t]));
  assert.deepEqual([...tools.keys()].sort(), ["mergeUser", "patchUser", "postAnything", "putBlob"]);
  const w = (l: string) => warnings.find((x) => x.location.startsWith(l))?.message ?? "";
  assert.match(w("paths./files.post"), /multipart\/form-data is not supported; operation left out/);
  // raw binary: one base64 argument the plugin decodes (bodyEncoding)
  const blob = tools.get("putBlob")!;
  assert.deepEqual(
    blob.args.map((a) => [a.name, a.type, a.required]),
    [["body", "string", true]],
  );
  assert.equal(blob.requestTemplate.body, "{{.args.body}}");
  assert.equal(blob.requestTemplate.bodyEncoding, "base64");
  assert.deepEqual(blob.requestTemplate.headers, [{ key: "Content-Type", value: "application/octet-stream" }]);
  assert.match(w("paths./users/{id}.put"), /JSON Patch body must be an array.*operation left out/);
  const patch = tools.get("patchUser")!;
  assert.equal(patch.requestTemplate.body, "{{.args.items}}");
  assert.deepEqual(patch.requestTemplate.headers, [{ key: "Content-Type", value: "application/json-patch+json" }]);
  const merge = tools.get("mergeUser")!;
  assert.deepEqual(merge.requestTemplate.headers, [{ key: "Content-Type", value: "application/merge-patch+json" }]);
  assert.equal(merge.requestTemplate.argsToJsonBody, true);
  const any = tools.get("postAnything")!;
  assert.equal(any.requestTemplate.body, "{{.args.body}}");
  assert.deepEqual(
    any.args.map((a) => [a.name, a.type, a.required]),
    [["body", "object", true]],
  );
});
