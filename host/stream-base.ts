// State and inspection side of an HTTP stream (what the filter may see, what went on, where the stream
// stands); the flow through the filter is in stream.ts (HttpStream extends StreamBase).
import { BufferType, MapType, WasmResult } from "./abi.js";
import type { BufferRef, HostContext, LocalResponse } from "./context.js";
import { Direction } from "./direction.js";
import type { HeaderMap } from "./headers.js";
import { fromUtf8, type Pairs } from "./memory.js";
import {
  HIGRESS_CLEAR_ROUTE_CACHE,
  HIGRESS_DECODER_BUFFER_LIMIT,
  HIGRESS_ENCODER_BUFFER_LIMIT,
  lookupProperty,
  type PropertyValues,
} from "./properties.js";
import { localReplyHeaders, streamBuiltins } from "./stream-util.js";
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

export type HeadersInput = Pairs | Record<string, string>;
export type BodyInput = Uint8Array | string;

/** Fields, inspection API and the HostContext accessors of a stream. */
export abstract class StreamBase implements Partial<HostContext> {
  /** Request side (decoder). */
  readonly req: Direction;
  /** Response side (encoder). */
  readonly resp: Direction;
  /** Higress clear_route_cache (true unless the plugin set it to "off"). */
  clearRouteCache = true;
  protected local: LocalResponse | null = null;
  /** The local reply was sent in the response phase. */
  protected localInResponse = false;
  /** The local reply goes straight to the client (not through this filter's response callbacks). */
  protected localDirect = false;
  protected localRequested = false;
  protected reset = false;
  protected done = false;
  protected readonly props = new Map<string, Uint8Array>();
  protected listeners: Array<() => void> = [];

  /** VM instance this stream was created in (Host.generation). */
  protected readonly generation: number;

  constructor(
    protected readonly host: Host,
    readonly id: number,
    protected readonly options: StreamOptions,
  ) {
    this.generation = host.generation;
    this.req = new Direction(host.options.bufferLimit);
    this.resp = new Direction(host.options.bufferLimit);
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
    return withTrailers(
      { headers: this.req.sentHeaders!, body: this.req.sentBytes(), complete: this.req.outputEnded },
      this.req.sentTrailers,
    );
  }

  /** What the client receives: the response let through (a local reply included), or null. */
  getDownstreamResponse(): Message | null {
    if (this.local && this.localDirect) {
      return { headers: localReplyHeaders(this.local), body: this.local.body, complete: true };
    }
    if (!this.resp.headersSent) return null;
    return withTrailers(
      { headers: this.resp.sentHeaders!, body: this.resp.sentBytes(), complete: this.resp.outputEnded },
      this.resp.sentTrailers,
    );
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

  protected stalledOr(d: Direction): FlowState {
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
    return (
      this.props.get(key) ??
      lookupProperty(
        key,
        this.options.properties,
        this.host.options.properties,
        streamBuiltins(this.req.headers, this.resp.headers, this.host.rootContextId),
      )
    );
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

  protected stopped(): boolean {
    return this.localRequested || this.reset || this.done;
  }

  protected settle(): void {
    this.host.drain();
    this.notify();
  }

  protected notify(): void {
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
