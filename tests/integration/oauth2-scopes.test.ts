// Per-tool OAuth2 scopes (our addition): requestTemplate.security.scopes asks
// the token endpoint for exactly what the tool needs (least privilege), and
// tokens are cached per scope set, never shared across different scopes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { TOKEN_URL, startOAuthStack, tool, call, text, backendTokens, type OAuthStack } from "./oauth2-stack.js";
import { startStack } from "./harness.js";
import { ConfigRejectedError } from "../../host/gateway.js";

function config(): object {
  return {
    server: {
      name: "oauth2-scopes",
      securitySchemes: [
        {
          id: "items",
          type: "oauth2",
          tokenCluster: "idp",
          defaultCredential: "client-a:secret-a",
          flows: { clientCredentials: { tokenUrl: TOKEN_URL, scopes: { "items:read": "", "items:write": "" } } },
        },
      ],
    },
    tools: [
      tool("read_only", { id: "items", scopes: ["items:read"] }),
      tool("read_again", { id: "items", scopes: "items:read" }),
      tool("all_scopes", { id: "items" }),
    ],
  };
}

let s: OAuthStack;
before(async () => {
  s = await startOAuthStack(config());
});
after(async () => {
  await s.close();
});

test("a tool's scopes replace the scheme's in the token request", async () => {
  const r = await call(s.mcpUrl, "read_only");
  assert.equal(r.isError, false, text(r));
  assert.equal(s.idp.requests.length, 1);
  assert.equal(s.idp.requests[0].form.get("scope"), "items:read");
});

test("the same scope set shares the cached token; another scope set gets its own", async () => {
  const again = await call(s.mcpUrl, "read_again");
  assert.equal(again.isError, false, text(again));
  assert.equal(s.idp.requests.length, 1, "read_again reused read_only's token");
  const all = await call(s.mcpUrl, "all_scopes");
  assert.equal(all.isError, false, text(all));
  assert.equal(s.idp.requests.length, 2);
  assert.equal(s.idp.requests[1].form.get("scope"), "items:read items:write");
  const tokens = backendTokens(s.backend);
  assert.equal(tokens.length, 3);
  assert.equal(tokens[0], tokens[1]);
  assert.notEqual(tokens[2], tokens[0]);
});

test("scopes on a client-side requirement are rejected at configure time", async () => {
  const cfg = config() as any;
  cfg.tools[0].security = { id: "items", scopes: "x" };
  await assert.rejects(startStack({ config: cfg }), (e: unknown) => {
    assert.ok(e instanceof ConfigRejectedError);
    assert.ok(
      e.lines.some((l) => l.includes("tools[0].security.scopes: not allowed on a downstream")),
      e.lines.join("\n"),
    );
    return true;
  });
});
