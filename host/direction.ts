// State of one direction (request = decoder side, response = encoder side) of an HTTP stream
// as Envoy's filter manager tracks it for our single filter.
import type { BufferRef } from "./context.js";
import { HeaderMap } from "./headers.js";
import { concat } from "./hostcalls.js";
import type { Pairs } from "./memory.js";
import { ConstBufferError } from "./root.js";

/** Envoy's default connection buffer limit (1 MiB). */
export const DEFAULT_BUFFER_LIMIT = 1024 * 1024;

/** Per-direction state: what the filter can see, what it holds, what went on to the next hop. */
export class Direction {
  /** Headers callback ran. */
  started = false;
  /** End of stream arrived with the headers. */
  eosOnHeaders = false;
  /** The header map as the filter sees and edits it. */
  headers = new HeaderMap();
  /** Headers accessible to the guest (false → BadArgument). */
  headersAvailable = false;
  /** Headers went on to the next hop. */
  headersSent = false;
  /** Filter returned StopIteration from headers (body callbacks still run). */
  stopped = false;
  /** Filter returned StopAll*: body is held by the host and not shown to the filter until continue_stream. */
  stopAll = false;
  /** Body bytes received and not yet passed on (Envoy's buffered data). */
  pending: Uint8Array = new Uint8Array(0);
  /** Body buffer accessible to the guest (false → NotFound). */
  bodyAvailable = false;
  /** Filter returned StopIterationAndBuffer / Watermark last time. */
  buffering = false;
  /**
   * The trailers callback runs without a buffered body (the body went on, or none came): Envoy's body buffer then
   * has no instance behind it — it reads as empty and set_buffer_bytes is BadArgument (context.cc getBuffer returns
   * `buffer_.set(request_body_buffer_)`, null after a Continue; `Buffer::copyFrom` falls back to BufferBase's).
   */
  bodyDetached = false;
  /** Everything from the previous hop has arrived. */
  inputEnded = false;
  /** End of stream went on to the next hop. */
  outputEnded = false;
  /** Snapshot of the headers passed on. */
  sentHeaders: Pairs | null = null;
  /** Body chunks passed on. */
  sentBody: Uint8Array[] = [];
  /** Trailers received from the previous hop (null: none). Their arrival ends the input. */
  trailers: HeaderMap | null = null;
  /** Trailers accessible to the guest (during the trailers callback and while it holds them). */
  trailersAvailable = false;
  /** The trailers callback ran (or was skipped because the filter was already done). */
  trailersDelivered = false;
  /** Snapshot of the trailers passed on (null: none sent). */
  sentTrailers: Pairs | null = null;
  /** Buffer limit in bytes (Higress set_decoder_buffer_limit / set_encoder_buffer_limit). */
  limit: number;

  constructor(limit = DEFAULT_BUFFER_LIMIT) {
    this.limit = limit;
  }

  /** Passes the headers on (once) and clears the stop flags. */
  sendHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.sentHeaders = this.headers.toPairs();
    this.stopped = false;
    this.stopAll = false;
  }

  /** Passes the held body on; ends the output when the input has ended. */
  sendPending(): void {
    this.sendHeaders();
    if (this.pending.length) this.sentBody.push(this.pending);
    this.pending = new Uint8Array(0);
    this.buffering = false;
    if (this.inputEnded && !this.trailers) this.outputEnded = true;
  }

  /** Passes headers, held body and trailers on: the end of this direction (Envoy commonHandleAfterTrailersCallback). */
  sendTrailers(): void {
    this.sendPending();
    if (this.trailers) this.sentTrailers = this.trailers.toPairs();
    this.trailersAvailable = false;
    this.outputEnded = true;
  }

  /** End of stream as the body callback sees it: input ended and no trailers follow. */
  get bodyEnded(): boolean {
    return this.inputEnded && !this.trailers;
  }

  /** Appends a received chunk to the held body. */
  append(chunk: Uint8Array): void {
    this.pending = this.pending.length ? concat(this.pending, chunk) : chunk;
  }

  /** Everything passed on so far, as one byte array. */
  sentBytes(): Uint8Array {
    return this.sentBody.reduce((a, b) => concat(a, b), new Uint8Array(0));
  }

  /** A guest-visible view of the held body. */
  bodyRef(): BufferRef {
    if (this.bodyDetached)
      return {
        get: () => new Uint8Array(0),
        set: () => {
          throw new ConstBufferError();
        },
      };
    return {
      get: () => this.pending,
      set: (b) => {
        this.pending = b;
      },
    };
  }

  /** Freezes headers and body (continue_stream, local reply). */
  freeze(): void {
    this.headersAvailable = false;
    this.bodyAvailable = false;
    this.trailersAvailable = false;
  }
}
