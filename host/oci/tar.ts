// A minimal, reproducible ustar writer: regular files and directories only,
// mtime 0, uid/gid 0, no user or group names, entries in the order given.
// Reference: POSIX.1-2001 pax/ustar header layout (512-byte blocks).
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** One tar entry: a file (data) or a directory (name ends with "/"). */
export interface TarEntry {
  name: string;
  data?: Uint8Array;
}

const BLOCK = 512;

function octal(buf: Buffer, off: number, len: number, value: number): void {
  const s = value.toString(8).padStart(len - 1, "0");
  if (s.length > len - 1) throw new Error(`tar: value ${value} does not fit in ${len} bytes`);
  buf.write(s, off, "ascii");
  buf[off + len - 1] = 0;
}

function header(name: string, size: number, dir: boolean): Buffer {
  const h = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, "utf8");
  if (nameBytes.length > 100) throw new Error(`tar: name longer than 100 bytes: ${name}`);
  nameBytes.copy(h, 0);
  octal(h, 100, 8, dir ? 0o755 : 0o644);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0); // mtime: the epoch, for reproducible archives
  h.fill(0x20, 148, 156); // checksum field counts as spaces
  h[156] = dir ? 0x35 : 0x30; // '5' directory, '0' regular file
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  h.write(sum.toString(8).padStart(6, "0"), 148, "ascii");
  h[154] = 0;
  h[155] = 0x20;
  return h;
}

/** The tar archive of `entries`, in that order. */
export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const dir = e.name.endsWith("/");
    const data = dir ? new Uint8Array(0) : (e.data ?? new Uint8Array(0));
    parts.push(header(e.name, data.length, dir));
    if (data.length > 0) {
      parts.push(Buffer.from(data.buffer, data.byteOffset, data.length));
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // end of archive
  return Buffer.concat(parts);
}

/**
 * gzip with a fixed header: mtime 0 and OS "unknown" (255), so the bytes depend
 * only on the input and zlib's level-9 output (stable within a Node release line).
 */
export function gzip(data: Uint8Array): Buffer {
  const out = gzipSync(data, { level: 9 });
  out.writeUInt32LE(0, 4); // MTIME
  out[9] = 255; // OS
  return out;
}

/** "sha256:<hex>" of the bytes. */
export function digestOf(data: Uint8Array): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}
