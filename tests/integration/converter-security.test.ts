// Issue 22 item 7 end to end: an AND requirement becomes a `requestTemplate.security` list,
// the parameter duplicating a scheme is gone, and the built plugin applies both schemes to
// a real 127.0.0.1 backend without showing either secret to the MCP client.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { callTool, ROOT, startStack } from "./harness.js";
import { startBackend } from "./backend.js";

test("AND of two apiKey schemes: both credentials reach the backend, neither reaches the client", async () => {
  const { config } = convert(await load(path.join(ROOT, "tests/fixtures/openapi/realworld/security-and.openapi.yaml")));
  const tool = config.tools![0];
  assert.deepEqual(tool.requestTemplate.security, [{ id: "appKey" }, { id: "tenant" }]);
  assert.deepEqual(
    tool.args.map((a) => a.name),
    ["day"],
  );
  // the operator fills the credentials in (the converter never invents one)
  for (const s of config.server.securitySchemes!) s.defaultCredential = s.id === "appKey" ? "app-secret-7Q" : "tenant-secret-9Z";
  const be = await startBackend();
  be.on("/report", (req) => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ok: req.url.length > 0 }),
  }));
  const stack = await startStack({ config, upstreams: { "and.test": be.url } });
  try {
    const res = await callTool(stack.mcpUrl, "report", { day: "mon" });
    const text = JSON.stringify(res);
    assert.equal(res.result.isError, false, text);
    const req = be.requests[0];
    assert.equal(req.headers["x-app-key"], "app-secret-7Q");
    assert.equal(req.query.get("tenant"), "tenant-secret-9Z");
    assert.equal(req.query.get("day"), "mon");
    assert.ok(!text.includes("app-secret-7Q") && !text.includes("tenant-secret-9Z"), text);
    assert.ok(!stack.logs.join("\n").includes("app-secret-7Q"));
    assert.ok(!stack.logs.join("\n").includes("tenant-secret-9Z"));
  } finally {
    await stack.close();
    await be.close();
  }
});
