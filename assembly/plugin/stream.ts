// Per-stream state of the MCP filter and its logging/metrics helpers; the
// callbacks themselves are in filter.ts (McpFilter extends McpResponse extends StreamState).
import { HttpContext, RootContext } from "../proxy/context";
import { log, logLevel, nowNanos } from "../proxy/host";
import { LOG_INFO, LOG_DEBUG } from "../proxy/enums";
import { PluginConfig, Tool } from "../config/types";
import { Header } from "../rest/request";
import { CallPlan } from "../call/plan";
import { Services } from "./services";
import { logLocalReply, logSafe } from "./logs";

export const STATE_PASS: i32 = 0; // not ours: pass everything through
export const STATE_REQUEST: i32 = 1; // buffering the MCP request body
export const STATE_CALLING: i32 = 2; // backend request sent; response expected
export const STATE_DONE: i32 = 3; // local reply sent
export const STATE_TOKEN: i32 = 4; // waiting for an OAuth2 token

/** State of one HTTP stream through the MCP filter. */
export class StreamState extends HttpContext {
  services: Services;
  state: i32 = STATE_PASS;
  cfg: PluginConfig | null = null;
  clientHeaders: Header[] = [];
  clientPath: string = "/";
  authority: string = "";
  scheme: string = "http";
  /** the client's x-request-id as received ("" when absent); logged through logSafe (prefix()) */
  requestIdRaw: string = "";
  private requestIdSafe: string | null = null;
  tool: Tool | null = null;
  idJson: string = "null";
  /** the request is served in the modern era (2026-07-28) */
  modern: bool = false;
  /** the tools/call being served (call/plan.ts) */
  plan: CallPlan | null = null;
  backendStatus: i32 = 0;
  backendContentType: string = "";
  backendContentLength: string | null = null;
  startNanos: i64 = 0;
  /** size of the client's body while waiting for a token (replaced when the request is written) */
  pendingBodySize: u32 = 0;
  /** -1 unknown, 0 no, 1 yes */
  debugLevel: i32 = -1;

  constructor(id: u32, root: RootContext, services: Services) {
    super(id, root);
    this.services = services;
  }

  /**
   * The filter's one metrics and timing helper for a tool call: its outcome (and the reason of an
   * auth refusal); when the backend answered (`bytes` >= 0) its status class, latency and size.
   * Returns the backend latency in ms (0 without a backend answer).
   */
  account(outcome: string, reason: string, bytes: i64): i64 {
    const m = this.services.metrics;
    const server = this.cfg!.server.name;
    const tool = this.tool;
    if (tool !== null) m.toolCall(server, tool.name, outcome);
    if (outcome == "refused_auth") m.authRefusal(server, reason);
    if (bytes < 0) return 0;
    m.backendStatus(server, this.backendStatus);
    const elapsed = nowNanos() - this.startNanos;
    const ms = elapsed > 0 ? elapsed / 1000000 : 0;
    m.backendTiming(server, <u64>ms, <u64>bytes);
    return ms;
  }

  logRefusal(details: string): void {
    log(LOG_INFO, this.prefix() + "request refused: " + details);
  }

  logLocalReply(method: string, details: string): void {
    logLocalReply(this.prefix(), method, details);
  }

  /** Debug lines are built only when the host logs at debug (one proxy_get_log_level per stream). */
  debugOn(): bool {
    if (this.debugLevel < 0) this.debugLevel = logLevel() <= LOG_DEBUG ? 1 : 0;
    return this.debugLevel == 1;
  }

  /** Log prefix: [mcp-server] [server/tool] [x-request-id]. */
  prefix(): string {
    const cfg = this.cfg;
    const tool = this.tool;
    return "[mcp-server] [" + (cfg === null ? "" : cfg.server.name) + "/" + (tool === null ? "" : tool.name) + "] [" +
      this.requestId() + "] ";
  }

  /** x-request-id made log-safe (logs.ts logSafe), computed on the first log line of the stream. */
  requestId(): string {
    let r = this.requestIdSafe;
    if (r === null) {
      r = logSafe(this.requestIdRaw);
      this.requestIdSafe = r;
    }
    return r;
  }
}
