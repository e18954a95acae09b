// oauth2 client credentials (RFC 6749 §4.4) for backends, through the local
// gateway: the plugin fetches a token from a real token endpoint with
// proxy_http_call, caches it, shares one fetch among concurrent calls and sends
// it to the backend as a Bearer token.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { TOKEN_URL, startOAuthStack, tool, call, text, backendTokens, assertNoLeak, type OAuthStack } from "./oauth2-stack.js";
import { BUILDS } from "./harness.js";

const SCOPES = { "items:read": "read items", "items:write": "write items" };

function config(): object {
  return {
    server: {
      name: "oauth2-cc",
      securitySchemes: [
        {
          id: "basic",
          type: "oauth2",
          flows: { clientCredentials: { tokenUrl: TOKEN_URL, scopes: SCOPES } },
          tokenCluster: "idp",
          defaultCredential: "client-a:secret-a",
          audience: "https://api.example.com",
          resource: "https://api.example.com/items",
        },
        {
          id: "post",
          type: "oauth2",
          tokenUrl: `${TOKEN_URL}?tenant=t1`,
          tokenCluster: "idp",
          tokenEndpointAuthMethod: "client_secret_post",
          scopes: ["items:read", "items:write"],
          defaultCredential: "client-a:secret-a",
        },
        { id: "single", type: "oauth2", tokenUrl: TOKEN_URL, tokenCluster: "idp", defaultCredential: "client-a:secret-a" },
      ],
    },
    tools: [
      tool("basic_a", { id: "basic" }),
      tool("basic_a_again", { id: "basic" }),
      tool("basic_b", { id: "basic", credential: "client-b:secret-b" }),
      tool("post_a", { id: "post" }),
      tool("single_a", { id: "single" }),
      tool("echo", { id: "basic" }),
    ],
  };
}

for (const build of BUILDS) {
  describe(`oauth2 client credentials (${build.name}.wasm)`, () => {
    let s: OAuthStack;
    before(async () => {
      s = await startOAuthStack(config(), {}, build);
    });
    after(async () => {
      await s.close();
    });

    test("client_secret_basic: Basic client auth, scopes, audience and resource reach the token endpoint; the token reaches the backend", async () => {
      const r = await call(s.mcpUrl, "basic_a");
      assert.equal(r.isError, false, text(r));
      assert.equal(s.idp.requests.length, 1);
      const req = s.idp.requests[0];
      assert.equal(req.headers.authorization, `Basic ${Buffer.from("client-a:secret-a").toString("base64")}`);
      assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
      assert.equal(req.headers.host, "idp.test");
      assert.equal(req.form.get("grant_type"), "client_credentials");
      assert.equal(req.form.get("scope"), "items:read items:write");
      assert.equal(req.form.get("audience"), "https://api.example.com");
      assert.equal(req.form.get("resource"), "https://api.example.com/items");
      assert.equal(req.form.get("client_id"), null, "no client_id in the body with client_secret_basic");
      assert.equal(req.form.get("client_secret"), null);
      assert.equal(s.backend.requests.length, 1);
      const token = String(s.backend.requests[0].headers.authorization).replace(/^Bearer /, "");
      assert.ok(s.idp.issued.has(token), `backend got an issued token: ${token}`);
      assert.equal(s.idp.issued.get(token)!.clientId, "client-a");
    });

    test("the token is cached: further calls (same scheme and credential, any tool) make no token request", async () => {
      const before = s.idp.requests.length;
      const first = backendTokens(s.backend).at(-1);
      for (const name of ["basic_a", "basic_a_again", "basic_a"]) {
        const r = await call(s.mcpUrl, name);
        assert.equal(r.isError, false, text(r));
      }
      assert.equal(s.idp.requests.length, before, "no new token request");
      assert.deepEqual(backendTokens(s.backend).slice(-3), [first, first, first]);
    });

    test("a per-tool credential override (client-b) gets its own token", async () => {
      const before = s.idp.requests.length;
      const r = await call(s.mcpUrl, "basic_b");
      assert.equal(r.isError, false, text(r));
      assert.equal(s.idp.requests.length, before + 1);
      const req = s.idp.requests.at(-1)!;
      assert.equal(req.headers.authorization, `Basic ${Buffer.from("client-b:secret-b").toString("base64")}`);
      const token = backendTokens(s.backend)
        .at(-1)!
        .replace(/^Bearer /, "");
      assert.equal(s.idp.issued.get(token)?.clientId, "client-b");
      // client-a's cached token is still used by the other tools, client-b's by its tool
      await call(s.mcpUrl, "basic_a");
      await call(s.mcpUrl, "basic_b");
      assert.equal(s.idp.requests.length, before + 1);
      const [a, b] = backendTokens(s.backend).slice(-2);
      assert.notEqual(a, b);
      assert.equal(s.idp.issued.get(a.replace(/^Bearer /, ""))?.clientId, "client-a");
      assert.equal(s.idp.issued.get(b.replace(/^Bearer /, ""))?.clientId, "client-b");
    });

    test("client_secret_post: client_id and client_secret in the form body, no Authorization; the token URL's query is kept", async () => {
      const before = s.idp.requests.length;
      const r = await call(s.mcpUrl, "post_a");
      assert.equal(r.isError, false, text(r));
      assert.equal(s.idp.requests.length, before + 1);
      const req = s.idp.requests.at(-1)!;
      assert.equal(req.headers.authorization, undefined);
      assert.equal(req.form.get("client_id"), "client-a");
      assert.equal(req.form.get("client_secret"), "secret-a");
      assert.equal(req.form.get("grant_type"), "client_credentials");
      assert.equal(req.form.get("scope"), "items:read items:write");
      assert.equal(req.form.get("audience"), null);
      assert.equal(req.form.get("resource"), null);
      assert.match(backendTokens(s.backend).at(-1)!, /^Bearer at-client-a-\d+$/);
    });

    test("single flight: 20 concurrent calls while the token endpoint is slow → exactly 1 token request, 20 backend requests with that token", async () => {
      s.idp.delayMs = 300;
      const before = s.idp.requests.length;
      const backendBefore = s.backend.requests.length;
      try {
        const results = await Promise.all(Array.from({ length: 20 }, () => call(s.mcpUrl, "single_a")));
        for (const r of results) assert.equal(r.isError, false, text(r));
      } finally {
        s.idp.delayMs = 0;
      }
      assert.equal(s.idp.requests.length, before + 1, "one token request");
      const tokens = backendTokens(s.backend).slice(backendBefore);
      assert.equal(tokens.length, 20);
      assert.equal(new Set(tokens).size, 1, "all carry the same token");
      assert.match(tokens[0], /^Bearer at-client-a-\d+$/);
    });

    test("the client's own Authorization header never reaches the backend", async () => {
      const r = await call(s.mcpUrl, "basic_a", { authorization: "Bearer client-own-token" });
      assert.equal(r.isError, false, text(r));
      const last = s.backend.requests.at(-1)!;
      assert.match(String(last.headers.authorization), /^Bearer at-client-a-\d+$/);
      assert.ok(!JSON.stringify(last.headers).includes("client-own-token"));
    });

    test("a backend that echoes the token in an error body: the token is redacted from the result", async () => {
      s.backend.on("/echo", (req) => ({
        status: 401,
        headers: { "content-type": "text/plain" },
        body: `rejected ${req.headers.authorization}`,
      }));
      const r = await call(s.mcpUrl, "echo");
      assert.equal(r.isError, true);
      const token = String(s.backend.requests.at(-1)!.headers.authorization).replace(/^Bearer /, "");
      assert.ok(s.idp.issued.has(token));
      assert.ok(!JSON.stringify(r).includes(token), text(r));
      assert.match(text(r), /\[REDACTED\]/);
    });

    test("no client secret or access token in any log line or result", async () => {
      const r = await call(s.mcpUrl, "basic_a");
      const tokens = [...s.idp.issued.keys()];
      assert.ok(tokens.length >= 3);
      assertNoLeak(s.stack.logs, [JSON.stringify(r)], ["secret-a", "secret-b", ...tokens]);
      assert.deepEqual(
        s.stack.logs.filter((l) => l.startsWith("[error]") || l.startsWith("[critical]")),
        [],
      );
    });
  });
}
