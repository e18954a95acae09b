// 200 concurrent tools/call with distinct client tokens through the gateway:
// per-call auth state must never bleed between calls. The backend answers
// after a small random delay (so calls interleave) and echoes a fingerprint of the
// credential it saw (the credential itself would be scrubbed from the result, issue
// 14); each client must get back its own token's fingerprint, and each backend
// request must carry its own token and no other.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { BUILDS, startStack, rpc, resultText, type Stack } from "./harness.js";
import { startBackend, type RecordedRequest, type RecordingBackend } from "./backend.js";
import { assertNoLeaks } from "./secrets.js";

const N = 200;

/** Non-secret fingerprint of a credential value (null stays null). */
function fp(v: string | null | undefined): string | null {
  return v == null ? null : createHash("sha256").update(v).digest("hex").slice(0, 16);
}
const RUN = Math.random().toString(36).slice(2, 8);
const token = (i: number) => `tok-${RUN}-${i}-${Math.random().toString(36).slice(2, 10)}`;
const TOKEN_RE = new RegExp(`tok-${RUN}-\\d+-[a-z0-9]+`, "g");

const CONFIG = {
  server: {
    name: "concurrency",
    securitySchemes: [
      { id: "clientBearer", type: "http", scheme: "bearer" },
      { id: "clientKey", type: "apiKey", in: "header", name: "X-User-Key" },
      { id: "backendBearer", type: "http", scheme: "bearer", defaultCredential: "service-fallback-never-used" },
      { id: "backendQuery", type: "apiKey", in: "query", name: "user_key" },
    ],
  },
  tools: [
    {
      name: "whoami",
      description: "bearer passthrough",
      security: { id: "clientBearer", passthrough: true },
      args: [{ name: "n", description: "call number", type: "integer", required: true, position: "query" }],
      requestTemplate: { url: "http://backend.test/whoami", method: "GET", security: { id: "backendBearer" } },
    },
    {
      name: "whoami_key",
      description: "api key header -> query",
      security: { id: "clientKey", passthrough: true },
      args: [{ name: "n", description: "call number", type: "integer", required: true, position: "query" }],
      requestTemplate: { url: "http://backend.test/whoami_key", method: "GET", security: { id: "backendQuery" } },
    },
  ],
};

/** Every test token found anywhere in a backend request. */
function tokensIn(r: RecordedRequest): string[] {
  return [...`${r.url}\n${r.rawHeaders.join("\n")}\n${r.body}`.matchAll(TOKEN_RE)].map((m) => m[0]);
}

for (const build of BUILDS) {
  describe(`concurrent passthrough (${build.name}.wasm)`, () => {
    let backend: RecordingBackend;
    let stack: Stack;
    before(async () => {
      backend = await startBackend();
      stack = await startStack({ config: CONFIG, build, upstreams: { "backend.test": backend.url } });
    });
    after(async () => {
      await stack.close();
      await backend.close();
    });

    test(`${N} concurrent calls with distinct Bearer tokens: each backend request and each answer carries its own token only`, async () => {
      backend.reset();
      backend.on("*", (r) => ({
        delayMs: Math.floor(Math.random() * 25),
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ n: Number(r.query.get("n")), saw: fp(r.headers.authorization) }),
      }));
      const tokens = Array.from({ length: N }, (_, i) => token(i));
      const replies = await Promise.all(
        tokens.map((t, n) =>
          rpc(
            stack.mcpUrl,
            { jsonrpc: "2.0", id: n, method: "tools/call", params: { name: "whoami", arguments: { n } } },
            { authorization: `Bearer ${t}` },
          ),
        ),
      );
      assert.equal(backend.requests.length, N);
      for (let n = 0; n < N; n++) {
        const r = replies[n];
        assert.equal(r.status, 200);
        assert.equal(r.json.id, n);
        assert.equal(r.json.result.isError, false, resultText(r.json.result));
        assert.deepEqual(
          JSON.parse(resultText(r.json.result)),
          { n, saw: fp(`Bearer ${tokens[n]}`) },
          `call ${n} got another call's answer`,
        );
      }
      const seenN = new Set<number>();
      for (const req of backend.requests) {
        const n = Number(req.query.get("n"));
        seenN.add(n);
        assert.equal(req.headers.authorization, `Bearer ${tokens[n]}`, `backend request ${n}`);
        assert.deepEqual(tokensIn(req), [tokens[n]], `backend request ${n} carries exactly its own token`);
      }
      assert.equal(seenN.size, N, "every call reached the backend exactly once");
      assertNoLeaks({ secrets: [...tokens, "service-fallback-never-used"], logs: stack.logs });
    });

    test(`${N} concurrent calls mixing two tools, cross-scheme passthrough and refusals`, async () => {
      backend.reset();
      backend.on("*", (r) => ({
        delayMs: Math.floor(Math.random() * 25),
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ n: Number(r.query.get("n")), saw: fp(r.headers.authorization ?? r.query.get("user_key")) }),
      }));
      const tokens = Array.from({ length: N }, (_, i) => token(i));
      // n % 4: 0 bearer, 1 api key header -> backend query, 2 bearer tool without a token (refused), 3 key tool with a Bearer (refused)
      const replies = await Promise.all(
        tokens.map((t, n) => {
          const kind = n % 4;
          const tool = kind === 0 || kind === 2 ? "whoami" : "whoami_key";
          const headers: Record<string, string> =
            kind === 0
              ? { authorization: `Bearer ${t}` }
              : kind === 1
                ? { "x-user-key": t }
                : kind === 3
                  ? { authorization: `Bearer ${t}` }
                  : {};
          return rpc(
            stack.mcpUrl,
            { jsonrpc: "2.0", id: n, method: "tools/call", params: { name: tool, arguments: { n } } },
            headers,
          );
        }),
      );
      for (let n = 0; n < N; n++) {
        const res = replies[n].json.result;
        const kind = n % 4;
        if (kind === 0) assert.deepEqual(JSON.parse(resultText(res)), { n, saw: fp(`Bearer ${tokens[n]}`) });
        else if (kind === 1) assert.deepEqual(JSON.parse(resultText(res)), { n, saw: fp(tokens[n]) });
        else {
          assert.equal(res.isError, true, `call ${n} must be refused`);
          assert.match(resultText(res), /none was sent$/);
          assert.equal(resultText(res).includes(tokens[n]), false);
        }
      }
      assert.equal(backend.requests.length, N / 2, "refused calls send nothing");
      for (const req of backend.requests) {
        const n = Number(req.query.get("n"));
        assert.ok(n % 4 === 0 || n % 4 === 1, `call ${n} should not have reached the backend`);
        assert.deepEqual(tokensIn(req), [tokens[n]], `backend request ${n} carries exactly its own token`);
        if (n % 4 === 1) {
          assert.equal(req.headers.authorization, undefined);
          assert.equal(req.headers["x-user-key"], undefined);
          assert.equal(req.query.get("user_key"), tokens[n]);
        }
      }
      assertNoLeaks({
        secrets: [...tokens, "service-fallback-never-used"],
        logs: stack.logs,
        responses: replies.filter((_, n) => n % 4 >= 2).map((r) => r.json),
      });
    });
  });
}
