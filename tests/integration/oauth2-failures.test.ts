// oauth2 token endpoint failures through the local gateway: every failure is an
// isError result, nothing reaches the backend, failures are not cached, and no
// client secret or token appears in a log line or a result.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Host } from "../../host/vm.js";
import { ROOT } from "./harness.js";
import { TOKEN_URL, startOAuthStack, tool, call, text, assertNoLeak, sleep, type OAuthStack } from "./oauth2-stack.js";

/** A token endpoint that answers 200 with a fixed body (for malformed-but-JSON answers). */
async function startOddServer(): Promise<{ url: string; body: string; hits: number; close(): Promise<void> }> {
  const state = { url: "", body: "{}", hits: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.hits++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(state.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

const scheme = (id: string, extra: object = {}) => ({
  id,
  type: "oauth2",
  tokenUrl: TOKEN_URL,
  tokenCluster: "idp",
  defaultCredential: "client-a:secret-a",
  ...extra,
});

function config(): object {
  return {
    server: {
      name: "oauth2-failures",
      securitySchemes: [
        scheme("main"),
        scheme("slow", { tokenTimeoutMs: 250 }),
        scheme("unknown_client", { defaultCredential: "client-x:secret-x" }),
        scheme("wrong_secret", { defaultCredential: "client-a:secret-b" }),
        scheme("odd", { tokenCluster: "odd" }),
        scheme("no_cluster", { tokenCluster: "nowhere" }),
      ],
    },
    tools: [
      tool("main", { id: "main" }),
      tool("unknown_client", { id: "unknown_client" }),
      tool("wrong_secret", { id: "wrong_secret" }),
      tool("timeout", { id: "slow" }),
      tool("odd", { id: "odd" }),
      tool("odd_b", { id: "odd", credential: "client-b:secret-b" }),
      tool("odd_c", { id: "odd", credential: "client-c:secret-c" }),
      tool("no_cluster", { id: "no_cluster" }),
    ],
  };
}

describe("oauth2 token endpoint failures", () => {
  let s: OAuthStack;
  let odd: Awaited<ReturnType<typeof startOddServer>>;
  const texts: string[] = [];

  before(async () => {
    odd = await startOddServer();
    s = await startOAuthStack(config(), { odd: odd.url });
  });
  after(async () => {
    await s.close();
    await odd.close();
  });

  /** Value of the plugin counter mcp_rest.server.oauth2-failures.<name> (-1 when it is not defined). */
  function counter(name: string): number {
    const m = s.stack.gateway.host
      .getMetrics()
      .list()
      .find((x) => x.name === `mcp_rest.server.oauth2-failures.${name}`);
    return m ? Number(m.value) : -1;
  }

  /** Call `name`, expect an isError result mentioning `why`, and no backend request. */
  async function refused(name: string, why: RegExp): Promise<string> {
    const before = s.backend.requests.length;
    const r = await call(s.mcpUrl, name);
    assert.equal(r.isError, true, `${name}: ${text(r)}`);
    assert.match(text(r), why, name);
    assert.equal(s.backend.requests.length, before, `${name}: nothing sent to the backend`);
    texts.push(JSON.stringify(r));
    return text(r);
  }

  test("token endpoint answers 500 → isError naming the scheme and the status; not cached: the next call fetches again", async () => {
    s.idp.failStatus = 500;
    try {
      const t = await refused("main", /HTTP 500/);
      assert.match(t, /scheme "main"/);
      assert.equal(s.idp.requests.length, 1);
    } finally {
      s.idp.failStatus = 0;
    }
    const ok = await call(s.mcpUrl, "main");
    assert.equal(ok.isError, false, text(ok));
    assert.equal(s.idp.requests.length, 2);
    assert.equal(s.backend.requests.length, 1);
  });

  test("unknown client and wrong secret (401 invalid_client) → isError", async () => {
    await refused("unknown_client", /HTTP 401/);
    await refused("wrong_secret", /HTTP 401/);
  });

  test("body that is not JSON → isError", async () => {
    s.idp.badJson = true;
    try {
      await refused("unknown_client", /invalid JSON/);
    } finally {
      s.idp.badJson = false;
    }
  });

  test("JSON without access_token, non-object JSON, empty or non-string access_token, control characters → isError", async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"token_type":"Bearer","expires_in":3600}', /no access_token/],
      ['["at-1"]', /non-object/],
      ['"at-1"', /non-object/],
      ['{"access_token":""}', /unusable access_token/],
      ['{"access_token":42}', /no access_token/],
      ['{"access_token":"at-\\r\\nx-injected: 1"}', /unusable access_token/],
    ];
    for (const [body, why] of cases) {
      odd.body = body;
      const hits = odd.hits;
      await refused("odd", why);
      assert.equal(odd.hits, hits + 1, body);
    }
  });

  test("expires_in as a string, or missing, is accepted; both tokens are used and cached", async () => {
    odd.body = '{"access_token":"odd-token-1","expires_in":"120"}';
    assert.equal((await call(s.mcpUrl, "odd")).isError, false);
    odd.body = '{"access_token":"odd-token-2","token_type":"Bearer"}';
    assert.equal((await call(s.mcpUrl, "odd_b")).isError, false);
    const hits = odd.hits;
    odd.body = "{}";
    assert.equal((await call(s.mcpUrl, "odd")).isError, false);
    assert.equal((await call(s.mcpUrl, "odd_b")).isError, false);
    assert.equal(odd.hits, hits, "both served from the cache");
    const auth = s.backend.requests.slice(-4).map((r) => r.headers.authorization);
    assert.deepEqual(auth, ["Bearer odd-token-1", "Bearer odd-token-2", "Bearer odd-token-1", "Bearer odd-token-2"]);
  });

  test("expires_in 0 or negative: the token is used for the waiting call but never cached", async () => {
    for (const ei of ["0", "-5", '"0"']) {
      odd.body = `{"access_token":"odd-token-3","expires_in":${ei}}`;
      const hits = odd.hits;
      assert.equal((await call(s.mcpUrl, "odd_c")).isError, false);
      assert.equal((await call(s.mcpUrl, "odd_c")).isError, false);
      assert.equal(odd.hits, hits + 2, `expires_in ${ei}: fetched for each call`);
      assert.equal(s.backend.requests.at(-1)!.headers.authorization, "Bearer odd-token-3");
    }
  });

  test("timeout (token endpoint slower than tokenTimeoutMs) → isError, nothing sent", async () => {
    // The endpoint holds its answer until released, so only the plugin's own timeout can end the call
    // (without it the call would wait for ever and the test would time out): no clock is read here.
    const n = s.idp.requests.length;
    const hangUps = s.idp.hangUps;
    // a tool's outcome counters are defined on its first call (plugin/metrics.ts): not defined yet counts as 0
    const calls = Math.max(0, counter("tool.timeout.outcome.refused_auth.tool_calls"));
    const refusals = counter("reason.token_unavailable.auth_refusals");
    s.idp.hold = true;
    try {
      await refused("timeout", /did not answer/);
      // the plugin's http call gave up first: the endpoint saw its caller hang up while it still held the answer
      await s.idp.untilHangUps(hangUps + 1);
    } finally {
      s.idp.release();
    }
    assert.equal(s.idp.requests.length, n + 1, "one token request");
    assert.equal(counter("tool.timeout.outcome.refused_auth.tool_calls"), calls + 1);
    assert.equal(counter("reason.token_unavailable.auth_refusals"), refusals + 1);
  });

  test("a token cluster the host does not know → isError at once, nothing sent", async () => {
    await refused("no_cluster", /could not call the token endpoint/);
  });

  test("a credential that is not clientId:clientSecret is refused at configure time, without echoing it", async () => {
    const cfg: any = config();
    cfg.tools = [tool("not_a_pair", { id: "main", credential: "just-a-secret-value" })];
    const host = await Host.load(path.join(ROOT, "build/higress.wasm"), { logLevel: "warn" });
    assert.equal(host.startPlugin(JSON.stringify(cfg)), false);
    const errors = host.getLogs("error").join("\n");
    assert.match(
      errors,
      /tools\[0\]\.requestTemplate\.security\.credential: the oauth2 credential of scheme "main" must be clientId:clientSecret/,
    );
    assert.ok(!errors.includes("just-a-secret-value"));
  });

  test("concurrent calls during a failing fetch share it: one token request, every call isError", async () => {
    // The endpoint holds its answer until all 8 calls are inside the plugin (seen through its request
    // counter), so the calls overlap the fetch however slowly they arrive.
    s.idp.failStatus = 503;
    s.idp.hold = true;
    const n = s.idp.requests.length;
    const seen = counter("method.tools_call.requests");
    try {
      const pending = Promise.all(Array.from({ length: 8 }, () => call(s.mcpUrl, "wrong_secret")));
      while (counter("method.tools_call.requests") < seen + 8) await sleep(5);
      s.idp.release();
      const rs = await pending;
      for (const r of rs) {
        assert.equal(r.isError, true);
        assert.match(text(r), /HTTP 503/);
        texts.push(JSON.stringify(r));
      }
    } finally {
      s.idp.failStatus = 0;
      s.idp.release();
    }
    assert.equal(s.idp.requests.length, n + 1);
  });

  test("no client secret or token in any log line or result", () => {
    const secrets = [
      "secret-a",
      "secret-b",
      "secret-x",
      "secret-c",
      "just-a-secret-value",
      "odd-token-1",
      "odd-token-2",
      "odd-token-3",
      ...s.idp.issued.keys(),
    ];
    assertNoLeak(s.stack.logs, texts, secrets);
    assert.ok(
      s.stack.logs.some((l) => l.includes("oauth2: could not obtain a backend token")),
      "failures are logged",
    );
  });
});
