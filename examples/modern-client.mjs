// A 2026-07-28 (modern, stateless) MCP client against the demo:
//   npm start            (in another terminal)
//   node examples/modern-client.mjs [http://127.0.0.1:8080/mcp]
// The v2 client pinned to 2026-07-28 calls server/discover, then tools/list and
// tools/call with per-request _meta and Mcp-Method / Mcp-Name headers: no initialize.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

const url = process.argv[2] ?? "http://127.0.0.1:8080/mcp";
const client = new Client({ name: "modern-demo", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
console.log("server:", JSON.stringify(client.getServerVersion()));
const { tools } = await client.listTools();
console.log("tools:", tools.map((t) => t.name).join(", "));
const r = await client.callTool({ name: "listNotes", arguments: {} });
console.log("listNotes:", JSON.stringify(r.content).slice(0, 160));
await client.close();
