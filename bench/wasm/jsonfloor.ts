// Benchmark floor: the least JSON work a JSON-RPC plugin can do with a body,
// with json-as in the same engine: UTF-8 bytes -> string -> validateJSON ->
// JSON.parse<JSON.Value> -> JSON.stringify -> UTF-8 bytes. Not a proxy-wasm module.
import { JSON } from "json-as";
import { validateJSON } from "json-as/assembly/util/validateJson";

/** Abort handler (asc `--use abort=floor_abort`): trap without imports. */
// @ts-ignore: decorator
@global
export function floor_abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}

/** Allocates `size` bytes for the runner to copy the input into. */
export function alloc(size: usize): usize {
  return heap.alloc(size);
}

/** Frees an allocation made with alloc. */
export function free(ptr: usize): void {
  heap.free(ptr);
}

/**
 * Runs the floor work on `len` bytes at `ptr` (the caller frees them).
 * Returns the output byte length, -1 for invalid JSON.
 */
export function run(ptr: usize, len: usize): i32 {
  const text = String.UTF8.decodeUnsafe(ptr, len);
  if (!validateJSON(text)) return -1;
  const value = JSON.parse<JSON.Value>(text);
  const out = String.UTF8.encode(JSON.stringify(value));
  return out.byteLength;
}
