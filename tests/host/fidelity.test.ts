// Small host behaviours that must match Envoy / cpp-host (issue 15 item 8), checked with the built plugin.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MapType, MetricType, WasmResult } from "../../host/abi.js";
import { buildImports } from "../../host/hostcalls.js";
import { Metrics } from "../../host/metrics.js";
import { Host } from "../../host/vm.js";
import { WASM } from "../fuzz/harness.js";

const CONFIG = JSON.stringify({ server: { name: "f" }, tools: [{ name: "t", requestTemplate: { url: "http://api.test/t" } }] });

async function plugin(options = {}): Promise<Host> {
  const host = await Host.load(WASM.higress, options);
  assert.equal(host.startPlugin(CONFIG), true);
  return host;
}

describe("host fidelity (envoy context.cc / cpp-host exports.cc)", () => {
  it("get_header_map_pairs: an empty map is (0, 0) without malloc; an unavailable map is Ok with no pairs", async () => {
    const host = await plugin();
    const s = host.newHttpStream();
    const env = buildImports(host).env as Record<string, (...a: number[]) => number>;
    const slots = host.callVm("malloc", 8)!;
    host.setEffective(s.id);
    for (const type of [MapType.RequestTrailers, MapType.ResponseHeaders]) {
      host.memory.writeU32(slots, 0xdead);
      host.memory.writeU32(slots + 4, 0xbeef);
      assert.equal(env.proxy_get_header_map_pairs(type, slots, slots + 4), WasmResult.Ok, `map ${type}`);
      assert.deepEqual([...host.memory.read(slots, 8)], [0, 0, 0, 0, 0, 0, 0, 0], `map ${type}: (0, 0)`);
    }
    assert.equal(env.proxy_get_header_map_pairs(99, slots, slots + 4), WasmResult.BadArgument, "unknown map type");
  });

  it('route_name is "" when the stream has no route (not NotFound)', async () => {
    const host = await plugin();
    const s = host.newHttpStream();
    assert.deepEqual(s.getProperty(["route_name"]), new Uint8Array(0));
    const named = host.newHttpStream({ properties: { route_name: "r1" } });
    assert.equal(new TextDecoder().decode(named.getProperty(["route_name"])), "r1");
  });

  it("metric ids are type-tagged (low 2 bits) and not de-duplicated", () => {
    const m = new Metrics();
    const c1 = m.define(MetricType.Counter, "a_total").id;
    const c2 = m.define(MetricType.Counter, "a_total").id;
    const g = m.define(MetricType.Gauge, "g").id;
    const h = m.define(MetricType.Histogram, "h").id;
    assert.deepEqual([c1, c2, g, h], [4, 8, 5, 6]);
    assert.deepEqual([c1 & 3, g & 3, h & 3], [MetricType.Counter, MetricType.Gauge, MetricType.Histogram]);
    m.increment(c1, 2n);
    m.increment(c2, 3n);
    assert.equal(m.get(c1).value, 5n, "both ids name the same stat");
    assert.equal(m.list().length, 3);
  });

  it("the default log level is info (Envoy's): the plugin builds no debug lines unless asked", async () => {
    for (const [options, debug] of [
      [{}, false],
      [{ logLevel: "debug" }, true],
    ] as const) {
      const host = await plugin(options);
      const s = host.newHttpStream({ properties: { route_name: "r" } });
      s.callOnRequestHeaders(
        [
          [":method", "POST"],
          [":path", "/mcp"],
          [":authority", "mcp.test"],
          ["content-type", "application/json"],
          ["accept", "application/json, text/event-stream"],
        ],
        false,
      );
      s.callOnRequestBody('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"t","arguments":{}}}', true);
      assert.equal(s.requestState, "forwarded");
      assert.equal(host.getLogs("debug").length > 0, debug, JSON.stringify(options));
    }
  });
});

describe("Envoy route selection (host/routes.ts)", () => {
  it("virtual host by exact, suffix, prefix, then catch-all domain; first matching route by path or prefix", async () => {
    const { matchRoute } = await import("../../host/routes.js");
    const table = [
      {
        domains: ["*"],
        routes: [
          { path: "/mcp", upstream: "mcp" },
          { prefix: "/api/", upstream: "rel" },
        ],
      },
      { domains: ["api.test", "api.test:*"], routes: [{ prefix: "/", upstream: "api" }] },
      { domains: ["*.example.com"], routes: [{ prefix: "/", upstream: "suffix" }] },
      { domains: ["internal.*"], routes: [{ prefix: "/", upstream: "prefix" }] },
    ];
    const cases: Array<[string, string, string | null]> = [
      ["api.test", "/x", "api"],
      ["API.test:8443", "/x?y", "api"],
      ["a.example.com", "/", "suffix"],
      ["internal.local", "/", "prefix"],
      ["localhost:8080", "/mcp?x=1", "mcp"],
      ["localhost:8080", "/api/items/1", "rel"],
      ["localhost:8080", "/other", null],
      ["example.com", "/", null],
    ];
    for (const [authority, path, want] of cases)
      assert.equal(matchRoute(table, authority, path)?.upstream ?? null, want, `${authority}${path}`);
  });
});
