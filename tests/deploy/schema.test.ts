// spec.yaml's JSON Schema: it compiles, accepts every example config, and
// rejects the typos and contradictions it is meant to catch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { exampleConfigs, isObj, readYaml } from "./files.js";

const spec = readYaml("spec.yaml");
assert.ok(isObj(spec) && isObj(spec.spec) && isObj(spec.spec.configSchema), "spec.yaml: spec.configSchema missing");
const schema = (spec.spec.configSchema as { openAPIV3Schema: object }).openAPIV3Schema;
// strict: false because of the Higress console's own keywords (x-title-i18n, scope, example).
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function errorsOf(config: unknown): string {
  return validate(config) ? "" : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
}

test("spec.yaml has the plugin metadata Higress expects", () => {
  assert.ok(isObj(spec) && isObj(spec.info) && isObj(spec.spec));
  assert.equal(spec.apiVersion, "1.0.0");
  for (const k of ["name", "title", "description", "version", "category"]) {
    assert.equal(typeof spec.info[k], "string", `info.${k}`);
  }
  assert.equal(spec.spec.phase, "UNSPECIFIED_PHASE");
  assert.equal(spec.spec.priority, 30);
});

test("spec.yaml's example validates", () => {
  const ex = (schema as { example?: unknown }).example;
  assert.ok(ex !== undefined);
  assert.equal(errorsOf(ex), "");
});

test("there are example configs to validate (auth scenarios, demo, WasmPlugin rules)", () => {
  const names = exampleConfigs().map((c) => c.name);
  assert.ok(
    names.some((n) => n.startsWith("examples/auth/")),
    names.join(", "),
  );
  assert.ok(names.includes("examples/demo/config.yaml"), names.join(", "));
  assert.ok(
    names.some((n) => n.includes("wasmplugin.yaml#matchRules")),
    names.join(", "),
  );
});

for (const { name, config } of exampleConfigs()) {
  test(`example config ${name} matches spec.yaml's schema`, () => {
    assert.equal(errorsOf(config), "");
  });
}

const base = {
  server: {
    name: "s",
    securitySchemes: [{ id: "b", type: "http", scheme: "bearer", defaultCredential: "t" }],
  },
  tools: [{ name: "t", requestTemplate: { url: "https://api.example.com/x", method: "GET", security: { id: "b" } } }],
};

const rejected: Array<[string, unknown]> = [
  ["an unknown top-level key", { ...base, tool: [] }],
  [
    "server.allowTools (Higress never reads it; allowTools is top-level)",
    { ...base, server: { ...base.server, allowTools: ["t"] } },
  ],
  ["a server without a name", { server: {} }],
  ["an mcp-proxy server", { server: { name: "s", type: "mcp-proxy" } }],
  [
    "a misspelt scheme key",
    { server: { name: "s", securitySchemes: [{ id: "b", type: "http", scheme: "bearer", defaultCredentials: "x" }] } },
  ],
  ["an http scheme without scheme", { server: { name: "s", securitySchemes: [{ id: "b", type: "http" }] } }],
  ["an apiKey scheme without name", { server: { name: "s", securitySchemes: [{ id: "k", type: "apiKey", in: "header" }] } }],
  [
    "an apiKey in an unknown place",
    { server: { name: "s", securitySchemes: [{ id: "k", type: "apiKey", in: "body", name: "k" }] } },
  ],
  ["scheme type openIdConnect", { server: { name: "s", securitySchemes: [{ id: "o", type: "openIdConnect" }] } }],
  [
    "an oauth2 scheme with an empty tokenCluster",
    { server: { name: "s", securitySchemes: [{ id: "o", type: "oauth2", tokenUrl: "https://idp/token", tokenCluster: "" }] } },
  ],
  ["a credential on the client-side requirement", { ...base, tools: [{ name: "t", security: { id: "b", credential: "x" } }] }],
  [
    "passthrough on the backend requirement",
    { ...base, tools: [{ name: "t", requestTemplate: { url: "/x", security: { id: "b", passthrough: true } } }] },
  ],
  ["a tool name with a space", { ...base, tools: [{ name: "get item" }] }],
  ["an unknown arg position", { ...base, tools: [{ name: "t", args: [{ name: "a", position: "qurey" }] }] }],
  ["an unknown arg type", { ...base, tools: [{ name: "t", args: [{ name: "a", type: "int" }] }] }],
  ["an unknown HTTP method", { ...base, tools: [{ name: "t", requestTemplate: { url: "/x", method: "FETCH" } }] }],
  [
    "two argsTo* flags",
    { ...base, tools: [{ name: "t", requestTemplate: { url: "/x", argsToJsonBody: true, argsToFormBody: true } }] },
  ],
  [
    "responseTemplate.body with prependBody",
    { ...base, tools: [{ name: "t", responseTemplate: { body: "{{.}}", prependBody: "x" } }] },
  ],
  ["a header without key", { ...base, tools: [{ name: "t", requestTemplate: { url: "/x", headers: [{ value: "v" }] } }] }],
  ["an outputSchema that is not an object schema", { ...base, tools: [{ name: "t", outputSchema: { type: "array" } }] }],
  ["an unknown limit", { server: { name: "s", limits: { maxBody: 1 } } }],
  ["maxJsonDepth above 256", { server: { name: "s", limits: { maxJsonDepth: 1000 } } }],
  ["a rule without a matcher", { _rules_: [{ server: { name: "s" } }] }],
  ["a rule with a misspelt matcher", { _rules_: [{ _match_routes_: ["r"], server: { name: "s" } }] }],
  ["an empty config", {}],
  ["tools without a server", { tools: base.tools }],
  ["a rule without a server and no global one", { _rules_: [{ _match_route_: ["r"], tools: base.tools }] }],
  ["a rule with two matchers", { ...base, _rules_: [{ _match_route_: ["r"], _match_domain_: ["d"] }] }],
  ["a rule with an empty matcher list", { ...base, _rules_: [{ _match_route_: [] }] }],
  ["a tool without url or responseTemplate.body", { ...base, tools: [{ name: "t", requestTemplate: { method: "GET" } }] }],
  [
    "a url that is neither absolute nor /path",
    { ...base, tools: [{ name: "t", requestTemplate: { url: "api.example.com/x" } }] },
  ],
  ["a url with userinfo", { ...base, tools: [{ name: "t", requestTemplate: { url: "https://u:p@api.example.com/x" } }] }],
  [
    "an oauth2 tokenUrl with userinfo",
    { server: { name: "s", securitySchemes: [{ id: "o", type: "oauth2", tokenUrl: "https://u@idp/t" }] } },
  ],
  [
    "an oauth2 scheme without a token endpoint",
    { server: { name: "s", securitySchemes: [{ id: "o", type: "oauth2", tokenCluster: "idp" }] } },
  ],
  [
    "an oauth2 credential without a colon",
    { server: { name: "s", securitySchemes: [{ id: "o", type: "oauth2", tokenUrl: "https://idp/t", defaultCredential: "x" }] } },
  ],
  [
    "an apiKey header name that is not an HTTP token",
    { server: { name: "s", securitySchemes: [{ id: "k", type: "apiKey", in: "header", name: "a:b" }] } },
  ],
  ["passthrough without an id", { ...base, tools: [{ ...base.tools[0], security: { passthrough: true } }] }],
  [
    "a credential without an id",
    { ...base, tools: [{ name: "t", requestTemplate: { url: "https://api.example.com/x", security: { credential: "c" } } }] },
  ],
];

for (const [what, config] of rejected) {
  test(`the schema rejects ${what}`, () => {
    assert.notEqual(errorsOf(config), "", "accepted");
  });
}

test('the schema accepts case variants the plugin accepts, passthrough "exchange" and a route rule', () => {
  const config = {
    server: {
      name: "s",
      passthroughAuthHeader: "true",
      securitySchemes: [
        { id: "u", type: "HTTP", scheme: "Bearer" },
        { id: "k", type: "apiKey", in: "Cookie", name: "sid" },
        { id: "o", type: "oauth2", tokenUrl: "https://idp.example.com/token", tokenCluster: "idp", scopes: ["a", "b"] },
      ],
      defaultDownstreamSecurity: { id: "u", passthrough: "exchange", audiences: ["api"] },
      defaultUpstreamSecurity: { id: "o" },
    },
    tools: [{ name: "t", args: [{ name: "q", position: "QUERY" }], requestTemplate: { url: "/x", method: "post" } }],
    allowTools: ["t"],
    _rules_: [{ _match_route_: ["default/r"], server: { name: "r" }, tools: [] }],
  };
  assert.equal(errorsOf(config), "");
});
