// Unit tests for auth/ helpers: base64, JWT audience decoding, secret scrubbing.
import { B64_STD, B64_URL, base64Utf8 as base64Encode, base64UrlUtf8 as base64UrlEncode, decodeBase64Utf8 } from "../../assembly/util/base64";
import { jwtAudiences } from "../../assembly/auth/auth";
import { scrubSecrets, extractClientCredential } from "../../assembly/auth/auth";
import { SecurityScheme } from "../../assembly/config/types";
import { Header } from "../../assembly/rest/request";

function base64DecodeString(s: string, url: bool): string | null {
  return decodeBase64Utf8(s, url ? B64_URL : B64_STD);
}

const FUZZ_CHARS = "eyJ0.=-_+/%{}\":,[]aA9 ;\u0000\r\n\u00e9\ud800";

/** Deterministic pseudo-random strings (no Math.random in plugin builds; fine here but keep it reproducible). */
function fuzzString(seed: u32, len: i32): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < len; i++) {
    x = x * 1103515245 + 12345;
    out += FUZZ_CHARS.charAt(<i32>((x >> 16) % <u32>FUZZ_CHARS.length));
  }
  return out;
}

function jwt(header: string, payload: string): string {
  return base64UrlEncode(header) + "." + base64UrlEncode(payload) + ".c2ln";
}

describe("base64", () => {
  it("encodes RFC 4648 test vectors", () => {
    expect(base64Encode("")).toBe("");
    expect(base64Encode("f")).toBe("Zg==");
    expect(base64Encode("fo")).toBe("Zm8=");
    expect(base64Encode("foo")).toBe("Zm9v");
    expect(base64Encode("foob")).toBe("Zm9vYg==");
    expect(base64Encode("fooba")).toBe("Zm9vYmE=");
    expect(base64Encode("foobar")).toBe("Zm9vYmFy");
  });
  it("encodes user:pass as HTTP Basic expects", () => {
    expect(base64Encode("service_user:p@$$wOrd")).toBe("c2VydmljZV91c2VyOnBAJCR3T3Jk");
    expect(base64Encode("Aladdin:open sesame")).toBe("QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  });
  it("encodes UTF-8 bytes, not UTF-16 units", () => {
    expect(base64Encode("é")).toBe("w6k=");
  });
  it("uses the url alphabet without padding for base64url", () => {
    expect(base64UrlEncode("\xfb\xff")).toBe("w7vDvw");
    expect(base64UrlEncode("??>")).toBe("Pz8-");
    expect(base64UrlEncode("f")).toBe("Zg");
  });
  it("decodes with or without padding and rejects bad input", () => {
    expect(base64DecodeString("Zm9vYg==", false)).toBe("foob");
    expect(base64DecodeString("Zm9vYg", false)).toBe("foob");
    expect(base64DecodeString("Pz8-", true)).toBe("??>");
    expect(base64DecodeString("Pz8-", false)).toBeNull();
    expect(base64DecodeString("Zm9vYg=", false)).toBeNull();
    expect(base64DecodeString("Zm9vY", false)).toBeNull();
    expect(base64DecodeString("Zm9v===", false)).toBeNull();
    expect(base64DecodeString("Zm 9v", false)).toBeNull();
    expect(base64DecodeString("", false)).toBe("");
  });
});

describe("jwtAudiences", () => {
  it("reads a string aud", () => {
    const a = jwtAudiences(jwt('{"alg":"RS256"}', '{"sub":"u1","aud":"https://api.example.com"}'));
    expect(a).not.toBeNull();
    expect((a as string[]).length).toBe(1);
    expect((a as string[])[0]).toBe("https://api.example.com");
  });
  it("reads an array aud and skips non-strings", () => {
    const a = jwtAudiences(jwt('{"alg":"RS256"}', '{"aud":["a1",7,"a2",null]}')) as string[];
    expect(a.length).toBe(2);
    expect(a[0]).toBe("a1");
    expect(a[1]).toBe("a2");
  });
  it("returns an empty list when aud is absent or not a string/array", () => {
    expect((jwtAudiences(jwt('{"alg":"none"}', '{"sub":"x"}')) as string[]).length).toBe(0);
    expect((jwtAudiences(jwt('{"alg":"none"}', '{"aud":42}')) as string[]).length).toBe(0);
  });
  it("accepts padded base64url segments", () => {
    // payload of length 16 -> base64 needs "==" padding
    const p = '{"aud":"abcdef"}';
    const seg = base64UrlEncode(p);
    expect(seg.length % 4).toBe(2);
    const a = jwtAudiences(base64UrlEncode('{"a":1}') + "." + seg + "==.sig") as string[];
    expect(a.length).toBe(1);
    expect(a[0]).toBe("abcdef");
  });
  it("decodes base64url characters - and _", () => {
    // "?>" in JSON string values produce '-' and '_' characters in base64url
    const p = '{"aud":"??>>??~~"}';
    const seg = base64UrlEncode(p);
    expect(seg.includes("-") || seg.includes("_")).toBe(true);
    const a = jwtAudiences(base64UrlEncode("{}") + "." + seg + ".s") as string[];
    expect(a[0]).toBe("??>>??~~");
  });
  it("returns null for things that are not JWTs", () => {
    expect(jwtAudiences("")).toBeNull();
    expect(jwtAudiences("opaque-token-123")).toBeNull();
    expect(jwtAudiences("a.b")).toBeNull();
    expect(jwtAudiences("a.b.c.d.e")).toBeNull();
    expect(jwtAudiences(jwt("not json", '{"aud":"x"}'))).toBeNull();
    expect(jwtAudiences(jwt("{}", '["x"]'))).toBeNull();
    expect(jwtAudiences(jwt("{}", '{"aud":'))).toBeNull();
    expect(jwtAudiences("e30.e30!.sig")).toBeNull();
    expect(jwtAudiences(".e30.sig")).toBeNull();
    expect(jwtAudiences(base64UrlEncode("{}") + "." + base64UrlEncode('{"aud":"abcdef"}') + "=.sig")).toBeNull();
  });
});

describe("robustness", () => {
  it("rejects a JWT segment that is not valid UTF-8 JSON", () => {
    expect(jwtAudiences("e30.__4.sig")).toBeNull();
    expect(jwtAudiences("__4.e30.sig")).toBeNull();
  });
  it("never traps on arbitrary input (3000 fuzzed strings)", () => {
    const bearer = new SecurityScheme();
    bearer.type = "http";
    bearer.scheme = "bearer";
    const q = new SecurityScheme();
    q.type = "apiKey";
    q.in = "query";
    q.name = "k";
    const c = new SecurityScheme();
    c.type = "apiKey";
    c.in = "cookie";
    c.name = "k";
    // a trap fails this test; the invariants below make it fail on wrong results too
    let bad = "";
    for (let i: u32 = 0; i < 3000; i++) {
      const f = fuzzString(i, <i32>(i % 40));
      const parts = f.split(".");
      jwtAudiences(f);
      jwtAudiences(base64UrlEncode(f) + "." + f + "." + f);
      if (parts.length > 1) base64DecodeString(parts[1], true);
      if (!f.includes("\ud800")) {
        const back = base64DecodeString(base64Encode(f), false);
        if (back === null || back != f) bad += "base64 round trip #" + i.toString() + "\n";
      }
      if (f.length >= 4 && scrubSecrets(f + "|" + f, [f, "abcd"]).includes(f)) bad += "scrub #" + i.toString() + "\n";
      const h: Header[] = [new Header("authorization", f), new Header("cookie", f)];
      extractClientCredential(bearer, h, "/p?" + f);
      extractClientCredential(q, h, "/p?k=" + f);
      extractClientCredential(c, h, f);
    }
    expect(bad).toBe("");
  });
});

describe("scrubSecrets", () => {
  it("replaces every occurrence of each secret", () => {
    expect(scrubSecrets("token abcd1234 and again abcd1234!", ["abcd1234"])).toBe("token [REDACTED] and again [REDACTED]!");
  });
  it("ignores secrets shorter than 4 characters and empty ones", () => {
    expect(scrubSecrets("a abc b", ["abc", ""])).toBe("a abc b");
  });
  it("redacts base64, base64url and URL-encoded forms", () => {
    const s = "user:p@ss w+rd/?";
    const text = "b64=" + base64Encode(s) + " url=" + base64UrlEncode(s) + " q=user%3Ap%40ss+w%2Brd%2F%3F pct=user%3Ap%40ss%20w%2Brd%2F%3F";
    const out = scrubSecrets(text, [s]);
    expect(out).toBe("b64=[REDACTED] url=[REDACTED] q=[REDACTED] pct=[REDACTED]");
  });
  it("redacts the longer secret whole when one secret contains another", () => {
    expect(scrubSecrets("x secret-long-value y", ["secret", "secret-long-value"])).toBe("x [REDACTED] y");
  });
  it("leaves text without secrets unchanged", () => {
    expect(scrubSecrets("nothing here", ["zzzzzz"])).toBe("nothing here");
  });
});
