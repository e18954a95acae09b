// Test-only reference: a 2026-07-28 server built with @modelcontextprotocol/server
// 2.4.0 (createMcpHandler, JSON responses), served on 127.0.0.1 through a
// small node:http ⇄ fetch adapter. It serves the same tool as the plugin
// config REFERENCE_CONFIG so both can be asked the same requests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer, createMcpHandler, fromJsonSchema } from "@modelcontextprotocol/server";

export const HELLO_SCHEMA = {
  type: "object",
  properties: {
    who: { type: "string", description: "Who" },
    region: { type: "string", description: "Region", "x-mcp-header": "Region" },
  },
} as const;

/** The plugin config serving the same tool. */
export const REFERENCE_CONFIG = {
  server: { name: "reference", version: "1.0.0" },
  tools: [
    {
      name: "hello",
      description: "Says hello.",
      args: [
        { name: "who", description: "Who", type: "string" },
        { name: "region", description: "Region", type: "string", "x-mcp-header": "Region" },
      ],
      requestTemplate: {},
      responseTemplate: { body: "hello {{.args.who}}" },
    },
  ],
};

export interface RefServer {
  url: string;
  close(): Promise<void>;
}

export async function startReferenceServer(): Promise<RefServer> {
  const handler = createMcpHandler(
    () => {
      const s = new McpServer({ name: "reference", version: "1.0.0" });
      s.registerTool(
        "hello",
        { description: "Says hello.", inputSchema: fromJsonSchema(HELLO_SCHEMA as any) },
        async (args: any) => ({
          content: [{ type: "text", text: `hello ${args.who}` }],
        }),
      );
      return s;
    },
    { responseMode: "json" },
  );
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length > 0 && req.method !== "GET" && req.method !== "DELETE" ? Buffer.concat(chunks) : undefined;
    const r = await handler.fetch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
