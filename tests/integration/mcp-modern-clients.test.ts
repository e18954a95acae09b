// Real clients against the built .wasm in the local gateway, both eras on one
// endpoint: the v2 client (@modelcontextprotocol/client 2.4.0) in `modern` and
// `auto` mode speaks 2026-07-28 (no initialize); the v1 SDK client speaks the
// legacy era (initialize handshake). Each is checked from the gateway's log of
// what it answered, so a client silently falling back fails the test.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { BUILDS, startStack, connectClient, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";

const CONFIG = {
  server: { name: "two-eras", title: "Two eras", instructions: "Say hello.", ttlMs: 60000, cacheScope: "public" },
  tools: [
    {
      name: "hello",
      description: "Answers from a template.",
      args: [{ name: "who", type: "string", default: "you" }],
      requestTemplate: {},
      responseTemplate: { body: "hello {{.args.who}}" },
    },
    {
      name: "weather",
      description: "Calls a REST backend; the region is mirrored into Mcp-Param-Region.",
      args: [
        { name: "region", type: "string", required: true, "x-mcp-header": "Region", position: "query" },
        { name: "city", type: "string", position: "query" },
      ],
      requestTemplate: { url: "http://weather.test/forecast", method: "GET" },
    },
  ],
};

for (const build of BUILDS) {
  describe(`both eras on one endpoint (${build.name}.wasm)`, () => {
    let stack: Stack;
    let backend: RecordingBackend;
    before(async () => {
      backend = await startBackend();
      stack = await startStack({ config: CONFIG, upstreams: { "weather.test": backend.url }, build });
    });
    after(async () => {
      await stack.close();
      await backend.close();
    });

    // `modern` is the client's pinned mode ({ pin: "2026-07-28" }: discover must offer it, no fallback)
    const MODES: { label: string; mode: "auto" | { pin: string } }[] = [
      { label: "modern", mode: { pin: "2026-07-28" } },
      { label: "auto", mode: "auto" },
    ];

    for (const { label, mode } of MODES) {
      test(`the v2 client in ${label} mode is served in the 2026-07-28 era`, async () => {
        stack.logs.length = 0;
        backend.requests.length = 0;
        const client = new Client({ name: "v2-modern", version: "1.0.0" }, { versionNegotiation: { mode } });
        await client.connect(new StreamableHTTPClientTransport(new URL(stack.mcpUrl)));
        const { tools } = await client.listTools();
        assert.deepEqual(
          tools.map((t) => t.name),
          ["hello", "weather"],
        );
        const r: any = await client.callTool({ name: "hello", arguments: { who: label } });
        assert.equal(r.content[0].text, `hello ${label}`);
        const w: any = await client.callTool({ name: "weather", arguments: { region: "Zürich Süd", city: "x" } });
        assert.equal(w.isError, false, JSON.stringify(w));
        assert.equal(backend.requests.length, 1);
        assert.match(backend.requests[0].url, /region=Z%C3%BCrich(%20|\+)S%C3%BCd/);
        assert.equal(client.getInstructions(), "Say hello.");
        await client.close();
        assert.ok(
          stack.logs.some((l) => l.includes("answered locally: mcp.server_discover")),
          stack.logs.join("\n"),
        );
        assert.equal(
          stack.logs.filter((l) => l.includes("mcp.initialize")).length,
          0,
          `no initialize handshake:\n${stack.logs.join("\n")}`,
        );
        assert.equal(
          stack.logs.filter((l) => l.includes("mcp.unsupported_protocol_version") || l.includes("mcp.header_mismatch")).length,
          0,
          stack.logs.join("\n"),
        );
      });
    }

    test("the v1 SDK client is served in the legacy era on the same endpoint", async () => {
      stack.logs.length = 0;
      const client = await connectClient(stack.mcpUrl);
      assert.equal(client.getServerVersion()?.name, "two-eras");
      const r: any = await client.callTool({ name: "hello", arguments: { who: "v1" } });
      assert.equal(r.content[0].text, "hello v1");
      assert.equal(r.resultType, undefined, "legacy results carry no resultType");
      await client.close();
      assert.ok(
        stack.logs.some((l) => l.includes("answered locally: mcp.initialize")),
        stack.logs.join("\n"),
      );
    });

    test("a modern tools/call whose Mcp-Param-Region disagrees with the body never reaches the backend", async () => {
      backend.requests.length = 0;
      const res = await modernWeatherCall(stack.mcpUrl, 1, "eu", "us");
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, -32020);
      assert.equal(backend.requests.length, 0);
    });

    test("a modern tools/call answered by the backend carries resultType and serverInfo", async () => {
      backend.requests.length = 0;
      const res = await modernWeatherCall(stack.mcpUrl, "w", "=?base64?ZXU=?=", "eu");
      assert.equal(res.status, 200);
      const j = await res.json();
      assert.equal(backend.requests.length, 1);
      assert.equal(j.id, "w");
      assert.equal(j.result.resultType, "complete");
      assert.equal(j.result.isError, false);
      assert.deepEqual(j.result._meta["io.modelcontextprotocol/serverInfo"], {
        name: "two-eras",
        version: "1.0.0",
        title: "Two eras",
      });
    });
  });
}

/** A raw 2026-07-28 `tools/call` of `weather`: `Mcp-Param-Region` header value and the body's `region` argument. */
function modernWeatherCall(url: string, id: number | string, regionHeader: string, region: string): Promise<Response> {
  const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": "tools/call",
      "mcp-name": "weather",
      "mcp-param-region": regionHeader,
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "tools/call",
      params: { name: "weather", arguments: { region }, _meta: meta },
    }),
  });
}
