// Context types shared by the VM, the streams and the hostcalls.
import type { BufferType, MapType, StreamType, WasmResult } from "./abi.js";
import type { HeaderMap } from "./headers.js";
import type { Pairs } from "./memory.js";

/** A mutable byte buffer exposed to the guest (Envoy Buffer: get_buffer_bytes / set_buffer_bytes). */
export interface BufferRef {
  /** Current bytes. */
  get(): Uint8Array;
  /** Replaces the bytes. */
  set(data: Uint8Array): void;
}

/** A local reply requested with proxy_send_local_response. */
export interface LocalResponse {
  status: number;
  details: string;
  body: Uint8Array;
  headers: Pairs;
  grpcStatus: number;
}

/** What every context (root or HTTP stream) offers to the hostcalls. */
export interface HostContext {
  /** Context id given to proxy_on_context_create. */
  readonly id: number;
  /** Header map of `type`, or null when unavailable (BadArgument). */
  getMap(type: MapType): HeaderMap | null;
  /** Buffer of `type`, or null when unavailable (NotFound). */
  getBuffer(type: BufferType): BufferRef | null;
  /** Property value by path segments, or undefined. */
  getProperty(path: string[]): Uint8Array | undefined;
  /** Sets a property (Higress special properties change behaviour). */
  setProperty(path: string[], value: Uint8Array): WasmResult;
  /** proxy_send_local_response. */
  sendLocalResponse(reply: LocalResponse): WasmResult;
  /** proxy_continue_stream. */
  continueStream(type: StreamType): WasmResult;
  /** proxy_close_stream. */
  closeStream(type: StreamType): WasmResult;
}

/** A pending or finished outgoing proxy_http_call. */
export interface HttpCall {
  token: number;
  cluster: string;
  headers: Pairs;
  body: Uint8Array;
  trailers: Pairs;
  timeoutMs: number;
  /** Id of the HTTP stream whose callback dispatched the call (0 = root). */
  originContextId: number;
}

/** A captured proxy_log line. */
export interface LogEntry {
  level: number;
  message: string;
  contextId: number;
}
