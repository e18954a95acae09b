// The v2 MCP client (@modelcontextprotocol/client, 2026-07-28 era) in `legacy`
// mode: the initialize handshake, no probe. Since the plugin serves 2026-07-28
// (issue 20), `auto` mode no longer falls back: it is served in the modern
// era, tested in mcp-modern-clients.test.ts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { startStack, type Stack } from "./harness.js";

const CONFIG = {
  server: { name: "v2-clients" },
  tools: [
    {
      name: "hello",
      description: "Answers from a template.",
      args: [{ name: "who", type: "string", default: "v2" }],
      requestTemplate: {},
      responseTemplate: { body: "hello {{.args.who}}" },
    },
  ],
};

let stack: Stack;
before(async () => {
  stack = await startStack({ config: CONFIG });
});
after(async () => {
  await stack.close();
});

for (const mode of ["legacy"] as const) {
  test(`the v2 client in ${mode} mode connects, lists and calls tools`, async () => {
    stack.logs.length = 0;
    const client = new Client({ name: "v2-test", version: "1.0.0" }, { versionNegotiation: { mode } });
    await client.connect(new StreamableHTTPClientTransport(new URL(stack.mcpUrl)));
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ["hello"],
    );
    const r: any = await client.callTool({ name: "hello", arguments: { who: mode } });
    assert.equal(r.content[0].text, `hello ${mode}`);
    await client.close();
    const probe = stack.logs.findIndex((l) => l.includes("mcp.unsupported_protocol_version"));
    const init = stack.logs.findIndex((l) => l.includes("answered locally: mcp.initialize"));
    assert.ok(init >= 0, "initialize handshake happened");
    assert.equal(probe, -1, "legacy mode sends no probe");
  });
}
