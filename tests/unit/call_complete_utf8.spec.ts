// completeCallUtf8 (the bytes the filter puts in place of the backend response) must equal the
// general path, `resultResponse(id, completeCall(…))` UTF-8 encoded, whichever way it goes: bodies
// returned as text are escaped from their bytes (util/jsonutf8.ts), everything else takes mapResponse.
import { Header } from "../../assembly/rest/request";
import { CallPlan, planCall } from "../../assembly/call/plan";
import { completeCall, completeCallUtf8 } from "../../assembly/call/complete";
import { rawTextParts } from "../../assembly/rest/response";
import { resultResponse } from "../../assembly/mcp/jsonrpc";
import { FakeEnv } from "./helpers/template";
import { Rng } from "./helpers/rng";
import { sameBytes } from "./helpers/bytes";
import { globalConfig, toolNamed } from "./helpers/config";

const KEY = "svc-key-SECRET-4242";
const CONFIG = `{
  "server": {"name": "raw", "securitySchemes": [
    {"id": "key", "type": "apiKey", "in": "header", "name": "X-Api-Key", "defaultCredential": "${KEY}"}
  ]},
  "tools": [
    {"name": "bare", "requestTemplate": {"url": "http://api.local/x"}},
    {"name": "wrapped", "requestTemplate": {"url": "http://api.local/x"},
     "responseTemplate": {"prependBody": "before \\"q\\"\\n\\ud83d", "appendBody": "\\ude00 after\\u0001"}},
    {"name": "schema", "requestTemplate": {"url": "http://api.local/x"},
     "outputSchema": {"type": "object"}},
    {"name": "tpl", "requestTemplate": {"url": "http://api.local/x"}, "responseTemplate": {"body": "v={{.a}}"}},
    {"name": "keyed", "requestTemplate": {"url": "http://api.local/x", "security": {"id": "key"}}}
  ]
}`;

function plan(name: string, modern: bool): CallPlan {
  const cfg = globalConfig(CONFIG);
  const h: Header[] = [new Header(":method", "POST"), new Header(":path", "/mcp")];
  return planCall(cfg, toolNamed(cfg, name), h, "/mcp", "{}", modern, new FakeEnv());
}

function check(p: CallPlan, id: string, status: i32, ct: string, body: ArrayBuffer): void {
  const want = String.UTF8.encode(resultResponse(id, completeCall(p, status, ct, body)));
  const got = completeCallUtf8(p, id, status, ct, body);
  if (!sameBytes(got, want)) expect(String.UTF8.decode(got)).toBe(String.UTF8.decode(want));
  expect(got.byteLength).toBe(want.byteLength);
}

function raw(list: i32[]): ArrayBuffer {
  const b = new ArrayBuffer(list.length);
  for (let i = 0; i < list.length; i++) store<u8>(changetype<usize>(b) + <usize>i, <u8>list[i]);
  return b;
}

const TOOLS = ["bare", "wrapped", "schema", "tpl", "keyed"];
const BODIES = [
  '{"a":1,"s":"say \\"hi\\"\\n"}', "plain text", "", "   \n\t ", "  x", "\u00a0\u00a0", "\u00a0 x", "\u3000text",
  "\ufeff{}", "😀 emoji first", "\u2028\u3000\u00a0\ufeff", "\u2028 \u3000x", "\u00a0\u1680\u2000\u200a\u202f\u205f\u2029",
  "\u00a0\u200b", "\u0085", " \u00a0\ud83d\ude00", '{"key":"' + KEY + '"}', "ctl \u0000\u001f\u007f",
];

describe("completeCallUtf8", () => {
  it("equals the general path for every tool, era, status and body shape", () => {
    for (let t = 0; t < TOOLS.length; t++) {
      for (let m = 0; m < 2; m++) {
        const p = plan(TOOLS[t], m == 1);
        for (let b = 0; b < BODIES.length; b++) {
          const body = String.UTF8.encode(BODIES[b]);
          check(p, "7", 200, "application/json", body);
          check(p, '"id-\\"x\\""', 201, "text/plain; charset=utf-8", body);
          check(p, "", 404, "text/plain", body);
          check(p, "1", 200, "image/png", body);
        }
        check(p, "2", 200, "text/plain", raw([0x61, 0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0x22, 0xf0, 0x9f, 0x98]));
        check(p, "3", 200, "text/plain", raw([0x20, 0xc2, 0xa0, 0x61]));
      }
    }
  });

  it("equals the general path on random bodies", () => {
    const r = new Rng(99);
    const p = plan("bare", false);
    const alphabet: i32[] = [0x20, 0x0a, 0x61, 0x22, 0x5c, 0x00, 0xc2, 0xa0, 0xe2, 0x80, 0xa8, 0xed, 0xf0, 0x9f, 0xff];
    for (let k = 0; k < 200; k++) {
      const n = r.below(30);
      const list = new Array<i32>();
      for (let i = 0; i < n; i++) list.push(alphabet[r.below(alphabet.length)]);
      check(p, "5", 200, "application/json", raw(list));
    }
  });

  it("takes the byte path only for text results with nothing to scrub", () => {
    const cfg = globalConfig(CONFIG);
    const body = String.UTF8.encode("x");
    expect(rawTextParts(toolNamed(cfg, "bare"), 200, "application/json", body, []) !== null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "wrapped"), 200, "text/plain", body, []) !== null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "bare"), 200, "application/json", body, [KEY]) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "bare"), 500, "application/json", body, []) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "bare"), 200, "IMAGE/png", body, []) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "schema"), 200, "application/json", body, []) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "tpl"), 200, "application/json", body, []) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "bare"), 200, "application/json", String.UTF8.encode(" \t"), []) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "bare"), 200, "application/json", String.UTF8.encode(" \u00a0\u3000\ufeff"), []) === null).toBe(true);
    expect(rawTextParts(toolNamed(cfg, "bare"), 200, "application/json", String.UTF8.encode(" \u00a0\u3000é"), []) !== null).toBe(true);
  });

  it("never hands the call's credential to the client", () => {
    const p = plan("keyed", false);
    const got = String.UTF8.decode(completeCallUtf8(p, "1", 200, "application/json", String.UTF8.encode('{"echo":"' + KEY + '"}')));
    expect(got.includes(KEY)).toBe(false);
    expect(got.includes("[REDACTED]")).toBe(true);
  });
});
