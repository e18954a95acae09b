// Unit tests for rest/url.ts and config/urlsplit.ts: contextual URL escaping on
// hand-built chunks (independent of the template engine) and source analysis.
import { Tool, ToolArg } from "../../assembly/config/types";
import { ArgsResult, validateArguments } from "../../assembly/rest/args";
import { hasDotSegmentPath, isValidAuthority } from "../../assembly/rest/encode";
import { assemblePrefix, assembleRest, joinPath } from "../../assembly/rest/url";
import { analyzeUrl, PIECE_LITERAL, PIECE_TRUSTED, PIECE_UNTRUSTED, UrlPiece } from "../../assembly/config/urlsplit";
import { Chunk } from "../../assembly/template/template";
import { quoteJson as jsonQuote } from "../../assembly/util/jsonstring";

function L(t: string): Chunk {
  return new Chunk(true, t, "");
}
function A(t: string): Chunk {
  return new Chunk(false, t, jsonQuote(t));
}

/** ArgsResult with one path arg "id" (and an optional path arg "opt") set to `value` (a JSON string). */
function pathArgs(value: string): ArgsResult {
  const t = new Tool();
  const a = new ToolArg();
  a.name = "id";
  a.position = "path";
  t.args.push(a);
  const o = new ToolArg();
  o.name = "opt";
  o.position = "path";
  t.args.push(o);
  const q = new ToolArg();
  q.name = "tenant";
  q.position = "path";
  t.args.push(q);
  return validateArguments(t, value, 16);
}

function rest(chunks: Chunk[], args: ArgsResult): string {
  const r = assembleRest(chunks, args);
  if (!r.ok) return "ERR:" + r.reason + ":" + r.error;
  return r.path + (r.rawQuery.length > 0 ? "?" + r.rawQuery : "");
}

function idRest(id: string): string {
  return rest([L("/notes/{id}/view")], pathArgs('{"id":' + jsonQuote(id) + "}"));
}

describe("path placeholders ({name}, position: path)", () => {
  it("encodes every reserved character in a path argument", () => {
    expect(idRest("a/b?c#d&e=f")).toBe("/notes/a%2Fb%3Fc%23d%26e%3Df/view");
    expect(idRest("50% off")).toBe("/notes/50%25%20off/view");
    expect(idRest("é")).toBe("/notes/%C3%A9/view");
    expect(idRest("a\r\nb")).toBe("/notes/a%0D%0Ab/view");
    expect(idRest("a;b,c@d:e")).toBe("/notes/a%3Bb%2Cc%40d%3Ae/view");
  });
  it("keeps already-encoded-looking text inert (%2e%2e stays data)", () => {
    expect(idRest("%2e%2e")).toBe("/notes/%252e%252e/view");
    expect(idRest("..%2F..")).toBe("/notes/..%252F../view");
  });
  it("refuses dot segments", () => {
    expect(idRest("..")).toBe('ERR:unsafe_value:argument "id": path value must not be or contain a "." or ".." segment');
    expect(idRest(".")).toBe('ERR:unsafe_value:argument "id": path value must not be or contain a "." or ".." segment');
    expect(idRest("../admin")).toBe('ERR:unsafe_value:argument "id": path value must not be or contain a "." or ".." segment');
    expect(idRest("a\\..\\b")).toBe('ERR:unsafe_value:argument "id": path value must not be or contain a "." or ".." segment');
    expect(idRest("a..b")).toBe("/notes/a..b/view");
  });
  it("refuses a missing path argument and leaves unknown placeholders encoded", () => {
    expect(rest([L("/n/{opt}")], pathArgs("{}"))).toBe('ERR:invalid_argument:argument "opt" is required (url path)');
    expect(rest([L("/n/{other}")], pathArgs("{}"))).toBe("/n/%7Bother%7D");
  });
  it("form-encodes a placeholder in the query", () => {
    expect(rest([L("/s?x={id}")], pathArgs('{"id":"a b&c"}'))).toBe("/s?x=a+b%26c");
  });
});

describe("action output in the path and query", () => {
  it("percent-encodes path values but keeps / and unreserved", () => {
    expect(rest([L("/files/"), A("dir/a b~c.txt")], pathArgs("{}"))).toBe("/files/dir/a%20b~c.txt");
    expect(rest([L("/files/"), A("x?y=1#z")], pathArgs("{}"))).toBe("/files/x%3Fy%3D1%23z");
    expect(rest([L("/files/"), A("%2e%2e")], pathArgs("{}"))).toBe("/files/%252e%252e");
    expect(rest([L("/u/"), A("ü")], pathArgs("{}"))).toBe("/u/%C3%BC");
  });
  it("refuses a path value with dot segments", () => {
    expect(rest([L("/files/"), A("../../etc/passwd")], pathArgs("{}"))).toBe('ERR:unsafe_value:url: a template value would create a "." or ".." path segment');
    expect(rest([L("/files/"), A("..")], pathArgs("{}"))).toBe('ERR:unsafe_value:url: a template value would create a "." or ".." path segment');
  });
  it("form-encodes query values so they stay one value", () => {
    expect(rest([L("/search?q="), A("a&admin=true"), L("&lang=en")], pathArgs("{}"))).toBe("/search?q=a%26admin%3Dtrue&lang=en");
    expect(rest([L("/search?q="), A("x#frag y")], pathArgs("{}"))).toBe("/search?q=x%23frag+y");
    expect(rest([L("/search?q="), A("\r\n")], pathArgs("{}"))).toBe("/search?q=%0D%0A");
  });
  it("a value cannot start the query or the fragment", () => {
    expect(rest([L("/a/"), A("b?admin=1")], pathArgs("{}"))).toBe("/a/b%3Fadmin%3D1");
  });
  it("drops the fragment and normalizes unsafe literal characters", () => {
    expect(rest([L("/x?a=1#frag"), A("ignored")], pathArgs("{}"))).toBe("/x?a=1");
    expect(rest([L("/a b/ü?q=x y")], pathArgs("{}"))).toBe("/a%20b/%C3%BC?q=x%20y");
    expect(rest([L("/p%zz/%41")], pathArgs("{}"))).toBe("/p%25zz/%41");
  });
});

function pre(pieces: UrlPiece[], args: ArgsResult): string {
  const r = assemblePrefix(pieces, args);
  if (!r.ok) return "ERR:" + r.reason + ":" + r.error;
  return r.scheme + "|" + r.authority + "|" + r.path;
}

function P(kind: i32, text: string): UrlPiece {
  return new UrlPiece(kind, text);
}

describe("scheme and authority", () => {
  it("takes scheme, host and base path from configuration", () => {
    expect(pre([P(PIECE_TRUSTED, "https://api.example.com/v2")], pathArgs("{}"))).toBe("https|api.example.com|/v2");
    expect(pre([P(PIECE_TRUSTED, "HTTP://Api.Example.com:8443")], pathArgs("{}"))).toBe("http|api.example.com:8443|");
    expect(pre([P(PIECE_LITERAL, "https://"), P(PIECE_TRUSTED, "[::1]"), P(PIECE_LITERAL, ":8080")], pathArgs("{}"))).toBe("https|[::1]:8080|");
    expect(pre([P(PIECE_TRUSTED, "/api")], pathArgs("{}"))).toBe("||/api");
  });
  it("allows an argument only as one DNS label", () => {
    const pieces = [P(PIECE_LITERAL, "https://"), P(PIECE_UNTRUSTED, "tenant-1"), P(PIECE_LITERAL, ".example.com")];
    expect(pre(pieces, pathArgs("{}"))).toBe("https|tenant-1.example.com|");
    const bad = ["evil.com/", "a.b", "user@evil.com", "host:8080", "", "evil.com#", "a b", "x\r\n"];
    for (let i = 0; i < bad.length; i++) {
      const p = [P(PIECE_LITERAL, "https://"), P(PIECE_UNTRUSTED, bad[i]), P(PIECE_LITERAL, ".example.com")];
      expect(pre(p, pathArgs("{}"))).toBe("ERR:unsafe_value:url: a value in the host part must be a single DNS label ([A-Za-z0-9-], 1-63 characters, not all digits or hex)", bad[i]);
    }
  });
  it("applies the DNS-label rule to {name} in the host", () => {
    const pieces = [P(PIECE_LITERAL, "https://{tenant}.example.com")];
    expect(pre(pieces, pathArgs('{"tenant":"acme"}'))).toBe("https|acme.example.com|");
    expect(pre(pieces, pathArgs('{"tenant":"evil.com/x"}'))).toBe('ERR:unsafe_value:argument "tenant": a value in the host part must be a single DNS label');
  });
  it("refuses bad configuration values", () => {
    expect(pre([P(PIECE_TRUSTED, "ftp://x")], pathArgs("{}"))).toBe("ERR:template_error:url: scheme must be http or https");
    expect(pre([P(PIECE_TRUSTED, "https://user@host")], pathArgs("{}"))).toBe("ERR:template_error:url: userinfo (user:password@) is not allowed in a URL; use a basic security scheme");
    expect(pre([P(PIECE_TRUSTED, "https://h/v1?k=1")], pathArgs("{}"))).toBe("ERR:template_error:url: the configured base url must not contain a query or fragment");
    expect(pre([P(PIECE_TRUSTED, "api.example.com")], pathArgs("{}"))).toBe("ERR:template_error:url: scheme and host must come from configuration as scheme://host");
  });
  it("validates authorities", () => {
    expect(isValidAuthority("a.b-c_d~e:65535")).toBe(true);
    expect(isValidAuthority("a:")).toBe(false);
    expect(isValidAuthority(":80")).toBe(false);
    expect(isValidAuthority("a:123456")).toBe(false);
    expect(isValidAuthority("a%2f")).toBe(false);
  });
});

describe("path joining and dot-segment check", () => {
  it("joins base and rest paths", () => {
    expect(joinPath("", "")).toBe("/");
    expect(joinPath("/v2", "/users")).toBe("/v2/users");
    expect(joinPath("/v2/", "/users")).toBe("/v2/users");
    expect(joinPath("/v2", "")).toBe("/v2");
  });
  it("finds dot segments also in encoded form", () => {
    expect(hasDotSegmentPath("/a/../b")).toBe(true);
    expect(hasDotSegmentPath("/a/%2e%2E/b")).toBe(true);
    expect(hasDotSegmentPath("/a/%2E")).toBe(true);
    expect(hasDotSegmentPath("/a/.b/..c")).toBe(false);
  });
});

function plan(src: string): string {
  const p = analyzeUrl(src);
  if (!p.ok) return "ERR:" + p.error;
  let s = p.relative ? "rel" : "abs";
  for (let i = 0; i < p.prefix.length; i++) {
    const x = p.prefix[i];
    s += "|" + (x.kind == PIECE_LITERAL ? "L" : x.kind == PIECE_TRUSTED ? "T" : "U") + ":" + x.text;
  }
  return s + "|rest:" + (p.rest !== null ? p.rest!.source : "<none>");
}

describe("analyzeUrl (template source split)", () => {
  it("splits scheme+authority from path+query", () => {
    expect(plan("/notes/{id}")).toBe("rel|rest:/notes/{id}");
    expect(plan("https://api.example.com/x/{{.args.id}}?q=1")).toBe("abs|L:https://api.example.com|rest:/x/{{.args.id}}?q=1");
    expect(plan("{{.config.baseUrl}}/users")).toBe("abs|T:{{.config.baseUrl}}|rest:/users");
    expect(plan("{{ .config.baseUrl }}?a=1")).toBe("abs|T:{{ .config.baseUrl }}|rest:?a=1");
    expect(plan("{{.config.baseUrl}}")).toBe("abs|T:{{.config.baseUrl}}|rest:");
    expect(plan("{{.config.scheme}}://{{.config.host}}:8080/x")).toBe("abs|T:{{.config.scheme}}|L:://|T:{{.config.host}}|L::8080|rest:/x");
    expect(plan('https://h/{{ "}}" }}/y')).toBe('abs|L:https://h|rest:/{{ "}}" }}/y');
  });
  it("marks non-config actions in the host as untrusted", () => {
    expect(plan("https://{{.args.tenant}}.example.com/x")).toBe("abs|L:https://|U:{{.args.tenant}}|L:.example.com|rest:/x");
    expect(plan("https://{{.config.host | lower}}/x")).toBe("abs|L:https://|U:{{.config.host | lower}}|rest:/x");
    expect(plan("{{/* c */}}https://h/x")).toBe("abs|L:https://h|rest:/x");
  });
  it("refuses unusable sources", () => {
    expect(plan("api.example.com/x")).toBe('ERR:url must be absolute (scheme://host/...) or start with a single "/"');
    expect(plan("//evil.com/x")).toBe('ERR:url must be absolute (scheme://host/...) or start with a single "/"');
    expect(plan("{{.config.baseUrl")).toBe("ERR:unterminated action");
    expect(plan("https://{{if .args.a}}a{{end}}.com/")).toBe("ERR:control actions and variables are not allowed in the scheme/host part");
    expect(plan("https://{{$x := 1}}.com/")).toBe("ERR:control actions and variables are not allowed in the scheme/host part");
  });
});
