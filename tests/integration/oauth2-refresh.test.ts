// oauth2 token lifetime through the local gateway: a cached token is used until
// expires_in minus a skew (30 s, or half the lifetime for tokens living 60 s or
// less), then a new one is fetched. The plugin reads time only through
// proxy_get_current_time_nanoseconds; the gateway here gets a clock the test
// advances, so nothing depends on how fast the machine runs.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { BUILDS } from "./harness.js";
import { TOKEN_URL, startOAuthStack, tool, call, text, backendTokens, type OAuthStack } from "./oauth2-stack.js";

describe("oauth2 token refresh", () => {
  let s: OAuthStack;
  let clockMs = 1_800_000_000_000;
  const advance = (ms: number) => {
    clockMs += ms;
  };
  before(async () => {
    s = await startOAuthStack(
      {
        server: {
          name: "oauth2-refresh",
          securitySchemes: [
            { id: "cc", type: "oauth2", tokenUrl: TOKEN_URL, tokenCluster: "idp", defaultCredential: "client-a:secret-a" },
          ],
        },
        tools: [tool("items", { id: "cc" })],
      },
      {},
      BUILDS[0],
      () => BigInt(clockMs) * 1_000_000n,
    );
  });
  after(async () => {
    await s.close();
  });

  test("a 2 s token is reused for 1 s (half-life skew), then refreshed before it expires", async () => {
    s.idp.expiresIn = 2;
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, 1, "second call served from the cache");
    advance(900);
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, 1, "still cached 0.9 s after the fetch");
    advance(300);
    // nominally the first token is valid until 2 s after the fetch; the skew makes the plugin refresh at 1.2 s
    const r = await call(s.mcpUrl, "items");
    assert.equal(r.isError, false, text(r));
    assert.equal(s.idp.requests.length, 2, "refreshed");
    const [a, b, b2, c] = backendTokens(s.backend);
    assert.equal(a, b);
    assert.equal(b, b2);
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
    advance(1100); // the previous test's token expires
    const n = s.idp.requests.length;
    await call(s.mcpUrl, "items");
    await call(s.mcpUrl, "items");
    assert.equal(s.idp.requests.length, n + 1);
    advance(500);
    await call(s.mcpUrl, "items");
    assert.equal(s.idp.requests.length, n + 1, "kept half-way through its second");
    advance(600);
    await call(s.mcpUrl, "items");
    assert.equal(s.idp.requests.length, n + 2);
  });

  test("a long-lived token (3600 s) is not refreshed within the hour's skew, then is", async () => {
    s.idp.expiresIn = 3600;
    advance(1100);
    const n = s.idp.requests.length;
    for (let i = 0; i < 5; i++) assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, n + 1);
    advance(3_569_000); // 30 s skew: still cached 3569 s after the fetch
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, n + 1);
    advance(2_000); // 3571 s: within the skew, refreshed
    assert.equal((await call(s.mcpUrl, "items")).isError, false);
    assert.equal(s.idp.requests.length, n + 2);
  });
});
