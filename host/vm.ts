// The proxy-wasm VM host: load, lifecycle, VM calls with trap handling, http calls.
// Mirrors proxy-wasm-cpp-host src/wasm.cc (load/start/configure) and src/context.cc (callbacks).
import { readFile } from "node:fs/promises";
import { type AbiVersion, checkImports, detectAbi, LOG_LEVEL_NAMES, LogLevel, type LogLevelName, parseLogLevel } from "./abi.js";
import type { HostContext, HttpCall, LogEntry } from "./context.js";
import { buildImports, ProcExit } from "./hostcalls.js";
import { HeaderMap } from "./headers.js";
import { GuestMemory, type Pairs, utf8 } from "./memory.js";
import { Metrics } from "./metrics.js";
import { RootContext } from "./root.js";
import { HttpStream, type StreamOptions } from "./stream.js";
import { envoyLocalReply, type HostOptions } from "./options.js";

export type { HostOptions } from "./options.js";

/** The exports the host calls (all optional except memory and malloc). */
type GuestExports = Record<string, (...args: number[]) => number | undefined> & { memory?: WebAssembly.Memory };

/** A proxy-wasm host for one VM, with Envoy semantics. */
export class Host {
  /** ABI version detected from the proxy_abi_version_* export. */
  readonly abi: AbiVersion;
  /** True after a trap (Envoy FailState::RuntimeError): every later stream gets 503 wasm_fail_stream. */
  failed = false;
  /** The error that failed the VM. */
  failure: unknown = null;
  /** VM instance counter (streams of an older instance are failed). */
  generation = 0;
  private lastReload = Number.NEGATIVE_INFINITY;
  /** @internal */ readonly options: HostOptions;
  /** @internal */ readonly metrics = new Metrics();
  /** @internal */ readonly sharedData = new Map<string, { value: Uint8Array; cas: number }>();
  /** @internal */ tickPeriodMs = 0;
  /** @internal */ memory!: GuestMemory;
  /** @internal */ contexts = new Map<number, HostContext>();
  /** @internal */ root: RootContext | null = null;
  /** @internal set by proxy_send_local_response during the current top-level VM call (cpp-host stopNextIteration) */
  stopNextIteration = false;
  /** @internal current http call response visible through HttpCallResponse* maps and buffer */
  httpCallResponse: { headers: HeaderMap; body: Uint8Array; trailers: HeaderMap } | null = null;
  private exportsObj!: GuestExports;
  private readonly logs: LogEntry[] = [];
  private readonly calls = new Map<number, HttpCall>();
  private nextToken = 1;
  private nextContextId = 1;
  private depth = 0;
  private effectiveId = 0;
  private callerId = 0;
  private afterCall: Array<() => void> = [];
  private pluginConfig = "";

  private constructor(
    private readonly module: WebAssembly.Module,
    abi: AbiVersion,
    options: HostOptions,
  ) {
    this.abi = abi;
    this.options = options;
  }

  /** Compiles and checks a module (imports against Envoy's list, ABI marker), then instantiates it and runs _initialize. */
  static async load(wasm: string | Uint8Array, options: HostOptions = {}): Promise<Host> {
    const bytes = typeof wasm === "string" ? await readFile(wasm) : wasm;
    const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    const abi = detectAbi(WebAssembly.Module.exports(module));
    if (!abi.startsWith("0.")) throw new Error(abi);
    const errors = checkImports(WebAssembly.Module.imports(module), abi as AbiVersion);
    if (errors.length) throw new Error(errors.join("; "));
    const host = new Host(module, abi as AbiVersion, options);
    host.instantiate();
    return host;
  }

  private instantiate(): void {
    const instance = new WebAssembly.Instance(this.module, buildImports(this));
    this.exportsObj = instance.exports as unknown as GuestExports;
    const mem = this.exportsObj.memory;
    const malloc = this.exportsObj.malloc ?? this.exportsObj.proxy_on_memory_allocate;
    if (!(mem instanceof WebAssembly.Memory)) throw new Error("module exports no memory");
    if (typeof malloc !== "function") throw new Error("module exports neither malloc nor proxy_on_memory_allocate");
    this.memory = new GuestMemory(mem, (n) => malloc(n) as number);
    this.failed = false;
    this.failure = null;
    this.generation++;
    this.contexts.clear();
    this.root = null;
    this.callVm("_initialize");
    this.drain();
    if (this.failed) throw new Error(`_initialize failed: ${String(this.failure)}`);
  }

  /**
   * Starts the plugin with `configuration` (proxy_on_context_create → proxy_on_vm_start → proxy_on_configure).
   * A later call reloads the config on a new root context, as Envoy does; a failed VM is re-created first.
   * Returns false when the plugin rejected the configuration (configure returned 0) or trapped.
   */
  startPlugin(configuration: string): boolean {
    if (this.failed) this.instantiate();
    const first = this.root === null;
    const root = new RootContext(this, this.nextContextId++);
    this.contexts.set(root.id, root);
    this.callVm("proxy_on_context_create", root.id, 0);
    if (first) {
      const vmCfg = utf8(this.options.vmConfiguration ?? "");
      const ok = this.callVm("proxy_on_vm_start", root.id, vmCfg.length);
      if (this.failed || ok === 0) return this.rejectRoot(root, "proxy_on_vm_start failed");
    }
    root.pluginConfiguration = utf8(configuration);
    const ok = this.callVm("proxy_on_configure", root.id, root.pluginConfiguration.length);
    root.pluginConfiguration = null;
    this.drain();
    if (this.failed || ok === 0) return this.rejectRoot(root, "proxy_on_configure rejected the configuration");
    const old = this.root;
    this.root = root;
    this.pluginConfig = configuration;
    if (old) this.deleteContext(old.id);
    return true;
  }

  /** Under the "reload" failure policy, re-creates the failed VM with the last accepted config (rate-limited). */
  private maybeReload(): void {
    const policy = this.options.failurePolicy ?? (this.abi === "0.2.100" ? "reload" : "fail_closed");
    if (policy !== "reload" || !this.pluginConfig) return;
    const now = Date.now();
    if (now - this.lastReload < (this.options.reloadBackoffMs ?? 1000)) return;
    this.lastReload = now;
    this.log(LogLevel.Info, "host: wasm vm is crashed, try to recover");
    try {
      this.instantiate();
    } catch (e) {
      this.failed = true;
      this.failure = e;
      return;
    }
    if (!this.startPlugin(this.pluginConfig)) this.log(LogLevel.Error, "host: wasm vm recover failed");
  }

  private rejectRoot(root: RootContext, why: string): boolean {
    this.log(LogLevel.Error, `host: ${why}`, root.id);
    if (!this.failed) this.deleteContext(root.id);
    return false;
  }

  /** @internal proxy_on_done / proxy_on_log / proxy_on_delete for a context. */
  deleteContext(id: number, vmGone = false): void {
    if (!this.failed && !vmGone) {
      this.callVm("proxy_on_done", id);
      this.callVm("proxy_on_log", id);
      this.callVm("proxy_on_delete", id);
      this.drain();
    }
    this.contexts.delete(id);
  }

  /** The configuration the plugin accepted last. */
  get configuration(): string {
    return this.pluginConfig;
  }

  /** The id of the current root context (0 before startPlugin succeeded). */
  get rootContextId(): number {
    return this.root?.id ?? 0;
  }

  /** Creates an HTTP stream (its own context id, parent = root). */
  newHttpStream(options: StreamOptions = {}): HttpStream {
    if (this.failed) this.maybeReload();
    if (!this.root && !this.failed) throw new Error("startPlugin must succeed before newHttpStream");
    const s = new HttpStream(this, this.nextContextId++, options);
    this.contexts.set(s.id, s);
    if (!this.failed) this.callVm("proxy_on_context_create", s.id, this.root!.id);
    return s;
  }

  /** Captured log lines: messages at exactly `level`, or every entry when omitted. */
  getLogs(level?: LogLevelName): string[] {
    if (level === undefined) return this.logs.map((l) => `[${LOG_LEVEL_NAMES[l.level]}] ${l.message}`);
    const n = parseLogLevel(level);
    return this.logs.filter((l) => l.level === n).map((l) => l.message);
  }

  /** Captured log entries with level and context id. */
  getLogEntries(): LogEntry[] {
    return [...this.logs];
  }

  /** Drops the captured logs. */
  clearLogs(): void {
    this.logs.length = 0;
  }

  /** @internal records a log line */
  log(level: number, message: string, contextId = this.effectiveId): void {
    const entry = { level, message, contextId };
    this.logs.push(entry);
    this.options.onLog?.(entry);
  }

  /** Http calls dispatched and not answered yet. */
  getHttpCalls(): HttpCall[] {
    return [...this.calls.values()];
  }

  /** @internal registers a validated http call */
  addHttpCall(call: Omit<HttpCall, "token" | "originContextId">): number {
    const token = this.nextToken++;
    const full: HttpCall = { ...call, token, originContextId: this.callerId };
    this.calls.set(token, full);
    this.afterCall.push(() => this.options.onHttpCall?.(full));
    return token;
  }

  /** Number of unanswered http calls dispatched from stream `id`. */
  pendingCallsOf(id: number): number {
    let n = 0;
    for (const c of this.calls.values()) if (c.originContextId === id) n++;
    return n;
  }

  /** Delivers a response to an http call: proxy_on_http_call_response(root, token, nheaders, bodyLen, ntrailers). */
  respondToHttpCall(
    token: number,
    headers: Pairs | Record<string, string>,
    body: Uint8Array | string = "",
    trailers: Pairs = [],
  ): void {
    const hdrs: Pairs = Array.isArray(headers) ? headers : Object.entries(headers);
    const b = typeof body === "string" ? utf8(body) : body;
    this.deliverHttpCall(token, { headers: hdrs.map(([k, v]) => [k.toLowerCase(), v]), body: b, trailers });
  }

  /**
   * Times an http call out. Envoy's async client runs the router, whose timeout is a local reply: the call gets a
   * 504 *response* "upstream request timeout" (envoy source/common/http/async_client_impl.cc, router.cc onResponseTimeout).
   */
  timeoutHttpCall(token: number): void {
    this.respondToHttpCall(token, envoyLocalReply(504, "upstream request timeout"), "upstream request timeout");
  }

  /** Connection failure of an http call: the router's 503 local reply, delivered as a response. */
  failHttpCall(token: number): void {
    const body = "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
    this.respondToHttpCall(token, envoyLocalReply(503, body), body);
  }

  /** Resets an http call (AsyncClient onFailure, reason Reset): the only case delivered as (token, 0, 0, 0) (envoy context.cc onHttpCallFailure). */
  resetHttpCall(token: number): void {
    this.deliverHttpCall(token, null);
  }

  private deliverHttpCall(token: number, resp: { headers: Pairs; body: Uint8Array; trailers: Pairs } | null): void {
    const call = this.calls.get(token);
    if (!call) throw new Error(`no pending http call with token ${token}`);
    this.calls.delete(token);
    const root = this.root;
    if (!this.failed && root) {
      this.httpCallResponse = {
        headers: new HeaderMap(resp?.headers ?? []),
        body: resp?.body ?? new Uint8Array(0),
        trailers: new HeaderMap(resp?.trailers ?? []),
      };
      this.callerId = call.originContextId;
      this.callVm(
        "proxy_on_http_call_response",
        root.id,
        token,
        resp ? resp.headers.length : 0,
        resp ? resp.body.length : 0,
        resp ? resp.trailers.length : 0,
      );
      this.httpCallResponse = null;
      this.drain();
    }
    this.notifyStreams();
  }

  /** Calls proxy_on_tick on the root context (the tick period set by the plugin is tickPeriodMs). */
  tick(): void {
    if (this.failed || !this.root) return;
    this.callVm("proxy_on_tick", this.root.id);
    this.drain();
  }

  /** Tick period the plugin asked for with proxy_set_tick_period_milliseconds (0 = none). */
  get tickPeriod(): number {
    return this.tickPeriodMs;
  }

  /** Metrics the plugin defined. */
  getMetrics(): Metrics {
    return this.metrics;
  }

  /** @internal context the hostcalls act on (proxy_set_effective_context changes it during a VM call) */
  effective(): HostContext | undefined {
    return this.contexts.get(this.effectiveId);
  }

  /** @internal proxy_set_effective_context */
  setEffective(id: number): boolean {
    if (!this.contexts.has(id)) return false;
    this.effectiveId = id;
    return true;
  }

  /** @internal queues an action to run after the outermost VM call (cpp-host addAfterVmCallAction) */
  queueAfterCall(action: () => void): void {
    this.afterCall.push(action);
  }

  /** @internal runs queued after-call actions */
  drain(): void {
    while (this.afterCall.length && this.depth === 0) {
      const a = this.afterCall.shift()!;
      if (!this.failed) a();
    }
    if (this.failed) this.afterCall = [];
  }

  /** @internal calls an export with `contextId` as the current context; returns its result, or undefined if missing or trapped */
  callVm(name: string, ...args: number[]): number | undefined {
    if (this.failed) return undefined;
    const fn = this.exportsObj[name];
    if (typeof fn !== "function") return undefined;
    const saved = [this.effectiveId, this.callerId];
    if (args.length > 0 && name !== "proxy_on_http_call_response") this.callerId = args[0];
    this.effectiveId = args[0] ?? 0;
    if (this.depth === 0) this.stopNextIteration = false;
    this.depth++;
    try {
      const r = fn(...args.map((a) => a | 0));
      return typeof r === "number" ? r >>> 0 : 0;
    } catch (e) {
      this.fail(e, name);
      return undefined;
    } finally {
      this.depth--;
      [this.effectiveId, this.callerId] = saved;
    }
  }

  private fail(e: unknown, fn: string): void {
    const trap = e instanceof WebAssembly.RuntimeError || e instanceof RangeError || e instanceof ProcExit;
    this.failed = true;
    this.failure = e;
    const msg = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    this.log(LogLevel.Critical, `Function: ${fn} failed: Uncaught ${msg}`);
    if (!trap) this.log(LogLevel.Critical, `host error (not a guest trap): ${(e as Error)?.stack ?? msg}`);
    this.afterCall = [];
    this.notifyStreams();
  }

  /** @internal lets every live stream re-check its state (VM failure, http call delivered) */
  notifyStreams(): void {
    for (const c of [...this.contexts.values()]) if (c instanceof HttpStream) c.onHostEvent();
  }
}
