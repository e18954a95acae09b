// Hostile value generators: JSON texts (valid and not), strings that try to break
// out of the place they are inserted into, byte-level mutations, invalid UTF-8.
import type { Rng } from "./prng.js";

const enc = new TextEncoder();

/** Strings chosen to break URLs, headers, cookies, JSON, templates and logs. */
export const NASTY_STRINGS = [
  "",
  " ",
  "a b",
  "../../etc/passwd",
  "..%2F..%2F",
  "%00",
  "%",
  "%zz",
  "a/b?c=d#e",
  "?x=1&y=2",
  "#frag",
  "\r\nX-Injected: 1",
  "\n",
  "\u0000",
  "a;b=c",
  "a,b",
  '"quoted"',
  "'",
  "\\",
  "{{.config}}",
  "{{",
  "}}",
  "<script>",
  "é",
  "日本語",
  "😀",
  "\ud800",
  "\udc00",
  "\uffff",
  "\u2028",
  "Bearer x",
  "Basic eA==",
  "http://evil.test/",
  "//evil.test",
  "@evil.test",
  "x".repeat(300),
  "=",
  "&",
  "+",
  "null",
  "true",
  "1e999",
  "-0",
  "0x10",
  "NaN",
  "Infinity",
  "\t",
  "\u007f",
  "€",
];

/** Number literals, including ones that overflow f64 or lose precision. */
export const NASTY_NUMBERS = [
  "0",
  "-0",
  "1",
  "-1",
  "3.14",
  "1e10",
  "1e308",
  "1e999",
  "-1e999",
  "123456789012345678901234567890",
  "9007199254740993",
  "0.1e-400",
  "2147483648",
  "-2147483649",
  "4294967296",
  "1.0",
  "1E+2",
  "5e-324",
];

const KEYS = [
  "jsonrpc",
  "id",
  "method",
  "params",
  "name",
  "arguments",
  "result",
  "error",
  "cursor",
  "_meta",
  "s",
  "n",
  "i",
  "b",
  "a",
  "o",
  "k",
];

/** A random JSON string literal (valid JSON; may contain escapes and lone-surrogate escapes). */
export function jsonStringLiteral(rng: Rng, maxLen = 40): string {
  const r = rng.float();
  if (r < 0.4) return JSON.stringify(rng.pick(NASTY_STRINGS));
  if (r < 0.5)
    return rng.pick(['"\\ud800"', '"\\udc00x"', '"\\u0000"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"\\u00e9"', '"\\uD83D\\uDE00"']);
  return JSON.stringify(randomString(rng, maxLen));
}

/** A random string mixing ASCII, controls, BMP and astral characters. */
export function randomString(rng: Rng, maxLen: number): string {
  const n = rng.size(maxLen);
  let s = "";
  for (let i = 0; i < n; i++) {
    const r = rng.float();
    if (r < 0.7) s += String.fromCharCode(rng.range(0x20, 0x7e));
    else if (r < 0.8) s += String.fromCharCode(rng.range(0, 0x1f));
    else if (r < 0.93) s += String.fromCharCode(rng.range(0x80, 0xd7ff));
    else if (r < 0.97) s += String.fromCodePoint(rng.range(0x10000, 0x10ffff));
    else s += String.fromCharCode(rng.range(0xd800, 0xdfff));
  }
  return s;
}

/** A random JSON value as text (always valid JSON), nesting up to `depth`. */
export function jsonValue(rng: Rng, depth: number): string {
  const r = rng.float();
  if (depth <= 0 || r < 0.55) {
    const s = rng.float();
    if (s < 0.35) return jsonStringLiteral(rng);
    if (s < 0.65) return rng.pick(NASTY_NUMBERS);
    if (s < 0.8) return rng.pick(["true", "false"]);
    return "null";
  }
  const n = rng.size(6);
  const ws = rng.chance(0.2) ? rng.pick([" ", "\n", "\t", "\r\n  "]) : "";
  if (r < 0.78) {
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(jsonValue(rng, depth - 1));
    return "[" + ws + items.join("," + ws) + ws + "]";
  }
  const members: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = rng.chance(0.6) ? JSON.stringify(rng.pick(KEYS)) : jsonStringLiteral(rng, 12);
    members.push(k + ws + ":" + ws + jsonValue(rng, depth - 1));
  }
  return "{" + ws + members.join("," + ws) + ws + "}";
}

/** Deeply nested arrays/objects (depth up to `max`), possibly unterminated. */
export function deepNesting(rng: Rng, max: number): string {
  const d = rng.range(1, max);
  const obj = rng.chance(0.5);
  const open = obj ? '{"a":' : "[";
  const close = obj ? "}" : "]";
  const closed = rng.chance(0.8);
  return open.repeat(d) + "1" + (closed ? close.repeat(d) : close.repeat(rng.int(d)));
}

/** Byte-level mutation of `text`: flips, inserts, deletes, duplicates, truncates, splices tokens. */
export function mutateBytes(rng: Rng, input: Uint8Array): Uint8Array {
  let b = Array.from(input);
  const rounds = rng.range(1, 4);
  for (let k = 0; k < rounds; k++) {
    const pos = rng.int(b.length + 1);
    switch (rng.int(8)) {
      case 0:
        if (b.length) b[Math.min(pos, b.length - 1)] = rng.next() & 0xff;
        break;
      case 1:
        b.splice(pos, 0, rng.next() & 0xff);
        break;
      case 2:
        b.splice(pos, rng.range(1, 8));
        break;
      case 3:
        b = b.slice(0, pos);
        break;
      case 4: {
        const len = rng.range(1, 32);
        b.splice(pos, 0, ...b.slice(pos, pos + len));
        break;
      }
      case 5:
        b.splice(
          pos,
          0,
          ...enc.encode(rng.pick(['"', "{", "}", "[", "]", ",", ":", "\\", "\\u", "null", "1e999", '"id":', '"method":"x",'])),
        );
        break;
      case 6:
        b.splice(pos, 0, ...rng.pick(INVALID_UTF8));
        break;
      default:
        if (b.length > 1) {
          const q = rng.int(b.length);
          const t = b[q];
          b[q] = b[Math.min(pos, b.length - 1)];
          b[Math.min(pos, b.length - 1)] = t;
        }
    }
  }
  return Uint8Array.from(b);
}

/** Byte sequences that are not valid UTF-8. */
export const INVALID_UTF8: number[][] = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0xf0, 0x9f, 0x98],
  [0xc3],
  [0xfe, 0xfe],
  [0xef, 0xbb, 0xbf],
];

/** UTF-8 bytes of a string. */
export function bytesOf(s: string): Uint8Array {
  return enc.encode(s);
}
