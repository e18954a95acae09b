// proxy-wasm ABI v0.2.x constants (https://github.com/proxy-wasm/spec/tree/main/abi-versions/v0.2.1)
// and the import allow-list of Envoy (proxy-wasm-cpp-host src/wasm.cc registerCallbacks, src/exports.cc).

/** WasmResult status codes (spec v0.2.1 "Status"). */
export enum WasmResult {
  Ok = 0,
  NotFound = 1,
  BadArgument = 2,
  SerializationFailure = 3,
  ParseFailure = 4,
  BadExpression = 5,
  InvalidMemoryAccess = 6,
  Empty = 7,
  CasMismatch = 8,
  ResultMismatch = 9,
  InternalFailure = 10,
  BrokenConnection = 11,
  Unimplemented = 12,
}

/** proxy_log levels. */
export enum LogLevel {
  Trace = 0,
  Debug = 1,
  Info = 2,
  Warn = 3,
  Error = 4,
  Critical = 5,
}

/** Log level names, index = LogLevel. */
export const LOG_LEVEL_NAMES = ["trace", "debug", "info", "warn", "error", "critical"] as const;

/** A log level name. */
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

/** Parses a level name ("warning" accepted) into a LogLevel, or undefined. */
export function parseLogLevel(name: string): LogLevel | undefined {
  const n = name.toLowerCase() === "warning" ? "warn" : name.toLowerCase();
  const i = (LOG_LEVEL_NAMES as readonly string[]).indexOf(n);
  return i < 0 ? undefined : (i as LogLevel);
}

/** BufferType (spec v0.2.1). */
export enum BufferType {
  HttpRequestBody = 0,
  HttpResponseBody = 1,
  DownstreamData = 2,
  UpstreamData = 3,
  HttpCallResponseBody = 4,
  GrpcReceiveBuffer = 5,
  VmConfiguration = 6,
  PluginConfiguration = 7,
}

/** MapType (spec v0.2.1). */
export enum MapType {
  RequestHeaders = 0,
  RequestTrailers = 1,
  ResponseHeaders = 2,
  ResponseTrailers = 3,
  GrpcReceiveInitialMetadata = 4,
  GrpcReceiveTrailingMetadata = 5,
  HttpCallResponseHeaders = 6,
  HttpCallResponseTrailers = 7,
}

/** FilterTrailersStatus (spec v0.2.1). */
export enum FilterTrailersStatus {
  Continue = 0,
  StopIteration = 1,
}

/** FilterHeadersStatus (spec v0.2.1). */
export enum FilterHeadersStatus {
  Continue = 0,
  StopIteration = 1,
  ContinueAndEndStream = 2,
  StopAllIterationAndBuffer = 3,
  StopAllIterationAndWatermark = 4,
}

/** FilterDataStatus (spec v0.2.1). */
export enum FilterDataStatus {
  Continue = 0,
  StopIterationAndBuffer = 1,
  StopIterationAndWatermark = 2,
  StopIterationNoBuffer = 3,
}

/** StreamType for proxy_continue_stream / proxy_close_stream. */
export enum StreamType {
  Request = 0,
  Response = 1,
  Downstream = 2,
  Upstream = 3,
}

/** MetricType (spec v0.2.1). */
export enum MetricType {
  Counter = 0,
  Gauge = 1,
  Histogram = 2,
}

/** ABI versions this host accepts, keyed by their marker export. */
export const ABI_MARKERS: Record<string, AbiVersion> = {
  proxy_abi_version_0_2_0: "0.2.0",
  proxy_abi_version_0_2_1: "0.2.1",
  proxy_abi_version_0_2_100: "0.2.100",
};

/** An accepted ABI version ("0.2.100" is the Higress fork's marker). */
export type AbiVersion = "0.2.0" | "0.2.1" | "0.2.100";

/** `env` functions Envoy registers for ABI 0.2.x (proxy-wasm-cpp-host src/wasm.cc, FOR_ALL_HOST_FUNCTIONS). */
export const ENVOY_ENV_FUNCTIONS: readonly string[] = [
  "proxy_log",
  "proxy_get_log_level",
  "proxy_get_status",
  "proxy_set_property",
  "proxy_get_property",
  "proxy_send_local_response",
  "proxy_get_shared_data",
  "proxy_set_shared_data",
  "proxy_register_shared_queue",
  "proxy_resolve_shared_queue",
  "proxy_dequeue_shared_queue",
  "proxy_enqueue_shared_queue",
  "proxy_get_header_map_value",
  "proxy_add_header_map_value",
  "proxy_replace_header_map_value",
  "proxy_remove_header_map_value",
  "proxy_get_header_map_pairs",
  "proxy_set_header_map_pairs",
  "proxy_get_header_map_size",
  "proxy_get_buffer_status",
  "proxy_get_buffer_bytes",
  "proxy_set_buffer_bytes",
  "proxy_http_call",
  "proxy_grpc_call",
  "proxy_grpc_stream",
  "proxy_grpc_close",
  "proxy_grpc_cancel",
  "proxy_grpc_send",
  "proxy_set_tick_period_milliseconds",
  "proxy_get_current_time_nanoseconds",
  "proxy_define_metric",
  "proxy_increment_metric",
  "proxy_record_metric",
  "proxy_get_metric",
  "proxy_set_effective_context",
  "proxy_done",
  "proxy_call_foreign_function",
  "proxy_continue_stream",
  "proxy_close_stream",
];

/** Extra `env` functions of the Higress fork (higress-group/proxy-wasm-cpp-host); accepted only for ABI 0.2.100. */
export const HIGRESS_ENV_FUNCTIONS: readonly string[] = [
  "proxy_redis_init",
  "proxy_redis_call",
  "proxy_inject_encoded_data_to_filter_chain",
  "proxy_set_upstream_override_host",
  "proxy_get_upstream_hosts",
];

/** `wasi_snapshot_preview1` functions Envoy provides (proxy-wasm-cpp-host src/exports.cc, WASI section). */
export const ENVOY_WASI_FUNCTIONS: readonly string[] = [
  "fd_write",
  "fd_read",
  "fd_close",
  "fd_seek",
  "fd_fdstat_get",
  "fd_prestat_get",
  "fd_prestat_dir_name",
  "clock_time_get",
  "random_get",
  "environ_get",
  "environ_sizes_get",
  "args_get",
  "args_sizes_get",
  "proc_exit",
  "sched_yield",
  "poll_oneoff",
];

/** Checks a module's imports against what Envoy provides; returns the error messages (empty = ok). */
export function checkImports(imports: WebAssembly.ModuleImportDescriptor[], abi: AbiVersion): string[] {
  const env = new Set(ENVOY_ENV_FUNCTIONS);
  if (abi === "0.2.100") for (const f of HIGRESS_ENV_FUNCTIONS) env.add(f);
  const wasi = new Set(ENVOY_WASI_FUNCTIONS);
  const errors: string[] = [];
  for (const imp of imports) {
    const name = `${imp.module}.${imp.name}`;
    if (imp.kind !== "function") {
      errors.push(`module imports ${imp.kind} ${name}, which Envoy does not provide`);
      continue;
    }
    const known = (imp.module === "env" && env.has(imp.name)) || (imp.module === "wasi_snapshot_preview1" && wasi.has(imp.name));
    if (!known) errors.push(`module imports ${name}, which Envoy does not provide`);
  }
  return errors;
}

/** Finds the ABI version from the module's exports, or an error message. */
export function detectAbi(exports: WebAssembly.ModuleExportDescriptor[]): AbiVersion | string {
  const markers = exports.filter((e) => e.name.startsWith("proxy_abi_version_")).map((e) => e.name);
  if (markers.length === 0) return "module exports no proxy_abi_version_* marker";
  if (markers.length > 1) return `module exports several ABI markers: ${markers.join(", ")}`;
  const abi = ABI_MARKERS[markers[0]];
  return abi ?? `unsupported ABI version ${markers[0]} (accepted: ${Object.keys(ABI_MARKERS).join(", ")})`;
}
