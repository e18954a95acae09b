// The JSON quoters (util/jsonstring.ts, UTF-16) and the byte-level escaper of the raw response path
// (util/jsonutf8.ts) against a per-character reference: the policy of util/jsonstring.ts (pairs kept,
// lone surrogates and controls as lowercase \uXXXX) and of util/utf8.ts decodeUtf8Lossy (each invalid
// byte one U+FFFD). Random inputs are biased towards what the fast paths must not skip: quotes,
// backslashes, controls, surrogates and invalid bytes at every offset of an 8-byte/4-unit block.
import { appendJsonEscaped, jsonEscapeInner, quoteJson } from "../../assembly/util/jsonstring";
import { jsonEscapedUtf8Length, wrapJsonEscapedUtf8, writeJsonEscapedUtf8 } from "../../assembly/util/jsonutf8";
import { decodeUtf8Lossy } from "../../assembly/util/utf8";
import { StrBuf } from "../../assembly/util/strbuf";
import { Rng } from "./helpers/rng";
import { sameBytes } from "./helpers/bytes";

const HEX = "0123456789abcdef";

/** Per-unit reference escaper (the code the fast one replaced). */
function refEscape(s: string): string {
  const out = new StrBuf(s.length + 8);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let lone = false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      lone = !(d >= 0xdc00 && d <= 0xdfff);
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      const p = i > 0 ? s.charCodeAt(i - 1) : 0;
      lone = !(p >= 0xd800 && p <= 0xdbff);
    }
    if (c == 0x22) out.append('\\"');
    else if (c == 0x5c) out.append("\\\\");
    else if (c == 0x0a) out.append("\\n");
    else if (c == 0x0d) out.append("\\r");
    else if (c == 0x09) out.append("\\t");
    else if (c == 0x08) out.append("\\b");
    else if (c == 0x0c) out.append("\\f");
    else if (c < 0x20 || lone) {
      out.append("\\u");
      for (let k = 12; k >= 0; k -= 4) out.appendCode(HEX.charCodeAt((c >> k) & 15));
    } else out.appendCode(c);
  }
  return out.toString();
}

const UNITS: u16[] = [0x61, 0x22, 0x5c, 0x0a, 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xe9, 0x2028, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd, 0xffff, 0x0c, 0x08];

function randomString(r: Rng, n: i32): string {
  const b = new StrBuf(n);
  for (let i = 0; i < n; i++) b.appendCode(r.below(3) == 0 ? 0x61 + r.below(26) : <i32>UNITS[r.below(UNITS.length)]);
  return b.toString();
}

function escapeBytes(bytes: ArrayBuffer): ArrayBuffer {
  return wrapJsonEscapedUtf8(new ArrayBuffer(0), bytes, new ArrayBuffer(0));
}

function refBytes(bytes: ArrayBuffer): ArrayBuffer {
  return String.UTF8.encode(refEscape(decodeUtf8Lossy(bytes)));
}

function hexOf(b: ArrayBuffer): string {
  const out = new StrBuf(b.byteLength * 3);
  const u = Uint8Array.wrap(b);
  for (let i = 0; i < u.length; i++) {
    out.appendCode(HEX.charCodeAt(u[i] >> 4));
    out.appendCode(HEX.charCodeAt(u[i] & 15));
    out.appendCode(0x20);
  }
  return out.toString();
}

function raw(list: i32[]): ArrayBuffer {
  const b = new ArrayBuffer(list.length);
  for (let i = 0; i < list.length; i++) store<u8>(changetype<usize>(b) + <usize>i, <u8>list[i]);
  return b;
}

const BYTES: u8[] = [0x61, 0x22, 0x5c, 0x0a, 0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xa9, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xbf, 0xbd, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];

function randomBytes(r: Rng, n: i32): ArrayBuffer {
  const b = new ArrayBuffer(n);
  for (let i = 0; i < n; i++) store<u8>(changetype<usize>(b) + <usize>i, r.below(3) == 0 ? <u8>(0x61 + r.below(26)) : BYTES[r.below(BYTES.length)]);
  return b;
}

describe("UTF-16 quoting", () => {
  it("matches the reference on every unit and every pair shape", () => {
    for (let c = 0; c < 0x100; c++) {
      const s = String.fromCharCode(c);
      expect(jsonEscapeInner(s)).toBe(refEscape(s));
      expect(jsonEscapeInner("abcdefg" + s + "hij")).toBe(refEscape("abcdefg" + s + "hij"));
    }
    const shapes = ["\ud83d\ude00", "\ud83d", "\ude00", "\ude00\ud83d", "\ud83d\ud83d\ude00", "abc\ud83d", "abc\ud83d\ude00", "\ud83d\ude00\ude00"];
    for (let i = 0; i < shapes.length; i++) {
      for (let pad = 0; pad < 6; pad++) {
        const s = "x".repeat(pad) + shapes[i] + "y".repeat(pad);
        expect(jsonEscapeInner(s)).toBe(refEscape(s));
        expect(quoteJson(s)).toBe('"' + refEscape(s) + '"');
      }
    }
    expect(jsonEscapeInner("\ud800")).toBe("\\ud800");
    expect(jsonEscapeInner("a\u0001\"\\")).toBe('a\\u0001\\"\\\\');
  });

  it("matches the reference on random strings; plain text comes back as itself", () => {
    const r = new Rng(12345);
    for (let k = 0; k < 400; k++) {
      const s = randomString(r, r.below(40));
      expect(jsonEscapeInner(s)).toBe(refEscape(s));
      expect(quoteJson(s)).toBe('"' + refEscape(s) + '"');
      const b = new StrBuf(4);
      b.append("<");
      appendJsonEscaped(b, s);
      b.append(">");
      expect(b.toString()).toBe("<" + refEscape(s) + ">");
    }
    for (let k = 0; k < 20; k++) {
      const s = randomString(r, 500 + r.below(3000));
      expect(quoteJson(s)).toBe('"' + refEscape(s) + '"');
    }
    const plain = "plain text é ünïcode 😀 ".repeat(50);
    expect(changetype<usize>(jsonEscapeInner(plain))).toBe(changetype<usize>(plain));
    expect(jsonEscapeInner("")).toBe("");
    expect(quoteJson("")).toBe('""');
  });

  it("escape-heavy and huge inputs", () => {
    const heavy = "\n\u0000".repeat(100000);
    const e = jsonEscapeInner(heavy);
    expect(e.length).toBe(800000);
    expect(e.substring(0, 16)).toBe("\\n\\u0000\\n\\u0000");
    const big = "a".repeat(1 << 20);
    expect(quoteJson(big).length).toBe((1 << 20) + 2);
  });
});

describe("UTF-8 byte escaping (raw response path)", () => {
  it("equals escaping the lossy decoding, on hand-picked invalid and edge sequences", () => {
    const cases: i32[][] = [
      [], [0x61], [0x22], [0x5c], [0x00], [0x1f], [0x7f], [0x80], [0xff], [0xc0, 0x80], [0xc2, 0xa9], [0xc2],
      [0xe0, 0x80, 0x80], [0xe0, 0xa0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xef, 0xbf, 0xbd],
      [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0xf0, 0x9f, 0x98, 0x80],
      [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x22, 0x61], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x0a],
    ];
    for (let i = 0; i < cases.length; i++) {
      const b = raw(cases[i]);
      const got = escapeBytes(b);
      const want = refBytes(b);
      if (!sameBytes(got, want)) expect(hexOf(got)).toBe(hexOf(want));
      expect(<i32>jsonEscapedUtf8Length(changetype<usize>(b), <usize>b.byteLength)).toBe(want.byteLength);
    }
  });

  it("equals escaping the lossy decoding on random bytes at every offset", () => {
    const r = new Rng(777);
    for (let k = 0; k < 600; k++) {
      const b = randomBytes(r, k < 580 ? r.below(48) : 500 + r.below(3000));
      const got = escapeBytes(b);
      const want = refBytes(b);
      if (!sameBytes(got, want)) expect(hexOf(got)).toBe(hexOf(want));
    }
    const json = String.UTF8.encode('{"items":[{"id":1,"name":"item-1","note":"say \\"hi\\" to line\\nbreaks"}],"k":"\\\\"}'.repeat(300));
    expect(sameBytes(escapeBytes(json), refBytes(json))).toBe(true);
  });

  it("wraps prefix and suffix around the body in one buffer", () => {
    const out = wrapJsonEscapedUtf8(String.UTF8.encode('{"t":"'), String.UTF8.encode('say "hi"\n'), String.UTF8.encode('"}'));
    expect(String.UTF8.decode(out)).toBe('{"t":"say \\"hi\\"\\n"}');
    const b = String.UTF8.encode("x");
    const dst = new ArrayBuffer(1);
    expect(<i32>(writeJsonEscapedUtf8(changetype<usize>(b), 1, changetype<usize>(dst)) - changetype<usize>(dst))).toBe(1);
  });

  it("escape-heavy, invalid-heavy and huge bodies stay linear and exact", () => {
    const heavy = String.UTF8.encode("\n\u0000\"".repeat(100000));
    const e = escapeBytes(heavy);
    expect(e.byteLength).toBe(1000000);
    const bad = new ArrayBuffer(300000);
    memory.fill(changetype<usize>(bad), 0xff, 300000);
    expect(escapeBytes(bad).byteLength).toBe(900000);
    const big = String.UTF8.encode("a".repeat(1 << 20));
    expect(sameBytes(escapeBytes(big), big)).toBe(true);
  });
});
