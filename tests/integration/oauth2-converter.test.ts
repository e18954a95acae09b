// The OpenAPI converter's oauth2 client-credentials mapping, checked end to end:
// the converted config runs in the local gateway and the tool fetches a token.
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { Host } from "../../host/vm.js";
import { ROOT } from "./harness.js";
import { convert } from "../../converter/index.js";
import { TOKEN_URL, startOAuthStack, call, text, backendTokens, type OAuthStack } from "./oauth2-stack.js";

const OPENAPI = {
  openapi: "3.0.3",
  info: { title: "Items", version: "1" },
  servers: [{ url: "http://backend.test/v1" }],
  components: {
    securitySchemes: {
      cc: {
        type: "oauth2",
        flows: { clientCredentials: { tokenUrl: TOKEN_URL, scopes: { "items:read": "read", "items:write": "write" } } },
      },
      user: {
        type: "oauth2",
        flows: { authorizationCode: { authorizationUrl: "https://idp.example/auth", tokenUrl: TOKEN_URL, scopes: {} } },
      },
    },
  },
  security: [{ cc: ["items:read"] }],
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        responses: { 200: { description: "ok" } },
      },
    },
  },
};

const SWAGGER2 = {
  swagger: "2.0",
  info: { title: "Items", version: "1" },
  host: "backend.test",
  basePath: "/v2",
  schemes: ["http"],
  securityDefinitions: { app: { type: "oauth2", flow: "application", tokenUrl: TOKEN_URL, scopes: { "items:read": "read" } } },
  security: [{ app: [] }],
  paths: { "/items": { get: { operationId: "listItems", responses: { 200: { description: "ok" } } } } },
};

/** What an operator adds with `--template`: the Envoy cluster of the token endpoint (here "idp") and the client credential. */
const TEMPLATE = (id: string) => ({
  server: { securitySchemes: [{ id, tokenCluster: "idp", defaultCredential: "client-a:secret-a" }] },
});

describe("converter: oauth2 client credentials", () => {
  const stacks: OAuthStack[] = [];
  after(async () => {
    for (const s of stacks) await s.close();
  });

  test("an OpenAPI clientCredentials scheme becomes an oauth2 scheme (tokenUrl, scopes, tokenCluster defaulting to the token host, with a warning); other flows become bearer schemes filled by passthrough", () => {
    const { config, warnings } = convert(OPENAPI);
    assert.deepEqual(config.server.securitySchemes, [
      { id: "cc", type: "oauth2", tokenUrl: TOKEN_URL, scopes: "items:read items:write", tokenCluster: "idp.test" },
      { id: "user", type: "http", scheme: "bearer" },
    ]);
    // least privilege: the tool asks for the scopes its operation names, not all of the flow's
    assert.deepEqual(config.tools?.[0].requestTemplate.security, { id: "cc", scopes: "items:read" });
    const w = JSON.stringify(warnings);
    assert.match(w, /tokenCluster/);
    assert.match(w, /authorizationCode flow\) mapped to a bearer scheme/);
  });

  test("the converted config as is (no client credential) is rejected at configure time, naming where the credential goes", async () => {
    const { config } = convert(OPENAPI);
    const host = await Host.load(path.join(ROOT, "build/higress.wasm"), { logLevel: "warn" });
    assert.equal(host.startPlugin(JSON.stringify(config)), false);
    assert.match(
      host.getLogs("error").join("\n"),
      /tools\[0\]\.requestTemplate\.security: no credential for backend security scheme "cc"/,
    );
  });

  test("the converted config with only defaultCredential added runs against the defaulted cluster (idp.test)", async () => {
    const { config } = convert(OPENAPI, {
      template: { server: { securitySchemes: [{ id: "cc", defaultCredential: "client-b:secret-b" }] } },
    });
    const s = await startOAuthStack(config);
    stacks.push(s);
    const r = await call(s.mcpUrl, "getItem", {}, { id: 8 });
    assert.equal(r.isError, false, text(r));
    assert.equal(s.idp.requests.length, 1);
    assert.equal(s.idp.requests[0].headers.host, "idp.test");
    assert.match(backendTokens(s.backend)[0], /^Bearer at-client-b-\d+$/);
  });

  test("converted config + template (tokenCluster, credential) runs: the tool fetches a token with its operation's scopes", async () => {
    const { config } = convert(OPENAPI, { template: TEMPLATE("cc") });
    const s = await startOAuthStack(config);
    stacks.push(s);
    const r = await call(s.mcpUrl, "getItem", {}, { id: 7 });
    assert.equal(r.isError, false, text(r));
    assert.equal(s.idp.requests.length, 1);
    assert.equal(s.idp.requests[0].form.get("grant_type"), "client_credentials");
    assert.equal(s.idp.requests[0].form.get("scope"), "items:read");
    assert.equal(s.backend.requests.length, 1);
    assert.equal(s.backend.requests[0].path, "/v1/items/7");
    assert.match(backendTokens(s.backend)[0], /^Bearer at-client-a-\d+$/);
  });

  test('Swagger 2.0 oauth2 flow "application" converts and runs the same way', async () => {
    const { config } = convert(SWAGGER2, { template: TEMPLATE("app") });
    assert.equal((config.server.securitySchemes as any[])[0].tokenUrl, TOKEN_URL);
    const s = await startOAuthStack(config);
    stacks.push(s);
    const r = await call(s.mcpUrl, "listItems");
    assert.equal(r.isError, false, text(r));
    assert.equal(s.idp.requests[0].form.get("scope"), "items:read");
    assert.equal(s.backend.requests[0].path, "/v2/items");
    assert.match(backendTokens(s.backend)[0], /^Bearer at-client-a-\d+$/);
  });
});
