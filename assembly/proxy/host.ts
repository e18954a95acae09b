// Typed facade over the raw ABI: the only API plugin code uses. Each call
// maps Ok → value, NotFound → null/false, anything else → an error value and
// (where useful) a debug log line. Nothing here logs header or body content.
import * as abi from "./imports";
import { RET_PTR, RET_SIZE, RET_U64, clearRet, takeBytes, takeString } from "./memory";
import { Pair, decodePairs, encodePairs } from "./pairs";
import { LOG_CRITICAL, STATUS_OK, METRIC_COUNTER, METRIC_HISTOGRAM } from "./enums";
import { joinStrings } from "../util/strbuf";
import { encodeUtf8 } from "../util/utf8";

/** Write a log line at `level` (LOG_* constants). Never pass credentials or bodies here. */
export function log(level: u32, msg: string): void {
  const b = encodeUtf8(msg);
  abi.proxy_log(level, changetype<usize>(b), b.byteLength);
}

/** Current host log level (messages below it are dropped by the host). */
export function logLevel(): u32 {
  store<u32>(RET_PTR, 0);
  if (abi.proxy_get_log_level(RET_PTR) != STATUS_OK) return 2;
  return load<u32>(RET_PTR);
}

/** Wall-clock time in nanoseconds. */
export function nowNanos(): i64 {
  store<u64>(RET_U64, 0);
  abi.proxy_get_current_time_nanoseconds(RET_U64);
  return load<i64>(RET_U64);
}

/** Make `contextId` the context of the following host calls. */
export function setEffectiveContext(contextId: u32): bool {
  return abi.proxy_set_effective_context(contextId) == STATUS_OK;
}

/** Encode a property path (segments joined by NUL). */
function pathBytes(path: string[]): ArrayBuffer {
  return encodeUtf8(joinStrings(path, "\0"));
}

/** Read a property as a string, or null when absent. */
export function getProperty(path: string[]): string | null {
  const p = pathBytes(path);
  clearRet();
  const st = abi.proxy_get_property(changetype<usize>(p), p.byteLength, RET_PTR, RET_SIZE);
  if (st != STATUS_OK) return null;
  return takeString();
}

/** Write a property (Higress: clear_route_cache, set_decoder_buffer_limit, ...). */
export function setProperty(path: string[], value: string): bool {
  const p = pathBytes(path);
  const v = encodeUtf8(value);
  return abi.proxy_set_property(changetype<usize>(p), p.byteLength, changetype<usize>(v), v.byteLength) == STATUS_OK;
}

/** Bytes [start, start+max) of a buffer (BUFFER_* constants); empty when absent. */
export function getBufferBytes(bufferType: u32, start: u32, max: u32): ArrayBuffer {
  reserveForHost(max);
  clearRet();
  const st = abi.proxy_get_buffer_bytes(bufferType, start, max, RET_PTR, RET_SIZE);
  if (st != STATUS_OK) return new ArrayBuffer(0);
  return takeBytes();
}

/**
 * A buffer's bytes[start, start + max) decoded as UTF-8 text ("" when absent), straight from the host's copy (no
 * ArrayBuffer in between: the plugin configuration, 0.75 MiB for 1,000 tools, is not left for the collector).
 */
export function getBufferString(bufferType: u32, start: u32, max: u32): string {
  reserveForHost(max);
  clearRet();
  if (abi.proxy_get_buffer_bytes(bufferType, start, max, RET_PTR, RET_SIZE) != STATUS_OK) return "";
  return takeString();
}

/**
 * Make room for a host copy of `size` bytes before the call that returns it, so the host's nested malloc call finds
 * a free block instead of growing linear memory: with proxy-wasm-cpp-host + WAMR (tests/cpphost) a memory.grow inside
 * that nested call left the calling frame with a stale memory bound ("out of bounds memory access" in
 * proxy_on_request_body / proxy_on_response_body once a request grew the heap; seen after configure started leaving
 * less free memory). Sizes above 64 MiB are not reserved (the host refuses such copies anyway).
 */
function reserveForHost(size: u32): void {
  if (size > 0 && size <= 0x4000000) heap.free(heap.alloc(<usize>size));
}

/** Current length of a buffer (BUFFER_* constants); 0 when absent. */
export function bufferSize(bufferType: u32): u32 {
  clearRet();
  if (abi.proxy_get_buffer_status(bufferType, RET_PTR, RET_SIZE) != STATUS_OK) return 0;
  return load<u32>(RET_PTR);
}

/** Replace the whole buffer content with `data`. */
export function replaceBuffer(bufferType: u32, currentSize: u32, data: ArrayBuffer): bool {
  return abi.proxy_set_buffer_bytes(bufferType, 0, currentSize, changetype<usize>(data), data.byteLength) == STATUS_OK;
}

/** All pairs of a header map (MAP_* constants). */
export function getHeaderPairs(mapType: u32): Pair[] {
  clearRet();
  const st = abi.proxy_get_header_map_pairs(mapType, RET_PTR, RET_SIZE);
  if (st != STATUS_OK) return new Array<Pair>();
  return decodePairs(takeBytes());
}

/** Replace a whole header map (pseudo-headers included). */
export function setHeaderPairs(mapType: u32, pairs: Pair[]): bool {
  const b = encodePairs(pairs);
  return abi.proxy_set_header_map_pairs(mapType, changetype<usize>(b), b.byteLength) == STATUS_OK;
}

/** One header value, or null when absent. */
export function getHeader(mapType: u32, name: string): string | null {
  const k = encodeUtf8(name);
  clearRet();
  const st = abi.proxy_get_header_map_value(mapType, changetype<usize>(k), k.byteLength, RET_PTR, RET_SIZE);
  if (st != STATUS_OK) return null;
  return takeString();
}

/** Set (replace) one header. */
export function replaceHeader(mapType: u32, name: string, value: string): bool {
  const k = encodeUtf8(name);
  const v = encodeUtf8(value);
  return abi.proxy_replace_header_map_value(mapType, changetype<usize>(k), k.byteLength, changetype<usize>(v), v.byteLength) == STATUS_OK;
}

/** Remove one header. */
export function removeHeader(mapType: u32, name: string): bool {
  const k = encodeUtf8(name);
  return abi.proxy_remove_header_map_value(mapType, changetype<usize>(k), k.byteLength) == STATUS_OK;
}

/** Send a local reply (stops the stream; the host sends it after the callback returns). */
export function sendLocalResponse(status: u32, details: string, body: string, headers: Pair[]): bool {
  return sendLocalResponseBytes(status, details, encodeUtf8(body), headers);
}

/** Send a local reply whose body is already UTF-8 bytes. */
export function sendLocalResponseBytes(status: u32, details: string, b: ArrayBuffer, headers: Pair[]): bool {
  const d = encodeUtf8(details);
  const h = encodePairs(headers);
  const st = abi.proxy_send_local_response(status, changetype<usize>(d), d.byteLength, changetype<usize>(b), b.byteLength, changetype<usize>(h), h.byteLength, -1);
  return st == STATUS_OK;
}

/** Resume a paused stream (STREAM_REQUEST / STREAM_RESPONSE). */
export function continueStream(streamType: u32): bool {
  return abi.proxy_continue_stream(streamType) == STATUS_OK;
}

/** Result of dispatching an HTTP call: token when ok. */
export class HttpCallResult {
  ok: bool = false;
  status: u32 = 0;
  token: u32 = 0;
}

/** proxy_http_call on `cluster`; must be called with the root context effective. */
export function httpCall(cluster: string, headers: Pair[], body: string, timeoutMs: u32): HttpCallResult {
  const c = encodeUtf8(cluster);
  const h = encodePairs(headers);
  const b = encodeUtf8(body);
  const t = encodePairs(new Array<Pair>());
  store<u32>(RET_PTR, 0);
  const st = abi.proxy_http_call(changetype<usize>(c), c.byteLength, changetype<usize>(h), h.byteLength, changetype<usize>(b), b.byteLength, changetype<usize>(t), t.byteLength, timeoutMs, RET_PTR);
  const r = new HttpCallResult();
  r.status = st;
  r.ok = st == STATUS_OK;
  r.token = load<u32>(RET_PTR);
  return r;
}

/** Define a counter; returns its id, or -1 on failure (Envoy's first counter id is 0). */
export function defineCounter(name: string): i64 {
  return defineMetric(METRIC_COUNTER, name);
}

/** Define a histogram; returns its id, or -1 on failure. */
export function defineHistogram(name: string): i64 {
  return defineMetric(METRIC_HISTOGRAM, name);
}

function defineMetric(kind: u32, name: string): i64 {
  const n = encodeUtf8(name);
  store<u32>(RET_PTR, 0);
  if (abi.proxy_define_metric(kind, changetype<usize>(n), n.byteLength, RET_PTR) != STATUS_OK) return -1;
  return <i64>load<u32>(RET_PTR);
}

/** Add to a counter (negative id = undefined metric: ignored). */
export function incrementMetric(id: i64, by: i64): void {
  if (id >= 0) abi.proxy_increment_metric(<u32>id, by);
}

/** Record a histogram value (negative id = ignored). */
export function recordMetric(id: i64, value: u64): void {
  if (id >= 0) abi.proxy_record_metric(<u32>id, value);
}

/** Log at critical level (used by the abort handler). */
export function logCritical(msg: string): void {
  log(LOG_CRITICAL, msg);
}
