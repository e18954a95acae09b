// Issue 14 item 3 (regression): credential scrubbing missed JSON-escaped echoes (PHP json_encode writes
// `/` as `\/`, so "Bearer abc\/def" and a Basic credential's base64 passed) and did not look at
// successful results at all (an httpbin-style /headers endpoint handed the service credential to the
// MCP client). Every form, in error and success results, must be redacted.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startBackend, type RecordingBackend } from "./backend.js";
import { callTool, startStack, type Stack } from "./harness.js";
import { assertNoLeaks } from "./secrets.js";

const TOKEN = "tok/abc+def/ghi=issue14";
const USER = "svc-user";
const PASSWORD = "pa/ss?w0rd+issue14";
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString("base64");

/** PHP json_encode style: `/` escaped as `\/`, non-ASCII and some characters as \uXXXX. */
function phpJson(v: unknown): string {
  return JSON.stringify(v).replace(/\//g, "\\/").replace(/\+/g, "\\u002b");
}

describe("credentials are scrubbed in every form from error and success results (issue 14 item 3)", () => {
  let backend: RecordingBackend;
  let stack: Stack;
  const replies: unknown[] = [];

  before(async () => {
    backend = await startBackend();
    const echo = (status: number) => (req: { headers: Record<string, unknown> }) => ({
      status,
      headers: { "content-type": "application/json" },
      body: phpJson({ error: status >= 400 ? "denied" : undefined, headers: { Authorization: req.headers.authorization } }),
    });
    backend.on("/bearer401", echo(401));
    backend.on("/basic401", echo(401));
    backend.on("/headers", echo(200));
    backend.on("/templated", echo(200));
    backend.on("/escaped-u", (req) => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: `{"auth":"${String(req.headers.authorization)
        .split("")
        .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
        .join("")}"}`,
    }));
    const base = `http://${backend.authority}`;
    stack = await startStack({
      config: {
        server: {
          name: "scrub",
          securitySchemes: [
            { id: "bearer", type: "http", scheme: "bearer", defaultCredential: TOKEN },
            { id: "basic", type: "http", scheme: "basic", defaultCredential: `${USER}:${PASSWORD}` },
          ],
        },
        tools: [
          { name: "bearer401", requestTemplate: { url: `${base}/bearer401`, security: { id: "bearer" } } },
          { name: "basic401", requestTemplate: { url: `${base}/basic401`, security: { id: "basic" } } },
          { name: "headers", requestTemplate: { url: `${base}/headers`, security: { id: "bearer" } } },
          {
            name: "basic_headers",
            requestTemplate: { url: `${base}/headers`, security: { id: "basic" } },
            outputSchema: { type: "object" },
          },
          {
            name: "templated",
            requestTemplate: { url: `${base}/templated`, security: { id: "bearer" } },
            responseTemplate: { body: "auth={{.headers.Authorization}}" },
          },
          { name: "escaped_u", requestTemplate: { url: `${base}/escaped-u`, security: { id: "basic" } } },
        ],
      },
    });
  });
  after(async () => {
    await stack?.close();
    await backend?.close();
  });

  for (const tool of ["bearer401", "basic401", "headers", "basic_headers", "templated", "escaped_u"]) {
    test(`${tool}: the backend's echo of the credential is redacted`, async () => {
      const r = await callTool(stack.mcpUrl, tool, {});
      replies.push(r);
      assert.ok(r.result, JSON.stringify(r));
      const text = JSON.stringify(r.result);
      assert.match(text, /\[REDACTED\]/, text);
      for (const s of [TOKEN, PASSWORD, BASIC, TOKEN.replace(/\//g, "\\/"), BASIC.replace(/\//g, "\\/")]) {
        assert.ok(!text.includes(s) && !JSON.stringify(r.result.content[0].text).includes(s), `${tool} leaked ${s}: ${text}`);
      }
    });
  }

  test("the leak scanner finds nothing in any reply or log line", () => {
    assert.equal(replies.length, 6);
    assertNoLeaks({ secrets: [TOKEN, { name: "basic password", value: PASSWORD }], responses: replies, logs: stack.logs });
  });
});
