// Round trip: every config the converter generates for the golden corpus is
// accepted by the built plugin (same check as `higress-mcp-rest validate`) once
// its schemes have credentials, which an OpenAPI document never carries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { Host } from "../../host/vm.js";
import { ROOT } from "./harness.js";

const DIR = path.join(ROOT, "tests/fixtures/openapi");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".expected.yaml"))
  .sort();

test("the golden corpus is not empty", () => assert.ok(files.length >= 10));

/** What an operator adds with `--template` before deploying: a credential for every scheme that has none. */
function withCredentials(config: any): any {
  const c = structuredClone(config);
  for (const s of c?.server?.securitySchemes ?? []) {
    if (s.defaultCredential === undefined) s.defaultCredential = "client-id:client-secret";
  }
  return c;
}

for (const f of files) {
  test(`the plugin accepts the converted config ${f} (with credentials added; without, only "no credential" errors)`, async () => {
    const config = YAML.parse(readFileSync(path.join(DIR, f), "utf8"));
    const host = await Host.load(path.join(ROOT, "build/higress.wasm"), { logLevel: "warn" });
    const ok = host.startPlugin(JSON.stringify(withCredentials(config)));
    assert.ok(ok, host.getLogs("error").join("\n"));
    assert.equal(host.failed, false);
    // As converted, a tool whose backend scheme has no credential would fail every call: that, and only that, is refused.
    const raw = await Host.load(path.join(ROOT, "build/higress.wasm"), { logLevel: "warn" });
    if (!raw.startPlugin(JSON.stringify(config))) {
      const errors = raw.getLogs("error").filter((l) => l.startsWith("[mcp-server] config: "));
      assert.ok(errors.length > 0);
      for (const e of errors) assert.match(e, /: no credential for backend security scheme "/);
    }
  });
}
