// Exact-size output for large request parts (issue 19): a string or UTF-8 buffer whose length is
// computed first is written in place, in one allocation, with no final copy; and a slice of the
// client's body that is forwarded unchanged is copied as the UTF-8 bytes it arrived in instead of
// being decoded and encoded again. Pure memory work, no host calls. Never traps: every write is
// clamped to the allocation (a miscounted size would give a short result, not an out-of-bounds write).
import { utf8RangeLength } from "../util/utf8";

/**
 * Validated JSON text and the strictly valid UTF-8 bytes it was decoded from (plugin/filter.ts:
 * isValidUtf8 then String.UTF8.decode), so every code point of `text` is exactly its bytes in `bytes`.
 */
export class Utf8Source {
  text: string;
  bytes: ArrayBuffer;
  constructor(text: string, bytes: ArrayBuffer) {
    this.text = text;
    this.bytes = bytes;
  }
}

/** A string of `chars` code units written in place (one allocation, no copy at the end). */
export class FixedStr {
  private s: string;
  private pos: i32 = 0;
  private cap: i32;
  constructor(chars: i32) {
    const cap = max(chars, 0);
    this.s = changetype<string>(__new(<usize>cap << 1, idof<string>()));
    this.cap = cap;
  }
  /** Append s[a, b) (clamped to s and to the room left). */
  appendRange(src: string, a: i32, b: i32): void {
    a = max(0, min(a, src.length));
    b = max(a, min(b, src.length));
    const n = min(b - a, this.cap - this.pos);
    if (n <= 0) return;
    memory.copy(changetype<usize>(this.s) + (<usize>this.pos << 1), changetype<usize>(src) + (<usize>a << 1), <usize>n << 1);
    this.pos += n;
  }
  append(src: string): void {
    this.appendRange(src, 0, src.length);
  }
  appendCode(c: i32): void {
    if (this.pos >= this.cap) return;
    store<u16>(changetype<usize>(this.s) + (<usize>this.pos << 1), <u16>c);
    this.pos++;
  }
  /** The text (the whole allocation when exactly filled, as planned). */
  done(): string {
    return this.pos == this.cap ? this.s : this.s.substring(0, this.pos);
  }
}

/**
 * A UTF-8 buffer built in two passes over the same calls: first `measuring` (sizes only), then
 * `start()` allocates the counted size and the same calls write. Strings are encoded as
 * String.UTF8.encode with REPLACE (util/utf8 encodeUtf8) would; `copyBytes` copies bytes as they are.
 */
export class Utf8Out {
  measuring: bool = true;
  private size: i32 = 0;
  private buf: ArrayBuffer = new ArrayBuffer(0);
  private pos: i32 = 0;

  /** End the measuring pass: allocate the counted size; the next calls write. */
  start(): void {
    this.measuring = false;
    this.buf = new ArrayBuffer(this.size);
    this.pos = 0;
  }

  /** Append s[a, b) encoded. */
  appendRange(s: string, a: i32, b: i32): void {
    a = max(0, min(a, s.length));
    b = max(a, min(b, s.length));
    const n = utf8RangeLength(s, a, b);
    if (this.measuring) {
      this.size += n;
      return;
    }
    if (n > this.buf.byteLength - this.pos) return; // cannot happen: same text as measured
    const w = String.UTF8.encodeUnsafe(changetype<usize>(s) + (<usize>a << 1), b - a, changetype<usize>(this.buf) + <usize>this.pos,
      false, String.UTF8.ErrorMode.REPLACE);
    this.pos += <i32>w;
  }

  append(s: string): void {
    this.appendRange(s, 0, s.length);
  }

  /** Append bytes[a, b) as they are (clamped). */
  copyBytes(bytes: ArrayBuffer, a: i32, b: i32): void {
    a = max(0, min(a, bytes.byteLength));
    b = max(a, min(b, bytes.byteLength));
    const n = b - a;
    if (this.measuring) {
      this.size += n;
      return;
    }
    if (n > this.buf.byteLength - this.pos) return; // cannot happen: same bytes as measured
    memory.copy(changetype<usize>(this.buf) + <usize>this.pos, changetype<usize>(bytes) + <usize>a, <usize>n);
    this.pos += n;
  }

  /** The bytes written (the whole buffer when exactly filled, as planned). */
  done(): ArrayBuffer {
    return this.pos == this.buf.byteLength ? this.buf : this.buf.slice(0, this.pos);
  }
}

/**
 * Where a slice of a Utf8Source's text lies in its bytes: byte offsets counted from the start up to
 * the slice and from the slice's end to the end, so the slice itself is never scanned. Used only for
 * slices of at least an eighth of the text (at most eight per output: linear time overall).
 */
export class ByteRange {
  start: i32 = 0;
  end: i32 = 0;
}

/** True when s[a, b) is worth copying as bytes (large) and starts and ends on ASCII (code point boundaries). */
export function copyableSlice(src: Utf8Source, a: i32, b: i32): bool {
  const t = src.text;
  const n = t.length;
  if (a < 0 || b > n || b - a < 1024 || (b - a) < (n >> 3)) return false;
  return t.charCodeAt(a) < 0x80 && t.charCodeAt(b - 1) < 0x80;
}

/** Byte offsets of text[a, b) in src.bytes (call only when copyableSlice). */
export function byteRangeOf(src: Utf8Source, a: i32, b: i32): ByteRange {
  const r = new ByteRange();
  const total = src.bytes.byteLength;
  r.start = min(utf8RangeLength(src.text, 0, a), total);
  r.end = max(r.start, total - utf8RangeLength(src.text, b, src.text.length));
  return r;
}
