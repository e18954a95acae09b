// Local gateway: an HTTP server that runs every request through the plugin like Envoy, then forwards
// what the plugin let through to an upstream (see host/README.md "Gateway routing model").
import { resolveCluster } from "./cluster.js";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { LOG_LEVEL_NAMES, LogLevel, type LogLevelName, parseLogLevel } from "./abi.js";
import type { HttpCall, LogEntry } from "./context.js";
import type { Pairs } from "./memory.js";
import type { FlowState, HttpStream } from "./stream.js";
import { HOP_BY_HOP, joinUrl, send, TimeoutError } from "./upstream.js";
import { Host } from "./vm.js";
import { type GatewayVirtualHost, matchRoute } from "./routes.js";

/** Options of startGateway. */
export interface GatewayOptions {
  /** Plugin configuration as JSON text (already converted from YAML). */
  config: string;
  /** Plugin module path. */
  wasm: string;
  /** Listen port (0 = any free port). */
  port?: number;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Authority ("host" or "host:port") → base URL, like an Envoy cluster per virtual host. */
  upstreams?: Record<string, string>;
  /** Higress mode: every request goes to this service whatever :authority says. */
  routeUpstream?: string;
  /**
   * Envoy mode with a route table (e.g. host/routes.ts routeTableFromEnvoy of an envoy.yaml): the request the
   * plugin let through is routed again by its final :authority and :path, as upstream Envoy does; no match → 404.
   */
  routes?: GatewayVirtualHost[];
  /** proxy_http_call clusters: name → base URL. */
  clusters?: Record<string, string>;
  /** Admin port serving /stats/prometheus (undefined = no admin server; 0 = any free port). */
  adminPort?: number;
  /** Minimum level of plugin log lines printed (default info). */
  logLevel?: LogLevelName;
  /** Extra Host header values accepted besides localhost/127.0.0.1/[::1]. */
  allowedHosts?: string[];
  /** Envoy allow_on_headers_stop_iteration. */
  allowOnHeadersStopIteration?: boolean;
  /** After a trap: re-create the VM for new streams (Higress) or fail closed (Envoy); see HostOptions. */
  failurePolicy?: "reload" | "fail_closed";
  /** Where log lines go (default stderr). */
  writeLog?: (line: string) => void;
  /** Clock of proxy_get_current_time_nanoseconds (default: wall clock); tests pass a clock they advance. */
  now?: () => bigint;
}

/** A running gateway. */
export interface Gateway {
  url: string;
  port: number;
  adminUrl?: string;
  adminPort?: number;
  host: Host;
  close(): Promise<void>;
}

/** The plugin rejected its configuration; `lines` are its error log lines. */
export class ConfigRejectedError extends Error {
  constructor(readonly lines: string[]) {
    super(`plugin rejected the configuration:\n${lines.join("\n")}`);
  }
}

/** Loads the plugin, configures it and starts listening. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const write = options.writeLog ?? ((l: string) => process.stderr.write(`${l}\n`));
  const min = parseLogLevel(options.logLevel ?? "info") ?? LogLevel.Info;
  const onLog = (e: LogEntry) => {
    if (e.level >= min) write(`[${LOG_LEVEL_NAMES[e.level]}] ${e.message}`);
  };
  let host!: Host;
  const onHttpCall = (call: HttpCall) => performHttpCall(host, options.clusters ?? {}, call);
  host = await Host.load(options.wasm, {
    clusters: options.clusters ?? {},
    allowOnHeadersStopIteration: options.allowOnHeadersStopIteration,
    failurePolicy: options.failurePolicy,
    logLevel: options.logLevel ?? "info",
    onLog,
    onHttpCall,
    now: options.now,
  });
  if (!host.startPlugin(options.config)) throw new ConfigRejectedError(errorLines(host));
  const server = http.createServer((req, res) => {
    handle(host, options, req, res).catch((e) => {
      write(`[error] gateway: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // Envoy keeps idle downstream connections for an hour (HCM idle_timeout); Node closes them after 5 s,
  // and a client reusing one just as it closes gets ECONNRESET (seen under load with 200 concurrent calls).
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, options.port ?? 8080, options.host ?? "127.0.0.1");
  let admin: http.Server | undefined;
  let adminPort: number | undefined;
  if (options.adminPort !== undefined) {
    admin = http.createServer((req, res) => adminHandler(host, req, res));
    adminPort = await listen(admin, options.adminPort, options.host ?? "127.0.0.1");
  }
  const ticker = host.tickPeriod > 0 ? setInterval(() => host.tick(), host.tickPeriod) : undefined;
  ticker?.unref();
  const hostname = (options.host ?? "127.0.0.1").includes(":") ? `[${options.host}]` : (options.host ?? "127.0.0.1");
  return {
    url: `http://${hostname}:${port}`,
    port,
    host,
    adminPort,
    adminUrl: adminPort !== undefined ? `http://${hostname}:${adminPort}` : undefined,
    close: async () => {
      if (ticker) clearInterval(ticker);
      await Promise.all([close(server), admin ? close(admin) : undefined]);
    },
  };
}

/** Error and critical plugin log lines (host lines only when the plugin logged none). */
export function errorLines(host: Host): string[] {
  const all = [...host.getLogs("error"), ...host.getLogs("critical")];
  const plugin = all.filter((l) => !l.startsWith("host: "));
  return plugin.length ? plugin : all;
}

async function handle(host: Host, o: GatewayOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (!hostAllowed(req.headers.host, o.allowedHosts ?? [])) {
    res.writeHead(403, { "content-type": "text/plain" }).end("forbidden: Host header not allowed (DNS rebinding protection)\n");
    return;
  }
  const body = await readAll(req);
  const trailers = rawPairs(req.rawTrailers);
  const s = host.newHttpStream({
    properties: {
      route_name: "higress-mcp-rest",
      cluster_name: o.routeUpstream ? "route-upstream" : "authority",
      "source.address": `${req.socket.remoteAddress}:${req.socket.remotePort}`,
    },
  });
  try {
    // Trailers (chunked request with a trailer section) end the request instead of the last body chunk.
    s.callOnRequestHeaders(requestPairs(req), body.length === 0 && trailers.length === 0);
    if (body.length > 0) s.callOnRequestBody(body, trailers.length === 0);
    if (trailers.length > 0 && s.requestState === "waiting") s.callOnRequestTrailers(trailers);
    const reqState = await settled(s, () => s.requestState);
    if (reqState === "forwarded") await forward(s, o, req.headers.host ?? "");
    else if (reqState === "stalled")
      return void reply(res, 500, "request stalled in the plugin: it paused the request and never resumed it\n");
    if (s.requestState === "reset") return void res.destroy();
    const respState = await settled(s, () => s.responseState);
    if (respState === "reset") return void res.destroy();
    const out = s.getDownstreamResponse();
    if (respState === "stalled" || !out) return void reply(res, 500, "response stalled in the plugin\n");
    writeResponse(res, out.headers, out.body);
  } finally {
    s.complete();
  }
}

/** Sends the upstream request the plugin let through and runs the response through the plugin. */
async function forward(s: HttpStream, o: GatewayOptions, clientHost: string): Promise<void> {
  const up = s.getUpstreamRequest()!;
  const get = (k: string) => up.headers.find(([n]) => n === k)?.[1] ?? "";
  const authority = get(":authority");
  if (!o.routeUpstream && !o.routes && authority.toLowerCase() === clientHost.toLowerCase()) {
    // The plugin kept the client's own Host (a relative tool URL without server.baseUrl): routing by it
    // would let the client pick the destination (issue 14), so the gateway refuses it: 503. With a route
    // table (Envoy mode) the table decides, as in Envoy; the plugin refuses credentialed relative URLs there.
    const t = Buffer.from("no upstream: the request still carries the client's Host (use server.baseUrl or --route-upstream)");
    s.callOnResponseHeaders(
      [
        [":status", "503"],
        ["content-type", "text/plain"],
        ["content-length", String(t.length)],
      ],
      false,
    );
    s.callOnResponseBody(t, true);
    return;
  }
  const path = get(":path") || "/";
  let base: string;
  if (o.routes && !o.routeUpstream) {
    const route = matchRoute(o.routes, authority, path);
    if (!route) {
      // Envoy's router: no route → 404 with details route_not_found, through the response path.
      s.callOnResponseHeaders(
        [
          [":status", "404"],
          ["content-length", "0"],
        ],
        true,
      );
      return;
    }
    base = route.upstream;
  } else base = targetBase(authority, o);
  const url = joinUrl(base, path);
  // Envoy's router honours x-envoy-upstream-rq-timeout-ms (set by the plugin from limits.backendTimeoutMs)
  // and answers 504 "upstream request timeout" when it expires.
  const timeoutMs = Number(get("x-envoy-upstream-rq-timeout-ms")) || 0;
  // The router consumes the timeout header; the backend does not see it.
  const headers: Pairs = [
    ["host", authority],
    ...up.headers.filter(([k]) => !k.startsWith(":") && k !== "host" && k !== "x-envoy-upstream-rq-timeout-ms"),
  ];
  try {
    // Framed like Envoy's HTTP/1 codec: the plugin's content-length, else chunked unless headers-only.
    const r = await send(url, get(":method") || "GET", headers, up.body, timeoutMs, {
      envoy: true,
      headersOnly: s.req.eosOnHeaders,
      trailers: up.trailers,
    });
    const withTrailers = r.trailers.length > 0;
    s.callOnResponseHeaders([[":status", String(r.status)], ...r.headers], r.body.length === 0 && !withTrailers);
    if (r.body.length > 0) s.callOnResponseBody(r.body, !withTrailers);
    if (withTrailers && s.responseState === "waiting") s.callOnResponseTrailers(r.trailers);
  } catch (e) {
    if (e instanceof TimeoutError) {
      const t = Buffer.from("upstream request timeout");
      s.callOnResponseHeaders(
        [
          [":status", "504"],
          ["content-type", "text/plain"],
          ["content-length", String(t.length)],
        ],
        false,
      );
      s.callOnResponseBody(t, true);
      return;
    }
    // Envoy: 503 "upstream connect error or disconnect/reset before headers", details upstream_reset_before_response_started
    const msg = Buffer.from("upstream connect error or disconnect/reset before headers. reset reason: connection failure");
    s.callOnResponseHeaders(
      [
        [":status", "503"],
        ["content-type", "text/plain"],
        ["content-length", String(msg.length)],
      ],
      false,
    );
    s.callOnResponseBody(msg, true);
  }
}

/** Picks the upstream base URL: --route-upstream, else --upstream by authority, else the authority itself. */
export function targetBase(authority: string, o: Pick<GatewayOptions, "routeUpstream" | "upstreams">): string {
  if (o.routeUpstream) return o.routeUpstream;
  const map = o.upstreams ?? {};
  const hostOnly = authority.replace(/:\d+$/, "");
  if (map[authority]) return map[authority];
  if (map[hostOnly]) return map[hostOnly];
  const port = /:(\d+)$/.exec(authority)?.[1];
  return `${port === "443" ? "https" : "http"}://${authority}`;
}

/** Performs a proxy_http_call against its cluster and delivers the result (timeout/reset → empty response). */
function performHttpCall(host: Host, clusters: Record<string, string>, call: HttpCall): void {
  const get = (k: string) => call.headers.find(([n]) => n === k)?.[1] ?? "";
  const url = joinUrl(resolveCluster(clusters, call.cluster) ?? "", get(":path"));
  const headers: Pairs = [["host", get(":authority")], ...call.headers.filter(([k]) => !k.startsWith(":"))];
  send(url, get(":method"), headers, call.body, call.timeoutMs).then(
    (r) => host.respondToHttpCall(call.token, [[":status", String(r.status)], ...r.headers], r.body),
    // Envoy: timeout → 504 response, connection failure or reset before headers → 503 response (router local
    // replies, delivered as responses); only a reset of the async stream itself is (token, 0, 0, 0).
    (e) => (e instanceof TimeoutError ? host.timeoutHttpCall(call.token) : host.failHttpCall(call.token)),
  );
}

/** DNS-rebinding protection: the Host header must name loopback or an allowed host. */
export function hostAllowed(hostHeader: string | undefined, allowed: string[]): boolean {
  if (!hostHeader) return false;
  const h = hostHeader.toLowerCase();
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.replace(/:\d*$/, "");
  return (
    ["localhost", "127.0.0.1", "[::1]"].includes(name) ||
    allowed.map((a) => a.toLowerCase()).includes(name) ||
    allowed.map((a) => a.toLowerCase()).includes(h)
  );
}

function rawPairs(raw: string[]): Pairs {
  const out: Pairs = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i].toLowerCase(), raw[i + 1]]);
  return out;
}

function requestPairs(req: http.IncomingMessage): Pairs {
  const pairs: Pairs = [
    [":method", req.method ?? "GET"],
    [":path", req.url ?? "/"],
    [":authority", req.headers.host ?? ""],
    [":scheme", "http"],
  ];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const k = req.rawHeaders[i].toLowerCase();
    if (k !== "host" && !HOP_BY_HOP.has(k)) pairs.push([k, req.rawHeaders[i + 1]]);
  }
  return pairs;
}

function writeResponse(res: http.ServerResponse, headers: Pairs, body: Uint8Array): void {
  const status = Number(headers.find(([k]) => k === ":status")?.[1] ?? "200");
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of headers) {
    if (k.startsWith(":") || HOP_BY_HOP.has(k) || k === "content-length") continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  out["content-length"] = String(body.length);
  res.writeHead(status, out).end(Buffer.from(body));
}

function reply(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain", "content-length": String(Buffer.byteLength(text)) }).end(text);
}

function adminHandler(host: Host, req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/stats/prometheus") {
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(host.getMetrics().toPrometheus());
  } else if (req.method === "GET" && path === "/ready") {
    reply(res, host.failed ? 503 : 200, host.failed ? "VM failed\n" : "LIVE\n");
  } else {
    reply(res, 404, "not found\n");
  }
}

/** Resolves when `state()` is no longer "waiting". */
function settled(s: HttpStream, state: () => FlowState): Promise<FlowState> {
  return new Promise((resolve) => {
    const check = () => {
      const st = state();
      if (st === "waiting") return false;
      off();
      resolve(st);
      return true;
    };
    const off = s.onChange(() => void check());
    check();
  });
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
