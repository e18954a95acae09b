// Envoy stats emitted by the plugin (proxy_define_metric & co). Names are
// dotted key.value pairs under the "mcp_rest." prefix so Envoy `stats_tags`
// can extract server/tool/outcome (README "Observability"). Tool metrics are
// defined on first use, and only for tools that exist in the configuration,
// so an unknown tool name never creates a metric.
import { defineCounter, defineHistogram, incrementMetric, recordMetric } from "../proxy/host";

const PREFIX = "mcp_rest.";

/** Metric ids by name, defined lazily and cached for the VM's life. */
export class Metrics {
  ids: Map<string, i64> = new Map<string, i64>();

  private counter(name: string): i64 {
    if (this.ids.has(name)) return this.ids.get(name);
    const id = defineCounter(PREFIX + name);
    this.ids.set(name, id);
    return id;
  }

  private histogram(name: string): i64 {
    if (this.ids.has(name)) return this.ids.get(name);
    const id = defineHistogram(PREFIX + name);
    this.ids.set(name, id);
    return id;
  }

  /** Define the fixed metrics (called at configure). */
  define(): void {
    this.counter("config_reloads");
    this.counter("config_rejections");
  }

  /** A configuration was accepted. */
  configLoaded(): void {
    incrementMetric(this.counter("config_reloads"), 1);
  }

  /** A configuration was rejected. */
  configRejected(): void {
    incrementMetric(this.counter("config_rejections"), 1);
  }

  /** One MCP request by JSON-RPC method (method names are from a fixed set; others count as "other"). */
  request(server: string, method: string): void {
    incrementMetric(this.counter("server." + segment(server) + ".method." + knownMethod(method) + ".requests"), 1);
  }

  /** One tool call outcome: ok, backend_error, refused_input, refused_auth, timeout. Tool must come from config. */
  toolCall(server: string, tool: string, outcome: string): void {
    incrementMetric(this.counter("server." + segment(server) + ".tool." + segment(tool) + ".outcome." + outcome + ".tool_calls"), 1);
  }

  /** One auth refusal by reason. */
  authRefusal(server: string, reason: string): void {
    incrementMetric(this.counter("server." + segment(server) + ".reason." + reason + ".auth_refusals"), 1);
  }

  /** Backend status class (2xx, 4xx, 5xx, ...). */
  backendStatus(server: string, status: i32): void {
    const cls = status >= 100 && status < 600 ? (status / 100).toString() + "xx" : "other";
    incrementMetric(this.counter("server." + segment(server) + ".status." + cls + ".backend_responses"), 1);
  }

  /** Backend latency in milliseconds and response size in bytes. */
  backendTiming(server: string, latencyMs: u64, bytes: u64): void {
    recordMetric(this.histogram("server." + segment(server) + ".backend_latency_ms"), latencyMs);
    recordMetric(this.histogram("server." + segment(server) + ".backend_response_bytes"), bytes);
  }
}

/** Metric name segment: [A-Za-z0-9_-] only (dots would break tag extraction). */
export function segment(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45;
    out += ok ? String.fromCharCode(c) : "_";
  }
  return out.length > 0 ? out : "_";
}

function knownMethod(m: string): string {
  if (m == "initialize" || m == "ping" || m == "tools/list" || m == "tools/call" || m == "notifications" || m == "server/discover") {
    return m.replace("/", "_");
  }
  return m.startsWith("notifications/") ? "notifications" : "other";
}
