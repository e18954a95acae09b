// Reads a ustar archive (independent of host/oci/tar.ts, to check it): name → bytes, and the
// header fields the reproducibility claims are about.
export interface TarFile {
  name: string;
  mode: number;
  mtime: number;
  uid: number;
  gid: number;
  type: string;
  data: Buffer;
}

const field = (b: Buffer, off: number, len: number) =>
  b
    .subarray(off, off + len)
    .toString("latin1")
    .replace(/\0.*$/s, "");
const oct = (b: Buffer, off: number, len: number) => parseInt(field(b, off, len).trim() || "0", 8);

export function untar(buf: Buffer): TarFile[] {
  const out: TarFile[] = [];
  let off = 0;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    if (sum !== oct(h, 148, 8)) throw new Error(`tar: bad checksum at ${off}`);
    if (field(h, 257, 6) !== "ustar") throw new Error(`tar: not ustar at ${off}`);
    const size = oct(h, 124, 12);
    const data = buf.subarray(off + 512, off + 512 + size);
    out.push({
      name: field(h, 0, 100),
      mode: oct(h, 100, 8),
      uid: oct(h, 108, 8),
      gid: oct(h, 116, 8),
      mtime: oct(h, 136, 12),
      type: field(h, 156, 1),
      data,
    });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
