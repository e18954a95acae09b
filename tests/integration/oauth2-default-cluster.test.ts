// oauth2 `tokenCluster` is optional: the plugin names the token endpoint's
// cluster as Higress's Go SDK names an FQDN service (`outbound|<port>||<host>`
// from tokenUrl), and the local gateway reaches such a cluster without a
// `--cluster` entry; an explicit entry still overrides it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startOAuthStack, tool, call, text } from "./oauth2-stack.js";
import { resolveCluster } from "../../host/cluster.js";
import { startStack } from "./harness.js";
import { startBackend } from "./backend.js";
import { startTokenServer } from "./token-server.js";

function config(tokenUrl: string): object {
  return {
    server: {
      name: "oauth2-default-cluster",
      securitySchemes: [{ id: "cc", type: "oauth2", tokenUrl, defaultCredential: "client-a:secret-a" }],
    },
    tools: [tool("items", { id: "cc" })],
  };
}

test("no tokenCluster: the token is fetched through outbound|<port>||<host> of tokenUrl, with no --cluster", async () => {
  const s = await startOAuthStack((idp) => config(`${idp.url}/oauth/token`));
  try {
    const r = await call(s.mcpUrl, "items");
    assert.equal(r.isError, false, text(r));
    assert.equal(s.idp.requests.length, 1);
    const token = String(s.backend.requests[0].headers.authorization).replace(/^Bearer /, "");
    assert.ok(s.idp.issued.has(token), `backend got an issued token: ${token}`);
  } finally {
    await s.close();
  }
});

test("a --cluster entry for the default name overrides where it goes; without one a closed port is an isError result", async () => {
  const idp = await startTokenServer();
  const backend = await startBackend();
  // tokenUrl names 127.0.0.1:9 (nothing listens there): its default cluster is "outbound|9||127.0.0.1".
  const cfg = config("http://127.0.0.1:9/oauth/token");
  const mapped = await startStack({
    config: cfg,
    upstreams: { "backend.test": backend.url },
    clusters: { "outbound|9||127.0.0.1": idp.url },
  });
  const direct = await startStack({ config: cfg, upstreams: { "backend.test": backend.url } });
  try {
    const r = await call(mapped.mcpUrl, "items");
    assert.equal(r.isError, false, text(r));
    assert.equal(idp.requests.length, 1, "the explicit entry reached the token server");
    assert.equal(backend.requests.length, 1);
    const d = await call(direct.mcpUrl, "items");
    assert.equal(d.isError, true, "nothing listens on 127.0.0.1:9");
    assert.equal(backend.requests.length, 1, "nothing reaches the backend without a token");
  } finally {
    await mapped.close();
    await direct.close();
    await backend.close();
    await idp.close();
  }
});

test("resolveCluster: explicit entries first, then Higress's FQDN / static / DNS cluster names", () => {
  const c = { "outbound|443||idp.example.com": "http://127.0.0.1:1", idp: "http://127.0.0.1:2" };
  assert.equal(resolveCluster(c, "idp"), "http://127.0.0.1:2");
  assert.equal(resolveCluster(c, "outbound|443||idp.example.com"), "http://127.0.0.1:1");
  assert.equal(resolveCluster(c, "outbound|443||auth.example.com"), "https://auth.example.com:443");
  assert.equal(resolveCluster(c, "outbound|8080||127.0.0.1"), "http://127.0.0.1:8080");
  assert.equal(resolveCluster(c, "outbound|8000||10.0.0.7.static"), "http://10.0.0.7:8000");
  assert.equal(resolveCluster(c, "outbound|80||idp.svc.dns"), "http://idp.svc:80");
  assert.equal(resolveCluster(c, "outbound|80|v1|svc.ns.svc.cluster.local"), undefined);
  assert.equal(resolveCluster(c, "outbound|0||x"), undefined);
  assert.equal(resolveCluster(c, "outbound|99999||x"), undefined);
  assert.equal(resolveCluster(c, "outbound|80||a/b"), undefined);
  assert.equal(resolveCluster(c, "nope"), undefined);
});
