// An HTTP stream through the filter, with Envoy semantics (envoy source/extensions/common/wasm/context.cc
// decodeHeaders/decodeData/encodeHeaders/encodeData; proxy-wasm-cpp-host src/context.cc status conversion).
import { FilterDataStatus, FilterHeadersStatus, FilterTrailersStatus, LogLevel, StreamType, WasmResult } from "./abi.js";
import type { HostContext, LocalResponse } from "./context.js";
import type { Direction } from "./direction.js";
import { HeaderMap } from "./headers.js";
import { utf8 } from "./memory.js";
import { type BodyInput, type HeadersInput, StreamBase } from "./stream-base.js";
import { localReplyHeaders } from "./stream-util.js";

export type { BodyInput, FlowState, HeadersInput, Message, StreamOptions } from "./stream-base.js";

/** One HTTP stream: its own context id; drive it with the call* verbs, inspect it with get*. */
export class HttpStream extends StreamBase implements HostContext {
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
    if (this.vmFailed) return (this.failStream(), FilterHeadersStatus.StopAllIterationAndBuffer);
    d.headersAvailable = true;
    const raw = this.host.callVm(fn, this.id, d.headers.size, eos ? 1 : 0);
    if (this.vmFailed) return (this.failStream(), FilterHeadersStatus.StopAllIterationAndBuffer);
    // cpp-host convertVmCallResultToFilterHeadersStatus: after send_local_response the filter stops, whatever it returned.
    const status = this.host.stopNextIteration ? FilterHeadersStatus.StopAllIterationAndWatermark : this.convertHeaders(raw ?? 0);
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
    if (this.vmFailed) return (this.failStream(), undefined);
    const chunk = typeof body === "string" ? utf8(body) : body;
    // Envoy < 1.32 (option envoyBefore132): the filter runs for the last chunk before that chunk joins the body it
    // buffered, so it reads the body without it; the chunk is added afterwards (after a replaced body).
    const late = this.host.options.envoyBefore132 && eos && d.buffering && !d.stopAll && chunk.length > 0;
    if (!late) d.append(chunk);
    if ((d.stopAll || d.buffering) && d.pending.length + (late ? chunk.length : 0) > d.limit) {
      if (late) d.append(chunk);
      return (this.overLimit(d), undefined);
    }
    if (d.stopAll) return (this.settle(), undefined);
    return this.deliverBody(d, fn, late ? chunk : null);
  }

  private deliverBody(
    d: Direction,
    fn = d === this.req ? "proxy_on_request_body" : "proxy_on_response_body",
    late: Uint8Array | null = null,
  ): number | undefined {
    d.bodyAvailable = true;
    d.bodyDetached = false;
    const raw = this.host.callVm(fn, this.id, d.pending.length, d.bodyEnded ? 1 : 0);
    if (this.vmFailed) return (this.failStream(), undefined);
    const status = this.host.stopNextIteration ? FilterDataStatus.StopIterationNoBuffer : (raw ?? FilterDataStatus.Continue);
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
      if (d.trailers && !d.trailersDelivered && !this.stopped()) return (this.deliverTrailers(d), status);
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
    if (this.vmFailed) return (this.failStream(), undefined);
    if (d.stopAll) return (this.settle(), undefined); // held with the body until continue_stream
    return this.deliverTrailers(d, fn);
  }

  /** Runs the trailers callback; Continue passes everything held on, StopIteration waits for continue_stream. */
  private deliverTrailers(
    d: Direction,
    fn = d === this.req ? "proxy_on_request_trailers" : "proxy_on_response_trailers",
  ): number | undefined {
    d.trailersDelivered = true;
    d.trailersAvailable = true;
    // Envoy: the buffered body stays readable (and replaceable) while the filter buffers it; otherwise the body
    // buffer has no instance (reads empty, set_buffer_bytes BadArgument).
    d.bodyAvailable = true;
    d.bodyDetached = !d.buffering;
    const raw = this.host.callVm(fn, this.id, d.trailers!.size);
    if (this.vmFailed) return (this.failStream(), undefined);
    // cpp-host onRequestTrailers: no export or 0 → Continue, anything else (or a local reply sent) → StopIteration.
    const stop = this.host.stopNextIteration || !(raw === undefined || raw === 0);
    const status = stop ? FilterTrailersStatus.StopIteration : FilterTrailersStatus.Continue;
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
    this.emitLocal(
      { status: 503, details: "wasm_fail_stream", body: new Uint8Array(0), headers: [], grpcStatus: 14 },
      this.resp.started,
    );
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
}
