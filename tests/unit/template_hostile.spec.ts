// Template engine: hostile templates and data must give errors, never traps.
import { JSON } from "json-as";
import { compileTemplate, TemplateEnv, Template } from "../../assembly/template/template";
import { FakeEnv, render, runTable } from "./helpers/template";

const D = '{"name":"Tom","list":[1,2,3],"obj":{"a":1},"age":5,"p":""}';

function repeatStr(s: string, n: i32): string {
  let out = "";
  for (let i = 0; i < n; i++) out += s;
  return out;
}

const HOSTILE: string[] = [
  "{{range 1000000000}}{{end}}", D, "RENDER: template execution exceeds 1000000 steps",
  "{{range $i, $v := 5}}{{end}}", D, "RENDER: can't use 5 to iterate over more than one variable",
  "{{$x := \"ab\"}}{{range 100}}{{$x = printf \"%s%s\" $x $x}}{{end}}{{len $x}}", D, "RENDER: template output exceeds 1048576 bytes",
  "{{repeat 1000000000 \"x\"}}", D, "RENDER: template output exceeds 1048576 bytes",
  "{{repeat -1 \"x\"}}", D, "RENDER: repeat: negative repeat count",
  "{{replace \"a\" (repeat 1000 \"b\") (repeat 2000 \"a\")}}", D, "RENDER: template output exceeds 1048576 bytes",
  "{{printf \"%*d|%.*f\" 1000000000 1 1000000 1.5 | len}}", D, "10020",
  "{{upper .list}} {{lower .obj}}", D, '[1,2,3] {"a":1}',
  "{{add .obj 1}} {{len 5}} {{len .age}} {{not .obj}}", D, "1 0 0 false",
  "{{index .name 1}}", D, "RENDER: index: can't index item of type string",
  "{{index .list \"x\"}}", D, "RENDER: index: cannot index slice/array with type string",
  "{{index .obj \"zz\"}}|{{index .obj 1}}|", D, "||",
  "{{slice .age}}", D, "RENDER: slice: can't slice item of this type",
  "{{slice .list 2 1}}", D, "RENDER: slice: index out of range",
  "{{printf \"%d %s\" .obj .age}}", D, '%!d(string={"a":1}) %!s(int=5)',
  "{{range .list}}{{.x.y}}{{end}}|", D, "|",
  "{{date \"2006\" \"notatime\"}}", D, "2023",
  "{{.name 1}}", D, "RENDER: name is not a method but has arguments",
  "{{$.name | .list}}", D, "RENDER: list is not a method but has arguments",
  "{{1 2}}", D, "RENDER: can't give argument to non-function 1",
  "{{nil}}", D, "RENDER: nil is not a command",
  "{{(1) 2}}", D, "RENDER: can't give argument to non-function (",
  "{{not}}", D, "RENDER: wrong number of args for not: want 1 got 0",
  "{{and}}", D, "RENDER: wrong number of args for and: want at least 1 got 0",
  "{{ne 1}}", D, "RENDER: wrong number of args for ne: want 2 got 1",
  "{{gjson}}", D, "RENDER: wrong number of args for gjson: want 1 got 0",
  "{{gjson .p}}|{{gjson .missing}}", D, "RENDER: gjson requires a string path argument",
  "{{'\\U0010FFFF'}} {{gt 99999999999999999999999 1e22}} {{0x7FFFFFFFFFFFFFFF}}", D, "1114111 true 9223372036854775807",
  "{{printf \"%c|%q\" 1114112 -1}}", D, "\uFFFD|'\uFFFD'",
  "{{printf \"%\"}}|{{printf \"%!\"}}|{{printf \"%.\"}}", D, "%!(NOVERB)|%!!(MISSING)|%!(NOVERB)",
  "{{dateInZone \"2006\" 99999999999999 \"UTC\"}} {{date \"2006\" -99999999999999}}", D, "2116 1823", // instants are clamped to about +/-146 years
];

const BAD_DATA: string[] = [
  "{{.a}}|{{.b.c}}|{{len .}}", '{"a":1,,"b":{"c":2,},}', "1|2|2",
  "{{.a}}|{{range .x}}{{.}}{{end}}", '{"a":"unterminated', "unterminated|",
  "{{.a}}", '{"a":', "",
  "{{range .}}{{.}},{{end}}", "[1,2", "1,2,",
  "{{.a}}", '{"a" 1}', "1",
  "{{.k}}", '{"k":tru}', "true",
  "{{.a}}{{.b}}", '{junk"a":1, "b" : "x"}', "1x",
  "{{.a.b.c}}", '{"a":[[[[[[', "",
  "{{.a}}", '{"a":"\\u12"}', "u12",
  "{{len .}}{{.0}}", "[}", "00",
];

describe("template hostile inputs", () => {
  it("returns errors for runaway templates and wrong argument types", () => {
    expect(runTable(HOSTILE)).toBe("");
  });
  it("tolerates malformed JSON data like gjson", () => {
    expect(runTable(BAD_DATA)).toBe("");
  });
  it("bounds nesting depth at compile time", () => {
    const deepIf = repeatStr("{{if 1}}", 10000) + repeatStr("{{end}}", 10000);
    expect(render(deepIf, "{}")).toBe("COMPILE: template: 1:803: max nesting depth 100 exceeded");
    const deepParen = "{{" + repeatStr("(", 10000) + "1" + repeatStr(")", 10000) + "}}";
    expect(render(deepParen, "{}")).toBe("COMPILE: template: 1:103: max nesting depth 100 exceeded");
    const ok = repeatStr("{{if 1}}", 100) + "x" + repeatStr("{{end}}", 100);
    expect(render(ok, "{}")).toBe("x");
  });
  it("handles deeply nested data and paths", () => {
    const deep = repeatStr("[", 10000) + "1" + repeatStr("]", 10000);
    expect(render("{{len .}}", deep)).toBe("1");
    expect(render("{{toJson .}}", deep)).toBe(deep);
    expect(render("{{gjson \"" + repeatStr("0.", 9999) + "0\"}}", deep)).toBe("1");
    expect(render("{{toPrettyJson .}}", deep).startsWith("RENDER: template output exceeds")).toBe(true);
    const hashes = '{"p":"' + repeatStr("#.", 5000) + 'a","q":"' + repeatStr("#(a.", 3000) + repeatStr(")", 3000) + '"}';
    expect(render("{{gjson .p}}|{{gjson .q}}|", hashes)).toBe("||");
  });
  it("enforces Template.maxOutput", () => {
    const t = compileTemplate("{{range 1000}}abcdef{{end}}").template!;
    t.maxOutput = 100;
    const r = t.renderRaw("{}", new FakeEnv());
    expect(r.ok).toBe(false);
    expect(r.error).toBe("template output exceeds 100 bytes");
    expect(r.chunks.length).toBe(0);
    t.maxOutput = 6000;
    expect(t.renderRaw("{}", new FakeEnv()).toString().length).toBe(6000);
  });
  it("survives pseudo-random templates without trapping", () => {
    const alphabet = ["{{", "}}", "{{-", " -}}", ".", ".a", "$", "$x", ":=", "=", "|", "(", ")", "\"", "`", "'", " ",
      "if", "else", "end", "range", "with", "break", "printf", "add", "index", "gjson", "1", "-1", "1.5", "#", "*/",
      "/*", "\n", "nil", "true", ",", "len", "slice", "\"%d\"", "\"x\"", "default", "div", "0", ".list", "{", "}"];
    let seed: u32 = 12345;
    let rendered = 0;
    let compiled = 0;
    for (let i = 0; i < 3000; i++) {
      let src = "";
      seed = seed * 1103515245 + 12345;
      const len = (seed >> 16) % 24;
      for (let k: u32 = 0; k < len; k++) {
        seed = seed * 1103515245 + 12345;
        src += alphabet[(seed >> 16) % <u32>alphabet.length];
      }
      const c = compileTemplate(src);
      if (c.template === null) {
        expect(c.error.startsWith("template: ")).toBe(true);
        continue;
      }
      compiled++;
      const r = c.template!.renderRaw(D, new FakeEnv());
      if (r.ok || r.error.length > 0) rendered++;
    }
    expect(rendered).toBe(compiled);
    expect(compiled).toBeGreaterThan(100);
  });
});
