// Header-map pairs codec (proxy-wasm spec "Map serialization"):
//   u32 count | count × (u32 keyLen, u32 valueLen) | key\0 value\0 ...
// All integers little-endian. Names and values are UTF-8 (lone surrogates as U+FFFD).
import { encodeUtf8 } from "../util/utf8";

/** A header name/value pair as read from or written to a host map. */
export class Pair {
  key: string;
  value: string;
  constructor(key: string, value: string) {
    this.key = key;
    this.value = value;
  }
}

/** Encode pairs into the ABI serialization. */
export function encodePairs(pairs: Pair[]): ArrayBuffer {
  const keys = new Array<ArrayBuffer>(pairs.length);
  const vals = new Array<ArrayBuffer>(pairs.length);
  let size = 4 + pairs.length * 8;
  for (let i = 0; i < pairs.length; i++) {
    const k = encodeUtf8(unchecked(pairs[i]).key);
    const v = encodeUtf8(unchecked(pairs[i]).value);
    unchecked((keys[i] = k));
    unchecked((vals[i] = v));
    size += k.byteLength + v.byteLength + 2;
  }
  const buf = new ArrayBuffer(size);
  const base = changetype<usize>(buf);
  store<u32>(base, pairs.length);
  let off: usize = 4 + pairs.length * 8;
  for (let i = 0; i < pairs.length; i++) {
    const k = unchecked(keys[i]);
    const v = unchecked(vals[i]);
    store<u32>(base + 4 + i * 8, k.byteLength);
    store<u32>(base + 8 + i * 8, v.byteLength);
    memory.copy(base + off, changetype<usize>(k), k.byteLength);
    off += k.byteLength;
    store<u8>(base + off, 0);
    off += 1;
    memory.copy(base + off, changetype<usize>(v), v.byteLength);
    off += v.byteLength;
    store<u8>(base + off, 0);
    off += 1;
  }
  return buf;
}

/** Decode the ABI serialization; malformed input yields the pairs read so far (never traps). */
export function decodePairs(buf: ArrayBuffer): Pair[] {
  const out = new Array<Pair>();
  const total = <usize>buf.byteLength;
  if (total < 4) return out;
  const base = changetype<usize>(buf);
  const count = <usize>load<u32>(base);
  if (count > (total - 4) / 8) return out;
  let off: usize = 4 + count * 8;
  for (let i: usize = 0; i < count; i++) {
    const kl = <usize>load<u32>(base + 4 + i * 8);
    const vl = <usize>load<u32>(base + 8 + i * 8);
    if (kl > total || vl > total || off + kl + vl + 2 > total) return out;
    const k = String.UTF8.decodeUnsafe(base + off, kl);
    off += kl + 1;
    const v = String.UTF8.decodeUnsafe(base + off, vl);
    off += vl + 1;
    out.push(new Pair(k, v));
  }
  return out;
}
