// Guest memory protocol (proxy-wasm ABI): the host allocates return values
// through our exported `malloc` and writes (ptr, len) into two return slots;
// a zero-length value comes back as (0, 0) without a malloc call.

/** Two u32 return slots (pointer, size) plus scratch, statically allocated. */
export const RET_PTR: usize = memory.data(16);
export const RET_SIZE: usize = RET_PTR + 4;
export const RET_U64: usize = RET_PTR + 8;

/** Allocate raw, non-GC memory for the host (exported as malloc). */
export function hostAlloc(size: usize): usize {
  return heap.alloc(size);
}

/** Take the (ptr, len) in the return slots as bytes, freeing the host allocation. */
export function takeBytes(): ArrayBuffer {
  const p = load<u32>(RET_PTR);
  const n = load<u32>(RET_SIZE);
  const out = new ArrayBuffer(<i32>n);
  if (p != 0 && n != 0) {
    memory.copy(changetype<usize>(out), <usize>p, <usize>n);
  }
  if (p != 0) heap.free(<usize>p);
  return out;
}

/** Take the (ptr, len) in the return slots as a UTF-8 string, freeing it. */
export function takeString(): string {
  const p = load<u32>(RET_PTR);
  const n = load<u32>(RET_SIZE);
  if (p == 0 || n == 0) {
    if (p != 0) heap.free(<usize>p);
    return "";
  }
  const s = String.UTF8.decodeUnsafe(<usize>p, <usize>n);
  heap.free(<usize>p);
  return s;
}

/** Clear the return slots before a call (so a host that writes nothing yields empty). */
export function clearRet(): void {
  store<u32>(RET_PTR, 0);
  store<u32>(RET_SIZE, 0);
}
