// Benchmark floor: a no-op proxy-wasm filter (ABI 0_2_100) that only moves bodies
// in and out. Request and response alike: pause the headers, buffer the body,
// read it whole at end of stream, write it back unchanged, continue. Configure
// reads the plugin configuration bytes. Raw imports; no SDK, no JSON.

@external("env", "proxy_log")
declare function proxy_log(level: i32, ptr: usize, len: usize): i32;
@external("env", "proxy_get_buffer_bytes")
declare function proxy_get_buffer_bytes(t: i32, start: i32, max: i32, rp: usize, rn: usize): i32;
@external("env", "proxy_set_buffer_bytes")
declare function proxy_set_buffer_bytes(t: i32, start: i32, size: i32, p: usize, n: usize): i32;

const REQUEST_BODY: i32 = 0;
const RESPONSE_BODY: i32 = 1;
const PLUGIN_CONFIGURATION: i32 = 7;
const HEADERS_CONTINUE: u32 = 0;
const HEADERS_STOP_ITERATION: u32 = 1;
const DATA_CONTINUE: u32 = 0;
const DATA_STOP_ITERATION_AND_BUFFER: u32 = 1;

/** Return slots (pointer, size) for host-allocated results. */
const SLOT: usize = memory.data(8);

/** Bytes of the last configuration read (keeps the read observable). */
let configBytes: i32 = 0;

/** Abort handler (asc `--use abort=noop_abort`): log, then trap. */
// @ts-ignore: decorator
@global
export function noop_abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const b = String.UTF8.encode(message === null ? "abort" : message);
  proxy_log(5, changetype<usize>(b), b.byteLength);
  unreachable();
}

/** Reads the whole buffer into a fresh ArrayBuffer, freeing the host allocation. */
function readBuffer(type: i32, size: u32): ArrayBuffer {
  store<u32>(SLOT, 0);
  store<u32>(SLOT + 4, 0);
  if (proxy_get_buffer_bytes(type, 0, <i32>size, SLOT, SLOT + 4) != 0) return new ArrayBuffer(0);
  const p = load<u32>(SLOT);
  const n = load<u32>(SLOT + 4);
  const out = new ArrayBuffer(<i32>n);
  if (p != 0 && n != 0) memory.copy(changetype<usize>(out), <usize>p, <usize>n);
  if (p != 0) heap.free(<usize>p);
  return out;
}

/** Buffer until end of stream, then read the body and write it back (drain + prepend). */
function moveBody(type: i32, size: u32, eos: u32): u32 {
  if (eos == 0) return DATA_STOP_ITERATION_AND_BUFFER;
  const body = readBuffer(type, size);
  proxy_set_buffer_bytes(type, 0, <i32>size, changetype<usize>(body), body.byteLength);
  return DATA_CONTINUE;
}

/** ABI marker (Higress fork: header StopIteration passes through). */
export function proxy_abi_version_0_2_100(): void {}

/** Host allocator. */
export function malloc(size: usize): usize {
  return heap.alloc(size);
}

/** Host allocator under the spec name. */
export function proxy_on_memory_allocate(size: usize): usize {
  return heap.alloc(size);
}

/** No per-context state. */
export function proxy_on_context_create(id: u32, parent: u32): void {}

/** Always starts. */
export function proxy_on_vm_start(root: u32, size: u32): u32 {
  return 1;
}

/** Reads the configuration bytes and accepts them. */
export function proxy_on_configure(root: u32, size: u32): u32 {
  configBytes = readBuffer(PLUGIN_CONFIGURATION, size).byteLength;
  return 1;
}

/** Pauses unless the request has no body. */
export function proxy_on_request_headers(id: u32, n: u32, eos: u32): u32 {
  return eos != 0 ? HEADERS_CONTINUE : HEADERS_STOP_ITERATION;
}

/** Buffers, then moves the request body out and back in. */
export function proxy_on_request_body(id: u32, size: u32, eos: u32): u32 {
  return moveBody(REQUEST_BODY, size, eos);
}

/** Pauses unless the response has no body. */
export function proxy_on_response_headers(id: u32, n: u32, eos: u32): u32 {
  return eos != 0 ? HEADERS_CONTINUE : HEADERS_STOP_ITERATION;
}

/** Buffers, then moves the response body out and back in. */
export function proxy_on_response_body(id: u32, size: u32, eos: u32): u32 {
  return moveBody(RESPONSE_BODY, size, eos);
}

/** Done immediately. */
export function proxy_on_done(id: u32): u32 {
  return 1;
}

/** Nothing to log. */
export function proxy_on_log(id: u32): void {}

/** Nothing to free. */
export function proxy_on_delete(id: u32): void {}
