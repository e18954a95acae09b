// Issue 22 items 3 and 4 end to end: an OpenAPI document with serialization styles and an
// anyOf argument, converted, loaded in the built plugin (local gateway) and called against a
// recording backend on 127.0.0.1: the backend sees OpenAPI's encoding, not JSON text.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { callTool, ROOT, resultText, rpc, startStack, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";

describe("converted serialization styles through the plugin", () => {
  let be: RecordingBackend;
  let stack: Stack;
  let warnings: string[] = [];
  before(async () => {
    const doc = await load(path.join(ROOT, "tests/fixtures/openapi/realworld/styles.openapi.yaml"));
    const result = convert(doc);
    warnings = result.warnings.map((w) => `${w.location}: ${w.message}`);
    be = await startBackend();
    stack = await startStack({ config: result.config, upstreams: { "styles.test": be.url } });
  });
  after(async () => {
    await stack?.close();
    await be?.close();
  });

  test("query: exploded arrays, joined arrays, deepObject; an unsupported style falls back to JSON text with a warning", async () => {
    const r = (
      await callTool(stack.mcpUrl, "search", {
        expand: ["a", "b c"],
        ids: [1, 2],
        tags: ["x", "y"],
        words: ["p", "q"],
        filter: { status: "open", created: { gte: 5 } },
        matrix: ["m"],
      })
    ).result;
    assert.equal(r.isError, false, resultText(r));
    const req = be.requests[be.requests.length - 1];
    assert.equal(req.path, "/v1/search");
    assert.deepEqual(
      [...req.query.entries()],
      [
        ["expand", "a"],
        ["expand", "b c"],
        ["filter[status]", "open"],
        ["filter[created][gte]", "5"],
        ["ids", "1,2"],
        ["matrix", '["m"]'],
        ["tags", "x|y"],
        ["words", "p q"],
      ],
    );
    assert.ok(
      warnings.some((w) => /parameters\[5\]\.schema: style "matrix" is not supported; the value is sent as JSON text/.test(w)),
      warnings.join("\n"),
    );
  });

  test("form body: bracket-encoded objects and arrays; anyOf accepts the object and the empty string", async () => {
    const r = (
      await callTool(stack.mcpUrl, "createCustomer", {
        email: "a@b.c",
        metadata: { k: "v" },
        expand: ["x"],
        shipping: { name: "N" },
      })
    ).result;
    assert.equal(r.isError, false, resultText(r));
    const req = be.requests[be.requests.length - 1];
    assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(req.body, "email=a%40b.c&expand%5B%5D=x&metadata%5Bk%5D=v&shipping%5Bname%5D=N");
    const clear = (await callTool(stack.mcpUrl, "createCustomer", { shipping: "" })).result;
    assert.equal(clear.isError, false, resultText(clear));
    assert.equal(be.requests[be.requests.length - 1].body, "shipping=");
    const wrong = (await callTool(stack.mcpUrl, "createCustomer", { shipping: [1] })).result;
    assert.equal(wrong.isError, true);
    assert.match(resultText(wrong), /expected object or string, got array/);
  });

  test("tools/list advertises the anyOf alternatives", async () => {
    const list = await rpc(stack.mcpUrl, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    const tool = list.json.result.tools.find((t: { name: string }) => t.name === "createCustomer");
    assert.deepEqual(
      tool.inputSchema.properties.shipping.anyOf.map((a: { type: string }) => a.type),
      ["object", "string"],
    );
  });
});
