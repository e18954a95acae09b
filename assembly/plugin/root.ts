// The plugin's root context: parses and validates the configuration once per
// proxy_on_configure (rejecting it on any error), and creates stream filters,
// handing each the VM's shared services (services.ts).
import { RootContext, HttpContext, streamById } from "../proxy/context";
import { getBufferBytes, getBufferString, log, setEffectiveContext } from "../proxy/host";
import { BUFFER_PLUGIN_CONFIGURATION, BUFFER_VM_CONFIGURATION, LOG_ERROR, LOG_INFO, LOG_WARN } from "../proxy/enums";
import { PluginConfig, RuleConfig, Tool } from "../config/types";
import { ConfigResult, parseRootConfig } from "../config/parse";
import { explainConfig } from "../config/explain";
import { McpFilter } from "./filter";
import { Services } from "./services";

/** Root context of the MCP plugin. */
export class McpRoot extends RootContext {
  services: Services = new Services();
  /** VM configuration "explain" (`higress-mcp-rest validate --explain`): log each tool's call plan on configure. */
  explain: bool = false;

  onVmStart(vmConfigSize: u32): bool {
    if (vmConfigSize > 0 && vmConfigSize <= 64) {
      this.explain = String.UTF8.decode(getBufferBytes(BUFFER_VM_CONFIGURATION, 0, vmConfigSize)).trim() == "explain";
    }
    return true;
  }

  onConfigure(size: u32): bool {
    const metrics = this.services.metrics;
    metrics.define();
    // Parsed in a helper: the config text (UTF-8 and UTF-16) is then off this frame's shadow stack, so the
    // __collect() below frees it (2.2 MiB for a 1,000-tool config) instead of keeping it to the next cycle.
    const r = readConfig(size);
    for (let i = 0; i < r.warnings.length; i++) log(LOG_WARN, "[mcp-server] config warning: " + unchecked(r.warnings[i]));
    if (!r.ok || r.config === null) {
      for (let i = 0; i < r.errors.length; i++) log(LOG_ERROR, "[mcp-server] config: " + unchecked(r.errors[i]));
      if (r.errors.length == 0) log(LOG_ERROR, "[mcp-server] config: invalid configuration");
      metrics.configRejected();
      return false;
    }
    const cfg = r.config!;
    this.services.config = cfg;
    metrics.defineConfig(cfg);
    metrics.configLoaded();
    let tools = 0;
    const g = cfg.global;
    if (g !== null) {
      tools = g.tools.length;
      warnPassthrough(g.server.name, g.tools.length, passthroughCount(g.tools));
    }
    if (this.explain) explainAll(cfg.global, cfg.rules);
    __collect(); // parsing garbage: free it before traffic (configure is rare; memory never shrinks)
    log(LOG_INFO, "[mcp-server] configured: " + tools.toString() + " tools, " + cfg.rules.length.toString() + " rules");
    return true;
  }

  /** A token endpoint answered: resume (or refuse) every call waiting for that token. */
  onHttpCallResponse(token: u32, headerCount: u32, bodySize: u32): void {
    const tokens = this.services.tokens;
    if (!tokens.owns(token)) return;
    const c = tokens.complete(token, headerCount, bodySize);
    for (let i = 0; i < c.waiters.length; i++) {
      const id = unchecked(c.waiters[i]);
      const s = streamById(id);
      if (s === null || !(s instanceof McpFilter)) continue; // client went away
      setEffectiveContext(id);
      const f = <McpFilter>s;
      if (c.ok) f.tokenReady(c.token);
      else f.tokenFailed(c.error);
    }
  }

  createHttpContext(id: u32): HttpContext {
    return new McpFilter(id, this, this.services);
  }
}

/** Read the plugin configuration from the host and parse it (the text is dead when this returns). */
function readConfig(size: u32): ConfigResult {
  return parseRootConfig(getBufferString(BUFFER_PLUGIN_CONFIGURATION, 0, size));
}

function passthroughCount(tools: Tool[]): i32 {
  let n = 0;
  for (let i = 0; i < tools.length; i++) {
    const s = unchecked(tools[i]).security;
    // token exchange forwards a token issued for the backend, not the client's
    if (s !== null && s.passthrough && s.passthroughMode != "exchange") n++;
  }
  return n;
}

function warnPassthrough(server: string, total: i32, n: i32): void {
  if (n == 0) return;
  log(LOG_WARN, "[mcp-server] [" + server + "] " + n.toString() + " of " + total.toString() +
    " tools pass the client's credential through to the backend; see README \"Credential passthrough\"");
}

/** One info line per line of each config's plan (credential sources, never values): global first, then rules. */
function explainAll(g: PluginConfig | null, rules: RuleConfig[]): void {
  if (g !== null) explainLines("", explainConfig(g));
  for (let i = 0; i < rules.length; i++) explainLines("_rules_[" + i.toString() + "] ", explainConfig(unchecked(rules[i]).config));
}

function explainLines(prefix: string, text: string): void {
  let from = 0;
  while (from < text.length) {
    let end = text.indexOf("\n", from);
    if (end < 0) end = text.length;
    log(LOG_INFO, "[mcp-server] explain: " + prefix + text.substring(from, end));
    from = end + 1;
  }
}
