// Issue 19: exact-size output (rest/textout), encoders that return their input when nothing changes,
// URL rests without actions, and templates that only read a .config path (rest/data).
import { parseRootConfig } from "../../assembly/config/parse";
import { buildRequest } from "../../assembly/rest/build";
import { FixedStr, Utf8Out } from "../../assembly/rest/textout";
import { encodeUtf8, utf8RangeLength } from "../../assembly/util/utf8";
import { literalChunks } from "../../assembly/rest/url";
import { readsOnlyConfigPath as isConfigPath } from "../../assembly/rest/data";
import { formEncode } from "../../assembly/rest/form";
import { isProtectedHeader, lowerName, normalizeLiteral, percentEncode } from "../../assembly/rest/encode";
import { compileTemplate } from "../../assembly/template/template";
import { FixedEnv } from "./helpers/env";
import { sameBytes } from "./helpers/bytes";
import { oneToolConfig } from "./helpers/config";

describe("exact-size output (rest/textout)", () => {
  it("utf8RangeLength counts as String.UTF8.encode with REPLACE writes, lone surrogates included", () => {
    const s = "ab😀é\ud800x\udc00€" + "a".repeat(9) + "\ud83d";
    for (let a = 0; a <= s.length; a++) {
      for (let b = a; b <= s.length; b++) {
        expect(utf8RangeLength(s, a, b)).toBe(encodeUtf8(s.substring(a, b)).byteLength);
      }
    }
    expect(utf8RangeLength(s, -5, 999)).toBe(encodeUtf8(s).byteLength);
    expect(utf8RangeLength("", 0, 0)).toBe(0);
  });
  it("Utf8Out writes what it measured; FixedStr fills its length and clamps", () => {
    const o = new Utf8Out();
    const src = encodeUtf8("héllo");
    for (let pass = 0; pass < 2; pass++) {
      o.append("{\"x\":");
      o.appendRange("a\ud800b😀c", 1, 5);
      o.copyBytes(src, 1, 4);
      o.copyBytes(src, -3, 99);
      o.append("}");
      if (pass == 0) o.start();
    }
    expect(sameBytes(o.done(), encodeUtf8("{\"x\":\ud800b😀" + "él" + "héllo}"))).toBe(true);
    const f = new FixedStr(6);
    f.append("ab");
    f.appendRange("xyz", 1, 99);
    f.appendCode(0x21);
    f.append("too long");
    expect(f.done()).toBe("abyz!t");
    const short = new FixedStr(10);
    short.append("abc");
    expect(short.done()).toBe("abc");
    expect(new FixedStr(-1).done()).toBe("");
  });
});

describe("literal URL rest (rest/url literalChunks)", () => {
  it("gives the chunks rendering gives, for sources without actions only", () => {
    const srcs: string[] = ["/users/{id}/orders", "/a}}b?x=1&y={q}#frag", "/é😀/%2F", "}", "/a{b", "/x\\y"];
    for (let i = 0; i < srcs.length; i++) {
      const t = compileTemplate(srcs[i]).template!;
      const got = literalChunks(t);
      expect(got).not.toBeNull(srcs[i]);
      const want = t.renderRaw("{\"config\":null,\"args\":{}}", new FixedEnv());
      expect(want.ok).toBe(true);
      expect(got!.length).toBe(want.chunks.length, srcs[i]);
      for (let k = 0; k < want.chunks.length; k++) {
        expect(got![k].literal).toBe(want.chunks[k].literal);
        expect(got![k].text).toBe(want.chunks[k].text);
        expect(got![k].json).toBe(want.chunks[k].json);
      }
    }
    expect(literalChunks(compileTemplate("/u/{{.args.id}}").template!)).toBeNull();
    expect(literalChunks(compileTemplate("").template!)).toBeNull();
    const long = compileTemplate("/" + "a".repeat(100)).template!;
    long.maxOutput = 50; // the render would fail: left to the renderer
    expect(literalChunks(long)).toBeNull();
    expect(long.renderRaw("{}", new FixedEnv()).ok).toBe(false);
  });
});

describe("encoders return their input when nothing is to encode (no copy), and encode otherwise", () => {
  it("formEncode, percentEncode, normalizeLiteral, lowerName", () => {
    const plain = "AZaz09-._~";
    expect(changetype<usize>(formEncode(plain))).toBe(changetype<usize>(plain));
    expect(changetype<usize>(percentEncode(plain, false))).toBe(changetype<usize>(plain));
    expect(formEncode("a b/é")).toBe("a+b%2F%C3%A9");
    expect(formEncode("")).toBe("");
    expect(percentEncode("a/b", true)).toBe("a/b");
    expect(percentEncode("a/b", false)).toBe("a%2Fb");
    expect(percentEncode("a\ud800", false)).toBe("a%EF%BF%BD");
    expect(normalizeLiteral("/a:b@c!$&'()*+,;=/", false)).toBe("/a:b@c!$&'()*+,;=/");
    expect(normalizeLiteral("/a?b", false)).toBe("/a%3Fb");
    expect(normalizeLiteral("/a?b", true)).toBe("/a?b");
    expect(normalizeLiteral("/a%2Fb%zz", false)).toBe("/a%2Fb%25zz");
    expect(normalizeLiteral("/a b", false)).toBe("/a%20b");
    const lower = "content-type";
    expect(changetype<usize>(lowerName(lower))).toBe(changetype<usize>(lower));
    expect(lowerName("Content-Type")).toBe("content-type");
    expect(lowerName("ÄB")).toBe("äb");
    expect(isProtectedHeader("Host")).toBe(true);
    expect(isProtectedHeader(":path")).toBe(true);
    expect(isProtectedHeader("x-tag")).toBe(false);
  });
});

describe("URL pieces that only read .config are rendered once per template and config (rest/url)", () => {
  it("isConfigPath accepts field paths into .config only", () => {
    expect(isConfigPath("{{.config.base}}")).toBe(true);
    expect(isConfigPath("{{ .config.a.b_2 }}")).toBe(true);
    expect(isConfigPath("{{.config}}")).toBe(false);
    expect(isConfigPath("{{.args.base}}")).toBe(false);
    expect(isConfigPath("{{.config.base | lower}}")).toBe(false);
    expect(isConfigPath("{{.config.base}}{{.args.x}}")).toBe(false);
    expect(isConfigPath("{{.configx.base}}")).toBe(false);
    expect(isConfigPath("{{.config.}}")).toBe(false);
    expect(isConfigPath("{{- .config.base}}")).toBe(false);
    expect(isConfigPath("{{.config.b#}}")).toBe(false);
  });
  it("each configuration gets its own value, every call of one gets the same", () => {
    const a = oneToolConfig("{{.config.base}}/x", "", "[{\"name\":\"q\",\"type\":\"string\",\"position\":\"query\"}]");
    const b = parseRootConfig("{\"server\":{\"name\":\"s\",\"config\":{\"base\":\"http://other:8080\"}},\"tools\":[{\"name\":\"t\",\"args\":[]," +
      "\"requestTemplate\":{\"url\":\"{{.config.base}}/x\",\"method\":\"GET\"}}]}").config!.global!;
    for (let i = 0; i < 3; i++) {
      const ra = buildRequest(a, a.tools[0], "{\"q\":\"" + i.toString() + "\"}", [], new FixedEnv());
      expect(ra.req.authority).toBe("b");
      expect(ra.req.pathWithQuery()).toBe("/x?q=" + i.toString());
      const rb = buildRequest(b, b.tools[0], "{}", [], new FixedEnv());
      expect(rb.req.authority).toBe("other:8080");
    }
  });
});
