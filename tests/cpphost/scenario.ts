// Scenarios as data: one JSON format for a stream (config, request headers, body chunks, trailers,
// backend response, http-call answers) and what is observable. `plan()` turns a scenario into the
// plan both hosts run; `runNode()` runs it through host/ (the Node host), `runCpp()` through the
// cpp-host driver (tests/cpphost/driver), and both return the same `Observed` shape.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Host } from "../../host/vm.js";

/** Repository root (this file runs from dist/tests/cpphost). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export type Pairs = Array<[string, string]>;
/** The release builds: higress.wasm (ABI 0_2_100), envoy.wasm (0_2_1) without and with allow_on_headers_stop_iteration. */
export const BUILDS = {
  higress: { wasm: "build/higress.wasm", allow: false },
  envoy: { wasm: "build/envoy.wasm", allow: false },
  "envoy-allow": { wasm: "build/envoy.wasm", allow: true },
} as const;
export type BuildName = keyof typeof BUILDS;

/** An http-call answer, used in dispatch order. */
/** Envoy delivers a timeout (504) and a connection failure ("fail", 503) as the router's local reply, a reset as (token, 0, 0, 0). */
export type CallAnswer =
  | { kind: "respond"; status?: number; headers?: Record<string, string>; body?: string; json?: unknown }
  | { kind: "timeout" }
  | { kind: "fail" }
  | { kind: "reset" };

/** One scenario of a tests/cpphost/scenarios/*.json file. */
export interface Scenario {
  name: string;
  /** Name of an entry of the file's "configs", or an inline config object. */
  config: string | object;
  builds?: BuildName[];
  /** Run a scripted test guest (build/guests/<name>.wasm, tests/fixtures/guests) instead of the plugin; default build: higress. */
  guest?: "guest_0_2_100" | "guest_0_2_1" | "guest_trailers_0_2_100" | "guest_trailers_0_2_1";
  clusters?: string[];
  properties?: Record<string, string>;
  request: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    json?: unknown;
    body?: string;
    /** split the body into this many chunks (default 1) */
    chunks?: number;
    /** request trailers: they end the request (the body callback sees no end_of_stream; proxy_on_request_trailers runs) */
    trailers?: Record<string, string>;
  };
  calls?: CallAnswer[];
  /** proxy_on_tick calls on the root context after the http-call answers (timers). */
  ticks?: number;
  response?: {
    status?: number;
    headers?: Record<string, string>;
    body?: string;
    json?: unknown;
    chunks?: number;
    trailers?: Record<string, string>;
  };
  /** Reason the scenario is not run yet (e.g. trailers). */
  pending?: string;
  expect: Expect;
  /**
   * Expected result on envoy.wasm without allow_on_headers_stop_iteration, where Envoy turns the
   * plugin's header StopIteration into StopAll and a request with a body or trailers stalls (default
   * for such a request); "same" when the plugin decides on the headers.
   */
  envoy?: "same" | Expect;
}

/** A stalled stream: nothing reaches the backend or the client. */
export const STALLED: Expect = { configOk: true, requestState: "stalled", upstream: null, local: null, downstream: null };

/** The expected result of `s` on `build`. */
export function expected(s: Scenario, build: BuildName): Expect {
  if (build !== "envoy" || s.envoy === "same" || s.expect.configOk === false) return s.expect;
  if (s.envoy) return s.envoy;
  const hasBody = s.request.json !== undefined || !!s.request.body || !!s.request.trailers;
  return hasBody ? STALLED : s.expect;
}

/** Expected result (every key optional; see check()). */
export interface Expect {
  configOk?: boolean;
  requestState?: string;
  local?: null | { status?: number; details?: string; bodyContains?: string };
  /** `trailers`: trailers passed on (partial match); null = no trailer passed on (none, or the map emptied by the plugin). */
  upstream?: null | {
    method?: string;
    path?: string;
    authority?: string;
    headers?: Record<string, string | null>;
    body?: string;
    json?: unknown;
    bodyContains?: string;
    trailers?: null | Record<string, string>;
  };
  downstream?: null | {
    status?: number;
    headers?: Record<string, string | null>;
    json?: unknown;
    bodyContains?: string;
    trailers?: null | Record<string, string>;
  };
  calls?: Array<{
    cluster?: string;
    method?: string;
    path?: string;
    headers?: Record<string, string | null>;
    bodyContains?: string;
  }>;
  metrics?: Record<string, number>;
  logsContain?: string[];
  /** A message cpp-host must report (trap, failure); otherwise it must report none. */
  hostError?: string;
  /** Strings that must appear neither in the response to the client (local reply included) nor in the logs. */
  absent?: string[];
}

/** The plan both hosts run (also the driver's input). */
export interface Plan {
  wasm: string;
  config: string;
  allowStopIteration: boolean;
  nowMs: number;
  clusters: string[];
  properties: Record<string, string>;
  request: { headers: Pairs; chunks: string[]; trailers: Pairs | null };
  calls: Array<{ kind: string; headers?: Pairs; body?: string }>;
  ticks: number;
  response: { headers: Pairs; chunks: string[]; trailers: Pairs | null } | null;
}

/** A message passed on; `trailers` only when trailers were passed on. */
export interface Message {
  headers: Pairs;
  body: string;
  complete: boolean;
  trailers?: Pairs;
}
/** What both hosts report. */
export interface Observed {
  configOk: boolean;
  requestState?: string;
  responseState?: string;
  upstream?: Message | null;
  downstream?: Message | null;
  local?: { status: number; details: string; headers: Pairs; body: string } | null;
  statuses: Array<[string, number | null]>;
  calls: Array<{ cluster: string; headers: Pairs; body: string; timeout: number }>;
  pendingCalls: number;
  metrics: Record<string, number | { count: number; sum: number }>;
  logs: Array<[number, string]>;
  /** VM calls that failed (trap), from the host's own report: "Function: <name> failed: …" (engine-specific rest dropped). */
  failures: string[];
}

const FAILURE = /^Function: (\S+) failed: /;
/** The driver's extra output (Envoy's multi-VM view). */
export interface CppObserved extends Omit<Observed, "failures"> {
  canaryLogs: Array<[number, string]>;
  canaryMetrics: Record<string, number | object>;
  hostErrors: string[];
}

/** `<<repeat:TEXT:N>>` in a body expands to TEXT repeated N times (large bodies as data). */
function expand(s: string): string {
  return s.replace(/<<repeat:([^:]*):(\d+)>>/g, (_m, t: string, n: string) => t.repeat(Number(n)));
}

function split(body: string, n: number): string[] {
  if (body === "") return [];
  const parts = Math.max(1, Math.min(n, body.length));
  const size = Math.ceil(body.length / parts);
  const out: string[] = [];
  for (let i = 0; i < body.length; i += size) out.push(body.slice(i, i + size));
  return out;
}

/** Builds the plan of `s` for `build`; `configs` are the file's named configs. */
export function plan(s: Scenario, build: BuildName, configs: Record<string, object>): Plan {
  const cfg = typeof s.config === "string" ? configs[s.config] : s.config;
  if (!cfg) throw new Error(`${s.name}: unknown config ${String(s.config)}`);
  const r = s.request;
  const body = expand(r.json !== undefined ? JSON.stringify(r.json) : (r.body ?? ""));
  const headers: Pairs = [
    [":method", r.method ?? "POST"],
    [":path", r.path ?? "/mcp"],
    [":authority", "localhost:8080"],
    [":scheme", "http"],
  ];
  const extra = { "content-type": "application/json", accept: "application/json, text/event-stream", ...(r.headers ?? {}) };
  for (const [k, v] of Object.entries(extra)) if (v !== "") headers.push([k.toLowerCase(), v]);
  if (body) headers.push(["content-length", String(Buffer.byteLength(body))]);
  let response: Plan["response"] = null;
  if (s.response) {
    const rb = expand(s.response.json !== undefined ? JSON.stringify(s.response.json) : (s.response.body ?? ""));
    const rh: Pairs = [[":status", String(s.response.status ?? 200)]];
    const rx = { "content-type": "application/json", ...(s.response.headers ?? {}) };
    for (const [k, v] of Object.entries(rx)) rh.push([k.toLowerCase(), v]);
    rh.push(["content-length", String(Buffer.byteLength(rb))]);
    response = { headers: rh, chunks: split(rb, s.response.chunks ?? 1), trailers: pairs(s.response.trailers) };
  }
  return {
    wasm: path.join(ROOT, s.guest ? `build/guests/${s.guest}.wasm` : BUILDS[build].wasm),
    config: JSON.stringify(cfg),
    allowStopIteration: BUILDS[build].allow,
    nowMs: 1_700_000_000_000,
    clusters: s.clusters ?? [],
    properties: s.properties ?? {},
    request: { headers, chunks: split(body, r.chunks ?? 1), trailers: pairs(r.trailers) },
    calls: (s.calls ?? []).map((a) =>
      a.kind !== "respond"
        ? { kind: a.kind }
        : {
            kind: "respond",
            headers: [
              [":status", String(a.status ?? 200)],
              ...Object.entries({ "content-type": "application/json", ...(a.headers ?? {}) }),
            ] as Pairs,
            body: a.json !== undefined ? JSON.stringify(a.json) : (a.body ?? ""),
          },
    ),
    ticks: s.ticks ?? 0,
    response,
  };
}

const pairs = (o: Record<string, string> | undefined): Pairs | null =>
  o ? Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]) : null;
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b ?? new Uint8Array(0));
const copy = (p: Pairs): Pairs => p.map(([k, v]) => [k, v] as [string, string]);
const msg = (m: { headers: Pairs; body: Uint8Array; complete: boolean; trailers?: Pairs } | null): Message | null =>
  m && {
    headers: copy(m.headers),
    body: text(m.body),
    complete: m.complete,
    ...(m.trailers ? { trailers: copy(m.trailers) } : {}),
  };

/** Runs a plan through the Node host (host/), the same steps as the driver's main.cc. */
export async function runNode(p: Plan): Promise<Observed> {
  const calls: Observed["calls"] = [];
  const host = await Host.load(p.wasm, {
    allowOnHeadersStopIteration: p.allowStopIteration,
    logLevel: "trace",
    clusters: Object.fromEntries(p.clusters.map((c) => [c, "http://127.0.0.1:9"])),
    properties: p.properties,
    now: () => BigInt(p.nowMs) * 1_000_000n,
    onHttpCall: (c) => calls.push({ cluster: c.cluster, headers: c.headers, body: text(c.body), timeout: c.timeoutMs }),
  });
  const out: Observed = {
    configOk: host.startPlugin(p.config),
    statuses: [],
    calls,
    pendingCalls: 0,
    metrics: {},
    logs: [],
    failures: [],
  };
  if (out.configOk) {
    const s = host.newHttpStream();
    const n = p.request.chunks.length;
    const rt = p.request.trailers;
    out.statuses.push(["request_headers", s.callOnRequestHeaders(p.request.headers, n === 0 && !rt)]);
    p.request.chunks.forEach((c, i) => out.statuses.push(["request_body", s.callOnRequestBody(c, i + 1 === n && !rt) ?? null]));
    if (rt) out.statuses.push(["request_trailers", s.callOnRequestTrailers(rt) ?? null]);
    for (const a of p.calls) {
      const pending = host.getHttpCalls().sort((x, y) => x.token - y.token);
      if (!pending.length) break;
      const t = pending[0].token;
      if (a.kind === "respond") host.respondToHttpCall(t, a.headers!, a.body ?? "");
      else if (a.kind === "timeout") host.timeoutHttpCall(t);
      else if (a.kind === "fail") host.failHttpCall(t);
      else host.resetHttpCall(t);
    }
    for (let t = 0; t < p.ticks; t++) host.tick();
    if (p.response && !s.getLocalResponse() && s.getUpstreamRequest()?.complete) {
      const rn = p.response.chunks.length;
      const tt = p.response.trailers;
      out.statuses.push(["response_headers", s.callOnResponseHeaders(p.response.headers, rn === 0 && !tt)]);
      p.response.chunks.forEach((c, i) =>
        out.statuses.push(["response_body", s.callOnResponseBody(c, i + 1 === rn && !tt) ?? null]),
      );
      if (tt) out.statuses.push(["response_trailers", s.callOnResponseTrailers(tt) ?? null]);
    }
    out.requestState = s.requestState;
    out.responseState = s.responseState;
    s.complete();
    out.upstream = msg(s.getUpstreamRequest());
    const l = s.getLocalResponse();
    out.local = l && { status: l.status, details: l.details, headers: copy(l.headers), body: text(l.body) };
    out.downstream = msg(s.getDownstreamResponse());
  }
  out.pendingCalls = host.getHttpCalls().length;
  for (const m of host.getMetrics().list()) {
    out.metrics[m.name] = m.type === 2 ? { count: m.count, sum: m.sum } : Number(m.value);
  }
  const entries = host.getLogEntries().filter((e) => !e.message.startsWith("host: "));
  out.failures = entries.filter((e) => e.level === 5 && FAILURE.test(e.message)).map((e) => FAILURE.exec(e.message)![1]);
  out.logs = entries.filter((e) => !(e.level === 5 && FAILURE.test(e.message))).map((e) => [e.level, e.message]);
  return out;
}

/** The driver's JSON is its last output line (WAMR prints trap call stacks on stdout before it). */
function lastLine(stdout: string): unknown {
  const lines = stdout.trimEnd().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

/** Runs a plan through the cpp-host driver binary. */
export function runCpp(driver: string, p: Plan): Promise<CppObserved> {
  const dir = mkdtempSync(path.join(tmpdir(), "cpphost-"));
  const file = path.join(dir, "plan.json");
  writeFileSync(file, JSON.stringify(p));
  return new Promise((resolve, reject) => {
    execFile(driver, ["run", file], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`driver failed: ${err.message} ${stderr}`));
      resolve(lastLine(stdout) as CppObserved);
    });
  });
}

/** Loads a module in the driver without running a stream (negative guests). */
export function loadCpp(driver: string, wasm: string): Promise<{ ok: boolean; hostErrors: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(driver, ["load", wasm], (err, stdout, stderr) => {
      if (err) return reject(new Error(`driver failed: ${err.message} ${stderr}`));
      resolve(lastLine(stdout) as { ok: boolean; hostErrors: string[] });
    });
  });
}

/**
 * The Envoy-view output made comparable with the single-VM Node host: Envoy runs configure on the
 * canary VM and again on the worker VM, both against one stats store and one log sink, so counters
 * bumped by configure (config_reloads) count twice there; the canary's part is removed here.
 */
export function comparable(o: CppObserved): Observed {
  const metrics: Observed["metrics"] = {};
  for (const [k, v] of Object.entries(o.metrics)) {
    const c = o.canaryMetrics[k];
    metrics[k] = o.configOk && typeof v === "number" && typeof c === "number" ? v - c : v;
  }
  const { canaryLogs: _l, canaryMetrics: _m, hostErrors, ...rest } = o;
  const failures = hostErrors.filter((e) => FAILURE.test(e)).map((e) => FAILURE.exec(e)![1]);
  return { ...rest, metrics, failures };
}

/** Reads a scenario file. */
export function readScenarios(file: string): { configs: Record<string, object>; scenarios: Scenario[] } {
  const raw = JSON.parse(readFileSync(file, "utf8")) as {
    configs?: Record<string, object | { file: string }>;
    scenarios: Scenario[];
  };
  const configs: Record<string, object> = {};
  for (const [k, v] of Object.entries(raw.configs ?? {})) {
    configs[k] = "file" in v && typeof v.file === "string" ? JSON.parse(readFileSync(path.join(ROOT, v.file), "utf8")) : v;
  }
  return { configs, scenarios: raw.scenarios };
}
