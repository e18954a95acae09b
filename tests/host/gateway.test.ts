// Local gateway with real HTTP on 127.0.0.1 (free ports), and the CLI's exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type GatewayOptions, hostAllowed, startGateway, targetBase } from "../../host/gateway.js";
import { guestPath } from "./helpers.js";

interface Seen {
  method: string;
  url: string;
  host: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** An upstream that records requests and answers with `answer` (default: 200 "hello"). */
async function upstream(answer: (req: Seen, res: http.ServerResponse) => void = (_q, r) => void r.end("hello")) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const s = {
        method: req.method!,
        url: req.url!,
        host: req.headers.host!,
        body: Buffer.concat(chunks).toString(),
        headers: req.headers,
      };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url, seen };
}

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of closers) await c();
});

async function gateway(script: string, extra: Partial<GatewayOptions> = {}) {
  const logs: string[] = [];
  const gw = await startGateway({
    config: JSON.stringify({ script }),
    wasm: guestPath("guest_0_2_100"),
    port: 0,
    writeLog: (l) => logs.push(l),
    ...extra,
  });
  closers.push(() => gw.close());
  return { gw, logs };
}

/** Sends a request with an explicit Host header. */
function request(url: string, opts: { method?: string; path?: string; host?: string; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        method: opts.method ?? "POST",
        path: opts.path ?? "/mcp",
        headers: { host: opts.host ?? `localhost:${u.port}`, "content-type": "application/json" },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(opts.body ?? "");
  });
}

describe("gateway", () => {
  it("forwards the rewritten request to the --upstream mapped for the new authority, response through the plugin", async () => {
    const up = await upstream((_q, r) => void r.writeHead(201, { "x-up": "1" }).end("created"));
    const { gw } = await gateway(
      "reqHeaders=stop;reqBody=buffer;path=/api/v1/items?x=1;authority=backend.example;method=PUT;body=NEW;respMark=1",
      { upstreams: { "backend.example": up.url } },
    );
    const r = await request(gw.url, { body: '{"a":1}' });
    assert.equal(r.status, 201);
    assert.equal(r.body, "created");
    assert.equal(r.headers["x-guest"], "1");
    assert.equal(r.headers["x-up"], "1");
    assert.equal(r.headers["content-length"], "7");
    assert.deepEqual(
      [up.seen[0].method, up.seen[0].url, up.seen[0].host, up.seen[0].body],
      ["PUT", "/api/v1/items?x=1", "backend.example", "NEW"],
    );
    assert.equal(up.seen[0].headers["content-length"], "3");
  });

  it("without a mapping the request goes to the (rewritten) :authority itself", async () => {
    const up = await upstream();
    const authority = new URL(up.url).host;
    const { gw } = await gateway(`reqHeaders=stop;reqBody=buffer;authority=${authority}`);
    const r = await request(gw.url, { body: "x" });
    assert.equal(r.body, "hello");
    assert.equal(up.seen[0].host, authority);
  });

  it("--route-upstream sends every request to the route's service whatever :authority says", async () => {
    const up = await upstream();
    const { gw } = await gateway("reqHeaders=stop;reqBody=buffer;authority=api.example.com;routeOff=1", {
      routeUpstream: up.url,
    });
    const r = await request(gw.url, { body: "x" });
    assert.equal(r.status, 200);
    assert.equal(up.seen[0].host, "api.example.com");
  });

  it("returns the plugin's local reply without calling an upstream", async () => {
    const up = await upstream();
    const { gw } = await gateway("reqHeaders=local;localStatus=401;localBody=nope", { routeUpstream: up.url });
    const r = await request(gw.url);
    assert.deepEqual([r.status, r.body, r.headers["x-local"], r.headers["content-length"]], [401, "nope", "guest", "4"]);
    assert.equal(up.seen.length, 0);
  });

  it("rejects a non-loopback Host header with 403 unless it is in allowedHosts", async () => {
    const up = await upstream();
    const { gw } = await gateway("a=1", { routeUpstream: up.url, allowedHosts: ["mcp.internal"] });
    assert.equal((await request(gw.url, { host: "evil.example" })).status, 403);
    assert.equal((await request(gw.url, { host: "mcp.internal:8080" })).status, 200);
    assert.equal((await request(gw.url, { host: "127.0.0.1:9" })).status, 200);
    assert.equal(up.seen.length, 2);
  });

  it("an upstream connection error becomes 503 through the response path", async () => {
    const { gw } = await gateway("respMark=1", { routeUpstream: "http://127.0.0.1:1" });
    const r = await request(gw.url);
    assert.equal(r.status, 503);
    assert.match(r.body, /upstream connect error/);
    assert.equal(r.headers["x-guest"], "1");
  });

  it("performs proxy_http_call against --cluster and resumes the request", async () => {
    const token = await upstream((q, r) => void r.end(q.url === "/token" ? "tok-9" : "?"));
    const api = await upstream();
    const { gw } = await gateway("reqHeaders=call", { clusters: { token: token.url }, routeUpstream: api.url });
    const r = await request(gw.url, { method: "GET" });
    assert.equal(r.status, 200);
    assert.equal(token.seen[0].host, "token.local");
    assert.equal(api.seen[0].headers.authorization, "Bearer tok-9");
  });

  it("a trap answers 503 (wasm_fail_stream) to this and later requests", async () => {
    const up = await upstream();
    const { gw, logs } = await gateway("reqBody=trap", { routeUpstream: up.url, failurePolicy: "fail_closed" });
    assert.equal((await request(gw.url, { body: "x" })).status, 503);
    assert.equal((await request(gw.url, { method: "GET" })).status, 503);
    assert.ok(logs.some((l) => l.includes("RuntimeError: unreachable")));
    assert.equal(up.seen.length, 0);
  });

  it("serves plugin metrics on /stats/prometheus of the admin port", async () => {
    const up = await upstream();
    const { gw } = await gateway("metrics=1", { routeUpstream: up.url, adminPort: 0 });
    await request(gw.url, { method: "GET" });
    const r = await request(`${gw.adminUrl}`, { method: "GET", path: "/stats/prometheus" });
    assert.equal(r.status, 200);
    assert.match(r.body, /# TYPE guest_requests_total counter\nguest_requests_total\{\} 1\n/);
    assert.match(r.body, /# TYPE guest_request_bytes histogram\n/);
  });

  it("prints plugin logs at or above the log level", async () => {
    const { logs } = await gateway("loglevels=1", { logLevel: "warn" });
    assert.deepEqual(logs, ["[warn] level 3", "[error] level 4", "[critical] level 5"]);
  });
});

describe("routing helpers", () => {
  it("picks the upstream base", () => {
    const table: Array<[string, string, Parameters<typeof targetBase>[1], string]> = [
      ["route-upstream wins", "a.example", { routeUpstream: "http://r:1", upstreams: { "a.example": "http://m" } }, "http://r:1"],
      ["exact authority", "a.example:8443", { upstreams: { "a.example:8443": "http://x" } }, "http://x"],
      ["host without port", "a.example:8443", { upstreams: { "a.example": "http://y" } }, "http://y"],
      ["port 443 → https", "a.example:443", {}, "https://a.example:443"],
      ["default http", "a.example", {}, "http://a.example"],
    ];
    for (const [name, authority, o, want] of table) assert.equal(targetBase(authority, o), want, name);
  });

  it("accepts only loopback or allowed Host values", () => {
    const table: Array<[string | undefined, boolean]> = [
      ["localhost", true],
      ["localhost:8080", true],
      ["127.0.0.1:1", true],
      ["[::1]:8080", true],
      ["evil.example", false],
      ["localhost.evil.example", false],
      [undefined, false],
      ["ok.example:80", true],
    ];
    for (const [h, want] of table) assert.equal(hostAllowed(h, ["ok.example"]), want, String(h));
  });
});

describe("cli", () => {
  const bin = fileURLToPath(new URL("../../../bin/higress-mcp-rest.js", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "hmr-cli-"));
  const file = (name: string, body: string) => {
    const p = join(dir, name);
    writeFileSync(p, body);
    return p;
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 20000 });

  it("validate prints ok: N tools (tools plus _rules_ tools) and exits 0", () => {
    const cfg = file("ok.yaml", "script: a=1\ntools:\n  - name: a\n  - name: b\n_rules_:\n  - tools: [{name: c}]\n");
    const r = run("validate", cfg, "--wasm", guestPath("guest_0_2_100"));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "ok: 3 tools\n");
  });

  it("validate prints the plugin's error lines and exits 1 on a rejected config", () => {
    const r = run("validate", file("bad.json", '{"script":"reject=1"}'), "--wasm", guestPath("guest_0_2_100"));
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim(), "bad config: reject requested");
    assert.equal(r.stdout, "");
  });

  it("serve exits 1 with the plugin's error lines when the config is rejected", () => {
    const r = run(
      "serve",
      "--config",
      file("bad.yaml", "script: reject=1\n"),
      "--wasm",
      guestPath("guest_0_2_100"),
      "--port",
      "0",
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad config: reject requested/);
  });

  it("--help prints usage and unknown commands exit 2", () => {
    assert.match(run("--help").stdout, /^usage: higress-mcp-rest/);
    assert.equal(run("frobnicate").status, 2);
  });

  it("flags: --name VALUE and --name=VALUE are read; an unknown option or a missing value exits 2", () => {
    const cfg = file("ok2.yaml", "script: a=1\ntools:\n  - name: a\n");
    const ok = run("validate", `--config=${cfg}`, `--wasm=${guestPath("guest_0_2_100")}`);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, "ok: 1 tools\n");
    // a misspelt flag is refused, not ignored (the plugin would otherwise run with the default)
    const typo = run("validate", cfg, "--wasm", guestPath("guest_0_2_100"), "--alowed-hosts", "x");
    assert.equal(typo.status, 2);
    assert.equal(typo.stderr, "error: unknown option --alowed-hosts\n");
    assert.equal(run("serve", "-p", "80").stderr, "error: unknown option -p\n");
    const missing = run("validate", cfg, "--wasm");
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "error: --wasm needs a value\n");
  });
});
