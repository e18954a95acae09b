// Golden tests: every tests/fixtures/openapi/<case>.openapi.yaml converts to exactly
// <case>.expected.yaml (+ <case>.warnings.txt). Regenerate with UPDATE_GOLDEN=1.
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import YAML from "yaml";
import { serialize } from "../../converter/serialize.js";
import { configProblems, fixture, goldenCases, runCase } from "./helpers.js";

const UPDATE = process.env.UPDATE_GOLDEN === "1";

test("the golden corpus is not empty", () => {
  assert.ok(goldenCases().length >= 14, `only ${goldenCases().length} cases`);
});

for (const name of goldenCases()) {
  test(`golden: ${name}`, async () => {
    const { result, yaml, warnings } = await runCase(name);
    const expectedFile = fixture(`${name}.expected.yaml`);
    const warningsFile = fixture(`${name}.warnings.txt`);
    if (UPDATE) {
      writeFileSync(expectedFile, yaml);
      if (warnings !== "") writeFileSync(warningsFile, warnings);
      else if (existsSync(warningsFile)) unlinkSync(warningsFile);
    } else {
      assert.ok(existsSync(expectedFile), `${name}.expected.yaml is missing (run with UPDATE_GOLDEN=1 to create it)`);
      assert.equal(yaml, readFileSync(expectedFile, "utf8"));
      assert.equal(warnings, existsSync(warningsFile) ? readFileSync(warningsFile, "utf8") : "");
    }
    assert.deepEqual(configProblems(result.config), []);
    // the YAML and JSON forms carry the same data
    assert.deepEqual(YAML.parse(yaml, { version: "1.1" }), JSON.parse(serialize(result.config, "json")));
  });
}
