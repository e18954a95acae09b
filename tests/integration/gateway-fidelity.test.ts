// What a real gateway puts on the wire (issue 15): the built plugin in the local gateway, which frames
// upstream requests like Envoy's HTTP/1 codec and carries trailers both ways; a raw HTTP/1 backend on
// 127.0.0.1 records the exact bytes it receives.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { BUILDS, startStack, type Stack } from "./harness.js";

interface Raw {
  head: string;
  body: string;
}

/** A backend that records the raw request head and body, and answers chunked with trailers when asked. */
async function rawBackend(): Promise<{ authority: string; seen: Raw[]; close(): Promise<void> }> {
  const seen: Raw[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    const head = `${req.method} ${req.url}\n${req.rawHeaders.map((v, i) => (i % 2 ? `${v}\n` : `${v.toLowerCase()}: `)).join("")}`;
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ head: head + req.rawTrailers.join(":"), body: Buffer.concat(chunks).toString() });
      if (req.url?.startsWith("/trailers")) {
        res.writeHead(200, {
          "content-type": "application/json",
          "x-backend": "backend-header-MARK",
          trailer: "x-backend-trailer",
        });
        res.write('{"ok":true,');
        res.addTrailers({ "x-backend-trailer": "backend-trailer-MARK" });
        res.end('"n":1}');
      } else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    authority: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function config(authority: string): object {
  const tool = (name: string, method: string, path: string, extra: object = {}) => ({
    name,
    description: name,
    args: [{ name: "s", type: "string", position: method === "GET" || method === "DELETE" ? "query" : "body" }],
    requestTemplate: { url: `http://${authority}${path}`, method, security: { id: "key" }, ...extra },
  });
  return {
    server: {
      name: "fidelity",
      securitySchemes: [{ id: "key", type: "apiKey", in: "header", name: "X-Api-Key", defaultCredential: "backend-key-SECRET" }],
    },
    tools: [
      tool("get", "GET", "/get"),
      tool("del", "DELETE", "/del"),
      tool("post", "POST", "/post"),
      tool("trailers", "POST", "/trailers"),
    ],
  };
}

/** A raw HTTP/1.1 POST to the gateway: chunked body with a trailer section when `trailers` is set. */
function rawPost(port: number, body: string, trailers?: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, "127.0.0.1");
    const common =
      "POST /mcp HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\n" +
      "authorization: Bearer client-SECRET-token\r\nconnection: close\r\n";
    const b = Buffer.from(body);
    sock.write(
      trailers === undefined
        ? `${common}content-length: ${b.length}\r\n\r\n${body}`
        : `${common}transfer-encoding: chunked\r\ntrailer: x-client-trailer\r\n\r\n${b.length.toString(16)}\r\n${body}\r\n0\r\n${trailers}\r\n\r\n`,
    );
    const chunks: Buffer[] = [];
    sock.on("data", (c) => chunks.push(c));
    sock.on("error", reject);
    sock.on("end", () => {
      const all = Buffer.concat(chunks).toString();
      const i = all.indexOf("\r\n\r\n");
      resolve({ status: Number(all.slice(9, 12)), head: all.slice(0, i), body: all.slice(i + 4) });
    });
  });
}

const call = (name: string, args: object) =>
  JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name, arguments: args } });

for (const build of BUILDS) {
  describe(`gateway fidelity (${build.name}.wasm)`, () => {
    let backend: Awaited<ReturnType<typeof rawBackend>>;
    let stack: Stack;
    let port: number;
    before(async () => {
      backend = await rawBackend();
      stack = await startStack({ config: config(backend.authority), build });
      port = stack.gateway.port;
    });
    after(async () => {
      await stack.close();
      await backend.close();
    });

    it("every rewritten request carries an exact content-length (0 when bodiless) and no transfer-encoding", async () => {
      for (const [tool, args, want] of [
        ["get", { s: "a" }, 0],
        ["del", { s: "a" }, 0],
        ["post", { s: "abc" }, 11],
      ] as const) {
        backend.seen.length = 0;
        const r = await rawPost(port, call(tool, args));
        assert.equal(r.status, 200, `${tool}: ${r.body}`);
        assert.equal(backend.seen.length, 1);
        const { head, body } = backend.seen[0];
        assert.doesNotMatch(head, /transfer-encoding/i, `${tool}: ${head}`);
        assert.match(head, new RegExp(`\ncontent-length: ${want}\n`), `${tool}: ${head}`);
        assert.equal(Buffer.byteLength(body), want);
      }
    });

    it("chunked requests with trailers and backend responses with trailers: nothing raw passes either way", async () => {
      for (const [what, body] of [
        ["tools/call", call("trailers", { s: "v" })],
        ["ping", '{"jsonrpc":"2.0","id":3,"method":"ping"}'],
        ["tools/list", '{"jsonrpc":"2.0","id":3,"method":"tools/list"}'],
      ] as const) {
        backend.seen.length = 0;
        const r = await rawPost(port, body, "x-client-trailer: client-trailer-MARK");
        assert.equal(r.status, 200, `${what}: ${r.body}`);
        const msg = JSON.parse(r.body);
        assert.equal(msg.id, 3);
        assert.doesNotMatch(r.head + r.body, /MARK/, `${what}: backend header or trailer reached the client`);
        if (what !== "tools/call") {
          assert.equal(backend.seen.length, 0, `${what}: reached the backend`);
          continue;
        }
        assert.equal(msg.result.isError, false, r.body);
        assert.equal(backend.seen.length, 1);
        const seen = backend.seen[0].head + backend.seen[0].body;
        assert.doesNotMatch(seen, /client-SECRET|client-trailer|jsonrpc/, `raw request reached the backend: ${seen}`);
        assert.match(seen, /x-api-key: backend-key-SECRET/);
      }
    });
  });
}

describe("Envoy mode: the rewritten request is routed again by authority and path (envoy.yaml route table)", () => {
  it("absolute and relative-URL tools reach their clusters; a path outside the table gets Envoy's 404", async (t) => {
    const { renderEnvoyYaml } = await import("../../examples/demo/envoy.js");
    const { routeTableFromEnvoy } = await import("../../host/routes.js");
    const YAML = (await import("yaml")).default;
    const api = await rawBackend();
    const mcpService = await rawBackend();
    // the backends are closed whatever fails: an open server would keep this file's process alive
    t.after(async () => {
      await api.close();
      await mcpService.close();
    });
    const cfg = {
      server: { name: "routes" },
      tools: [
        {
          name: "abs",
          args: [{ name: "id", type: "string", position: "path" }],
          requestTemplate: { url: "http://api.local/items/{id}", method: "GET" },
        },
        {
          name: "rel",
          args: [{ name: "id", type: "string", position: "path" }],
          requestTemplate: { url: "/svc/items/{id}", method: "GET" },
        },
      ],
    };
    const envoy = YAML.parse(renderEnvoyYaml(cfg, { "api.local": { address: "api", port: 80 } }, "mcp-service"));
    const urls: Record<string, string> = {
      "api.local": `http://${api.authority}`,
      "mcp-service": `http://${mcpService.authority}`,
    };
    const routes = routeTableFromEnvoy(envoy, (c) => urls[c]);
    const { startGateway } = await import("../../host/gateway.js");
    const gw = await startGateway({
      config: JSON.stringify(cfg),
      wasm: BUILDS[1].wasm,
      port: 0,
      routes,
      allowOnHeadersStopIteration: true,
      writeLog: () => {},
    });
    try {
      assert.equal((await rawPost(gw.port, call("abs", { id: "7" }))).status, 200);
      assert.match(api.seen.at(-1)?.head ?? "", /^GET \/items\/7\n/);
      const rel = await rawPost(gw.port, call("rel", { id: "8" }));
      assert.equal(JSON.parse(rel.body).result.isError, false, rel.body);
      assert.match(mcpService.seen.at(-1)?.head ?? "", /^GET \/svc\/items\/8\n/, "relative tool: the MCP route's cluster");
      assert.equal(api.seen.length, 1);
    } finally {
      await gw.close();
    }
    // Without the relative tool's route (an envoy.yaml from before): Envoy's router answers 404, nothing is sent.
    const partial = routes.map((vh) => ({ ...vh, routes: vh.routes.filter((r) => r.prefix !== "/svc/items/") }));
    const gw2 = await startGateway({
      config: JSON.stringify(cfg),
      wasm: BUILDS[1].wasm,
      port: 0,
      routes: partial,
      allowOnHeadersStopIteration: true,
      writeLog: () => {},
    });
    try {
      const n = mcpService.seen.length;
      const r = JSON.parse((await rawPost(gw2.port, call("rel", { id: "9" }))).body);
      assert.equal(r.result.isError, true);
      assert.match(r.result.content[0].text, /HTTP 404/);
      assert.equal(mcpService.seen.length, n);
    } finally {
      await gw2.close();
    }
  });
});
