// Template engine: syntax, data access, control flow, output model.
import { compileTemplate, TemplateEnv, Template } from "../../assembly/template/template";
import { FakeEnv, render, runTable } from "./helpers/template";

const D = '{"name":"Tom","age":37,"price":9.5,"ok":true,"no":false,"nil":null,"empty":"","zero":0,' +
  '"list":[1,2,3],"none":[],"obj":{"b":2,"a":1},"eobj":{},"big":12345678901234567890,"id":9007199254740993,' +
  '"nested":{"x":{"y":{"z":"deep"}}},"items":[{"name":"a","n":1},{"name":"b","n":2}],"fav.movie":"Deer Hunter",' +
  '"s":"a\\"b\\u00e9\\n","args":{"owner":"octo","repo":"hello","path":"src/main.go","q":"a b&c"},"config":{"apiKey":"k-1"}}';

// [template, data, expected]
const SYNTAX: string[] = [
  "plain text", "{}", "plain text",
  "", "{}", "",
  "{{.name}}", D, "Tom",
  "{{ .name }}", D, "Tom",
  "{{.age}}", D, "37",
  "{{.price}}", D, "9.5",
  "{{.ok}} {{.no}}", D, "true false",
  "{{.nil}}", D, "null",
  "[{{.missing}}]", D, "[]",
  "{{.list}}", D, "[1,2,3]",
  "{{.obj}}", D, '{"b":2,"a":1}',
  "{{.big}}", D, "12345678901234567890",
  "{{.id}}", D, "9007199254740993",
  "{{.nested.x.y.z}}", D, "deep",
  "{{.nested.x.missing.z}}", D, "",
  "{{.items.0.name}}{{.items.1.name}}", D, "ab",
  "{{.items.5.name}}", D, "",
  "{{.list.#}}", D, "3",
  "{{.items.#.name}}", D, '["a","b"]',
  "{{.s}}", D, 'a"bé\n',
  "{{ . }}", '{"a":1}', '{"a":1}',
  "{{.}}", "[1, 2]", "[1, 2]",
  "{{.0}}", "[5,6]", "0", // Go: `.0` is the number 0; use gjson "0" for a root index
  "{{gjson \"1\"}}", "[5,6]", "6",
  "{{$.name}}", D, "Tom",
  "{{with .nested}}{{$.name}}-{{.x.y.z}}{{end}}", D, "Tom-deep",
  "{{$x := .nested}}{{$x.x.y.z}}", D, "deep",
  "{{$x := 1}}{{$x = 2}}{{$x}}", D, "2",
  "{{$x := 1}}{{if true}}{{$x = 3}}{{end}}{{$x}}", D, "3",
  "{{$n := .name}}{{$n}}", D, "Tom",
  "a {{- .name -}} b", D, "aTomb",
  "a  {{- .name}}  b", D, "aTom  b",
  "a\n  {{- /* c */ -}}\n  b", D, "ab",
  "x{{/* comment */}}y", D, "xy",
  "{{`raw`}}", D, "",
  "{{print `raw \\n`}}", D, "raw \\n",
  "{{\"q\\tx\"}}", D, "q\tx",
  "{{1}} {{-2}} {{1.5}} {{0x1F}} {{'a'}} {{1_000}}", D, "1 -2 1.5 31 97 1000",
  "{{true}} {{false}}", D, "true false",
  "{{if .ok}}Y{{end}}", D, "Y",
  "{{if .no}}Y{{else}}N{{end}}", D, "N",
  "{{if .missing}}Y{{else}}N{{end}}", D, "N",
  "{{if .empty}}Y{{else}}N{{end}}", D, "N",
  "{{if .zero}}Y{{else}}N{{end}}", D, "N",
  "{{if .nil}}Y{{else}}N{{end}}", D, "N",
  "{{if .none}}Y{{else}}N{{end}}", D, "N",
  "{{if .eobj}}Y{{else}}N{{end}}", D, "N",
  "{{if .list}}Y{{else}}N{{end}}", D, "Y",
  "{{if .no}}1{{else if .ok}}2{{else}}3{{end}}", D, "2",
  "{{if .no}}1{{else if .zero}}2{{else}}3{{end}}", D, "3",
  "{{if and .ok .name}}Y{{end}}", D, "Y",
  "{{if or .no .zero}}Y{{else}}N{{end}}", D, "N",
  "{{if not .no}}Y{{end}}", D, "Y",
  "{{range .list}}{{.}},{{end}}", D, "1,2,3,",
  "{{range $i, $v := .list}}{{$i}}={{$v}};{{end}}", D, "0=1;1=2;2=3;",
  "{{range $v := .list}}{{$v}}{{end}}", D, "123",
  "{{range $k, $v := .obj}}{{$k}}={{$v}};{{end}}", D, "b=2;a=1;",
  "{{range .items}}{{.name}}:{{.n}} {{end}}", D, "a:1 b:2 ",
  "{{range .none}}x{{else}}empty{{end}}", D, "empty",
  "{{range .missing}}x{{else}}none{{end}}", D, "none",
  "{{range .eobj}}x{{else}}E{{end}}", D, "E",
  "{{range 3}}{{.}}{{end}}", D, "012",
  "{{range $i, $c := \"héy\"}}{{$i}}{{$c}}{{end}}", D, "0h1é3y",
  "{{range .list}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}", D, "1",
  "{{range .list}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", D, "13",
  "{{range $i, $x := .items}}{{$i}}{{range $x.name}}{{.}}{{end}}{{end}}", D, "0a1b",
  "{{range .ok}}{{end}}", D, "RENDER: range can't iterate over true",
  "{{with .nested.x}}{{.y.z}}{{end}}", D, "deep",
  "{{with .missing}}x{{else}}no{{end}}", D, "no",
  "{{with $v := .name}}{{$v}}{{end}}", D, "Tom",
  "{{with .no}}x{{else with .name}}{{.}}{{end}}", D, "Tom",
  "{{.name | printf \"%s!\"}}", D, "Tom!",
  "{{.age | add 1 | printf \"%d\"}}", D, "38",
  "{{(add 1 2)}}", D, "3",
  "{{(.nested).x.y.z}}", D, "deep",
  "{{len (print .name \"x\")}}", D, "5",
  "{{gjson \"fav\\\\.movie\"}}", D, "Deer Hunter",
  "{{gjson `items.#(name==\"b\").n`}}", D, "2",
  "{{range $i, $x := .items}}{{gjson \"name\"}}{{end}}", D, "ab",
  "{{.args.owner}}/{{.args.repo}}", D, "octo/hello",
  "{{.config.apiKey}}", D, "k-1",
];

const HIGRESS: string[] = [
  "# Result\n- Name: {{.data.name}}\n- Value: {{.data.value}}",
  '{"result": "success", "data": {"name": "Test", "value": 42}}',
  "# Result\n- Name: Test\n- Value: 42",
  "https://api.github.com/repos/{{.args.owner}}/{{.args.repo}}/contents/{{.args.path}}", D,
  "https://api.github.com/repos/octo/hello/contents/src/main.go",
  "https://restapi.amap.com/v3/geocode/geo?key={{.config.apiKey}}&address={{.args.address}}&city={{.args.city}}&output={{.args.output}}&source=ts_mcp",
  '{"config":{"apiKey":"test-api-key"},"args":{"address":"北京市朝阳区阜通东大街6号","city":"北京","output":"json"}}',
  "https://restapi.amap.com/v3/geocode/geo?key=test-api-key&address=北京市朝阳区阜通东大街6号&city=北京&output=json&source=ts_mcp",
  "{{range $index, $geo := .geocodes}}## 地点 {{add $index 1}}\n**国家**: {{$geo.country}}\n**坐标**: {{$geo.location}}\n{{end}}",
  '{"status":"1","geocodes":[{"country":"中国","location":"116.483038,39.990633",},{"country":"中国","location":"1,2"},],}',
  "## 地点 1\n**国家**: 中国\n**坐标**: 116.483038,39.990633\n## 地点 2\n**国家**: 中国\n**坐标**: 1,2\n",
  "{{gjson \"_headers.\\\\:status\"}} {{gjson \"_headers.x-ca-error-code\"}}",
  '{"_headers":{":status":"403","x-ca-error-code":"E1"}}', "403 E1",
  "{{.args.q | urlquery}}", D, "a+b%26c",
];

const COMPILE_ERRORS: string[] = [
  "{{.a", "template: 1:5: unclosed action",
  "{{ .a } }}", 'template: 1:7: unexpected "}" in operand',
  "{{if .a}}x", "template: 1:11: unexpected EOF",
  "{{end}}", "template: 1:3: unexpected {{end}}",
  "{{else}}", "template: 1:3: unexpected {{else}}",
  "{{nofunc 1}}", 'template: 1:3: function "nofunc" not defined',
  "{{$x}}", 'template: 1:3: undefined variable "$x"',
  "{{$x = 1}}", 'template: 1:3: undefined variable "$x"',
  "{{}}", "template: 1:3: missing value for command",
  "{{if}}{{end}}", "template: 1:5: missing value for if",
  "{{\"abc}}", "template: 1:3: unterminated quoted string",
  "{{`abc}}", "template: 1:3: unterminated raw quoted string",
  "{{/* x }}", "template: 1:1: unclosed comment",
  "{{/* x */ .a}}", "template: 1:1: comment ends before closing delimiter",
  "{{(1}}", "template: 1:5: unclosed left paren",
  "{{1)}}", "template: 1:4: unexpected right paren",
  "{{break}}", "template: 1:3: {{break}} outside {{range}}",
  "{{range .a}}{{else}}{{else}}{{end}}", "template: 1:23: expected end; found <else>",
  "{{1 | 2}}", "template: 1:7: non executable command in pipeline stage 2",
  "{{3x}}", "template: 1:3: bad number syntax: 3x",
  "{{template \"x\"}}", 'template: 1:3: unsupported action {{template}}',
  "{{$a, $b := .x}}", "template: 1:5: too many declarations in command",
  "{{.a#b}}", "template: 1:5: bad character U+0023 '#'",
  "{{ \u0001 }}", "template: 1:4: unrecognized character in action: U+0001 '\u0001'",
  "line1\n{{.a | }}", "template: 2:8: missing command after |",
];

describe("template syntax", () => {
  it("renders data access, control flow and pipelines", () => {
    expect(runTable(SYNTAX)).toBe("");
  });
  it("renders the Higress real-world templates", () => {
    expect(runTable(HIGRESS)).toBe("");
  });
  it("reports compile errors with line:column", () => {
    let fails = "";
    for (let i = 0; i < COMPILE_ERRORS.length; i += 2) {
      const got = render(COMPILE_ERRORS[i], "{}");
      if (got != "COMPILE: " + COMPILE_ERRORS[i + 1]) fails += COMPILE_ERRORS[i] + " => " + got + "\n";
    }
    expect(fails).toBe("");
  });
});

describe("template output model", () => {
  it("splits literal text and action values into chunks", () => {
    const t = compileTemplate('{"n":{{.name}},"a":{{.age}},"m":{{.missing}},"o":{{.obj}},"s":{{.s}}}').template!;
    const r = t.renderRaw(D, new FakeEnv());
    expect(r.ok).toBe(true);
    expect(r.chunks.length).toBe(11);
    expect(r.chunks[0].literal).toBe(true);
    expect(r.chunks[0].text).toBe('{"n":');
    expect(r.chunks[0].json).toBe("");
    expect(r.chunks[1].literal).toBe(false);
    expect(r.chunks[1].text).toBe("Tom");
    expect(r.chunks[1].json).toBe('"Tom"');
    expect(r.chunks[3].json).toBe("37");
    expect(r.chunks[5].text).toBe("");
    expect(r.chunks[5].json).toBe("null");
    expect(r.chunks[7].json).toBe('{"b":2,"a":1}');
    expect(r.chunks[9].json).toBe('"a\\"b\\u00e9\\n"');
    const f = compileTemplate('{{printf "%s" "x\\"y"}}').template!.renderRaw("{}", new FakeEnv());
    expect(f.chunks[0].json).toBe('"x\\"y"');
  });
  // Over raw JSON text only: Template.render(JSON.Value) (no caller in the plugin) pulls json-as's serializer into
  // the test build, whose usize→u32 conversions are compiler warnings (AS201) in json-as 1.6.0.
  it("renders over raw JSON and rejects non-container data", () => {
    const t = compileTemplate("{{.a}}-{{.b.c}}").template!;
    const r = t.renderRaw('{"a":"x","b":{"c":12345678901234567890}}', new FakeEnv());
    expect(r.ok).toBe(true);
    expect(r.toString()).toBe("x-12345678901234567890");
    const bad = t.renderRaw('"str"', new FakeEnv());
    expect(bad.ok).toBe(false);
    expect(bad.error).toBe("template: data must be a valid JSON object or array");
    expect(t.renderRaw("", new FakeEnv()).error).toBe("template: data must be a valid JSON object or array");
    expect(t.renderRaw("42", new FakeEnv()).ok).toBe(false);
  });
  it("keeps the source on the template", () => {
    const t: Template = compileTemplate("a{{.x}}").template!;
    expect(t.source).toBe("a{{.x}}");
    expect(t.maxOutput).toBe(1048576);
  });
});
