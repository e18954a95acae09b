// Round trip: every config the converter generates for the golden corpus is
// accepted by the built plugin (same check as `higress-mcp-rest validate`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { Host } from "../../host/vm.js";
import { ROOT } from "./harness.js";

const DIR = path.join(ROOT, "tests/fixtures/openapi");
const files = readdirSync(DIR).filter((f) => f.endsWith(".expected.yaml")).sort();

test("the golden corpus is not empty", () => assert.ok(files.length >= 10));

for (const f of files) {
  test(`the plugin accepts the converted config ${f}`, async () => {
    const config = YAML.parse(readFileSync(path.join(DIR, f), "utf8"));
    const host = await Host.load(path.join(ROOT, "build/higress.wasm"), { logLevel: "warn" });
    const ok = host.startPlugin(JSON.stringify(config));
    assert.ok(ok, host.getLogs("error").join("\n"));
    assert.equal(host.failed, false);
  });
}
