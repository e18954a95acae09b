// Issue 14 (security round 2): the pure pieces, as given/want tables.
import { hasUserinfo, hostArgProblem } from "../../assembly/config/urlsplit";
import { isHostArgLabel } from "../../assembly/rest/url";
import { scrubSecrets } from "../../assembly/rest/scrub";
import { intersectAllowHeaders } from "../../assembly/mcp/allow";
import { joinStrings } from "../../assembly/util/strbuf";
import { quoteJson as quoteJSON, jsonUnescape as unescapeRange } from "../../assembly/util/jsonstring";
import { minifyJson as minify, prettyJson as pretty } from "../../assembly/util/jsonformat";

describe("joinStrings and the one-pass JSON helpers", () => {
  it("join like Array#join", () => {
    expect(joinStrings([], ",")).toBe("");
    expect(joinStrings(["a"], ",")).toBe("a");
    expect(joinStrings(["a", "", "c"], ", ")).toBe("a, , c");
  });
  it("unescape, quote, minify and pretty-print escape-heavy text", () => {
    const raw = "a\\n\\u0000\\/\\\"b\\u00e9\\x";
    expect(unescapeRange(raw, 0, raw.length)).toBe("a\n\u0000/\"b\u00e9x");
    expect(quoteJSON("a\n\u0001\"\\")).toBe("\"a\\n\\u0001\\\"\\\\\"");
    expect(minify("{ \"a\" : [1, \" x \"] }", 0, 22)).toBe("{\"a\":[1,\" x \"]}");
    expect(pretty("{\"a\":[1,2],\"b\":{}}", 0, 19, 1000)).toBe("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    expect(pretty("{\"a\":[1,2],\"b\":{}}", 0, 19, 5)).toBeNull();
  });
});

describe("URL rules", () => {
  it("finds userinfo only in the authority of an absolute URL", () => {
    expect(hasUserinfo("https://u:p@h/x")).toBe(true);
    expect(hasUserinfo("https://h/x?a=b@c")).toBe(false);
    expect(hasUserinfo("/r?next=http://a@b")).toBe(false);
    expect(hasUserinfo("{{.config.base}}/x")).toBe(false);
  });
  it("allows an argument host label only in front of a fixed suffix", () => {
    expect(hostArgProblem("http://{{.args.t}}.api.test/x")).toBe("");
    expect(hostArgProblem("http://{{.args.t}}.{{.config.d}}/x")).toBe("");
    expect(hostArgProblem("http://{{.config.h}}/{{.args.p}}")).toBe("");
    expect(hostArgProblem("/x/{{.args.p}}")).toBe("");
    expect(hostArgProblem("http://{{.args.h}}/x").length > 0).toBe(true);
    expect(hostArgProblem("http://{{.args.h}}:8080/x").length > 0).toBe(true);
    expect(hostArgProblem("http://a.{{.args.h}}").length > 0).toBe(true);
    expect(hostArgProblem("http://{h}/x").length > 0).toBe(true);
  });
  it("refuses all-digit and hex labels", () => {
    expect(isHostArgLabel("tenant-7")).toBe(true);
    expect(isHostArgLabel("7f000001")).toBe(true);
    expect(isHostArgLabel("2130706433")).toBe(false);
    expect(isHostArgLabel("0x7f000001")).toBe(false);
    expect(isHostArgLabel("0X7F")).toBe(false);
    expect(isHostArgLabel("a.b")).toBe(false);
  });
});

describe("scrubSecrets finds JSON-escaped forms", () => {
  it("redacts \\/ and \\uXXXX escaped echoes, nested JSON and overlapping forms once", () => {
    expect(scrubSecrets("{\"a\":\"Bearer ab\\/cd\"}", ["ab/cd"])).toBe("{\"a\":\"Bearer [REDACTED]\"}");
    expect(scrubSecrets("\"\\u0061\\u0062/cd\"", ["ab/cd"])).toBe("\"[REDACTED]\"");
    expect(scrubSecrets("{\"t\":\"{\\\"a\\\":\\\"ab\\\\/cd\\\"}\"}", ["ab/cd"])).toBe("{\"t\":\"{\\\"a\\\":\\\"[REDACTED]\\\"}\"}");
    expect(scrubSecrets("xx secret-long-value yy", ["secret", "secret-long-value"])).toBe("xx [REDACTED] yy");
    expect(scrubSecrets("aaaaaaaa", ["aaaa"])).toBe("[REDACTED]");
    expect(scrubSecrets("no \\ secret \\u00zz here", ["zzzzz"])).toBe("no \\ secret \\u00zz here");
  });
});

describe("x-envoy-allow-mcp-tools copies", () => {
  it("intersect", () => {
    expect(intersectAllowHeaders([])).toBeNull();
    expect(intersectAllowHeaders([""])).toBeNull();
    expect(intersectAllowHeaders(["a,b"])).toBe("a,b");
    expect(intersectAllowHeaders(["a,b,c", "b, a"])).toBe("a,b");
    expect(intersectAllowHeaders(["a", "b"])).toBe(",");
    expect(intersectAllowHeaders(["", "b"])).toBe("b");
  });
});
