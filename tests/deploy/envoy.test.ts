// envoy.yaml + docker-compose.yml: the Wasm filter loads the file compose mounts,
// carries examples/demo/config.yaml, can pause at headers, and every backend
// host of that config has a route and a cluster.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { isObj, readYaml, repoPath } from "./files.js";
import { renderDemoFiles } from "../../examples/demo/generate.js";
import { startDemoApi } from "../../examples/demo/api.js";
import { startGateway } from "../../host/gateway.js";
import { matchRoute, routeTableFromEnvoy } from "../../host/routes.js";
import { renderEnvoyYaml } from "../../examples/demo/envoy.js";
import YAML from "yaml";

type Json = { [key: string]: unknown };

const envoy = readYaml("envoy.yaml") as Json;
const compose = readYaml("docker-compose.yml") as Json;
const demoConfig = readYaml("examples", "demo", "config.yaml") as Json;

function at(v: unknown, ...path: Array<string | number>): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof p === "number") cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = isObj(cur) ? cur[p] : undefined;
  }
  return cur;
}

const hcm = at(envoy, "static_resources", "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config") as Json;
const filters = (at(hcm, "http_filters") ?? []) as Json[];
const wasmFilter = filters.find(
  (f) => at(f, "typed_config", "@type") === "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
);
const plugin = at(wasmFilter, "typed_config", "config") as Json;
const clusters = ((at(envoy, "static_resources", "clusters") ?? []) as Json[]).map((c) => String(c.name));
const vhosts = (at(hcm, "route_config", "virtual_hosts") ?? []) as Json[];

/** Backend hosts of a plugin config, computed here independently of examples/demo/envoy.ts. */
function backendHosts(config: Json): string[] {
  const hosts = new Set<string>();
  for (const t of (config.tools ?? []) as Json[]) {
    const url = at(t, "requestTemplate", "url");
    const m = typeof url === "string" ? /^https?:\/\/([^/?#:]+)/i.exec(url) : null;
    if (m) hosts.add(m[1].toLowerCase());
  }
  return [...hosts];
}

/** Target path inside the container of a compose bind mount, by host path. */
function mountTarget(service: string, hostPath: string): string | undefined {
  const vols = (at(compose, "services", service, "volumes") ?? []) as unknown[];
  for (const v of vols) {
    if (typeof v === "string") {
      const [src, dst] = v.split(":");
      if (src === hostPath) return dst;
    } else if (isObj(v) && v.source === hostPath && typeof v.target === "string") {
      return v.target;
    }
  }
  return undefined;
}

test("the envoy.yaml Wasm filter runs before the router with the V8 runtime", () => {
  assert.ok(wasmFilter, "no envoy.extensions.filters.http.wasm.v3.Wasm filter");
  assert.equal(at(plugin, "vm_config", "runtime"), "envoy.wasm.runtime.v8");
  const names = filters.map((f) => f.name);
  assert.ok(names.indexOf("envoy.filters.http.router") > names.indexOf(wasmFilter.name as string), names.join(","));
});

test("allow_on_headers_stop_iteration is true (the plugin pauses at headers and reads the body)", () => {
  assert.equal(plugin.allow_on_headers_stop_iteration, true);
});

test("the Wasm file is the one docker-compose mounts build/envoy.wasm to", () => {
  const filename = at(plugin, "vm_config", "code", "local", "filename");
  assert.equal(typeof filename, "string");
  assert.equal(mountTarget("envoy", "./build/envoy.wasm"), filename);
  assert.equal(mountTarget("envoy", "./envoy.yaml"), "/etc/envoy/envoy.yaml");
});

test("build/envoy.wasm exists (needs npm run build:wasm)", (t) => {
  if (!existsSync(repoPath("build", "envoy.wasm"))) {
    t.skip("build/envoy.wasm not built yet; run npm run build:wasm");
    return;
  }
  const bytes = readFileSync(repoPath("build", "envoy.wasm"));
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "not a wasm module");
});

test("docker-compose uses an official Envoy image >= 1.35 and publishes 8080 and 9901", () => {
  const image = String(at(compose, "services", "envoy", "image"));
  const m = /^envoyproxy\/envoy:v(\d+)\.(\d+)/.exec(image);
  assert.ok(m, image);
  assert.ok(Number(m[1]) > 1 || Number(m[2]) >= 35, image);
  const ports = (at(compose, "services", "envoy", "ports") ?? []).toString();
  assert.match(ports, /8080:8080/);
  assert.match(ports, /9901:9901/);
  assert.equal(at(envoy, "admin", "address", "socket_address", "port_value"), 9901);
});

test("the embedded plugin configuration equals examples/demo/config.yaml", () => {
  const cfg = plugin.configuration as Json;
  assert.equal(cfg["@type"], "type.googleapis.com/google.protobuf.StringValue");
  assert.equal(typeof cfg.value, "string");
  assert.deepEqual(JSON.parse(cfg.value as string), demoConfig);
});

test("every backend host of the config has a virtual host routing to its own cluster", () => {
  const hosts = backendHosts(demoConfig);
  assert.ok(hosts.length > 0);
  for (const h of hosts) {
    assert.ok(clusters.includes(h), `no cluster for ${h}`);
    const vh = vhosts.find((v) => ((v.domains ?? []) as string[]).includes(h));
    assert.ok(vh, `no virtual host for ${h}`);
    assert.equal(at(vh, "routes", 0, "route", "cluster"), h);
  }
});

/** (authority, path) of the request the plugin writes for a tool: its URL with every placeholder filled. */
function rewrittenTarget(url: string, clientAuthority: string): { authority: string; path: string } {
  const filled = url.replace(/\{\{[^}]*\}\}|\{[^}]*\}/g, "x");
  const m = /^https?:\/\/([^/?#]+)(.*)$/i.exec(filled);
  if (!m) return { authority: clientAuthority, path: filled };
  return { authority: m[1], path: m[2] || "/" };
}

test("every tool's rewritten request (authority and path) routes to its host's cluster in envoy.yaml", () => {
  // Upstream Envoy (ABI 0_2_1) clears the route cache after the plugin rewrote the headers and routes again.
  const table = routeTableFromEnvoy(envoy, (c) => c);
  const tools = (demoConfig.tools ?? []) as Json[];
  assert.ok(tools.length > 0);
  for (const t of tools) {
    const url = String(at(t, "requestTemplate", "url"));
    const { authority, path } = rewrittenTarget(url, "localhost:8080");
    for (const a of [authority, `${authority}:80`]) {
      const r = matchRoute(table, a, path);
      assert.ok(r, `tool ${String(t.name)}: no route for ${a}${path}`);
      assert.equal(r.upstream, authority.replace(/:\d+$/, "").toLowerCase(), `tool ${String(t.name)}: ${a}${path}`);
    }
  }
});

test("relative-URL tools keep the client's authority: the MCP virtual host routes their paths to the MCP cluster", () => {
  const cfg = {
    server: { name: "rel" },
    tools: [
      { name: "rel", requestTemplate: { url: "/api/items/{id}?v=1", method: "GET" } },
      { name: "abs", requestTemplate: { url: "http://backend.local/x/{id}", method: "GET" } },
    ],
  };
  const table = routeTableFromEnvoy(
    YAML.parse(renderEnvoyYaml(cfg, { "backend.local": { address: "b", port: 80 } }, "mcp-upstream")),
    (c) => c,
  );
  for (const authority of ["localhost:8080", "mcp.example.com"]) {
    assert.equal(matchRoute(table, authority, "/mcp")?.upstream, "mcp-upstream");
    assert.equal(matchRoute(table, authority, "/api/items/7?v=1")?.upstream, "mcp-upstream", authority);
    assert.equal(matchRoute(table, authority, "/elsewhere"), null, "only configured paths are routed");
  }
  assert.equal(matchRoute(table, "backend.local", "/x/1")?.upstream, "backend.local");
});

test("the listener and every cluster get the plugin's buffer limit; the Wasm filter fails closed", () => {
  const listener = at(envoy, "static_resources", "listeners", 0) as Json;
  const limit = listener.per_connection_buffer_limit_bytes;
  assert.equal(typeof limit, "number");
  assert.ok((limit as number) >= 2 * 4194304, "covers twice the default maxResponseBodyBytes");
  for (const c of (at(envoy, "static_resources", "clusters") ?? []) as Json[])
    assert.equal(c.per_connection_buffer_limit_bytes, limit, String(c.name));
  assert.equal(plugin.failure_policy, "FAIL_CLOSED");
});

test("/mcp routes to the demo API's cluster, which points at the compose demo-api service", () => {
  const catchAll = vhosts.find((v) => ((v.domains ?? []) as string[]).includes("*"));
  const route = ((at(catchAll, "routes") ?? []) as Json[]).find((r) => at(r, "match", "path") === "/mcp");
  assert.ok(route, "no /mcp route");
  const cluster = at(route, "route", "cluster") as string;
  assert.ok(clusters.includes(cluster), cluster);
  const def = ((at(envoy, "static_resources", "clusters") ?? []) as Json[]).find((c) => c.name === cluster);
  const addr = at(def, "load_assignment", "endpoints", 0, "lb_endpoints", 0, "endpoint", "address", "socket_address") as Json;
  assert.ok(at(compose, "services", String(addr.address)), `compose has no service ${String(addr.address)}`);
  assert.ok(
    ((at(compose, "services", String(addr.address), "expose") ?? []) as unknown[]).map(String).includes(String(addr.port_value)),
  );
});

test("oauth2 token clusters named by the config exist", () => {
  for (const s of (at(demoConfig, "server", "securitySchemes") ?? []) as Json[]) {
    if (typeof s.tokenCluster === "string") assert.ok(clusters.includes(s.tokenCluster), s.tokenCluster);
  }
});

test("config.yaml, envoy.yaml and wasmplugin.yaml are up to date with openapi.yaml + config.base.yaml", async () => {
  for (const f of await renderDemoFiles()) {
    const current = existsSync(f.path) ? readFileSync(f.path, "utf8") : "";
    assert.ok(current === f.text, `${f.path} is stale; run: npm run build:node && node dist/examples/demo/generate.js --write`);
  }
});

test("build/envoy.wasm serves the embedded config like Envoy would (Node host, envoy.yaml's options and routes)", async (t) => {
  if (!existsSync(repoPath("build", "envoy.wasm"))) {
    t.skip("build/envoy.wasm not built yet; run npm run build:wasm");
    return;
  }
  const api = await startDemoApi();
  // envoy.yaml's route table: every cluster here is the demo API; the rewritten request is routed by authority and path.
  const routes = routeTableFromEnvoy(envoy, () => api.url);
  const gw = await startGateway({
    config: (plugin.configuration as Json).value as string,
    wasm: repoPath("build", "envoy.wasm"),
    port: 0,
    routes,
    allowOnHeadersStopIteration: plugin.allow_on_headers_stop_iteration === true,
    writeLog: () => {},
  });
  try {
    const res = await fetch(`${gw.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "listTodos", arguments: { done: true } },
      }),
    });
    const body = (await res.json()) as { result?: { isError?: boolean; structuredContent?: { todos?: unknown[] } } };
    assert.equal(res.status, 200);
    assert.equal(body.result?.isError, false, JSON.stringify(body));
    assert.equal(body.result?.structuredContent?.todos?.length, 2);
  } finally {
    await gw.close();
    await api.close();
  }
});
