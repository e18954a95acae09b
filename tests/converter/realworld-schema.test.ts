// Issue 22 item 3: oneOf/anyOf alternatives of different types are never narrowed to one type.
import test from "node:test";
import assert from "node:assert/strict";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { configProblems, fixture } from "./helpers.js";

test("anyOf [object, enum ['']] stays anyOf (no type, no enum); type arrays keep each type; integer|number is number", async () => {
  const { config, warnings } = convert(await load(fixture("realworld/anyof.openapi.yaml")));
  assert.deepEqual(configProblems(config), []);
  const tool = config.tools![0];
  const arg = (n: string) => tool.args.find((a) => a.name === n)!;
  assert.deepEqual(arg("shipping"), {
    name: "shipping", description: "",
    anyOf: [
      { properties: { name: { type: "string" }, phone: { type: "string" } }, type: "object" },
      { enum: [""], type: "string" },
    ],
    position: "body",
  });
  assert.deepEqual(arg("quantity").anyOf, [{ type: "integer" }, { type: "string" }]);
  assert.equal(arg("quantity").type, undefined);
  assert.equal(arg("tier").type, "number");
  // outputs: alternatives kept, null added for a nullable union; never a single wrong type
  assert.deepEqual((tool.outputSchema as { properties: Record<string, unknown> }).properties.default_source, {
    anyOf: [{ type: "string" }, { properties: { brand: { type: "string" }, id: { type: "string" } }, type: "object" }, { type: "null" }],
  });
  assert.ok(!warnings.some((w) => /typed as/.test(w.message)), JSON.stringify(warnings));
});
