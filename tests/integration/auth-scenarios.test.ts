// The three reference scenarios (docs/authentication.md, "The three reference scenarios") loaded unchanged
// from examples/auth/*.yaml and run through the local gateway with the built
// .wasm, plus regression tests named after the Higress bugs we do not copy.
// Hosts in the examples (api.internal.com, api.user-profiles.com) are mapped to
// a recording backend on 127.0.0.1.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigRejectedError } from "../../host/gateway.js";
import { BUILDS, ROOT, startStack, rpc, connectClient, resultText, type Stack } from "./harness.js";
import { startBackend, type RecordedRequest, type RecordingBackend } from "./backend.js";
import { assertNoLeaks, type AllowEntry } from "./secrets.js";

const load = (f: string): any => parseYaml(readFileSync(path.join(ROOT, "examples/auth", f), "utf8"));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const jwt = (payload: object) => `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(payload)}.c2lnbmF0dXJl`;

const USER_JWT = jwt({ sub: "alice", aud: "https://api.user-profiles.com", iat: 1767225600 });
const GATEWAY_JWT = jwt({ sub: "alice", aud: "https://mcp.example.com/mcp" });

/** Request/response excerpts for docs/authentication.md (written when AUTH_DOC_EXCERPTS names a file). */
const excerpts: Record<string, unknown> = {};
function excerpt(name: string, req: RecordedRequest | undefined, response: unknown): void {
  excerpts[name] = {
    backendRequest: req ? { method: req.method, url: req.url, headers: req.rawHeaders } : "(nothing was sent)",
    mcpResponse: response,
  };
}

/** One MCP tools/call over raw HTTP; returns the whole JSON-RPC response. */
let rpcId = 1;
async function call(url: string, name: string, args: object, headers: Record<string, string> = {}): Promise<any> {
  const r = await rpc(url, { jsonrpc: "2.0", id: rpcId++, method: "tools/call", params: { name, arguments: args } }, headers);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** A recording backend answering a fixed JSON object (no credential echoed), and a stack on `config`. */
async function start(config: object, build: (typeof BUILDS)[number]): Promise<{ stack: Stack; backend: RecordingBackend }> {
  const backend = await startBackend();
  backend.on("*", (r) => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ok: true, path: r.path }),
  }));
  const stack = await startStack({
    config,
    build,
    upstreams: { "api.internal.com": backend.url, "api.user-profiles.com": backend.url, "backend.test": backend.url },
  });
  return { stack, backend };
}

/** Header names the backend saw, lower-cased. */
const headerNames = (r: RecordedRequest) => r.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());

for (const build of BUILDS) {
  describe(`reference scenarios (${build.name}.wasm)`, () => {
    test("scenario 1: reusable schemes with default credentials (Basic, Bearer, API key header, API key query)", async () => {
      const { stack, backend } = await start(load("scenario1-default-credentials.yaml"), build);
      try {
        const client = { authorization: `Bearer ${GATEWAY_JWT}` }; // the agent's own token must not reach any backend
        const report = await call(stack.mcpUrl, "get-report", { id: "42" }, client);
        const orders = await call(stack.mcpUrl, "list-orders", {}, client);
        const inventory = await call(stack.mcpUrl, "get-inventory", {}, client);
        const search = await call(stack.mcpUrl, "search-catalog", { q: "red shoes" }, client);
        for (const r of [report, orders, inventory, search]) assert.equal(r.result.isError, false, resultText(r.result));
        const [rep, ord, inv, cat] = backend.requests;
        assert.equal(backend.requests.length, 4);
        assert.equal(rep.url, "/reports/42");
        assert.equal(rep.headers.host, "api.internal.com");
        assert.equal(rep.headers.authorization, "Basic c2VydmljZV91c2VyOnBAJCR3T3Jk");
        assert.equal(Buffer.from("c2VydmljZV91c2VyOnBAJCR3T3Jk", "base64").toString(), "service_user:p@$$wOrd");
        assert.equal(ord.headers.authorization, "Bearer your_static_bearer_token_for_backend");
        assert.equal(inv.headers.authorization, undefined);
        assert.equal(inv.headers["x-internal-apikey"], "secret_backend_api_key");
        assert.equal(cat.headers.authorization, undefined);
        assert.deepEqual(
          [...cat.query],
          [
            ["q", "red shoes"],
            ["api_key", "secret_query_api_key"],
          ],
        );
        for (const r of backend.requests)
          assert.equal(headerNames(r).filter((h) => h === "authorization").length, r === inv || r === cat ? 0 : 1);
        excerpt("scenario1.get-report", rep, report);
        excerpt("scenario1.search-catalog", cat, search);
        const allow: AllowEntry[] = [
          { secret: "p@$$wOrd", where: "backend header authorization" },
          { secret: "service_user:p@$$wOrd", where: "backend header authorization" },
          { secret: "your_static_bearer_token_for_backend", where: "backend header authorization" },
          { secret: "secret_backend_api_key", where: "backend header x-internal-apikey" },
          { secret: "secret_query_api_key", where: "backend query api_key" },
        ];
        const secrets = [GATEWAY_JWT, ...allow.map((a) => a.secret)];
        assertNoLeaks({ secrets, backend, responses: [report, orders, inventory, search], allow }, "scenario 1");
        assertNoLeaks({ secrets, stack }, "scenario 1 logs");
        // each credential only on its own tool's request
        assertNoLeaks({
          secrets: ["your_static_bearer_token_for_backend", "secret_backend_api_key", "secret_query_api_key"],
          requests: [rep],
        });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("scenario 2: a tool overrides the scheme's default credential for itself only", async () => {
      const { stack, backend } = await start(load("scenario2-tool-override.yaml"), build);
      try {
        const sensitive = await call(stack.mcpUrl, "fetch-sensitive-data", {});
        const pub = await call(stack.mcpUrl, "fetch-public-data", {});
        assert.equal(sensitive.result.isError, false);
        assert.equal(pub.result.isError, false);
        const [s, p] = backend.requests;
        assert.equal(s.url, "/data");
        assert.equal(s.headers.authorization, "Bearer override_token");
        assert.equal(p.url, "/public");
        assert.equal(p.headers.authorization, "Bearer your_static_bearer_token_for_backend");
        excerpt("scenario2.fetch-sensitive-data", s, sensitive);
        assertNoLeaks(
          { secrets: ["your_static_bearer_token_for_backend"], requests: [s] },
          "default credential on the overriding tool",
        );
        assertNoLeaks({ secrets: ["override_token"], requests: [p] }, "override on the other tool");
        assertNoLeaks({
          secrets: ["override_token", "your_static_bearer_token_for_backend"],
          stack,
          responses: [sensitive, pub],
        });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    describe("scenario 3: transparent passthrough of the client's Bearer token", () => {
      let stack: Stack;
      let backend: RecordingBackend;
      before(async () => ({ stack, backend } = await start(load("scenario3-passthrough.yaml"), build)));
      after(async () => {
        await stack.close();
        await backend.close();
      });

      test("the MCP SDK client's Bearer token reaches the backend as Authorization: Bearer <user_jwt>, once", async () => {
        backend.reset();
        backend.on("/me", () => ({
          status: 200,
          headers: { "content-type": "application/json" },
          body: '{"id":"alice","name":"Alice"}',
        }));
        const client = await connectClient(stack.mcpUrl, { Authorization: `Bearer ${USER_JWT}` });
        try {
          const r: any = await client.callTool({ name: "get-user-profile", arguments: {} });
          assert.equal(r.isError, false, resultText(r));
          assert.deepEqual(JSON.parse(resultText(r)), { id: "alice", name: "Alice" });
          assert.equal(backend.requests.length, 1);
          const me = backend.requests[0];
          assert.equal(me.url, "/me");
          assert.equal(me.headers.host, "api.user-profiles.com");
          assert.deepEqual(
            headerNames(me).filter((h) => h === "authorization"),
            ["authorization"],
          );
          assert.equal(me.headers.authorization, `Bearer ${USER_JWT}`);
          assert.equal(
            headerNames(me).some((h) => h.startsWith("mcp-") || h.startsWith("x-envoy-original")),
            false,
          );
          excerpt("scenario3.get-user-profile", me, r);
          assertNoLeaks({
            secrets: [USER_JWT],
            backend,
            responses: [r],
            stack,
            allow: [{ secret: USER_JWT, where: "backend header authorization", reason: "passthrough put it there" }],
          });
        } finally {
          await client.close();
        }
      });

      test("without a client token the call is refused and nothing is sent (no fallback)", async () => {
        backend.reset();
        const client = await connectClient(stack.mcpUrl);
        try {
          const r: any = await client.callTool({ name: "get-user-profile", arguments: {} });
          assert.equal(r.isError, true);
          assert.equal(
            resultText(r),
            'tool "get-user-profile" requires the client credential "clientUserBearer" (http bearer in the Authorization header); none was sent',
          );
          assert.equal(backend.requests.length, 0);
          excerpt("scenario3.no-token", undefined, r);
        } finally {
          await client.close();
        }
      });

      test("a Basic credential where a Bearer token is expected is refused, not forwarded", async () => {
        backend.reset();
        const basic = Buffer.from("alice:hunter2-secret").toString("base64");
        const r = await call(stack.mcpUrl, "get-user-profile", {}, { authorization: `Basic ${basic}` });
        assert.equal(r.result.isError, true);
        assert.equal(
          resultText(r.result),
          'tool "get-user-profile" requires the client credential "clientUserBearer" (http bearer in the Authorization header); the Authorization header carries another kind of credential',
        );
        assert.equal(backend.requests.length, 0);
        assertNoLeaks({ secrets: ["hunter2-secret", basic], stack, responses: [r] });
      });
    });
  });

  describe(`regressions of Higress bugs (${build.name}.wasm)`, () => {
    test("higress#2375: passthrough never falls back to the tool override or the scheme default", async () => {
      const cfg = load("scenario3-passthrough.yaml");
      cfg.server.securitySchemes[1].defaultCredential = "service_fallback_token";
      cfg.tools[0].requestTemplate.security.credential = "tool_override_token";
      const { stack, backend } = await start(cfg, build);
      try {
        const none = await call(stack.mcpUrl, "get-user-profile", {});
        assert.equal(none.result.isError, true);
        assert.match(resultText(none.result), /requires the client credential "clientUserBearer" .*none was sent$/);
        assert.equal(backend.requests.length, 0, "nothing sent, not the fallback credential");
        const ok = await call(stack.mcpUrl, "get-user-profile", {}, { authorization: `bearer  ${USER_JWT} ` });
        assert.equal(ok.result.isError, false);
        assert.equal(backend.requests.length, 1);
        assert.equal(backend.requests[0].headers.authorization, `Bearer ${USER_JWT}`, "the client's token, credential ignored");
        assertNoLeaks({ secrets: ["service_fallback_token", "tool_override_token"], backend, stack, responses: [none, ok] });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("higress#2375 (1): without any security the client's Authorization and custom headers are not forwarded", async () => {
      const cfg = {
        server: { name: "plain", forwardHeaders: ["x-tenant"] },
        tools: [
          {
            name: "plain",
            description: "no auth",
            args: [],
            requestTemplate: { url: "http://backend.test/plain", method: "GET" },
          },
        ],
      };
      const { stack, backend } = await start(cfg, build);
      try {
        const r = await call(
          stack.mcpUrl,
          "plain",
          {},
          { authorization: `Bearer ${GATEWAY_JWT}`, "x-custom": "custom-value-1", "x-tenant": "acme", "x-request-id": "req-1" },
        );
        assert.equal(r.result.isError, false);
        const seen = backend.requests[0];
        assert.equal(seen.headers.authorization, undefined);
        assert.equal(seen.headers["x-custom"], undefined, "not on the allow-list");
        assert.equal(seen.headers["x-tenant"], "acme", "server.forwardHeaders");
        assert.equal(seen.headers["x-request-id"], "req-1", "default allow-list");
        assertNoLeaks({ secrets: [GATEWAY_JWT], backend, stack });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("higress#4317: the client's Authorization is not leaked when the client scheme is an API key", async () => {
      const cfg = {
        server: {
          name: "apikey-client",
          securitySchemes: [
            { id: "userKey", type: "apiKey", in: "header", name: "X-User-Key" },
            { id: "backendKey", type: "apiKey", in: "header", name: "X-Api-Key" },
            { id: "backendBearer", type: "http", scheme: "bearer", defaultCredential: "service_bearer_4317" },
          ],
        },
        tools: [
          {
            name: "pass",
            description: "user key passthrough",
            security: { id: "userKey", passthrough: true },
            args: [],
            requestTemplate: { url: "http://backend.test/pass", method: "GET", security: { id: "backendKey" } },
          },
          {
            name: "service",
            description: "service bearer",
            security: { id: "userKey" },
            args: [],
            requestTemplate: { url: "http://backend.test/service", method: "GET", security: { id: "backendBearer" } },
          },
          {
            name: "open",
            description: "no backend auth",
            security: { id: "userKey" },
            args: [],
            requestTemplate: { url: "http://backend.test/open", method: "GET" },
          },
        ],
      };
      const { stack, backend } = await start(cfg, build);
      try {
        const h = { authorization: `Bearer ${GATEWAY_JWT}`, "x-user-key": "user-key-4317" };
        const rs = [
          await call(stack.mcpUrl, "pass", {}, h),
          await call(stack.mcpUrl, "service", {}, h),
          await call(stack.mcpUrl, "open", {}, h),
        ];
        for (const r of rs) assert.equal(r.result.isError, false);
        const [pass, service, open] = backend.requests;
        assert.equal(pass.headers.authorization, undefined);
        assert.equal(pass.headers["x-api-key"], "user-key-4317");
        assert.equal(pass.headers["x-user-key"], undefined);
        assert.equal(service.headers.authorization, "Bearer service_bearer_4317");
        assert.equal(open.headers.authorization, undefined);
        for (const r of backend.requests)
          assert.equal(headerNames(r).filter((n) => n === "authorization").length, r === service ? 1 : 0);
        assertNoLeaks({
          secrets: [GATEWAY_JWT, "user-key-4317"],
          backend,
          stack,
          responses: rs,
          allow: [{ secret: "user-key-4317", where: "backend header x-api-key", reason: "passthrough put it there" }],
        });
        assert.deepEqual(
          backend.requests.filter((r) => r.headers["x-api-key"]).map((r) => r.path),
          ["/pass"],
        );
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("passthroughAuthHeader is an explicit opt-in; a backend scheme still replaces the header (never two)", async () => {
      const cfg = {
        server: {
          name: "pah",
          passthroughAuthHeader: true,
          securitySchemes: [{ id: "svc", type: "http", scheme: "bearer", defaultCredential: "service_bearer_pah" }],
        },
        tools: [
          {
            name: "raw",
            description: "forwards Authorization",
            args: [],
            requestTemplate: { url: "http://backend.test/raw", method: "GET" },
          },
          {
            name: "svc",
            description: "service bearer",
            args: [],
            requestTemplate: { url: "http://backend.test/svc", method: "GET", security: { id: "svc" } },
          },
        ],
      };
      const { stack, backend } = await start(cfg, build);
      try {
        const h = { authorization: "Bearer user-opted-in-token" };
        await call(stack.mcpUrl, "raw", {}, h);
        await call(stack.mcpUrl, "svc", {}, h);
        const [raw, svc] = backend.requests;
        assert.equal(raw.headers.authorization, "Bearer user-opted-in-token");
        assert.equal(svc.headers.authorization, "Bearer service_bearer_pah");
        assert.equal(headerNames(svc).filter((n) => n === "authorization").length, 1);
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("a query API key is stripped and x-envoy-original-path is never sent", async () => {
      const cfg = {
        server: {
          name: "query-key",
          securitySchemes: [
            { id: "userQueryKey", type: "apiKey", in: "query", name: "api_key" },
            { id: "backendKey", type: "apiKey", in: "header", name: "X-Api-Key" },
            { id: "svcQuery", type: "apiKey", in: "query", name: "key", defaultCredential: "service-query-key" },
          ],
        },
        tools: [
          {
            name: "pass",
            description: "query key passthrough",
            security: { id: "userQueryKey", passthrough: true },
            args: [],
            requestTemplate: { url: "http://backend.test/pass?fixed=1", method: "GET", security: { id: "backendKey" } },
          },
          {
            name: "service",
            description: "service key",
            security: { id: "userQueryKey" },
            args: [],
            requestTemplate: { url: "http://backend.test/service", method: "GET", security: { id: "svcQuery" } },
          },
        ],
      };
      const { stack, backend } = await start(cfg, build);
      try {
        const url = `${stack.mcpUrl}?api_key=user-query-key-1&key=client-injected-key`;
        const h = { "x-envoy-original-path": "/mcp?api_key=user-query-key-1", "x-envoy-original-host": "evil.example" };
        const a = await call(url, "pass", {}, h);
        const b = await call(url, "service", {}, h);
        assert.equal(a.result.isError, false);
        assert.equal(b.result.isError, false);
        const [pass, service] = backend.requests;
        assert.equal(pass.url, "/pass?fixed=1");
        assert.equal(pass.headers["x-api-key"], "user-query-key-1");
        assert.equal(service.url, "/service?key=service-query-key");
        // x-envoy-original-* never (Higress forwards the client's :path with the key there); the plugin's own
        // x-envoy-upstream-rq-timeout-ms is not client data
        for (const r of backend.requests)
          assert.deepEqual(
            headerNames(r).filter((n) => n.startsWith("x-envoy-") && n !== "x-envoy-upstream-rq-timeout-ms"),
            [],
          );
        assertNoLeaks({
          secrets: ["user-query-key-1", "client-injected-key"],
          backend,
          stack,
          responses: [a, b],
          allow: [{ secret: "user-query-key-1", where: "backend header x-api-key", reason: "passthrough put it there" }],
        });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("no unauthenticated send when a credential cannot be applied", async () => {
      const cfg = {
        server: {
          name: "cannot-apply",
          securitySchemes: [
            { id: "noCred", type: "http", scheme: "bearer" },
            { id: "client", type: "http", scheme: "bearer" },
            { id: "backendCookie", type: "apiKey", in: "cookie", name: "session" },
            { id: "ctl", type: "apiKey", in: "header", name: "X-Key", defaultCredential: "bad\u0001value" },
          ],
        },
        tools: [
          {
            name: "cookie",
            description: "token into a cookie",
            security: { id: "client", passthrough: true },
            args: [],
            requestTemplate: { url: "http://backend.test/cookie", method: "GET", security: { id: "backendCookie" } },
          },
          {
            name: "control",
            description: "control character",
            args: [],
            requestTemplate: { url: "http://backend.test/control", method: "GET", security: { id: "ctl" } },
          },
        ],
      };
      // No credential anywhere for the backend scheme: every call would be refused, so the config is (issue 17).
      const missing = {
        server: cfg.server,
        tools: [
          {
            name: "missing",
            description: "no credential anywhere",
            args: [],
            requestTemplate: { url: "http://backend.test/missing", method: "GET", security: { id: "noCred" } },
          },
        ],
      };
      await assert.rejects(startStack({ config: missing, build }), (e: Error) =>
        e.message.includes('tools[0].requestTemplate.security: no credential for backend security scheme "noCred"'),
      );
      const { stack, backend } = await start(cfg, build);
      try {
        const c = await call(stack.mcpUrl, "cookie", {}, { authorization: "Bearer tok;admin=true" });
        assert.equal(c.result.isError, true);
        assert.equal(
          resultText(c.result),
          'tool "cookie": the credential for backend security scheme "backendCookie" (api key in the "session" cookie) cannot be sent as a cookie (contains \';\' or \',\')',
        );
        const x = await call(stack.mcpUrl, "control", {});
        assert.equal(x.result.isError, true);
        assert.equal(
          resultText(x.result),
          'tool "control": the configured credential for backend security scheme "ctl" contains control characters',
        );
        assert.equal(backend.requests.length, 0, "nothing reached the backend");
        assertNoLeaks({ secrets: ["tok;admin=true"], stack, responses: [c, x] });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("an API-key header the proxy rewrites (Host, Content-Length, hop-by-hop) rejects the configuration (never an unauthenticated send)", async () => {
      // The call-time refusal in assembly/auth stays as a safety net; the config never gets that far.
      const names = ["Host", "Content-Length", "Connection", "Transfer-Encoding"];
      const cfg = {
        server: {
          name: "unsendable",
          securitySchemes: names.map((n, i) => ({
            id: `k${i}`,
            type: "apiKey",
            in: "header",
            name: n,
            defaultCredential: `unsendable-key-${i}`,
          })),
        },
        tools: names.map((_, i) => ({
          name: `t${i}`,
          description: "key in a proxy-owned header",
          args: [],
          requestTemplate: { url: "http://backend.test/u", method: "GET", security: { id: `k${i}` } },
        })),
      };
      await assert.rejects(startStack({ config: cfg, build }), (e: unknown) => {
        assert.ok(e instanceof ConfigRejectedError);
        for (let i = 0; i < names.length; i++) {
          const want = `server.securitySchemes[${i}].name: header "${names[i]}" cannot carry a credential (the proxy rewrites or drops it)`;
          assert.ok(
            e.lines.some((l) => l.includes(want)),
            e.lines.join("\n"),
          );
        }
        assert.ok(!e.lines.some((l) => l.includes("unsendable-key")), "no credential in the error lines");
        return true;
      });
    });

    test("an unknown scheme id rejects the configuration (Higress sends unauthenticated)", async () => {
      const cfg = load("scenario2-tool-override.yaml");
      cfg.tools[1].requestTemplate.security.id = "backendBearerTokn";
      await assert.rejects(startStack({ config: cfg, build }), (e: unknown) => {
        assert.ok(e instanceof ConfigRejectedError);
        assert.ok(
          e.lines.some((l) => l.includes('tools[1].requestTemplate.security.id: unknown scheme "backendBearerTokn"')),
          e.lines.join("\n"),
        );
        return true;
      });
    });

    test("a backend error body that echoes the credential is scrubbed from the isError text", async () => {
      const cfg = clone(load("scenario3-passthrough.yaml"));
      const { stack, backend } = await start(cfg, build);
      try {
        backend.on("/me", (r) => ({
          status: 401,
          headers: { "content-type": "text/plain" },
          body: `invalid token: ${r.headers.authorization} (${encodeURIComponent(USER_JWT)})`,
        }));
        const r = await call(stack.mcpUrl, "get-user-profile", {}, { authorization: `Bearer ${USER_JWT}` });
        assert.equal(r.result.isError, true);
        assert.equal(resultText(r.result), "backend returned HTTP 401: invalid token: Bearer [REDACTED] ([REDACTED])");
        excerpt("scrubbed-error", backend.requests[0], r);
        assertNoLeaks({ secrets: [USER_JWT], responses: [r], stack });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("a backend error body echoing an HTTP Basic header is scrubbed (base64 of user:pass)", async () => {
      const { stack, backend } = await start(load("scenario1-default-credentials.yaml"), build);
      try {
        backend.on("/reports/7", (r) => ({
          status: 403,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ error: "forbidden", seen: r.headers.authorization }),
        }));
        const r = await call(stack.mcpUrl, "get-report", { id: "7" });
        assert.equal(r.result.isError, true);
        assert.equal(resultText(r.result), 'backend returned HTTP 403: {"error":"forbidden","seen":"Basic [REDACTED]"}');
        assertNoLeaks({ secrets: ["p@$$wOrd", "service_user:p@$$wOrd"], responses: [r], stack });
      } finally {
        await stack.close();
        await backend.close();
      }
    });

    test("MCP token-passthrough rule: the audience guard refuses tokens issued for the MCP server", async () => {
      const cfg = load("scenario3-passthrough.yaml");
      cfg.tools[0].security.audiences = ["https://api.user-profiles.com"];
      const { stack, backend } = await start(cfg, build);
      try {
        const ok = await call(stack.mcpUrl, "get-user-profile", {}, { authorization: `Bearer ${USER_JWT}` });
        assert.equal(ok.result.isError, false);
        const mine = await call(stack.mcpUrl, "get-user-profile", {}, { authorization: `Bearer ${GATEWAY_JWT}` });
        assert.equal(
          resultText(mine.result),
          'tool "get-user-profile": the client credential "clientUserBearer" (http bearer in the Authorization header) was not issued for any of the configured audiences',
        );
        const opaque = await call(stack.mcpUrl, "get-user-profile", {}, { authorization: "Bearer opaque-token-123" });
        assert.equal(
          resultText(opaque.result),
          'tool "get-user-profile": the client credential "clientUserBearer" (http bearer in the Authorization header) is not a JWT, but passthrough requires one of the configured audiences',
        );
        assert.equal(backend.requests.length, 1);
        assert.equal(backend.requests[0].headers.authorization, `Bearer ${USER_JWT}`);
        assertNoLeaks({ secrets: [GATEWAY_JWT, "opaque-token-123"], backend, stack, responses: [ok, mine, opaque] });
      } finally {
        await stack.close();
        await backend.close();
      }
    });
  });
}

after(() => {
  const file = process.env.AUTH_DOC_EXCERPTS;
  if (file) writeFileSync(file, JSON.stringify(excerpts, null, 2));
});
