// oauth2 token lifetime through the local gateway: a cached token is used until
// expires_in minus a skew (30 s, or half the lifetime for tokens living 60 s or
// less), then a new one is fetched. No fake clock reaches the plugin through the
// gateway, so the token endpoint issues 2 s tokens (kept 1 s).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { TOKEN_URL, startOAuthStack, tool, call, text, backendTokens, sleep, type OAuthStack } from "./oauth2-stack.js";

describe("oauth2 token refresh", () => {
  let s: OAuthStack;
  before(async () => {
    s = await startOAuthStack({
      server: {
        name: "oauth2-refresh",
        securitySchemes: [{ id: "cc", type: "oauth2", tokenUrl: TOKEN_URL, tokenCluster: "idp", defaultCredential: "client-a:secret-a" }],
      },
      tools: [tool("items", { id: "cc" })],
    });
  });
  after(async () => {
    await s.close();
  });

  test("a 2 s token is reused for 1 s (half-life skew), then refreshed before it expires", async () => {
    s.idp.expiresIn = 2;
    const t0 = Date.now();
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, 1, "second call served from the cache");
    assert.ok(Date.now() - t0 < 900, "both calls within the cached second");
    await sleep(1200 - (Date.now() - t0));
    // nominally the first token is valid until t0+2 s; the skew makes the plugin refresh now
    const r = await call(s.mcpUrl, "items");
    assert.equal(r.isError, false, text(r));
    assert.equal(s.idp.requests.length, 2, "refreshed");
    const [a, b, c] = backendTokens(s.backend);
    assert.equal(a, b);
    assert.notEqual(b, c);
    assert.match(c, /^Bearer at-client-a-\d+$/);
    assert.ok(s.idp.issued.has(c.replace(/^Bearer /, "")));
    // the refreshed token is cached again
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, 2);
    assert.equal(backendTokens(s.backend).at(-1), c);
  });

  test("a 1 s token is kept 1 s (no skew below 2 s), then refreshed", async () => {
    s.idp.expiresIn = 1;
    await sleep(1100); // let the previous test's token expire
    const n = s.idp.requests.length;
    await call(s.mcpUrl, "items");
    await call(s.mcpUrl, "items");
    assert.equal(s.idp.requests.length, n + 1);
    await sleep(1100);
    await call(s.mcpUrl, "items");
    assert.equal(s.idp.requests.length, n + 2);
  });

  test("a long-lived token (3600 s) is not refreshed within the test", async () => {
    s.idp.expiresIn = 3600;
    await sleep(1100);
    const n = s.idp.requests.length;
    for (let i = 0; i < 5; i++) assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, n + 1);
  });
});
