// Issue 14 item 2 (regression): a relative-URL tool kept the client's :authority, and the local gateway's
// default routing (like upstream Envoy with a wildcard virtual host) sent the service credential wherever
// the client's Host pointed. Now a credentialed relative URL needs server.baseUrl, which pins scheme,
// host and port, and the gateway never routes by the client's own Host.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startBackend, type RecordingBackend } from "./backend.js";
import { BUILDS, resultText, startStack } from "./harness.js";
import { postWithHost, rejectionLines, toolCall } from "./issue14-helpers.js";

const TOKEN = "svc-token-issue14-dest";
const SCHEMES = [{ id: "svc", type: "http", scheme: "bearer", defaultCredential: TOKEN }];

describe("a relative tool URL never sends the credential where the client's Host points (issue 14 item 2)", () => {
  let service: RecordingBackend;
  let other: RecordingBackend;
  before(async () => {
    service = await startBackend();
    other = await startBackend();
  });
  after(async () => {
    await service?.close();
    await other?.close();
  });

  test("a credentialed relative URL without server.baseUrl is rejected at configure time, naming the field", async () => {
    for (const build of BUILDS) {
      const lines = await rejectionLines(
        {
          server: { name: "dest", securitySchemes: SCHEMES },
          tools: [{ name: "data", requestTemplate: { url: "/data", security: { id: "svc" } } }],
        },
        build,
      );
      assert.ok(
        lines.some((l) => l.includes("tools[0].requestTemplate.url") && l.includes("server.baseUrl")),
        `${build.name}: ${lines.join(" | ")}`,
      );
      const viaDefault = await rejectionLines(
        {
          server: { name: "dest", securitySchemes: SCHEMES, defaultUpstreamSecurity: { id: "svc" } },
          tools: [{ name: "data", requestTemplate: { url: "/data" } }],
        },
        build,
      );
      assert.ok(
        viaDefault.some((l) => l.includes("tools[0].requestTemplate.url")),
        `${build.name}: ${viaDefault.join(" | ")}`,
      );
    }
  });

  for (const build of BUILDS) {
    test(`${build.name}: with server.baseUrl the credential goes to the configured host, whatever Host the client sends`, async () => {
      service.reset();
      other.reset();
      const stack = await startStack({
        build,
        config: {
          server: { name: "dest", securitySchemes: SCHEMES, baseUrl: `${service.url}/api/` },
          tools: [{ name: "data", requestTemplate: { url: "/data", security: { id: "svc" } } }],
        },
      });
      try {
        const r = await postWithHost(stack.mcpUrl, other.authority, toolCall("data"));
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.result.isError, false, r.text);
        assert.equal(other.requests.length, 0, "the client-chosen host received the request");
        assert.equal(service.requests.length, 1);
        assert.equal(service.requests[0].path, "/api/data");
        assert.equal(service.requests[0].headers.host, service.authority);
        assert.equal(service.requests[0].headers.authorization, `Bearer ${TOKEN}`);
      } finally {
        await stack.close();
      }
    });
  }

  test("the local gateway never routes an uncredentialed relative URL by the client's own Host", async () => {
    other.reset();
    const stack = await startStack({
      config: { server: { name: "dest" }, tools: [{ name: "open", requestTemplate: { url: "/open" } }] },
    });
    try {
      const r = await postWithHost(stack.mcpUrl, other.authority, toolCall("open"));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.result.isError, true, r.text);
      assert.match(resultText(r.json.result), /503/);
      assert.equal(other.requests.length, 0, "the gateway routed by the client's Host");
    } finally {
      await stack.close();
    }
  });
});
