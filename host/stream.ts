// An HTTP stream through the filter, with Envoy semantics (envoy source/extensions/common/wasm/context.cc
// decodeHeaders/decodeData/encodeHeaders/encodeData; proxy-wasm-cpp-host src/context.cc status conversion).
import {
  BufferType, FilterDataStatus, FilterHeadersStatus, FilterTrailersStatus, LogLevel, MapType, StreamType, WasmResult,
} from "./abi.js";
import type { BufferRef, HostContext, LocalResponse } from "./context.js";
import { Direction } from "./direction.js";
import { HeaderMap } from "./headers.js";
import { fromUtf8, type Pairs, utf8 } from "./memory.js";
import {
  HIGRESS_CLEAR_ROUTE_CACHE, HIGRESS_DECODER_BUFFER_LIMIT, HIGRESS_ENCODER_BUFFER_LIMIT, lookupProperty, type PropertyValues,
} from "./properties.js";
import { localReplyHeaders, streamBuiltins } from "./stream_util.js";
import type { Host } from "./vm.js";

/** Options of Host.newHttpStream. */
export interface StreamOptions {
  /** Per-stream properties (e.g. route_name, cluster_name, source.address). */
  properties?: PropertyValues;
}

/** Where the request stands: still in the filter, passed upstream, answered locally, stuck, or reset. */
export type FlowState = "waiting" | "forwarded" | "local_reply" | "stalled" | "reset";

/** What the client receives (or the upstream receives, for requests). */
export interface Message {
  headers: Pairs;
  body: Uint8Array;
  complete: boolean;
  /** Trailers passed on (absent: none). */
  trailers?: Pairs;
}

type HeadersInput = Pairs | Record<string, string>;
type BodyInput = Uint8Array | string;

/** One HTTP stream: its own context id; drive it with the call* verbs, inspect it with get*. */
export class HttpStream implements HostContext {
  /** Request side (decoder). */
  readonly req: Direction;
  /** Response side (encoder). */
  readonly resp: Direction;
  /** Higress clear_route_cache (true unless the plugin set it to "off"). */
  clearRouteCache = true;
  private local: LocalResponse | null = null;
  /** The local reply was sent in the response phase. */
  private localInResponse = false;
  /** The local reply goes straight to the client (not through this filter's response callbacks). */
  private localDirect = false;
  private localRequested = false;
  private reset = false;
  private done = false;
  private readonly props = new Map<string, Uint8Array>();
  private listeners: Array<() => void> = [];

  /** VM instance this stream was created in (Host.generation). */
  private readonly generation: number;

  constructor(private readonly host: Host, readonly id: number, private readonly options: StreamOptions) {
    this.generation = host.generation;
    this.req = new Direction(host.options.bufferLimit);
    this.resp = new Direction(host.options.bufferLimit);
  }

  /** Runs proxy_on_request_headers; returns the header status after Envoy's conversion (StopIteration → StopAll). */
  callOnRequestHeaders(headers: HeadersInput, endOfStream = false): number {
    return this.onHeaders(this.req, "proxy_on_request_headers", headers, endOfStream);
  }

  /** Runs proxy_on_request_body with the accumulated body (held instead while headers are in StopAll). */
  callOnRequestBody(body: BodyInput, endOfStream = false): number | undefined {
    return this.onBody(this.req, "proxy_on_request_body", body, endOfStream);
  }

  /** Runs proxy_on_response_headers (skipped if the request was answered by a response-phase local reply). */
  callOnResponseHeaders(headers: HeadersInput, endOfStream = false): number {
    return this.onHeaders(this.resp, "proxy_on_response_headers", headers, endOfStream);
  }

  /** Runs proxy_on_response_body with the accumulated body. */
  callOnResponseBody(body: BodyInput, endOfStream = false): number | undefined {
    return this.onBody(this.resp, "proxy_on_response_body", body, endOfStream);
  }

  /**
   * Request trailers (HTTP/2, gRPC, HTTP/1 chunked with trailers): they end the request. Runs
   * proxy_on_request_trailers (a module without it gets Continue, cpp-host `onRequestTrailers`); Continue
   * resumes a stopped filter and passes headers, held body and trailers on (Envoy filter manager
   * `commonHandleAfterTrailersCallback`). The body callback never saw end_of_stream.
   */
  callOnRequestTrailers(trailers: HeadersInput): number | undefined {
    return this.onTrailers(this.req, "proxy_on_request_trailers", trailers);
  }

  /** Response trailers: as callOnRequestTrailers, with proxy_on_response_trailers. */
  callOnResponseTrailers(trailers: HeadersInput): number | undefined {
    return this.onTrailers(this.resp, "proxy_on_response_trailers", trailers);
  }

  /** Ends the stream: proxy_on_done, proxy_on_log, proxy_on_delete. */
  complete(): void {
    if (this.done) return;
    this.done = true;
    this.req.freeze();
    this.resp.freeze();
    this.host.deleteContext(this.id, this.vmFailed);
  }

  /** Current request headers as the filter left them. */
  getRequestHeaders(): Pairs {
    return this.req.headers.toPairs();
  }

  /** Current response headers as the filter left them. */
  getResponseHeaders(): Pairs {
    return this.resp.headers.toPairs();
  }

  /** Request body: the part passed upstream plus the part still held. */
  getRequestBody(): Uint8Array {
    return concatAll([this.req.sentBytes(), this.req.pending]);
  }

  /** Response body: the part passed downstream plus the part still held. */
  getResponseBody(): Uint8Array {
    return concatAll([this.resp.sentBytes(), this.resp.pending]);
  }

  /** The local reply the plugin sent (or the host's 503 wasm_fail_stream / 413), or null. */
  getLocalResponse(): LocalResponse | null {
    return this.local;
  }

  /** What the upstream receives: headers and body let through, or null while the headers are held. */
  getUpstreamRequest(): Message | null {
    if (this.local || !this.req.headersSent) return null;
    return withTrailers({ headers: this.req.sentHeaders!, body: this.req.sentBytes(), complete: this.req.outputEnded }, this.req.sentTrailers);
  }

  /** What the client receives: the response let through (a local reply included), or null. */
  getDownstreamResponse(): Message | null {
    if (this.local && this.localDirect) {
      return { headers: localReplyHeaders(this.local), body: this.local.body, complete: true };
    }
    if (!this.resp.headersSent) return null;
    return withTrailers({ headers: this.resp.sentHeaders!, body: this.resp.sentBytes(), complete: this.resp.outputEnded }, this.resp.sentTrailers);
  }

  /** Request progress: waiting (in the filter), forwarded, local_reply, stalled (never resumed), reset. */
  get requestState(): FlowState {
    if (this.reset) return "reset";
    if (this.local && !this.localInResponse) return "local_reply";
    if (this.req.outputEnded) return "forwarded";
    return this.stalledOr(this.req);
  }

  /** Response progress, same states; "forwarded" = complete response passed to the client. */
  get responseState(): FlowState {
    if (this.reset) return "reset";
    if (this.local && this.localDirect) return "local_reply";
    if (this.resp.outputEnded) return "forwarded";
    return this.stalledOr(this.resp);
  }

  private stalledOr(d: Direction): FlowState {
    // proxy_http_call belongs to the root context (Envoy): any pending call's response may resume any paused
    // stream (e.g. calls waiting on a shared OAuth2 token fetch), so only a VM with no pending call is stalled.
    // A failed VM resumes nothing: Envoy leaves such a stream waiting until its idle timeout.
    if (this.vmFailed) return d.inputEnded ? "stalled" : "waiting";
    return d.inputEnded && this.host.getHttpCalls().length === 0 ? "stalled" : "waiting";
  }

  /** Registers a listener called after every state change (used by the gateway). */
  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * The VM this stream runs in has failed: the host's VM trapped, or it was re-created since this stream began
   * (Higress recreates a failed VM for new streams; streams of the old VM keep failing).
   */
  get vmFailed(): boolean {
    return this.host.failed || this.generation !== this.host.generation;
  }

  /** @internal the host reports a VM failure or a delivered http call */
  onHostEvent(): void {
    this.notify();
  }

  // ---- HostContext (hostcalls) ----

  /** Request/response headers while the filter may see them; null (BadArgument) otherwise. */
  getMap(type: MapType): HeaderMap | null {
    if (type === MapType.RequestHeaders) return this.req.headersAvailable ? this.req.headers : null;
    if (type === MapType.ResponseHeaders) return this.resp.headersAvailable ? this.resp.headers : null;
    if (type === MapType.RequestTrailers) return this.req.trailersAvailable ? this.req.trailers : null;
    if (type === MapType.ResponseTrailers) return this.resp.trailersAvailable ? this.resp.trailers : null;
    return null;
  }

  /** Request/response body while the filter may see it; null (NotFound) otherwise. */
  getBuffer(type: BufferType): BufferRef | null {
    if (type === BufferType.HttpRequestBody) return this.req.bodyAvailable ? this.req.bodyRef() : null;
    if (type === BufferType.HttpResponseBody) return this.resp.bodyAvailable ? this.resp.bodyRef() : null;
    if (type === BufferType.VmConfiguration) return this.host.root?.getBuffer(type) ?? null;
    return null;
  }

  /** Set properties, stream options, host options, then values derived from the request. */
  getProperty(path: string[]): Uint8Array | undefined {
    const key = path.join(".");
    return this.props.get(key) ?? lookupProperty(key, this.options.properties, this.host.options.properties,
      streamBuiltins(this.req.headers, this.resp.headers, this.host.rootContextId));
  }

  /** Stores a property; the Higress ones change behaviour (route cache, buffer limits). */
  setProperty(path: string[], value: Uint8Array): WasmResult {
    const key = path.join(".");
    const text = fromUtf8(value);
    // Higress's Envoy fork: both properties set ONE per-stream limit (FilterManager::setBufferLimit; the last
    // write wins for requests and responses alike). Upstream Envoy (ABI 0_2_0/0_2_1 here) has no such
    // properties: the limit stays the listener's per_connection_buffer_limit_bytes (option bufferLimit).
    if ((key === HIGRESS_DECODER_BUFFER_LIMIT || key === HIGRESS_ENCODER_BUFFER_LIMIT) && this.host.abi === "0.2.100") {
      const n = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) return WasmResult.BadArgument;
      this.req.limit = this.resp.limit = n;
    }
    if (key === HIGRESS_CLEAR_ROUTE_CACHE) this.clearRouteCache = text !== "off";
    this.props.set(key, value);
    return WasmResult.Ok;
  }

  /** Records a local reply; the filter stops whatever it returns; sent after the VM call. */
  sendLocalResponse(reply: LocalResponse): WasmResult {
    if (this.localRequested || this.reset || this.done) return WasmResult.BadArgument;
    const inResponse = this.resp.started;
    if (inResponse && this.resp.headersSent) {
      this.host.log(LogLevel.Debug, "host: local reply after response headers were sent: stream reset", this.id);
      this.reset = true;
      return WasmResult.Ok;
    }
    this.localRequested = true;
    this.req.freeze();
    this.resp.freeze();
    this.host.queueAfterCall(() => this.emitLocal(reply, inResponse));
    return WasmResult.Ok;
  }

  /** Freezes the direction's headers and body now; resumes it after the VM call. */
  continueStream(type: StreamType): WasmResult {
    if (type !== StreamType.Request && type !== StreamType.Response) return WasmResult.BadArgument;
    const d = type === StreamType.Request ? this.req : this.resp;
    d.freeze();
    this.host.queueAfterCall(() => this.resume(d));
    return WasmResult.Ok;
  }

  /** Resets the stream (Envoy resetStream with details wasm_close_stream). */
  closeStream(type: StreamType): WasmResult {
    if (type !== StreamType.Request && type !== StreamType.Response) return WasmResult.BadArgument;
    this.reset = true;
    this.req.freeze();
    this.resp.freeze();
    this.host.queueAfterCall(() => this.notify());
    return WasmResult.Ok;
  }

  // ---- flow ----

  private onHeaders(d: Direction, fn: string, headers: HeadersInput, eos: boolean): number {
    if (d.started) throw new Error(`${fn}: headers already sent on this stream`);
    if (d === this.resp && this.local && this.localDirect) throw new Error(`${fn}: the response was replaced by a local reply`);
    d.started = true;
    d.headers.setPairs(Array.isArray(headers) ? headers : Object.entries(headers));
    d.inputEnded = d.eosOnHeaders = eos;
    if (this.stopped()) return FilterHeadersStatus.StopAllIterationAndBuffer;
    if (this.vmFailed) return this.failStream(), FilterHeadersStatus.StopAllIterationAndBuffer;
    d.headersAvailable = true;
    const raw = this.host.callVm(fn, this.id, d.headers.size, eos ? 1 : 0);
    if (this.vmFailed) return this.failStream(), FilterHeadersStatus.StopAllIterationAndBuffer;
    const status = this.convertHeaders(raw ?? 0);
    if (!this.localRequested && !this.reset) {
      if (status === FilterHeadersStatus.Continue || status === FilterHeadersStatus.ContinueAndEndStream) {
        d.sendHeaders();
        d.headersAvailable = false;
        if (eos || status === FilterHeadersStatus.ContinueAndEndStream) d.inputEnded = d.outputEnded = true;
      } else if (status === FilterHeadersStatus.StopIteration) d.stopped = true;
      else d.stopAll = true;
    }
    this.settle();
    return status;
  }

  /** Envoy 0.2.x: header StopIteration becomes StopAllIterationAndWatermark unless 0.2.100 or the option is set. */
  private convertHeaders(raw: number): number {
    if (raw !== FilterHeadersStatus.StopIteration) return raw;
    if (this.host.abi === "0.2.100" || this.host.options.allowOnHeadersStopIteration) return raw;
    return FilterHeadersStatus.StopAllIterationAndWatermark;
  }

  private onBody(d: Direction, fn: string, body: BodyInput, eos: boolean): number | undefined {
    if (!d.started) throw new Error(`${fn}: headers must come first`);
    if (d.inputEnded) throw new Error(`${fn}: end of stream already received`);
    d.inputEnded = eos;
    if (this.stopped()) return undefined;
    if (this.vmFailed) return this.failStream(), undefined;
    const chunk = typeof body === "string" ? utf8(body) : body;
    // Envoy < 1.32 (option envoyBefore132): the filter runs for the last chunk before that chunk joins the body it
    // buffered, so it reads the body without it; the chunk is added afterwards (after a replaced body).
    const late = this.host.options.envoyBefore132 && eos && d.buffering && !d.stopAll && chunk.length > 0;
    if (!late) d.append(chunk);
    if ((d.stopAll || d.buffering) && d.pending.length + (late ? chunk.length : 0) > d.limit) {
      if (late) d.append(chunk);
      return this.overLimit(d), undefined;
    }
    if (d.stopAll) return this.settle(), undefined;
    return this.deliverBody(d, fn, late ? chunk : null);
  }

  private deliverBody(d: Direction, fn = d === this.req ? "proxy_on_request_body" : "proxy_on_response_body", late: Uint8Array | null = null): number | undefined {
    d.bodyAvailable = true;
    const raw = this.host.callVm(fn, this.id, d.pending.length, d.bodyEnded ? 1 : 0);
    if (this.vmFailed) return this.failStream(), undefined;
    const status = raw ?? FilterDataStatus.Continue;
    if (late && !this.localRequested && !this.reset) d.append(late);
    if (!this.localRequested && !this.reset) {
      if (status === FilterDataStatus.Continue) {
        d.sendPending();
        d.bodyAvailable = false;

      } else if (status === FilterDataStatus.StopIterationNoBuffer) {
        d.pending = new Uint8Array(0);
        d.bodyAvailable = false;
      } else {
        d.buffering = true;
        if (d.pending.length > d.limit) this.overLimit(d);
      }
      // Resumed from StopAll with trailers already received: Envoy commonContinue runs doTrailers after doData.
      if (d.trailers && !d.trailersDelivered && !this.stopped()) return this.deliverTrailers(d), status;
    }
    this.settle();
    return status;
  }

  /** After continue_stream: pass headers on; a body held under StopAll is shown to the filter first (Envoy commonContinue). */
  private resume(d: Direction): void {
    if (this.stopped() || d.outputEnded || !d.started) return;
    const wasStopAll = d.stopAll;
    d.sendHeaders();
    if (d.eosOnHeaders) {
      d.outputEnded = true;
    } else if (wasStopAll && (d.pending.length > 0 || d.inputEnded)) {
      // Envoy commonContinue: doData (end_stream only without trailers), then doTrailers.
      if (d.pending.length > 0 || !d.trailers) this.deliverBody(d);
      else this.deliverTrailers(d);
      return;
    } else if (d.trailers && d.trailersDelivered) {
      d.sendTrailers();
    } else {
      d.sendPending();
    }
    this.notify();
  }

  private onTrailers(d: Direction, fn: string, trailers: HeadersInput): number | undefined {
    if (!d.started) throw new Error(`${fn}: headers must come first`);
    if (d.inputEnded) throw new Error(`${fn}: end of stream already received`);
    d.inputEnded = true;
    d.trailers = new HeaderMap();
    d.trailers.setPairs(Array.isArray(trailers) ? trailers : Object.entries(trailers));
    if (this.stopped()) return undefined;
    if (this.vmFailed) return this.failStream(), undefined;
    if (d.stopAll) return this.settle(), undefined; // held with the body until continue_stream
    return this.deliverTrailers(d, fn);
  }

  /** Runs the trailers callback; Continue passes everything held on, StopIteration waits for continue_stream. */
  private deliverTrailers(d: Direction, fn = d === this.req ? "proxy_on_request_trailers" : "proxy_on_response_trailers"): number | undefined {
    d.trailersDelivered = true;
    d.trailersAvailable = true;
    // Envoy: the buffered body stays readable (and replaceable) while the filter buffers it.
    d.bodyAvailable = true;
    const raw = this.host.callVm(fn, this.id, d.trailers!.size);
    if (this.vmFailed) return this.failStream(), undefined;
    // cpp-host onRequestTrailers: no export or 0 → Continue, anything else → StopIteration.
    const status = raw === undefined || raw === 0 ? FilterTrailersStatus.Continue : FilterTrailersStatus.StopIteration;
    if (!this.localRequested && !this.reset) {
      if (status === FilterTrailersStatus.Continue) {
        d.sendTrailers();
        d.headersAvailable = false;
        d.bodyAvailable = false;
      } else d.stopped = true;
    }
    this.settle();
    return status;
  }

  private overLimit(d: Direction): void {
    const isReq = d === this.req;
    this.host.log(LogLevel.Debug, `host: ${isReq ? "request" : "response"} body exceeds the buffer limit ${d.limit}`, this.id);
    const reply = isReq
      ? { status: 413, details: "request_payload_too_large", body: utf8("Payload Too Large") }
      : { status: 500, details: "response_payload_too_large", body: utf8("Internal Server Error") };
    this.emitLocal({ ...reply, headers: [], grpcStatus: -1 }, !isReq);
  }

  /** Envoy failStream: 503 with details wasm_fail_stream (fail closed). */
  private failStream(): void {
    if (this.stopped()) return;
    if (this.resp.headersSent) {
      this.reset = true;
      return this.notify();
    }
    this.emitLocal({ status: 503, details: "wasm_fail_stream", body: new Uint8Array(0), headers: [], grpcStatus: 14 }, this.resp.started);
  }

  private emitLocal(reply: LocalResponse, inResponse: boolean): void {
    this.localRequested = true;
    this.local = reply;
    this.localInResponse = inResponse;
    this.localDirect = inResponse || this.vmFailed || this.resp.started;
    this.req.freeze();
    this.resp.freeze();
    // A request-phase local reply travels the encoder path, through this filter's response callbacks.
    if (!this.localDirect) {
      this.localRequested = false;
      const body = reply.body;
      this.callOnResponseHeaders(localReplyHeaders(reply), body.length === 0);
      if (body.length && !this.localDirect) this.callOnResponseBody(body, true);
      this.localRequested = true;
    }
    this.notify();
  }

  private stopped(): boolean {
    return this.localRequested || this.reset || this.done;
  }

  private settle(): void {
    this.host.drain();
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

function withTrailers(m: Message, trailers: Pairs | null): Message {
  return trailers ? { ...m, trailers } : m;
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
