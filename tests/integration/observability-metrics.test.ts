// Metrics and log lines through the local gateway: a scripted sequence of
// calls (ok, refused input, refused auth, backend 500, route timeout, template,
// unknown tools), then exact metric values, the /stats/prometheus rendering,
// one info/warn line per refused or failed call, and no secret in any line.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { Host } from "../../host/vm.js";
import { MetricType } from "../../host/abi.js";
import { sanitizeMetricName } from "../../host/metrics.js";
import { BUILDS, ROOT, rpc } from "./harness.js";
import { assertNoLeaks } from "./secrets.js";
import {
  ROUTE_TIMEOUT_MS,
  SERVER,
  newSecrets,
  obsConfig,
  startObsStack,
  toolCalls,
  type ObsStack,
} from "./observability-stack.js";

const S = `server.${SERVER}`;

/** tools/call with an x-request-id; returns the JSON-RPC reply object. */
async function call(o: ObsStack, reqId: string, name: string, args: unknown, headers: Record<string, string> = {}): Promise<any> {
  const r = await rpc(
    o.stack.mcpUrl,
    { jsonrpc: "2.0", id: reqId, method: "tools/call", params: { name, arguments: args } },
    { "x-request-id": reqId, ...headers },
  );
  assert.equal(r.status, 200, `${reqId}: ${r.text}`);
  return r.json;
}

for (const build of BUILDS) {
  describe(`observability: metrics and logs (${build.name}.wasm)`, () => {
    let o: ObsStack;
    let namesAtConfigure: string[];
    const replies: Record<string, any> = {};

    before(async () => {
      o = await startObsStack(build);
      namesAtConfigure = o.stack.gateway.host
        .getMetrics()
        .list()
        .map((m) => m.name)
        .sort();
      const url = o.stack.mcpUrl;
      const init = { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } };
      assert.equal((await rpc(url, { jsonrpc: "2.0", id: 1, method: "initialize", params: init })).status, 200);
      assert.equal((await rpc(url, { jsonrpc: "2.0", method: "notifications/initialized" })).status, 202);
      assert.equal((await rpc(url, { jsonrpc: "2.0", id: 2, method: "tools/list" })).status, 200);
      assert.equal((await rpc(url, { jsonrpc: "2.0", id: 3, method: "ping" })).status, 200);
      replies.ok1 = await call(o, "r-ok-1", "get_item", { id: 1, note: o.secrets.argValue });
      replies.ok2 = await call(o, "r-ok-2", "get_item", { id: 2 });
      replies.input = await call(o, "r-input", "get_item", {});
      replies.auth = await call(o, "r-auth", "profile", {});
      replies.authOk = await call(o, "r-auth-ok", "profile", {}, { authorization: `Bearer ${o.secrets.userToken}` });
      replies.e500 = await call(o, "r-500", "get_item", { id: 500 });
      replies.timeout = await call(o, "r-timeout", "get_item", { id: 7000 });
      replies.hello = await call(o, "r-hello", "hello", {});
      replies.unknown = await call(o, "r-unknown", "nope", {});
      replies.dotted = await call(o, "r-dotted", "get_item.outcome.ok", {});
    });
    after(async () => {
      await o.close();
    });

    test("the scripted calls had the expected results", () => {
      assert.equal(replies.ok1.result.isError, false);
      assert.ok(JSON.stringify(replies.ok1).includes(o.secrets.bodyMarker), "the backend body reached the client");
      assert.equal(replies.input.result.isError, true);
      assert.equal(replies.auth.result.isError, true);
      assert.equal(replies.authOk.result.isError, false);
      assert.equal(replies.e500.result.isError, true);
      assert.equal(replies.timeout.result.isError, true);
      assert.equal(replies.hello.result.isError, false);
      assert.equal(replies.unknown.error.code, -32602);
      assert.equal(replies.dotted.error.code, -32602);
      // the secrets really flowed, so the log scan below is meaningful
      const paths = o.backend.requests.map((r) => r.path);
      assert.deepEqual(paths, ["/items/1", "/items/2", "/me", "/items/500", "/items/7000"]);
      assert.equal(o.backend.requests[0].headers["x-api-key"], o.secrets.apiKey);
      assert.equal(o.backend.requests[0].query.get("note"), o.secrets.argValue);
      assert.equal(o.backend.requests[2].headers.authorization, `Bearer ${o.secrets.userToken}`);
    });

    test("tool calls are counted by server, tool and outcome", () => {
      const want: Record<string, Record<string, number>> = {
        get_item: { ok: 2, refused_input: 1, refused_auth: 0, backend_error: 1, timeout: 1 },
        profile: { ok: 1, refused_input: 0, refused_auth: 1, backend_error: 0, timeout: 0 },
        hello: { ok: 1, refused_input: 0, refused_auth: 0, backend_error: 0, timeout: 0 },
      };
      for (const [tool, outcomes] of Object.entries(want)) {
        for (const [outcome, n] of Object.entries(outcomes))
          assert.equal(o.counter(toolCalls(tool, outcome)), n, `${tool} ${outcome}`);
      }
    });

    test("MCP requests are counted by method", () => {
      const want = {
        initialize: 1,
        notifications: 1,
        tools_list: 1,
        ping: 1,
        tools_call: 10,
        other: 0,
        invalid: 0,
        server_discover: 0,
      };
      for (const [method, n] of Object.entries(want)) assert.equal(o.counter(`${S}.method.${method}.requests`), n, method);
    });

    test("auth refusals by reason, backend status classes, config reloads", () => {
      assert.equal(o.counter(`${S}.reason.missing_client_credential.auth_refusals`), 1);
      for (const r of ["wrong_client_credential", "no_backend_credential", "invalid_credential", "token_unavailable", "other"]) {
        assert.equal(o.counter(`${S}.reason.${r}.auth_refusals`), 0, r);
      }
      assert.equal(o.counter(`${S}.status.2xx.backend_responses`), 3);
      assert.equal(o.counter(`${S}.status.5xx.backend_responses`), 2);
      assert.equal(o.counter(`${S}.status.4xx.backend_responses`), 0);
      assert.equal(o.counter("config_reloads"), 1);
      assert.equal(o.counter("config_rejections"), 0);
    });

    test("backend latency and response size are histograms with one sample per backend response", () => {
      const lat = o.metric(`${S}.backend_latency_ms`)!;
      const size = o.metric(`${S}.backend_response_bytes`)!;
      assert.equal(lat.type, MetricType.Histogram);
      assert.equal(size.type, MetricType.Histogram);
      assert.equal(lat.count, 5);
      assert.equal(size.count, 5);
      assert.ok(lat.sum >= ROUTE_TIMEOUT_MS, `the timed-out call waited the route timeout (sum ${lat.sum})`);
      assert.ok(size.sum >= "upstream request timeout".length + 2 * o.secrets.bodyMarker.length, `size sum ${size.sum}`);
    });

    test("server metrics defined at configure, a tool's on its first call; unknown tool names created none", () => {
      const now = o.stack.gateway.host
        .getMetrics()
        .list()
        .map((m) => m.name)
        .sort();
      // configure defines no tool metric (5 per tool and 5,000 for a 1,000-tool config would slow every load)
      assert.ok(!namesAtConfigure.some((n) => n.includes(".tool.")), namesAtConfigure.join("\n"));
      const toolNames = ["get_item", "profile", "hello"].flatMap((t) =>
        ["ok", "backend_error", "refused_input", "refused_auth", "timeout"].map((x) => `mcp_rest.${toolCalls(t, x)}`),
      );
      assert.deepEqual(now, [...namesAtConfigure, ...toolNames].sort());
      assert.ok(!now.some((n) => n.includes("nope")), "no metric for the unknown tool");
      assert.ok(!now.some((n) => n.includes("get_item.outcome.ok.outcome") || n.includes("get_item_outcome")));
      // bounded: 8 methods + 3 tools x 5 outcomes + 8 reasons + 6 classes + 2 histograms + 2 config counters
      assert.equal(now.length, 8 + 15 + 8 + 6 + 2 + 2);
      assert.ok(now.every((n) => n.startsWith("mcp_rest.")));
    });

    test("GET /stats/prometheus on the admin port renders the metrics", async () => {
      const res = await fetch(`${o.stack.gateway.adminUrl}/stats/prometheus`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      const p = "mcp_rest_server_obs_test";
      assert.ok(
        text.includes(`# TYPE ${p}_tool_get_item_outcome_ok_tool_calls counter\n${p}_tool_get_item_outcome_ok_tool_calls{} 2\n`),
        text,
      );
      assert.ok(text.includes(`${p}_tool_get_item_outcome_timeout_tool_calls{} 1\n`));
      assert.ok(text.includes(`${p}_reason_missing_client_credential_auth_refusals{} 1\n`));
      assert.ok(text.includes(`# TYPE ${p}_backend_latency_ms histogram\n`));
      assert.ok(text.includes(`${p}_backend_latency_ms_count{} 5\n`));
      assert.ok(text.includes(`${p}_backend_response_bytes_bucket{le="+Inf"} 5\n`));
      assert.ok(text.includes("mcp_rest_config_reloads{} 1\n"));
      assert.ok(!text.includes("nope"));
      const notFound = await fetch(`${o.stack.gateway.adminUrl}/stats/other`);
      assert.equal(notFound.status, 404);
      await notFound.text();
    });

    test("one info/warn line per refused or failed call, with server, tool, request id and reason", () => {
      const loud = o.stack.logs.filter((l) => l.startsWith("[info]") || l.startsWith("[warn]"));
      const forId = (id: string) => loud.filter((l) => l.includes(`] [${id}] `));
      const expect: Array<[string, RegExp]> = [
        [
          "r-input",
          /^\[info\] \[mcp-server\] \[obs-test\/get_item\] \[r-input\] tool call refused: refused_input \(invalid_argument\)$/,
        ],
        [
          "r-auth",
          /^\[info\] \[mcp-server\] \[obs-test\/profile\] \[r-auth\] tool call refused: refused_auth \(missing_client_credential\)$/,
        ],
        [
          "r-500",
          /^\[warn\] \[mcp-server\] \[obs-test\/get_item\] \[r-500\] tool call failed: backend_error \(backend HTTP 500 after \d+ ms\)$/,
        ],
        [
          "r-timeout",
          /^\[warn\] \[mcp-server\] \[obs-test\/get_item\] \[r-timeout\] tool call failed: timeout \(backend HTTP 504 after \d+ ms\)$/,
        ],
        ["r-unknown", /^\[info\] \[mcp-server\] \[obs-test\/\] \[r-unknown\] tool call refused: mcp\.tools_call\.unknown_tool$/],
      ];
      for (const [id, re] of expect) {
        const lines = forId(id);
        assert.equal(lines.length, 1, `${id}: ${JSON.stringify(lines)}`);
        assert.match(lines[0], re);
      }
      for (const id of ["r-ok-1", "r-ok-2", "r-auth-ok", "r-hello"])
        assert.deepEqual(forId(id), [], `${id} succeeded: no info/warn line`);
    });

    test("debug lines trace the request path", () => {
      const lines = o.stack.logs.filter((l) => l.includes("[r-ok-1]"));
      assert.ok(
        lines.some((l) => l.startsWith("[debug]") && l.endsWith("tools/call dispatched")),
        lines.join("\n"),
      );
      assert.ok(lines.some((l) => l.startsWith("[debug]") && l.endsWith("calling backend")));
      assert.ok(lines.some((l) => /^\[debug\] .* backend answered HTTP 200 in \d+ ms, \d+ bytes$/.test(l)));
    });

    test("no log line contains a credential, an argument value or a body", () => {
      assert.ok(o.stack.logs.length >= 20, `logs captured at trace level (${o.stack.logs.length})`);
      assertNoLeaks(
        {
          secrets: [
            { name: "backend api key", value: o.secrets.apiKey },
            { name: "client bearer token", value: o.secrets.userToken },
            { name: "argument value", value: o.secrets.argValue },
            { name: "backend body", value: o.secrets.bodyMarker },
          ],
          logs: o.stack.logs,
        },
        build.name,
      );
      assert.ok(!o.stack.logs.some((l) => l.includes("upstream request timeout")), "no backend body text in logs");
    });
  });
}

/** One tools/call of `name` without arguments on a host stream (no backend: for template-only tools). */
function callOnHost(host: Host, name: string): void {
  const st = host.newHttpStream();
  st.callOnRequestHeaders(
    [
      [":method", "POST"],
      [":path", "/mcp"],
      [":authority", "mcp.test"],
      ["content-type", "application/json"],
      ["accept", "application/json, text/event-stream"],
    ],
    false,
  );
  st.callOnRequestBody(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: {} } }), true);
  st.complete();
}

describe("observability: config reloads and rejections", () => {
  test("reloads and rejections are counted; a reload's new tool gets its metrics on its first call", async () => {
    const host = await Host.load(BUILDS[0].wasm, { logLevel: "info" });
    const get = (n: string) =>
      host
        .getMetrics()
        .list()
        .find((m) => m.name === `mcp_rest.${n}`);
    assert.equal(host.startPlugin("{not json"), false);
    assert.equal(get("config_rejections")?.value, 1n);
    assert.equal(get("config_reloads")?.value, 0n);
    assert.equal(get(toolCalls("get_item", "ok")), undefined, "a rejected config defines no tool metric");
    const s = newSecrets();
    assert.equal(host.startPlugin(JSON.stringify(obsConfig(s))), true);
    assert.equal(get("config_reloads")?.value, 1n);
    // tool metrics are defined on a tool's first call (plugin/metrics.ts), not at configure
    assert.equal(get(toolCalls("get_item", "ok")), undefined);
    assert.equal(get(toolCalls("extra", "ok")), undefined);
    const callTool = (name: string) => callOnHost(host, name);
    callTool("extra"); // not configured yet: an unknown tool defines nothing
    assert.equal(get(toolCalls("extra", "ok")), undefined);
    const extra = { name: "extra", description: "Extra.", args: [], requestTemplate: {}, responseTemplate: { body: "x" } };
    assert.equal(host.startPlugin(JSON.stringify(obsConfig(s, [extra]))), true);
    assert.equal(get("config_reloads")?.value, 2n);
    assert.equal(get("config_rejections")?.value, 1n);
    assert.equal(get(toolCalls("extra", "ok")), undefined);
    callTool("extra");
    assert.equal(get(toolCalls("extra", "ok"))?.value, 1n, "the first call defined the new tool's metrics and counted");
    assert.equal(get(toolCalls("extra", "timeout"))?.value, 0n, "all 5 outcome counters are defined at once");
    callTool("extra");
    assert.equal(get(toolCalls("extra", "ok"))?.value, 2n);
    assert.equal(get(toolCalls("get_item", "ok")), undefined, "an uncalled tool has none");
    assert.equal(host.startPlugin(JSON.stringify({ server: { name: "x" }, tools: [{ name: "" }] })), false);
    assert.equal(get("config_rejections")?.value, 2n);
  });
});

/** Envoy tag extraction: every regex on the full name; group 1 is removed, group 2 (else 1) is the value. */
function extractTags(
  specs: Array<{ tag_name: string; regex: string }>,
  name: string,
): { name: string; tags: Record<string, string> } {
  const tags: Record<string, string> = {};
  const removed = new Array<boolean>(name.length).fill(false);
  for (const spec of specs) {
    const m = new RegExp(spec.regex, "d").exec(name);
    if (!m || m[1] === undefined) continue;
    tags[spec.tag_name] = m[2] ?? m[1];
    const [from, to] = m.indices![1]!;
    for (let i = from; i < to; i++) removed[i] = true;
  }
  return { name: [...name].filter((_, i) => !removed[i]).join(""), tags };
}

const TAG_OF: Record<string, string> = {
  server: "mcp_server",
  tool: "mcp_tool",
  outcome: "mcp_outcome",
  method: "mcp_method",
  reason: "mcp_auth_reason",
  status: "mcp_status_class",
};

describe("observability: Envoy stats_tags of docs/observability.md", () => {
  test("the documented regexes turn every metric name into a tagged name", async () => {
    const doc = readFileSync(path.join(ROOT, "docs/observability.md"), "utf8");
    const block = doc.slice(doc.indexOf("<!-- stats-tags -->"), doc.indexOf("<!-- /stats-tags -->"));
    const yamlText = /```yaml\n([\s\S]*?)```/.exec(block)?.[1];
    assert.ok(yamlText, "a yaml block between <!-- stats-tags --> markers");
    const specs = parseYaml(yamlText).stats_config.stats_tags as Array<{ tag_name: string; regex: string }>;
    assert.equal(specs.length, 6);
    const host = await Host.load(BUILDS[0].wasm, { logLevel: "info" });
    assert.equal(host.startPlugin(JSON.stringify(obsConfig(newSecrets()))), true);
    callOnHost(host, "hello"); // defines hello's outcome counters (a tool's metrics come with its first call)
    const prometheusNames = new Set<string>();
    for (const m of host.getMetrics().list()) {
      // what we expect: key.value pairs become tags, the last segment stays
      const parts = m.name.split(".");
      const want: Record<string, string> = {};
      for (let i = 1; i + 1 < parts.length - 1; i += 2) want[TAG_OF[parts[i]]] = parts[i + 1];
      for (const ns of ["wasmcustom.", ""]) {
        const got = extractTags(specs, ns + m.name);
        assert.equal(got.name, `${ns}mcp_rest.${parts.at(-1)}`, m.name);
        assert.deepEqual(got.tags, want, m.name);
      }
      prometheusNames.add(sanitizeMetricName(`mcp_rest.${parts.at(-1)}`));
    }
    assert.deepEqual([...prometheusNames].sort(), [
      "mcp_rest_auth_refusals",
      "mcp_rest_backend_latency_ms",
      "mcp_rest_backend_response_bytes",
      "mcp_rest_backend_responses",
      "mcp_rest_config_rejections",
      "mcp_rest_config_reloads",
      "mcp_rest_requests",
      "mcp_rest_tool_calls",
    ]);
    // a server named like a key does not confuse the extractors
    const odd = extractTags(specs, "wasmcustom.mcp_rest.server.tool.method.ping.requests");
    assert.deepEqual(odd, { name: "wasmcustom.mcp_rest.requests", tags: { mcp_server: "tool", mcp_method: "ping" } });
  });
});
