// ABI enums of proxy-wasm 0.2.x (proxy-wasm/spec abi-versions/v0.2.1).

/** proxy_log levels */
export const LOG_TRACE: u32 = 0;
export const LOG_DEBUG: u32 = 1;
export const LOG_INFO: u32 = 2;
export const LOG_WARN: u32 = 3;
export const LOG_ERROR: u32 = 4;
export const LOG_CRITICAL: u32 = 5;

/** WasmResult status codes */
export const STATUS_OK: u32 = 0;
export const STATUS_NOT_FOUND: u32 = 1;
export const STATUS_BAD_ARGUMENT: u32 = 2;
export const STATUS_EMPTY: u32 = 7;

/** FilterHeadersStatus */
export const HEADERS_CONTINUE: u32 = 0;
export const HEADERS_STOP_ITERATION: u32 = 1;
/** FilterDataStatus */
export const DATA_CONTINUE: u32 = 0;
export const DATA_STOP_ITERATION_AND_BUFFER: u32 = 1;

/** FilterTrailersStatus */
export const TRAILERS_CONTINUE: u32 = 0;
export const TRAILERS_STOP_ITERATION: u32 = 1;

/** BufferType */
export const BUFFER_HTTP_REQUEST_BODY: u32 = 0;
export const BUFFER_HTTP_RESPONSE_BODY: u32 = 1;
export const BUFFER_HTTP_CALL_RESPONSE_BODY: u32 = 4;
export const BUFFER_VM_CONFIGURATION: u32 = 6;
export const BUFFER_PLUGIN_CONFIGURATION: u32 = 7;

/** MapType */
export const MAP_REQUEST_HEADERS: u32 = 0;
export const MAP_REQUEST_TRAILERS: u32 = 1;
export const MAP_RESPONSE_HEADERS: u32 = 2;
export const MAP_RESPONSE_TRAILERS: u32 = 3;
export const MAP_HTTP_CALL_RESPONSE_HEADERS: u32 = 6;

/** StreamType for proxy_continue_stream */
export const STREAM_REQUEST: u32 = 0;
export const STREAM_RESPONSE: u32 = 1;

/** MetricType */
export const METRIC_COUNTER: u32 = 0;
export const METRIC_GAUGE: u32 = 1;
export const METRIC_HISTOGRAM: u32 = 2;
