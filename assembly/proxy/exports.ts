// The proxy_on_* callbacks the host calls (proxy-wasm spec v0.2.1 "Exports"),
// plus malloc. Entry files re-export everything here.
import { hostAlloc } from "./memory";
import { createContext, deleteContext, rootById, streamById, routeHttpCallResponse } from "./context";
import { HEADERS_CONTINUE, DATA_CONTINUE, TRAILERS_CONTINUE } from "./enums";

/** Allocation for the host (cpp-host looks up `malloc`, then `proxy_on_memory_allocate`). */
export function malloc(size: usize): usize {
  return hostAlloc(size);
}

/** Same as malloc, under the spec's name. */
export function proxy_on_memory_allocate(size: usize): usize {
  return hostAlloc(size);
}

/** #proxy_on_context_create */
export function proxy_on_context_create(contextId: u32, parentId: u32): void {
  createContext(contextId, parentId);
}

/** #proxy_on_vm_start */
export function proxy_on_vm_start(rootId: u32, vmConfigSize: u32): u32 {
  const r = rootById(rootId);
  return r === null ? 0 : (r.onVmStart(vmConfigSize) ? 1 : 0);
}

/** #proxy_on_configure */
export function proxy_on_configure(rootId: u32, configSize: u32): u32 {
  const r = rootById(rootId);
  return r === null ? 0 : (r.onConfigure(configSize) ? 1 : 0);
}

/** #proxy_on_tick */
export function proxy_on_tick(rootId: u32): void {
  const r = rootById(rootId);
  if (r !== null) r.onTick();
}

/** #proxy_on_request_headers */
export function proxy_on_request_headers(id: u32, headers: u32, eos: u32): u32 {
  const s = streamById(id);
  return s === null ? HEADERS_CONTINUE : s.onRequestHeaders(headers, eos != 0);
}

/** #proxy_on_request_body */
export function proxy_on_request_body(id: u32, size: u32, eos: u32): u32 {
  const s = streamById(id);
  return s === null ? DATA_CONTINUE : s.onRequestBody(size, eos != 0);
}

/**
 * #proxy_on_request_trailers. Exported so a stream paused by the filter is never resumed unprocessed:
 * without it cpp-host answers Continue and Envoy's filter manager resumes the stopped stream.
 */
export function proxy_on_request_trailers(id: u32, trailers: u32): u32 {
  const s = streamById(id);
  return s === null ? TRAILERS_CONTINUE : s.onRequestTrailers(trailers);
}

/** #proxy_on_response_headers */
export function proxy_on_response_headers(id: u32, headers: u32, eos: u32): u32 {
  const s = streamById(id);
  return s === null ? HEADERS_CONTINUE : s.onResponseHeaders(headers, eos != 0);
}

/** #proxy_on_response_body */
export function proxy_on_response_body(id: u32, size: u32, eos: u32): u32 {
  const s = streamById(id);
  return s === null ? DATA_CONTINUE : s.onResponseBody(size, eos != 0);
}

/** #proxy_on_response_trailers (see proxy_on_request_trailers). */
export function proxy_on_response_trailers(id: u32, trailers: u32): u32 {
  const s = streamById(id);
  return s === null ? TRAILERS_CONTINUE : s.onResponseTrailers(trailers);
}

/** #proxy_on_http_call_response */
export function proxy_on_http_call_response(rootId: u32, token: u32, headers: u32, bodySize: u32, trailers: u32): void {
  routeHttpCallResponse(rootId, token, headers, bodySize);
}

/** #proxy_on_done: return 1 (done). */
export function proxy_on_done(id: u32): u32 {
  const s = streamById(id);
  if (s !== null) s.onDone();
  return 1;
}

/** #proxy_on_log */
export function proxy_on_log(id: u32): void {
  const s = streamById(id);
  if (s !== null) s.onLog();
}

/** #proxy_on_delete */
export function proxy_on_delete(id: u32): void {
  const s = streamById(id);
  if (s !== null) s.onDelete();
  deleteContext(id);
}
