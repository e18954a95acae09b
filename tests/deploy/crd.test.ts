// Kubernetes manifests for Higress, validated against Higress's own CRD schemas (fetched as data into
// tests/fixtures/higress/crds.gen.yaml, not hand-copied): the example WasmPlugin and McpBridge, and
// the WasmPlugin that `push` prints. Unknown fields are errors, as the API server's pruning and
// `kubectl apply --validate=strict` treat them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import YAML from "yaml";
import { isObj, repoPath } from "./files.js";
import { renderWasmPluginYaml } from "../../host/oci/wasmplugin.js";

type Json = { [key: string]: unknown };

/** Closes every object schema that does not preserve unknown fields. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!isObj(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === "properties" && isObj(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (
    isObj(schema.properties) &&
    schema["x-kubernetes-preserve-unknown-fields"] !== true &&
    out.additionalProperties === undefined
  )
    out.additionalProperties = false;
  return out;
}

const crds = YAML.parseAllDocuments(readFileSync(repoPath("tests", "fixtures", "higress", "crds.gen.yaml"), "utf8"))
  .map((d) => d.toJS() as Json)
  .filter(isObj);
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction>(); // "group/version Kind" → validator
for (const crd of crds) {
  const spec = crd.spec as {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; served: boolean; schema: { openAPIV3Schema: Json } }>;
  };
  for (const v of spec.versions) {
    if (!v.served) continue;
    const s = strict(v.schema.openAPIV3Schema) as Json;
    // apiVersion/kind/metadata are the API server's, not in the CRD schema
    s.properties = {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      ...(s.properties as Json),
    };
    validators.set(`${spec.group}/${v.name} ${spec.names.kind}`, ajv.compile(s));
  }
}

function errorsOf(doc: Json): string {
  const v = validators.get(`${doc.apiVersion} ${doc.kind}`);
  if (!v) return `no CRD for ${doc.apiVersion} ${doc.kind}`;
  return v(doc)
    ? ""
    : (v.errors ?? [])
        .map(
          (e) =>
            `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}`,
        )
        .join("; ");
}

const docsOf = (...file: string[]) =>
  YAML.parseAllDocuments(readFileSync(repoPath(...file), "utf8")).map((d) => d.toJS() as Json);

test("the fixture holds Higress's WasmPlugin and McpBridge CRDs", () => {
  assert.ok(validators.has("extensions.higress.io/v1alpha1 WasmPlugin"), [...validators.keys()].join(", "));
  assert.ok(validators.has("networking.higress.io/v1 McpBridge"), [...validators.keys()].join(", "));
});

for (const file of ["wasmplugin.yaml", "external-api.yaml"]) {
  test(`examples/higress/${file}: every Higress resource matches its CRD`, () => {
    const docs = docsOf("examples", "higress", file).filter((d) => String(d.apiVersion).includes("higress.io"));
    assert.ok(docs.length > 0);
    for (const d of docs) assert.equal(errorsOf(d), "", `${d.kind} ${(d.metadata as Json)?.name}`);
  });
}

test("the WasmPlugin printed by push matches the CRD (ingress and domain rules, pull secret)", () => {
  const text = renderWasmPluginYaml({
    url: `oci://registry.example.com/plugins/mcp-rest@sha256:${"a".repeat(64)}`,
    sha256: "a".repeat(64),
    imagePullSecret: "regcred",
    rules: [
      { ingress: ["mcp-demo/demo-notes-mcp"], config: { server: { name: "a" }, tools: [] } },
      { domain: ["mcp.example.com"], config: { server: { name: "b" }, tools: [] } },
    ],
  });
  assert.equal(errorsOf(YAML.parse(text) as Json), "");
});

test("the schema check rejects a misspelt rule field, an unknown phase and a string priority", () => {
  const base = docsOf("examples", "higress", "wasmplugin.yaml")[0];
  const spec = base.spec as Json;
  const rule = (spec.matchRules as Json[])[0];
  for (const bad of [
    { ...base, spec: { ...spec, matchRules: [{ ...rule, ingresses: rule.ingress }] } },
    { ...base, spec: { ...spec, phase: "AUTHENTICATION" } },
    { ...base, spec: { ...spec, priority: "30" } },
    { ...base, spec: { ...spec, sha: "x" } },
  ]) {
    assert.notEqual(errorsOf(bad), "", JSON.stringify(bad.spec).slice(0, 120));
  }
});

test("external-api.yaml: the Ingress sends its MCP route to the McpBridge DNS source it names", () => {
  const docs = docsOf("examples", "higress", "external-api.yaml");
  const bridge = docs.find((d) => d.kind === "McpBridge")!;
  assert.deepEqual(
    bridge.metadata,
    { name: "default", namespace: "higress-system" },
    "Higress reads only McpBridge default in its namespace",
  );
  const registries = (bridge.spec as { registries: Array<{ name: string; type: string }> }).registries;
  const ingress = docs.find((d) => d.kind === "Ingress")!;
  const dest = ((ingress.metadata as Json).annotations as Record<string, string>)["higress.io/destination"];
  const [name, kind] = dest.split(".");
  assert.ok(
    registries.some((r) => r.name === name && r.type === kind),
    dest,
  );
  const path = (((ingress.spec as Json).rules as Json[])[0].http as { paths: Array<{ backend: { resource: Json } }> }).paths[0];
  assert.deepEqual(path.backend.resource, { apiGroup: "networking.higress.io", kind: "McpBridge", name: "default" });
});
