// Byte-buffer comparison for the specs of the byte paths (UTF-8 bodies, escapers, decoders).

/** True when `a` and `b` hold the same bytes. */
export function sameBytes(a: ArrayBuffer, b: ArrayBuffer): bool {
  return a.byteLength == b.byteLength && memory.compare(changetype<usize>(a), changetype<usize>(b), <usize>a.byteLength) == 0;
}
