// server.allowPassthrough: a server-wide kill switch for plain credential
// passthrough (MCP spec: "MUST NOT pass through the token it received").
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { Host } from "../../host/vm.js";
import { ROOT } from "./harness.js";

function config(allow: boolean | undefined, passthrough: boolean | string): object {
  return {
    server: {
      name: "policy",
      ...(allow === undefined ? {} : { allowPassthrough: allow }),
      securitySchemes: [
        { id: "user", type: "http", scheme: "bearer" },
        { id: "idp", type: "oauth2", tokenUrl: "https://idp.test/token", tokenCluster: "idp", defaultCredential: "c:s" },
      ],
    },
    tools: [
      {
        name: "me",
        description: "d",
        security: { id: "user", passthrough },
        requestTemplate: { url: "http://api.test/me", method: "GET", security: { id: "idp" } },
      },
    ],
  };
}

async function load(cfg: object): Promise<{ ok: boolean; errors: string }> {
  const host = await Host.load(path.join(ROOT, "build/higress.wasm"), { logLevel: "warn" });
  const ok = host.startPlugin(JSON.stringify(cfg));
  return { ok, errors: host.getLogs("error").join("\n") };
}

test("allowPassthrough: false rejects a tool that passes the client's credential through, naming the field", async () => {
  const r = await load(config(false, true));
  assert.equal(r.ok, false);
  assert.match(
    r.errors,
    /tools\[0\]\.security\.passthrough: credential passthrough is disabled by server\.allowPassthrough: false/,
  );
});

test("allowPassthrough: false still allows token exchange (the backend gets a token issued for it)", async () => {
  assert.equal((await load(config(false, "exchange"))).ok, true);
});

test("passthrough is allowed by default (Higress compatibility) and with allowPassthrough: true", async () => {
  assert.equal((await load(config(undefined, true))).ok, true);
  assert.equal((await load(config(true, true))).ok, true);
});

test("allowPassthrough must be a boolean", async () => {
  const r = await load(config("no" as unknown as boolean, true));
  assert.equal(r.ok, false);
  assert.match(r.errors, /server\.allowPassthrough: expected boolean/);
});
