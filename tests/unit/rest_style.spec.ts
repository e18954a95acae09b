// Parameter serialization styles (our addition, issue 22 item 4): rest/style.ts, and the
// query and form encoders that use them.
import { parseRootConfig } from "../../assembly/config/parse";
import { Pair, styledPairs } from "../../assembly/rest/style";
import { buildRequest } from "../../assembly/rest/build";
import { Header } from "../../assembly/rest/request";
import { FixedEnv } from "./helpers/env";

function show(ps: Pair[]): string {
  const parts = new Array<string>();
  for (let i = 0; i < ps.length; i++) parts.push(ps[i].name + "=" + ps[i].value);
  return parts.join("&");
}

describe("styledPairs", () => {
  it("form, explode: one pair per element / member", () => {
    expect(show(styledPairs("a", "[1,\"x y\",true]", "form", true))).toBe("a=1&a=x y&a=true");
    expect(show(styledPairs("a", "{\"x\":1,\"y\":\"z\"}", "form", true))).toBe("x=1&y=z");
    expect(show(styledPairs("a", "[[1],{\"k\":2},null]", "form", true))).toBe("a=[1]&a={\"k\":2}");
  });
  it("form without explode, spaceDelimited, pipeDelimited: one joined pair", () => {
    expect(show(styledPairs("a", "[1,2,3]", "form", false))).toBe("a=1,2,3");
    expect(show(styledPairs("a", "{\"x\":1,\"y\":2}", "form", false))).toBe("a=x,1,y,2");
    expect(show(styledPairs("a", "[1,2]", "spaceDelimited", false))).toBe("a=1 2");
    expect(show(styledPairs("a", "[1,2]", "pipeDelimited", false))).toBe("a=1|2");
  });
  it("deepObject and brackets: a[k]=v, a[]=v, indexes for composite elements, nested", () => {
    expect(show(styledPairs("s", "{\"x\":1,\"y\":{\"z\":\"w\"}}", "deepObject", true))).toBe("s[x]=1&s[y][z]=w");
    expect(show(styledPairs("e", "[\"a\",\"b\"]", "brackets", true))).toBe("e[]=a&e[]=b");
    expect(show(styledPairs("i", "[{\"p\":1},{\"p\":2}]", "brackets", true))).toBe("i[0][p]=1&i[1][p]=2");
    expect(show(styledPairs("m", "{\"k\":[1,2],\"n\":null}", "brackets", true))).toBe("m[k][]=1&m[k][]=2");
  });
  it("scalars are one pair in every style; null gives none; empty composites give none or an empty value", () => {
    expect(show(styledPairs("a", "\"v\"", "deepObject", true))).toBe("a=v");
    expect(show(styledPairs("a", "5", "pipeDelimited", false))).toBe("a=5");
    expect(styledPairs("a", "null", "form", true).length).toBe(0);
    expect(styledPairs("a", "[]", "form", true).length).toBe(0);
    expect(show(styledPairs("a", "[]", "form", false))).toBe("a=");
  });
  it("deep nesting is cut at 32 levels (sent as JSON text), never recursing further", () => {
    let v = "1";
    for (let i = 0; i < 200; i++) v = "{\"k\":" + v + "}";
    const ps = styledPairs("d", v, "deepObject", true);
    expect(ps.length).toBe(1);
    expect(ps[0].name.length).toBe(1 + 32 * 3);
    expect(ps[0].value.startsWith("{\"k\":")).toBe(true);
  });
});

function build(args: string, argumentsJson: string, form: bool): string {
  const rt = form
    ? "{\"url\":\"http://api.test/x\",\"method\":\"POST\",\"argsToFormBody\":true}"
    : "{\"url\":\"http://api.test/x?keep=1\"}";
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"requestTemplate\":" + rt + ",\"args\":[" + args + "]}]}");
  expect(r.ok).toBe(true, r.errors.join("\n"));
  const cfg = r.config!.global!;
  const b = buildRequest(cfg, cfg.tools[0], argumentsJson, new Array<Header>(), new FixedEnv());
  expect(b.ok).toBe(true, b.error);
  return form ? b.req.body : b.req.pathWithQuery();
}

describe("styled arguments in requests", () => {
  it("query: styles encoded, unstyled arguments keep JSON text", () => {
    expect(build("{\"name\":\"expand\",\"type\":\"array\",\"position\":\"query\",\"style\":\"brackets\"},{\"name\":\"ids\",\"type\":\"array\",\"position\":\"query\",\"style\":\"form\"}," +
      "{\"name\":\"raw\",\"type\":\"array\",\"position\":\"query\"}",
      "{\"expand\":[\"a\",\"b c\"],\"ids\":[1,2],\"raw\":[1]}", false))
      .toBe("/x?keep=1&expand%5B%5D=a&expand%5B%5D=b+c&ids=1&ids=2&raw=%5B1%5D");
  });
  it("form body: deepObject and pipeDelimited", () => {
    expect(build("{\"name\":\"meta\",\"type\":\"object\",\"position\":\"body\",\"style\":\"deepObject\"},{\"name\":\"tags\",\"type\":\"array\",\"position\":\"body\",\"style\":\"pipeDelimited\",\"explode\":false}",
      "{\"meta\":{\"a\":\"1\",\"b\":{\"c\":2}},\"tags\":[\"x\",\"y\"]}", true))
      .toBe("meta%5Ba%5D=1&meta%5Bb%5D%5Bc%5D=2&tags=x%7Cy");
  });
  it("config: unknown styles are refused with the field path", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://a/\"},\"args\":[{\"name\":\"a\",\"style\":\"matrix\"}]}]}");
    expect(r.ok).toBe(false);
    expect(r.errors.join("\n")).toBe("tools[0].args[0].style: unknown style \"matrix\" (expected form, spaceDelimited, pipeDelimited, deepObject or brackets)");
  });
});
