// The secret-leak scanner itself (tests/integration/secrets.ts): it must find a
// secret in every form and place it can take, and honour the allow-list.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import type { RecordedRequest } from "./backend.js";
import { assertNoLeaks, findLeaks } from "./secrets.js";

function request(over: Partial<RecordedRequest> & { rawHeaders?: string[] }): RecordedRequest {
  const url = over.url ?? "/x";
  const u = new URL(url, "http://x");
  const raw = over.rawHeaders ?? [];
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) headers[raw[i].toLowerCase()] = raw[i + 1];
  return { method: "GET", url, path: u.pathname, query: u.searchParams, headers, rawHeaders: raw, body: "", ...over };
}

const S = "s3cr3t-T0ken/with+chars";
const PW = "p@$$wOrd";

describe("secret scanner", () => {
  test("finds a raw secret in a log line, a header, a query value, a cookie, a path, a body and a response", () => {
    const places: Array<[string, Parameters<typeof findLeaks>[0]]> = [
      ["log", { secrets: [S], logs: [`calling backend with ${S}`] }],
      ["backend header x-api-key", { secrets: [S], requests: [request({ rawHeaders: ["X-Api-Key", S] })] }],
      ["backend query k", { secrets: [S], requests: [request({ url: `/x?k=${encodeURIComponent(S)}` })] }],
      ["backend cookie sid", { secrets: [S], requests: [request({ rawHeaders: ["Cookie", `a=1; sid=${S}`] })] }],
      ["backend path", { secrets: [S], requests: [request({ url: `/u/${S.slice(0, 12)}`, path: `/u/${S}` })] }],
      ["backend body", { secrets: [S], requests: [request({ body: JSON.stringify({ t: S }) })] }],
      ["mcp response", { secrets: [S], responses: [{ result: { content: [{ type: "text", text: `echo ${S}` }] } }] }],
    ];
    for (const [where, scan] of places) {
      const leaks = findLeaks(scan);
      assert.equal(leaks.length >= 1, true, where);
      assert.equal(leaks[0].where, where);
    }
  });

  test("finds base64, base64url, URL- and form-encoded forms, and a password inside Basic base64(user:pass)", () => {
    const b64 = Buffer.from(S).toString("base64");
    const b64url = Buffer.from(S).toString("base64url");
    for (const text of [
      b64,
      b64url,
      encodeURIComponent(S),
      new URLSearchParams({ a: S }).toString(),
      `x ${S.replace("/", "%2f")} y`,
    ]) {
      assert.equal(findLeaks({ secrets: [S], logs: [text] }).length, 1, text);
    }
    const basic = `Authorization: Basic ${Buffer.from(`service_user:${PW}`).toString("base64")}`;
    assert.equal(findLeaks({ secrets: [PW], logs: [basic] })[0]?.form, "decoded");
  });

  test("the allow-list admits a secret at one location only", () => {
    const req = request({ rawHeaders: ["Authorization", `Bearer ${S}`, "X-Copy", S] });
    const allow = [{ secret: S, where: "backend header authorization", reason: "passthrough put it there" }];
    const leaks = findLeaks({ secrets: [S], requests: [req], allow });
    assert.deepEqual(
      leaks.map((l) => l.where),
      ["backend header x-copy"],
    );
    assert.doesNotThrow(() =>
      assertNoLeaks({ secrets: [S], requests: [request({ rawHeaders: ["Authorization", `Bearer ${S}`] })], allow }),
    );
  });

  test("assertNoLeaks fails with a message that does not print the secret", () => {
    assert.throws(
      () => assertNoLeaks({ secrets: [{ name: "client token", value: S }], logs: [`oops ${S}`] }),
      (e: Error) => {
        assert.match(e.message, /client token in log \(raw\)/);
        assert.equal(e.message.includes(S), false);
        return true;
      },
    );
  });

  test("clean text and short values are not reported", () => {
    assert.deepEqual(
      findLeaks({ secrets: [S, "abc"], logs: ["[info] configured: 2 tools", "abc abc"], responses: [{ ok: true }] }),
      [],
    );
  });
});
