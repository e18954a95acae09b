// The one-pass UTF-8 decoder/encoders (util/utf8.ts) and the JSON unescaper (util/jsonstring.ts)
// against references built from AssemblyScript's own codecs and the per-character code they replaced:
// each invalid byte one U+FFFD, lone surrogates U+FFFD (encodeUtf8) or WTF-8 (encodeJoinedUtf8, as
// String.UTF8.encode), unknown escapes read as their letter. Random inputs put the interesting units
// at every offset of the 8-byte / 4-unit blocks the fast paths skip over.
import { decodeUtf8Lossy, encodeJoinedUtf8, encodeUtf8, isValidUtf8, seqLen, seqLenSlow, utf8ByteLength } from "../../assembly/util/utf8";
import { jsonEscapeAt, jsonKeyEquals, jsonUnescape, decodeJsonString } from "../../assembly/util/jsonstring";
import { StrBuf } from "../../assembly/util/strbuf";
import { Rng } from "./helpers/rng";
import { sameBytes } from "./helpers/bytes";

function refDecode(buf: ArrayBuffer): string {
  if (isValidUtf8(buf)) return String.UTF8.decode(buf);
  const base = changetype<usize>(buf);
  const end = <usize>buf.byteLength;
  const out = new StrBuf(<i32>end + 8);
  let p: usize = 0;
  while (p < end) {
    const n = seqLen(base, p, end);
    if (n == 0) {
      out.appendCode(0xfffd);
      p += 1;
      continue;
    }
    out.append(String.UTF8.decodeUnsafe(base + p, <usize>n));
    p += <usize>n;
  }
  return out.toString();
}

function refUnescape(s: string, start: i32, end: i32): string {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  const out = new StrBuf(16);
  let i = start;
  let seg = start;
  while (i < end) {
    if (s.charCodeAt(i) != 0x5c || i + 1 >= end) {
      i++;
      continue;
    }
    out.appendRange(s, seg, i);
    const esc = jsonEscapeAt(s, i, end);
    if (esc != 0) {
      out.appendCode(esc >>> 8);
      i += esc & 0xff;
    } else {
      out.appendCode(s.charCodeAt(i + 1));
      i += 2;
    }
    seg = i;
  }
  out.appendRange(s, seg, end);
  return out.toString();
}

const BYTES: u8[] = [0x61, 0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xa9, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xbf, 0xbd, 0xf0, 0x90, 0x9f, 0x98, 0xf4, 0x8f, 0xf5, 0xff];
const UNITS: u16[] = [0x61, 0x00, 0x7f, 0x80, 0x7ff, 0x800, 0xe9, 0xffff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00];
const ESC = ["\\", "n", "u", "0", "0", "4", "1", "A", "f", "\"", "/", "x", "a", "\\u00", "\\ud83d", "\\ude00", "é"];

describe("seqLen", () => {
  it("equals the RFC 3629 table (seqLenSlow) for every lead and second byte, third and fourth at the edges, every end", () => {
    const buf = new ArrayBuffer(4);
    const b = changetype<usize>(buf);
    const edges: u8[] = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
    let bad = 0;
    for (let b0 = 0; b0 < 256; b0++) {
      for (let b1 = 0; b1 < 256; b1++) {
        for (let e = 0; e < edges.length; e++) {
          store<u8>(b, <u8>b0);
          store<u8>(b, <u8>b1, 1);
          store<u8>(b, edges[e], 2);
          store<u8>(b, edges[(e + 3) % edges.length], 3);
          for (let end: usize = 1; end <= 4; end++) if (seqLen(b, 0, end) != seqLenSlow(b, 0, end)) bad++;
        }
      }
    }
    expect(bad).toBe(0);
  });
});

describe("decodeUtf8Lossy", () => {
  it("equals the validate-then-decode reference on random bytes", () => {
    const r = new Rng(4242);
    for (let k = 0; k < 800; k++) {
      const n = r.below(40);
      const b = new ArrayBuffer(n);
      for (let i = 0; i < n; i++) store<u8>(changetype<usize>(b) + <usize>i, r.below(3) == 0 ? <u8>(0x20 + r.below(90)) : BYTES[r.below(BYTES.length)]);
      expect(decodeUtf8Lossy(b)).toBe(refDecode(b));
    }
  });

  it("plain, empty and huge inputs", () => {
    expect(decodeUtf8Lossy(new ArrayBuffer(0))).toBe("");
    const s = "héllo wörld 😀 ✓ ".repeat(1000);
    expect(decodeUtf8Lossy(String.UTF8.encode(s))).toBe(s);
    const bad = new ArrayBuffer(1 << 20);
    memory.fill(changetype<usize>(bad), 0x80, 1 << 20);
    expect(decodeUtf8Lossy(bad)).toBe("\ufffd".repeat(1 << 20));
  });
});

describe("UTF-8 encoders", () => {
  it("encodeUtf8 equals String.UTF8.encode with REPLACE; encodeJoinedUtf8 equals encode of the joined text", () => {
    const r = new Rng(31337);
    for (let k = 0; k < 800; k++) {
      const b = new StrBuf(32);
      const n = r.below(30);
      for (let i = 0; i < n; i++) b.appendCode(r.below(3) == 0 ? 0x20 + r.below(90) : <i32>UNITS[r.below(UNITS.length)]);
      const s = b.toString();
      expect(sameBytes(encodeUtf8(s), String.UTF8.encode(s, false, String.UTF8.ErrorMode.REPLACE))).toBe(true);
      expect(sameBytes(encodeJoinedUtf8("{\"id\":", s, "}"), String.UTF8.encode("{\"id\":" + s + "}"))).toBe(true);
      expect(utf8ByteLength(s)).toBe(String.UTF8.byteLength(s));
    }
    expect(encodeUtf8("").byteLength).toBe(0);
    expect(encodeUtf8("\ud800").byteLength).toBe(3);
    expect(sameBytes(encodeUtf8("a\ud800"), String.UTF8.encode("a\ufffd"))).toBe(true);
  });
});

describe("jsonUnescape", () => {
  it("equals the per-unit reference on random escape soup and every sub-range", () => {
    const r = new Rng(2024);
    for (let k = 0; k < 500; k++) {
      const b = new StrBuf(32);
      const n = k < 480 ? r.below(16) : 200 + r.below(800);
      for (let i = 0; i < n; i++) b.append(ESC[r.below(ESC.length)]);
      const s = b.toString();
      const a = r.below(s.length + 1);
      const e = a + r.below(s.length - a + 2);
      expect(jsonUnescape(s, a, e)).toBe(refUnescape(s, a, e));
      expect(jsonUnescape(s, 0, s.length)).toBe(refUnescape(s, 0, s.length));
      expect(jsonKeyEquals(s, 0, s.length, refUnescape(s, 0, s.length))).toBe(true);
    }
  });

  it("keeps a lone trailing backslash, reads unknown escapes as their letter, and is linear on escape-heavy input", () => {
    expect(jsonUnescape("ab\\", 0, 3)).toBe("ab\\");
    expect(jsonUnescape("\\x\\u12", 0, 6)).toBe("xu12");
    expect(jsonUnescape("\\ud83d\\ude00!", 0, 13)).toBe("😀!");
    expect(decodeJsonString("\"a\\\"b\"")).toBe("a\"b");
    const heavy = "\\n\\u0000".repeat(100000);
    const d = jsonUnescape(heavy, 0, heavy.length);
    expect(d.length).toBe(200000);
    expect(d.substring(0, 4)).toBe("\n\u0000\n\u0000");
    const plain = "x".repeat(100000);
    expect(changetype<usize>(jsonUnescape(plain, 0, plain.length))).toBe(changetype<usize>(plain));
  });
});
