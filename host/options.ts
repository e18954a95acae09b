// Options of Host.load and small Envoy facts the VM host uses.
import type { LogLevelName } from "./abi.js";
import type { HttpCall, LogEntry } from "./context.js";
import type { Pairs } from "./memory.js";

/** Options of Host.load (one object, like go-sdk proxytest.EmulatorOption). */
export interface HostOptions {
  /** Envoy ≥ 1.35 PluginConfig.allow_on_headers_stop_iteration: pass header StopIteration through on 0.2.0/0.2.1. */
  allowOnHeadersStopIteration?: boolean;
  /** Clusters known to proxy_http_call: name → base URL (the URL is used by the gateway only). */
  clusters?: Record<string, string>;
  /** Properties visible to every context (key = path segments joined with "."). */
  properties?: Record<string, string | Uint8Array>;
  /** Value returned by proxy_get_log_level (default info, Envoy's default; "trace" to make the plugin produce every line). */
  logLevel?: LogLevelName;
  /** Called for every log line (the gateway prints them). */
  onLog?: (entry: LogEntry) => void;
  /** Called when the guest dispatches an http call (the gateway performs it). */
  onHttpCall?: (call: HttpCall) => void;
  /** VM configuration readable in proxy_on_vm_start. */
  vmConfiguration?: string;
  /** Clock for proxy_get_current_time_nanoseconds (default: wall clock). */
  now?: () => bigint;
  /** Default request/response body buffer limit in bytes (Envoy connection buffer limit, default 1 MiB). */
  bufferLimit?: number;
  /**
   * What a new stream meets after a trap. "reload" (default for ABI 0_2_100, Higress): the failed VM is re-created
   * and the last config started again (Higress's Envoy fork, wasm_filter.h createFilter → rebuild; upstream Envoy
   * ≥ 1.33 failure_policy FAIL_RELOAD), at most once per reloadBackoffMs; streams of the old VM keep failing.
   * "fail_closed" (default otherwise: upstream Envoy, failure_policy FAIL_CLOSED): every new stream gets 503.
   */
  failurePolicy?: "reload" | "fail_closed";
  /** Minimum time between two VM re-creations under "reload" (default 1000 ms). */
  reloadBackoffMs?: number;
  /**
   * Envoy before 1.32 (Higress ≤ 2.1.x, Envoy 1.27): a body callback with end_of_stream runs before its chunk is added
   * to the body the filter buffered (fixed by envoyproxy/envoy#36411), so the filter reads the body without the last
   * HTTP/2 DATA frame and that frame follows a replaced body.
   */
  envoyBefore132?: boolean;
}

/** Headers of an Envoy router local reply (text/plain body). */
export function envoyLocalReply(status: number, body: string): Pairs {
  return [
    [":status", String(status)],
    ["content-length", String(Buffer.byteLength(body))],
    ["content-type", "text/plain"],
  ];
}
