// Issue 22 item 9 end to end: an application/octet-stream upload converted to a tool with a
// base64 `body` argument; the built plugin sends the decoded bytes to a 127.0.0.1 backend.
import { test } from "node:test";
import assert from "node:assert/strict";
import { convert } from "../../converter/convert.js";
import { callTool, resultText, startStack } from "./harness.js";
import { startBackend } from "./backend.js";

test("octet-stream upload: base64 argument in, exact bytes out; invalid base64 refused before any request", async () => {
  const { config } = convert({
    openapi: "3.0.3",
    info: { title: "blobs", version: "1" },
    servers: [{ url: "http://blobs.test" }],
    paths: {
      "/blobs/{name}": {
        put: {
          operationId: "putBlob",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            required: true,
            content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
          },
          responses: { "201": { description: "stored" } },
        },
      },
    },
  });
  const be = await startBackend();
  be.on("*", () => ({ status: 201, body: "" }));
  const stack = await startStack({ config, upstreams: { "blobs.test": be.url } });
  try {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x0a, 0x0d, 0x7b]);
    const r = (await callTool(stack.mcpUrl, "putBlob", { name: "a.bin", body: bytes.toString("base64") })).result;
    assert.equal(r.isError, false, resultText(r));
    const req = be.requests[0];
    assert.equal(req.method, "PUT");
    assert.equal(req.path, "/blobs/a.bin");
    assert.equal(req.headers["content-type"], "application/octet-stream");
    assert.equal(req.headers["content-length"], String(bytes.length));
    assert.deepEqual(req.bodyBytes, bytes);
    const bad = (await callTool(stack.mcpUrl, "putBlob", { name: "b.bin", body: "not base64!" })).result;
    assert.equal(bad.isError, true);
    assert.match(resultText(bad), /not valid base64/);
    assert.equal(be.requests.length, 1);
  } finally {
    await stack.close();
    await be.close();
  }
});
