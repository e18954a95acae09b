// Issue 19: the JSON scanners skip string bodies four code units per step (SWAR), the envelope's
// nested scans reuse noted container ends (util/jsonmemo), and the body is checked and decoded in one
// pass (util/utf8 decodeValidUtf8, the lossy decoder's strict twin). Each is checked against the plain one-unit-at-a-time reference.
import { exceedsDepth } from "../../assembly/mcp/depth";
import { jsonStringEnd, jsonValueEnd } from "../../assembly/util/jsonscan";
import { forgetValueEnds, notedValueEnds, noteValueEnds } from "../../assembly/util/jsonmemo";
import { decodeValidUtf8, isValidUtf8 } from "../../assembly/util/utf8";

/** The pre-SWAR scanners, one code unit at a time: the reference. */
function refStringEnd(s: string, i: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  let j = i + 1;
  while (j < end) {
    const c = s.charCodeAt(j);
    if (c == 0x5c) j += 2;
    else if (c == 0x22) return j + 1;
    else j++;
  }
  return end;
}

function refDepth(text: string, max: i32): bool {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c == 0x5c) i++;
      else if (c == 0x22) inString = false;
      continue;
    }
    if (c == 0x22) inString = true;
    else if (c == 0x7b || c == 0x5b) {
      depth++;
      if (depth > max) return true;
    } else if (c == 0x7d || c == 0x5d) {
      if (depth > 0) depth--;
    }
  }
  return false;
}

const ALPHABET: i32[] = [0x61, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0xe9, 0xd800, 0xdc00, 0x22a2, 0x5c22];

/** Every string over ALPHABET of length n (index k in base ALPHABET.length). */
function word(k: i32, n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    s += String.fromCharCode(ALPHABET[k % ALPHABET.length]);
    k = k / ALPHABET.length;
  }
  return s;
}


describe("SWAR string skipping (jsonscan, mcp/depth)", () => {
  it("jsonStringEnd equals the one-unit-at-a-time scan on every short string, at every end", () => {
    let checked = 0;
    let wrong = "";
    for (let n = 0; n <= 4; n++) {
      let count = 1;
      for (let i = 0; i < n; i++) count *= ALPHABET.length;
      for (let k = 0; k < count; k++) {
        const s = "\"" + word(k, n) + "x\"yz";
        for (let end = 0; end <= s.length + 1; end++) {
          if (jsonStringEnd(s, 0, end) != refStringEnd(s, 0, end) && wrong.length == 0) wrong = s + " end " + end.toString();
          checked++;
        }
      }
    }
    expect(wrong).toBe("");
    expect(checked).toBeGreaterThan(100000);
  });
  it("finds the first quote or backslash in every lane of a long run", () => {
    for (let pos = 0; pos < 40; pos++) {
      const plain = "\"" + "a".repeat(pos) + "\"" + "b".repeat(40);
      expect(jsonStringEnd(plain, 0)).toBe(pos + 2);
      const esc = "\"" + "a".repeat(pos) + "\\\"" + "c\"" + "b".repeat(40);
      expect(jsonStringEnd(esc, 0)).toBe(pos + 5);
      const unterminated = "\"" + "a".repeat(pos) + "\\";
      expect(jsonStringEnd(unterminated, 0)).toBe(unterminated.length);
      // 0x0022 and 0x005c only: 0x2222, 0x5c5c and 0x225c are plain characters
      const lookalike = "\"" + (String.fromCharCode(0x2222) + String.fromCharCode(0x5c5c) + String.fromCharCode(0x225c) + String.fromCharCode(0x0122)).repeat(pos) + "\"";
      expect(jsonStringEnd(lookalike, 0)).toBe(lookalike.length);
    }
  });
  it("jsonValueEnd and exceedsDepth equal the reference on nested and escape-heavy text", () => {
    const texts: string[] = [
      "{\"a\":[1,{\"b\":\"}\\\"]\"}],\"c\":\"\\\\\"}",
      "[\"" + "\\\"".repeat(300) + "\",[[[]]]]",
      "{\"k\":\"" + "\\n\\u0000".repeat(500) + "\"}",
      "[" + "\"x\",".repeat(200) + "\"unterminated",
      "{\"emoji\":\"😀é\\ud800\",\"deep\":[[[[[[1]]]]]]}",
    ];
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      for (let max = 0; max < 8; max++) expect(exceedsDepth(t, max)).toBe(refDepth(t, max), t);
    }
    expect(jsonValueEnd(texts[0], 0)).toBe(texts[0].length);
    expect(jsonValueEnd(texts[1], 0)).toBe(texts[1].length);
    expect(jsonValueEnd(texts[3], 0)).toBe(texts[3].length);
    expect(jsonValueEnd(texts[4], 0)).toBe(texts[4].length);
    let wrong = "";
    for (let n = 0; n <= 4; n++) {
      let count = 1;
      for (let i = 0; i < n; i++) count *= ALPHABET.length;
      for (let k = 0; k < count; k++) {
        const s = "[\"" + word(k, n) + "\"," + word(count - 1 - k, n) + "]";
        for (let max = 1; max <= 2; max++) if (exceedsDepth(s, max) != refDepth(s, max) && wrong.length == 0) wrong = s;
      }
    }
    expect(wrong).toBe("");
  });
});

describe("noted container ends (jsonscan noteValueEnds)", () => {
  it("every start and bound gives the unnoted answer, in valid, mismatched and unterminated text", () => {
    const inner = "{\"k\":[" + "\"\\\"]}\",".repeat(120) + "1]}";
    const texts: string[] = [
      "{\"params\":{\"arguments\":{\"data\":" + inner + ",\"b\":[" + inner + "]}}}",
      "[[[" + inner + "]]",  // unterminated outer levels
      "{[" + inner + "}]" + inner,  // mismatched closers
      "{\"s\":\"" + "x".repeat(600) + "\\",  // unterminated string
    ];
    let wrong = "";
    let checked = 0;
    for (let t = 0; t < texts.length; t++) {
      const s = texts[t];
      const starts = new Array<i32>();
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c == 0x7b || c == 0x5b) starts.push(i);
      }
      const bounds: i32[] = [s.length, s.length - 1, s.length >> 1, 300, 40];
      // the reference: no note
      forgetValueEnds();
      const want = new Array<i32>();
      for (let k = 0; k < starts.length; k++) for (let b = 0; b < bounds.length; b++) want.push(jsonValueEnd(s, starts[k], bounds[b]));
      // noted: first the whole text (notes the large containers), then every start and bound, twice
      for (let round = 0; round < 4; round++) {
        if (round == 0 || round == 2) {
          // rounds 0-1: noted by a scan of the whole text; rounds 2-3: by the depth check
          noteValueEnds(s);
          if (round == 0) jsonValueEnd(s, 0);
          else expect(exceedsDepth(s, 100)).toBe(false);
          if (t < 3) expect(notedValueEnds()).toBeGreaterThan(0, "the note is used");
          else expect(notedValueEnds()).toBe(0, "nothing closes");
        }
        let w = 0;
        for (let k = 0; k < starts.length; k++) {
          for (let b = 0; b < bounds.length; b++) {
            const got = jsonValueEnd(s, starts[k], bounds[b]);
            if (got != want[w] && wrong.length == 0) wrong = t.toString() + " start " + starts[k].toString() + " bound " + bounds[b].toString();
            w++;
            checked++;
          }
        }
      }
      // another text meanwhile is scanned without the note
      expect(jsonValueEnd("[1,[2]]", 0)).toBe(7);
      forgetValueEnds();
    }
    expect(wrong).toBe("");
    expect(checked).toBe(400);
  });
});

function bytesOf(a: i32[]): ArrayBuffer {
  const b = new ArrayBuffer(a.length);
  for (let i = 0; i < a.length; i++) store<u8>(changetype<usize>(b) + <usize>i, <u8>a[i]);
  return b;
}

/** "" when decodeValidUtf8 answers as isValidUtf8 + String.UTF8.decode on `b`, else what differs. */
function decodeDiff(b: ArrayBuffer): string {
  const got = decodeValidUtf8(b);
  if (!isValidUtf8(b)) return got === null ? "" : "accepted invalid";
  if (got === null) return "refused valid";
  const want = String.UTF8.decode(b);
  return got! == want ? "" : "text differs";
}

describe("decodeValidUtf8 (one-pass strict check and decode)", () => {
  it("answers as isValidUtf8 + String.UTF8.decode on every 1-3 byte sequence of interesting bytes, alone and after ASCII runs", () => {
    const B: i32[] = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef,
      0xf0, 0xf1, 0xf4, 0xf5, 0xff];
    let wrong = "";
    let checked = 0;
    for (let pad = 0; pad < 10; pad += 9) {
      for (let i = 0; i < B.length; i++) {
        for (let j = -1; j < B.length; j++) {
          for (let k = -1; k < B.length; k++) {
            const a = new Array<i32>();
            for (let q = 0; q < pad; q++) a.push(0x61);
            a.push(B[i]);
            if (j >= 0) a.push(B[j]);
            if (k >= 0) a.push(B[k]);
            const d = decodeDiff(bytesOf(a));
            if (d.length > 0 && wrong.length == 0) wrong = d + " at " + i.toString() + "," + j.toString() + "," + k.toString() + " pad " + pad.toString();
            checked++;
          }
        }
      }
    }
    expect(wrong).toBe("");
    expect(checked).toBeGreaterThan(20000);
  });
  it("4-byte sequences, ASCII runs of every length around them, NUL bytes, empty", () => {
    const seqs: i32[][] = [[0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf0, 0x9f, 0x98], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xe0, 0xa0, 0x80], [0xe0, 0x9f, 0xbf], [0x00, 0x00]];
    let wrong = "";
    for (let s = 0; s < seqs.length; s++) {
      for (let before = 0; before < 20; before++) {
        for (let after = 0; after < 12; after++) {
          const a = new Array<i32>();
          for (let q = 0; q < before; q++) a.push(0x30 + (q % 10));
          for (let q = 0; q < seqs[s].length; q++) a.push(seqs[s][q]);
          for (let q = 0; q < after; q++) a.push(0x7a);
          const d = decodeDiff(bytesOf(a));
          if (d.length > 0 && wrong.length == 0) wrong = d + " seq " + s.toString() + " before " + before.toString() + " after " + after.toString();
        }
      }
    }
    expect(wrong).toBe("");
    expect(decodeValidUtf8(new ArrayBuffer(0))).toBe("");
    const mixed = "{\"a\":\"é😀€\u0000x\"," + "\"k\":\"v\",".repeat(50) + "\"z\":\"\u07ff\uffff\"}";
    expect(decodeValidUtf8(String.UTF8.encode(mixed))).toBe(mixed);
  });
});

