// Guest memory access and the proxy-wasm pairs codec (proxy-wasm ABI: values the host returns go through the
// guest's malloc, (0, 0) for an empty one; pairs as proxy-wasm-cpp-host src/pairs_util.cc encodes them).

/** A header-like list of [key, value] pairs, order preserved. */
export type Pairs = Array<[string, string]>;

const ENC = new TextEncoder();
const DEC = new TextDecoder();

/** Encodes a string as UTF-8. */
export function utf8(s: string): Uint8Array {
  return ENC.encode(s);
}

/** Decodes UTF-8 bytes into a string. */
export function fromUtf8(b: Uint8Array): string {
  return DEC.decode(b);
}

/** Thrown when the guest passes a pointer outside its memory (mapped to InvalidMemoryAccess). */
export class GuestMemoryError extends Error {}

/** Reads and writes the guest's linear memory; allocates through the guest's malloc. */
export class GuestMemory {
  /** memory: the guest's exported memory; malloc: its `malloc` or `proxy_on_memory_allocate`. */
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly malloc: (size: number) => number,
  ) {}

  /** Fresh byte view: must be re-created after every malloc, since memory.grow detaches the old buffer. */
  bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  /** Copies `len` bytes at `ptr` out of the guest. */
  read(ptr: number, len: number): Uint8Array {
    ptr >>>= 0;
    len >>>= 0;
    const mem = this.bytes();
    if (ptr + len > mem.length) throw new GuestMemoryError(`guest range ${ptr}+${len} out of bounds`);
    return mem.slice(ptr, ptr + len);
  }

  /** Reads a UTF-8 string at `ptr` (decoded in place: no copy of the bytes first). */
  readString(ptr: number, len: number): string {
    ptr >>>= 0;
    len >>>= 0;
    const mem = this.bytes();
    if (ptr + len > mem.length) throw new GuestMemoryError(`guest range ${ptr}+${len} out of bounds`);
    return fromUtf8(mem.subarray(ptr, ptr + len));
  }

  /** Writes a little-endian u32 at `ptr`. */
  writeU32(ptr: number, value: number): void {
    this.view(ptr, 4).setUint32(0, value >>> 0, true);
  }

  /** Writes a little-endian u64 at `ptr`. */
  writeU64(ptr: number, value: bigint): void {
    this.view(ptr, 8).setBigUint64(0, BigInt.asUintN(64, value), true);
  }

  /** Copies `data` into guest memory at `ptr`. */
  write(ptr: number, data: Uint8Array): void {
    const mem = this.bytes();
    if ((ptr >>> 0) + data.length > mem.length) throw new GuestMemoryError(`guest range ${ptr}+${data.length} out of bounds`);
    mem.set(data, ptr >>> 0);
  }

  /** Allocates `data.length` bytes in the guest and copies `data` there; returns the pointer. */
  allocate(data: Uint8Array): number {
    const p = this.malloc(data.length) >>> 0;
    if (p === 0) throw new GuestMemoryError(`guest malloc(${data.length}) returned 0`);
    this.write(p, data);
    return p;
  }

  /**
   * Returns a value through the (ptr_ptr, size_ptr) slots like cpp-host copyToPointerSize:
   * a zero-length value is written as (0, 0) without calling malloc.
   */
  returnBytes(ptrPtr: number, sizePtr: number, data: Uint8Array): void {
    const p = data.length === 0 ? 0 : this.allocate(data);
    this.writeU32(ptrPtr, p);
    this.writeU32(sizePtr, data.length);
  }

  /** Returns a value through the slots, always through malloc (header pairs: cpp-host get_header_map_pairs). */
  returnBytesAlloc(ptrPtr: number, sizePtr: number, data: Uint8Array): void {
    const p = this.allocate(data);
    this.writeU32(ptrPtr, p);
    this.writeU32(sizePtr, data.length);
  }

  private view(ptr: number, len: number): DataView {
    const buf = this.memory.buffer;
    if ((ptr >>> 0) + len > buf.byteLength) throw new GuestMemoryError(`guest range ${ptr}+${len} out of bounds`);
    return new DataView(buf, ptr >>> 0, len);
  }
}

/**
 * Encodes pairs: u32 count; per pair u32 key length, u32 value length; then each key and value
 * followed by a NUL byte (all little-endian).
 */
export function encodePairs(pairs: Pairs): Uint8Array {
  // One buffer, each string UTF-8 encoded straight into it (a header pair read is on every request's path).
  let size = 4 + pairs.length * 8;
  for (const [k, v] of pairs) size += Buffer.byteLength(k, "utf8") + 1 + Buffer.byteLength(v, "utf8") + 1;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, pairs.length, true);
  let off = 4 + pairs.length * 8;
  for (let i = 0; i < pairs.length; i++) {
    const [k, v] = pairs[i];
    const kl = ENC.encodeInto(k, out.subarray(off)).written;
    off += kl + 1;
    const vl = ENC.encodeInto(v, out.subarray(off)).written;
    off += vl + 1;
    dv.setUint32(4 + i * 8, kl, true);
    dv.setUint32(8 + i * 8, vl, true);
  }
  return out;
}

/** Decodes the pairs encoding; returns null when the bytes are malformed (SerializationFailure). */
export function decodePairs(data: Uint8Array): Pairs | null {
  if (data.length === 0) return [];
  if (data.length < 4) return null;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = dv.getUint32(0, true);
  if (4 + n * 8 > data.length) return null;
  const sizes: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) sizes.push([dv.getUint32(4 + i * 8, true), dv.getUint32(8 + i * 8, true)]);
  let off = 4 + n * 8;
  const pairs: Pairs = [];
  for (const [kl, vl] of sizes) {
    if (off + kl + 1 + vl + 1 > data.length) return null;
    const k = fromUtf8(data.subarray(off, off + kl));
    off += kl + 1;
    const v = fromUtf8(data.subarray(off, off + vl));
    off += vl + 1;
    pairs.push([k, v]);
  }
  return pairs;
}

/** Splits a NUL-separated property path into segments (spec: proxy_get_property path). */
export function splitPath(data: Uint8Array): string[] {
  const s = fromUtf8(data);
  const parts = s.split("\0");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}
