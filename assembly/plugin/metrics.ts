// Envoy stats emitted by the plugin (proxy_define_metric & co). Names are
// dotted key.value pairs under the "mcp_rest." prefix so Envoy `stats_tags`
// can extract server/tool/outcome/method/reason/status (docs/observability.md).
// The server-level metrics are defined at configure time from the configuration;
// a tool's 5 outcome counters on its first call (a 1,000-tool config made 5,000
// defines and 5,000 long names per load: 20 % of configure and ~1 MiB of live
// heap). Only a tool of the accepted configuration gets them, so a name a client
// sends (an unknown tool, method or reason) can never create a metric:
// cardinality is bounded by the configuration.
import { defineCounter, defineHistogram, incrementMetric, recordMetric } from "../proxy/host";
import { PluginConfig, RootConfig } from "../config/types";
import { StrBuf } from "../util/strbuf";

const PREFIX = "mcp_rest.";

/** Tool call outcomes counted per tool. */
export const OUTCOMES: string[] = ["ok", "backend_error", "refused_input", "refused_auth", "timeout"];
/** JSON-RPC method label values ("invalid": no readable method). */
export const METHODS: string[] = [
  "initialize", "ping", "tools_list", "tools_call", "server_discover", "notifications", "other", "invalid",
];
/** Auth refusal reason label values. */
export const REASONS: string[] = [
  "missing_client_credential", "wrong_client_credential", "no_backend_credential", "invalid_credential",
  "audience_mismatch", "unsupported_scheme", "token_unavailable", "other",
];
/** Backend status class label values. */
export const STATUS_CLASSES: string[] = ["1xx", "2xx", "3xx", "4xx", "5xx", "other"];

/** Metric ids by name (without the prefix), defined at configure and kept for the VM's life. */
export class Metrics {
  ids: Map<string, i64> = new Map<string, i64>();
  /** the accepted configuration whose tools may define their outcome counters */
  config: RootConfig | null = null;

  private defineOne(name: string, histogram: bool): void {
    if (this.ids.has(name)) return;
    const id = histogram ? defineHistogram(PREFIX + name) : defineCounter(PREFIX + name);
    this.ids.set(name, id); // -1 (failed) is kept too: never retried, ignored on use
  }

  private bump(name: string): void {
    if (this.ids.has(name)) incrementMetric(this.ids.get(name), 1);
  }

  private sample(name: string, value: u64): void {
    if (this.ids.has(name)) recordMetric(this.ids.get(name), value);
  }

  /** Define the configuration-independent metrics (called first in every configure). */
  define(): void {
    this.defineOne("config_reloads", false);
    this.defineOne("config_rejections", false);
  }

  /** Define every metric an accepted configuration can produce (global config and rules). */
  defineConfig(rc: RootConfig): void {
    this.config = rc;
    const g = rc.global;
    if (g !== null) this.defineServer(g);
    for (let i = 0; i < rc.rules.length; i++) this.defineServer(unchecked(rc.rules[i]).config);
  }

  /** Define the metrics of one server: methods, auth reasons, status classes, histograms (tools: on first call). */
  defineServer(cfg: PluginConfig): void {
    const s = "server." + segment(cfg.server.name) + ".";
    for (let i = 0; i < METHODS.length; i++) this.defineOne(s + "method." + unchecked(METHODS[i]) + ".requests", false);
    for (let i = 0; i < REASONS.length; i++) this.defineOne(s + "reason." + unchecked(REASONS[i]) + ".auth_refusals", false);
    for (let i = 0; i < STATUS_CLASSES.length; i++) {
      this.defineOne(s + "status." + unchecked(STATUS_CLASSES[i]) + ".backend_responses", false);
    }
    this.defineOne(s + "backend_latency_ms", true);
    this.defineOne(s + "backend_response_bytes", true);
  }

  /** A configuration was accepted. */
  configLoaded(): void {
    this.bump("config_reloads");
  }

  /** A configuration was rejected. */
  configRejected(): void {
    this.bump("config_rejections");
  }

  /** One MCP request by JSON-RPC method ("" = unreadable, counted as "invalid"; unknown ones as "other"). */
  request(server: string, method: string): void {
    this.bump("server." + segment(server) + ".method." + methodLabel(method) + ".requests");
  }

  /** One tool call outcome: ok, backend_error, refused_input, refused_auth, timeout (tools from config only). */
  toolCall(server: string, tool: string, outcome: string): void {
    const base = "server." + segment(server) + ".tool." + segment(tool) + ".outcome.";
    const name = base + outcome + ".tool_calls";
    if (!this.ids.has(name) && OUTCOMES.includes(outcome) && this.configured(server, tool)) {
      // first call of this tool: all 5 outcome counters at once (the others show 0, as when defined at configure)
      for (let o = 0; o < OUTCOMES.length; o++) this.defineOne(base + unchecked(OUTCOMES[o]) + ".tool_calls", false);
    }
    this.bump(name);
  }

  /** True when a server of the accepted configuration (global or a rule) has this tool. */
  configured(server: string, tool: string): bool {
    const rc = this.config;
    if (rc === null) return false;
    const g = rc.global;
    if (g !== null && g.server.name == server && g.findTool(tool) !== null) return true;
    for (let i = 0; i < rc.rules.length; i++) {
      const c = unchecked(rc.rules[i]).config;
      if (c.server.name == server && c.findTool(tool) !== null) return true;
    }
    return false;
  }

  /** One auth refusal by reason (unknown reasons count as "other"). */
  authRefusal(server: string, reason: string): void {
    const r = REASONS.includes(reason) ? reason : "other";
    this.bump("server." + segment(server) + ".reason." + r + ".auth_refusals");
  }

  /** Backend status class (1xx..5xx, "other" for anything else). */
  backendStatus(server: string, status: i32): void {
    this.bump("server." + segment(server) + ".status." + statusClass(status) + ".backend_responses");
  }

  /** Backend latency in milliseconds and response size in bytes. */
  backendTiming(server: string, latencyMs: u64, bytes: u64): void {
    const s = "server." + segment(server) + ".";
    this.sample(s + "backend_latency_ms", latencyMs);
    this.sample(s + "backend_response_bytes", bytes);
  }
}

/** Metric name segment: [A-Za-z0-9_-] only (dots would break tag extraction). */
export function segment(s: string): string {
  if (s.length == 0) return "_";
  const out = new StrBuf(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45;
    out.appendCode(ok ? c : 95);
  }
  return out.toString();
}

/** Status class label of an HTTP status. */
export function statusClass(status: i32): string {
  return status >= 100 && status < 600 ? (status / 100).toString() + "xx" : "other";
}

/** Method label: a fixed set, so a client cannot create metrics. */
export function methodLabel(m: string): string {
  if (m.length == 0) return "invalid";
  if (m == "initialize" || m == "ping" || m == "tools/list" || m == "tools/call" || m == "server/discover") {
    return m.replace("/", "_");
  }
  return m == "notifications" || m.startsWith("notifications/") ? "notifications" : "other";
}
