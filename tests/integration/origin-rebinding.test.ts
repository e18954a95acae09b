// Issue 14 item 7: DNS rebinding with `allowedOrigins` unset. A browser page on
// an attacker's name that rebinds to the gateway sends Origin and Host both
// naming the attacker: same-origin must not be enough. Unset allowedOrigins
// now means: a request with an Origin is refused unless both the Origin and the
// Host are loopback. Requests without Origin (non-browser MCP clients) pass.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startStack, type Stack } from "./harness.js";

const CONFIG = {
  server: { name: "rebinding" },
  tools: [{ name: "hello", description: "Template.", args: [], requestTemplate: {}, responseTemplate: { body: "hi" } }],
};

let stack: Stack;
before(async () => {
  // the gateway's own Host guard is opened up (as behind Envoy's wildcard virtual host): the plugin must decide
  stack = await startStack({ config: CONFIG, allowedHosts: ["evil.example", "mcp.example.com"] });
});
after(async () => {
  await stack.close();
});

function post(host: string, origin: string | null): Promise<number> {
  const u = new URL(stack.mcpUrl);
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
  const headers: Record<string, string> = {
    host,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  if (origin !== null) headers.origin = origin;
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: "127.0.0.1", port: u.port, path: u.pathname, method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("a rebinding page (Origin and Host both the attacker's name) is refused with 403", async () => {
  const port = new URL(stack.mcpUrl).port;
  assert.equal(await post(`evil.example:${port}`, `http://evil.example:${port}`), 403);
  assert.equal(await post("mcp.example.com", "https://mcp.example.com"), 403);
  assert.ok(
    stack.logs.some((l) => l.includes("mcp.origin_forbidden")),
    "refused by the plugin, not by the gateway",
  );
});

test("a loopback Origin is accepted only on a loopback Host", async () => {
  const port = new URL(stack.mcpUrl).port;
  assert.equal(await post(`localhost:${port}`, `http://localhost:${port}`), 200);
  assert.equal(await post(`127.0.0.1:${port}`, "http://localhost:5173"), 200);
  assert.equal(await post(`evil.example:${port}`, `http://localhost:${port}`), 403);
});

test("requests without an Origin (MCP clients outside browsers) are served", async () => {
  assert.equal(await post("mcp.example.com", null), 200);
});
