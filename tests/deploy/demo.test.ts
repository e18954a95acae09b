// `npm start` end to end: the demo API behind the local gateway running
// build/higress.wasm with examples/demo/config.yaml, driven by the MCP SDK client.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { banner, startDemo, type Demo } from "../../examples/demo/start.js";
import { repoPath } from "./files.js";

const built = existsSync(repoPath("build", "higress.wasm"));
const skip = built ? false : "build/higress.wasm not built; run npm run build:wasm";
let demo: Demo | undefined;
const logs: string[] = [];

before(async () => {
  if (built) demo = await startDemo({ port: 0, apiPort: 0, writeLog: (l) => logs.push(l) });
});
after(async () => {
  await demo?.close();
});

async function connect(headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "deploy-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(demo!.mcpUrl), { requestInit: { headers } }));
  return client;
}

test("the banner shows the MCP URL, every tool and a ready-to-paste inspector command", { skip }, () => {
  const text = banner(demo!);
  assert.ok(text.includes(`MCP endpoint:   ${demo!.mcpUrl}`));
  assert.ok(text.includes(`npx @modelcontextprotocol/inspector --cli ${demo!.mcpUrl} --transport http --method tools/list`));
  for (const t of demo!.config.tools ?? []) assert.ok(text.includes(t.name), t.name);
});

test("an MCP client lists the demo's tools", { skip }, async () => {
  const client = await connect();
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [
      "createNote",
      "createTodo",
      "getGreeting",
      "getHealth",
      "getMe",
      "getNote",
      "listNotes",
      "listTodos",
      "searchNotes",
    ]);
  } finally {
    await client.close();
  }
});

test(
  "tools reach each protected endpoint with the gateway's credential (basic, bearer, header key, query key)",
  { skip },
  async () => {
    const client = await connect();
    try {
      const calls: Array<[string, Record<string, unknown>, (s: Record<string, unknown>) => void]> = [
        ["listNotes", { tag: "mcp" }, (s) => assert.equal(s.total, 1)],
        ["getNote", { id: "2" }, (s) => assert.equal(s.title, "Shopping")],
        ["createNote", { title: "From MCP", tags: ["mcp"] }, (s) => assert.equal(s.title, "From MCP")],
        ["searchNotes", { q: "wasm" }, (s) => assert.equal(s.total, 1)],
        ["listTodos", { done: false }, (s) => assert.equal((s.todos as unknown[]).length, 1)],
        ["createTodo", { title: "Ship it", due: "2026-12-24" }, (s) => assert.equal(s.done, false)],
        ["getGreeting", { name: "MCP" }, (s) => assert.equal(s.message, "Hello, MCP!")],
      ];
      for (const [name, args, check] of calls) {
        const r = await client.callTool({ name, arguments: args });
        assert.equal(r.isError, false, `${name}: ${JSON.stringify(r.content)}`);
        check(r.structuredContent as Record<string, unknown>);
      }
    } finally {
      await client.close();
    }
  },
);

test("getMe passes the caller's own token through and the API names its user", { skip }, async () => {
  const client = await connect({ authorization: "Bearer user-alice" });
  try {
    const r = await client.callTool({ name: "getMe", arguments: {} });
    assert.equal(r.isError, false, JSON.stringify(r.content));
    assert.equal((r.structuredContent as { user: string }).user, "alice");
  } finally {
    await client.close();
  }
});

test("getMe without a caller token is refused, never sent with a service credential", { skip }, async () => {
  const client = await connect();
  try {
    const r = await client.callTool({ name: "getMe", arguments: {} }).then(
      (res) => ({ isError: res.isError === true, text: JSON.stringify(res.content) }),
      (e: Error) => ({ isError: true, text: e.message }),
    );
    assert.equal(r.isError, true, r.text);
    assert.ok(!r.text.includes("This token belongs to"), r.text);
  } finally {
    await client.close();
  }
});
