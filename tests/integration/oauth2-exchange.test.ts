// RFC 8693 token exchange (`tools[].security.passthrough: "exchange"`) and the
// audience guard of plain passthrough (`tools[].security.audiences`), through
// the local gateway with a real token endpoint and a recording backend.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  TOKEN_URL,
  startOAuthStack,
  tool,
  call,
  text,
  backendTokens,
  assertNoLeak,
  jwt,
  type OAuthStack,
} from "./oauth2-stack.js";
import { BUILDS } from "./harness.js";

const EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

function config(): object {
  return {
    server: {
      name: "oauth2-exchange",
      securitySchemes: [
        { id: "client", type: "http", scheme: "bearer" },
        {
          id: "xchg",
          type: "oauth2",
          tokenUrl: TOKEN_URL,
          tokenCluster: "idp",
          defaultCredential: "client-a:secret-a",
          audience: "https://backend.example",
          resource: "https://backend.example/api",
          scopes: "items:read",
        },
        { id: "backend_bearer", type: "http", scheme: "bearer" },
      ],
    },
    tools: [
      tool("exchange", { id: "xchg" }, { id: "client", passthrough: "exchange" }),
      tool("exchange_b", { id: "xchg", credential: "client-b:secret-b" }, { id: "client", passthrough: "exchange" }),
      tool("exchange_guarded", { id: "xchg" }, { id: "client", passthrough: "exchange", audiences: ["https://mcp.example"] }),
      tool(
        "pass_guarded",
        { id: "backend_bearer" },
        { id: "client", passthrough: true, audiences: ["https://api.example", "https://other.example"] },
      ),
      tool("pass_plain", { id: "backend_bearer" }, { id: "client", passthrough: true }),
    ],
  };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

for (const build of BUILDS) {
  describe(`oauth2 token exchange and the passthrough audience guard (${build.name}.wasm)`, () => {
    let s: OAuthStack;
    const texts: string[] = [];
    const userTokens = ["user-1-opaque-token", "user-2-opaque-token"];

    before(async () => {
      s = await startOAuthStack(config(), {}, build);
    });
    after(async () => {
      await s.close();
    });

    /** Call with the client's token; expect an isError result matching `why`, no token request and no backend request. */
    async function refused(name: string, token: string | null, why: RegExp): Promise<void> {
      const idp = s.idp.requests.length;
      const be = s.backend.requests.length;
      const r = await call(s.mcpUrl, name, token === null ? {} : bearer(token));
      assert.equal(r.isError, true, `${name}: ${text(r)}`);
      assert.match(text(r), why, name);
      assert.equal(s.idp.requests.length, idp, `${name}: no token request`);
      assert.equal(s.backend.requests.length, be, `${name}: nothing sent to the backend`);
      texts.push(JSON.stringify(r));
    }

    test("the client's token is exchanged: subject_token, its type, audience, resource, scope and client auth are sent; the issued token reaches the backend", async () => {
      const r = await call(s.mcpUrl, "exchange", bearer(userTokens[0]));
      assert.equal(r.isError, false, text(r));
      texts.push(JSON.stringify(r));
      assert.equal(s.idp.requests.length, 1);
      const req = s.idp.requests[0];
      assert.equal(req.form.get("grant_type"), EXCHANGE);
      assert.equal(req.form.get("subject_token"), userTokens[0]);
      assert.equal(req.form.get("subject_token_type"), ACCESS_TOKEN_TYPE);
      assert.equal(req.form.get("audience"), "https://backend.example");
      assert.equal(req.form.get("resource"), "https://backend.example/api");
      assert.equal(req.form.get("scope"), "items:read");
      assert.equal(req.headers.authorization, `Basic ${Buffer.from("client-a:secret-a").toString("base64")}`);
      const got = backendTokens(s.backend);
      assert.equal(got.length, 1);
      const issued = got[0].replace(/^Bearer /, "");
      assert.equal(s.idp.issued.get(issued)?.subject, userTokens[0], "the backend got the token issued for this subject");
      assert.ok(
        !JSON.stringify(s.backend.requests[0].headers).includes(userTokens[0]),
        "the client's token never reaches the backend",
      );
    });

    test("exchanged tokens are cached per subject: same user twice → one exchange, two users → two", async () => {
      const n = s.idp.requests.length;
      await call(s.mcpUrl, "exchange", bearer(userTokens[0]));
      assert.equal(s.idp.requests.length, n, "user 1 again: cached");
      await call(s.mcpUrl, "exchange", bearer(userTokens[1]));
      assert.equal(s.idp.requests.length, n + 1, "user 2: exchanged");
      assert.equal(s.idp.requests.at(-1)!.form.get("subject_token"), userTokens[1]);
      await call(s.mcpUrl, "exchange", bearer(userTokens[1]));
      await call(s.mcpUrl, "exchange", bearer(userTokens[0]));
      assert.equal(s.idp.requests.length, n + 1);
      const [u1, u2, u2again, u1again] = backendTokens(s.backend).slice(-4);
      assert.notEqual(u1, u2);
      assert.equal(u1, u1again);
      assert.equal(u2, u2again);
      assert.equal(s.idp.issued.get(u2.replace(/^Bearer /, ""))?.subject, userTokens[1]);
    });

    test("the same subject with another client credential (per-tool override) is exchanged separately", async () => {
      const n = s.idp.requests.length;
      const r = await call(s.mcpUrl, "exchange_b", bearer(userTokens[0]));
      assert.equal(r.isError, false, text(r));
      assert.equal(s.idp.requests.length, n + 1);
      const t = backendTokens(s.backend)
        .at(-1)!
        .replace(/^Bearer /, "");
      assert.deepEqual({ ...s.idp.issued.get(t) }, { clientId: "client-b", subject: userTokens[0], scope: "items:read" });
    });

    test("no client token, or a Basic one → isError, no exchange, nothing sent", async () => {
      await refused("exchange", null, /none was sent/);
      const idp = s.idp.requests.length;
      const r = await call(s.mcpUrl, "exchange", { authorization: "Basic dXNlcjpwYXNz" });
      assert.equal(r.isError, true);
      assert.equal(s.idp.requests.length, idp);
    });

    test("a failed exchange → isError, nothing sent, not cached", async () => {
      s.idp.failStatus = 400;
      const be = s.backend.requests.length;
      try {
        const r = await call(s.mcpUrl, "exchange", bearer("user-3-opaque-token"));
        assert.equal(r.isError, true);
        assert.match(text(r), /HTTP 400/);
        texts.push(JSON.stringify(r));
      } finally {
        s.idp.failStatus = 0;
      }
      assert.equal(s.backend.requests.length, be);
      const n = s.idp.requests.length;
      const ok = await call(s.mcpUrl, "exchange", bearer("user-3-opaque-token"));
      assert.equal(ok.isError, false, text(ok));
      assert.equal(s.idp.requests.length, n + 1);
    });

    test("audience guard on exchange: a subject JWT for the MCP server is exchanged, one for someone else is refused first", async () => {
      const good = jwt({ sub: "u4", aud: "https://mcp.example" });
      const r = await call(s.mcpUrl, "exchange_guarded", bearer(good));
      assert.equal(r.isError, false, text(r));
      assert.equal(s.idp.requests.at(-1)!.form.get("subject_token"), good);
      await refused(
        "exchange_guarded",
        jwt({ sub: "u4", aud: "https://elsewhere.example" }),
        /not issued for any of the configured audiences/,
      );
      await refused("exchange_guarded", "opaque-user-token", /not a JWT/);
    });

    test("audience guard on plain passthrough: matching aud (string or array) passes the JWT unchanged", async () => {
      for (const aud of ["https://api.example", ["https://x.example", "https://other.example"]]) {
        const t = jwt({ sub: "u5", aud });
        const r = await call(s.mcpUrl, "pass_guarded", bearer(t));
        assert.equal(r.isError, false, text(r));
        assert.equal(s.backend.requests.at(-1)!.headers.authorization, `Bearer ${t}`);
      }
    });

    test("audience guard on plain passthrough: wrong aud, no aud, non-JWT and malformed JWTs are refused, nothing sent", async () => {
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const cases: Array<[string, string, RegExp]> = [
        ["wrong aud", jwt({ sub: "u6", aud: "https://mcp.example" }), /not issued for any/],
        ["wrong aud array", jwt({ sub: "u6", aud: ["https://a.example", "https://b.example"] }), /not issued for any/],
        ["no aud", jwt({ sub: "u6" }), /not issued for any/],
        ["aud not a string", jwt({ sub: "u6", aud: 42 }), /not issued for any/],
        ["opaque token", "opaque-user-token", /not a JWT/],
        ["two segments", `${b64({ alg: "none" })}.${b64({ aud: "https://api.example" })}`, /not a JWT/],
        ["payload not JSON", `${b64({ alg: "none" })}.${Buffer.from("not json").toString("base64url")}.sig`, /not a JWT/],
        ["payload not an object", `${b64({ alg: "none" })}.${b64(["https://api.example"])}.sig`, /not a JWT/],
        ["header not JSON", `bm9wZQ.${b64({ aud: "https://api.example" })}.sig`, /not a JWT/],
      ];
      for (const [name, token, why] of cases) {
        await refused("pass_guarded", token, why).catch((e) => {
          throw new Error(`${name}: ${e.message}`);
        });
      }
    });

    test("without audiences, plain passthrough forwards an opaque token", async () => {
      const r = await call(s.mcpUrl, "pass_plain", bearer("opaque-user-token"));
      assert.equal(r.isError, false, text(r));
      assert.equal(s.backend.requests.at(-1)!.headers.authorization, "Bearer opaque-user-token");
    });

    test("no client token, client secret or issued token in any log line or result", () => {
      const secrets = [...userTokens, "user-3-opaque-token", "opaque-user-token", "secret-a", "secret-b", ...s.idp.issued.keys()];
      assertNoLeak(s.stack.logs, texts, secrets);
    });
  });
}
