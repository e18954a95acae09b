// examples/higress: the WasmPlugin uses only Higress's WasmPlugin fields, runs
// where Higress's mcp-server runs, carries the demo config and matches the
// Ingress that demo-api.yaml defines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { isObj, readYaml, repoPath } from "./files.js";

type Json = { [key: string]: unknown };

const plugin = readYaml("examples", "higress", "wasmplugin.yaml") as Json;
const spec = plugin.spec as Json;
const manifests = YAML.parseAllDocuments(readFileSync(repoPath("examples", "higress", "demo-api.yaml"), "utf8")).map(
  (d) => d.toJS() as Json,
);

// extensions.higress.io/v1alpha1 WasmPlugin (api/extensions/v1alpha1/wasmplugin.proto, JSON names)
const SPEC_FIELDS = [
  "url",
  "sha256",
  "imagePullPolicy",
  "imagePullSecret",
  "verificationKey",
  "pluginConfig",
  "pluginName",
  "phase",
  "priority",
  "failStrategy",
  "vmConfig",
  "defaultConfig",
  "matchRules",
  "defaultConfigDisable",
];
const RULE_FIELDS = ["ingress", "domain", "config", "configDisable", "service"];

test("the WasmPlugin uses only fields of Higress's WasmPlugin", () => {
  assert.equal(plugin.apiVersion, "extensions.higress.io/v1alpha1");
  assert.equal(plugin.kind, "WasmPlugin");
  for (const k of Object.keys(spec)) assert.ok(SPEC_FIELDS.includes(k), `spec.${k}`);
  for (const r of spec.matchRules as Json[])
    for (const k of Object.keys(r)) assert.ok(RULE_FIELDS.includes(k), `matchRules[].${k}`);
  assert.ok(["UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"].includes(spec.phase as string));
  assert.ok(["FAIL_CLOSE", "FAIL_OPEN"].includes(spec.failStrategy as string));
  assert.match(spec.url as string, /^(oci|https?):\/\//);
});

test("phase and priority match spec.yaml (where Higress's mcp-server runs)", () => {
  const meta = readYaml("spec.yaml") as Json;
  assert.equal(spec.phase, (meta.spec as Json).phase);
  assert.equal(spec.priority, (meta.spec as Json).priority);
});

test("the rule config is examples/demo/config.yaml, and nothing is enabled globally", () => {
  assert.equal(spec.defaultConfigDisable, true);
  const rules = spec.matchRules as Json[];
  assert.equal(rules.length, 1);
  assert.deepEqual(rules[0].config, readYaml("examples", "demo", "config.yaml"));
});

test("the rule matches the Ingress of demo-api.yaml, whose backend service and port exist", () => {
  const [ns, name] = ((spec.matchRules as Json[])[0].ingress as string[])[0].split("/");
  const ingress = manifests.find(
    (m) => m.kind === "Ingress" && isObj(m.metadata) && m.metadata.name === name && m.metadata.namespace === ns,
  );
  assert.ok(ingress, `no Ingress ${ns}/${name}`);
  const rule = ((ingress.spec as Json).rules as Json[])[0];
  const path = ((rule.http as Json).paths as Json[])[0];
  assert.equal(path.path, "/mcp");
  const backend = (path.backend as Json).service as { name: string; port: { number: number } };
  const svc = manifests.find(
    (m) => m.kind === "Service" && isObj(m.metadata) && m.metadata.name === backend.name && m.metadata.namespace === ns,
  );
  assert.ok(svc, `no Service ${ns}/${backend.name}`);
  assert.ok(((svc.spec as Json).ports as Array<{ port: number }>).some((p) => p.port === backend.port.number));
});

test("the plugin image puts build/higress.wasm at /plugin.wasm in a scratch image", () => {
  const df = readFileSync(repoPath("examples", "higress", "Dockerfile"), "utf8");
  assert.match(df, /^FROM scratch$/m);
  assert.match(df, /^COPY build\/higress\.wasm plugin\.wasm$/m);
});
