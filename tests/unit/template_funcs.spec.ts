// Template engine: built-in functions and GJSON paths.
import { JSON } from "json-as";
import { compileTemplate, TemplateEnv, Template } from "../../assembly/template/template";
import { FakeEnv, render, runTable } from "./helpers/template";

const D = '{"name":"Tom","age":37,"price":9.5,"neg":-3,"s":" Hi There ","list":["a","b","c"],"nums":[3,1,2],' +
  '"obj":{"k":"v","n":1},"empty":"","nil":null,"csv":"x,y,z","b64":"aGVsbG8=","ts":1700000000,' +
  '"friends":[{"first":"Dale","last":"Murphy","age":44,"nets":["ig","fb","tw"]},' +
  '{"first":"Roger","last":"Craig","age":68,"nets":["fb","tw"]},{"first":"Jane","last":"Murphy","age":47,"nets":["ig","tw"]}],' +
  '"values":[{"id":1,"active":true},{"id":2,"active":false},{"id":3,"active":"true"},{"id":4,"active":null},{"id":5}],' +
  '"fav.movie":"Deer Hunter","children":["Sara","Alex","Jack"],"name2":{"first":"Tom","last":"Anderson"}}';

const FUNCS: string[] = [
  // comparison and logic
  "{{eq .age 37}} {{eq .name \"Tom\"}} {{eq .age \"37\"}} {{eq 1 2 1}} {{eq .nil .missing}}", D, "true true true true true",
  "{{ne .age 37}} {{ne .name \"x\"}}", D, "false true",
  "{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 3 2}} {{lt \"a\" \"b\"}} {{lt 1.5 2}}", D, "true true false true true true",
  "{{and 1 0 2}} {{and 1 2}} {{or 0 \"\" 3}} {{or 0 .empty}}|", D, "0 2 3 |",
  "{{not 0}} {{not .list}}", D, "true false",
  "{{len .list}} {{len .name}} {{len .obj}} {{len \"é\"}} {{len .missing}}", D, "3 3 2 2 0",
  "{{index .list 1}} {{index .obj \"k\"}} {{index .friends 0 \"first\"}}", D, "b v Dale",
  "{{index .list 5}}", D, "RENDER: index: index out of range: 5",
  "{{index .missing 0}}", D, "RENDER: index: index of untyped nil",
  "{{slice .name 1 2}} {{slice .list 1}}", D, 'o ["b","c"]',
  // defaults
  "{{default \"x\" .missing}} {{default \"x\" .name}} {{.empty | default \"d\"}} {{.zero | default 5}}", D, "x Tom d 5",
  "{{empty .empty}} {{empty .name}} {{empty .list}}", D, "true false false",
  "{{coalesce .missing .empty .name}} {{coalesce .nil}}|", D, "Tom |",
  "{{ternary \"y\" \"n\" true}} {{.age | gt 18 | ternary \"minor\" \"adult\"}}", D, "y adult",
  // math
  "{{add 1 2}} {{add 1 2.5}} {{add .age 1}} {{add}} {{add 1 2 3}}", D, "3 3.5 38 0 6",
  "{{add1 .age}} {{sub 10 3}} {{sub 1 0.5}} {{mul 2 3 4}} {{mul 1.5 2}}", D, "38 7 0.5 24 3",
  "{{div 10 3}} {{div 10 4.0}} {{mod 10 3}} {{mod -7 3}} {{div -9 -1}}", D, "3 2.5 1 -1 9",
  "{{max 1 5 3}} {{min 4 2 8}} {{max 1 2.5}} {{min .neg 0}}", D, "5 2 2.5 -3",
  "{{addf 1 2}} {{subf 5 1.5}} {{mulf 2 2}} {{divf 1 4}} {{floor 1.7}} {{ceil 1.2}} {{round 2.567 2}}", D, "3 3.5 4 0.25 1 2 2.57",
  "{{add \"2\" 3}} {{add \"x\" 1}} {{add true 1}}", D, "5 1 2",
  "{{div 1 0}}", D, "RENDER: div: division by zero",
  "{{mod 1 0}}", D, "RENDER: mod: division by zero",
  "{{divf 1 0}}", D, "RENDER: divf: division by zero",
  "{{add 9223372036854775807 1}}", D, "-9223372036854775808",
  // strings
  "{{upper .name}} {{lower .name}} {{title \"hello wide world\"}} [{{trim .s}}]", D, "TOM tom Hello Wide World [Hi There]",
  "{{trimAll \"$\" \"$5.00$\"}} {{trimPrefix \"T\" .name}} {{trimSuffix \"m\" .name}} {{.name | trimPrefix \"To\"}}", D, "5.00 om To m",
  "{{replace \" \" \"-\" .s}} {{contains \"om\" .name}} {{hasPrefix \"T\" .name}} {{hasSuffix \"x\" .name}}", D, "-Hi-There- true true false",
  "{{quote .name 1}} {{squote .name}} {{quote \"a\\\"b\"}} {{cat \"a\" 1 .nil \"b\"}}", D, '"Tom" "1" \'Tom\' "a\\"b" a 1 b',
  "{{join \"-\" .list}} {{join \",\" .nums}} {{join \"-\" .name}}", D, "a-b-c 3,1,2 Tom",
  "{{split \",\" .csv}} {{(split \",\" .csv)._1}} {{splitList \",\" .csv}} {{index (splitList \",\" .csv) 2}}", D,
  '{"_0":"x","_1":"y","_2":"z"} y ["x","y","z"] z',
  "{{repeat 3 \"ab\"}} {{substr 1 3 .name}} {{trunc 2 .name}} {{trunc -2 .name}} {{nospace .s}}", D, "ababab om To om HiThere",
  "{{toString .age}} {{toInt \"42\"}} {{int 3.9}} {{atoi \"7\"}} {{atoi \"x\"}} {{toFloat \"1.5\"}} {{float64 2}}", D, "37 42 3 7 0 1.5 2",
  "{{b64enc .name}} {{b64dec .b64}} {{b64enc \"日本\"}} {{b64dec (b64enc \"日本\")}}", D, "VG9t hello 5pel5pys 日本",
  "{{b64dec \"!!\"}}", D, "RENDER: b64dec: illegal base64 data",
  "{{urlquery \"a b/c?d=é\"}} {{html \"<a href='x'>&</a>\"}} {{js \"it's <b>\"}}", D,
  "a+b%2Fc%3Fd%3D%C3%A9 &lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; it\\'s \\u003Cb\\u003E",
  "{{toJson .obj}} {{toJson .name}} {{toJson .missing}} {{toJson .list}} {{toRawJson .age}}", D,
  '{"k":"v","n":1} "Tom" null ["a","b","c"] 37',
  "{{toPrettyJson .obj}}", D, '{\n  "k": "v",\n  "n": 1\n}',
  "{{toPrettyJson (list)}} {{toJson (dict \"a\" 1 \"b\" .name)}} {{hasKey .obj \"k\"}} {{keys .obj}}", D,
  '[] {"a":1,"b":"Tom"} true ["k","n"]',
  "{{first .list}} {{last .list}} {{list 1 \"a\" .nil}}", D, 'a c [1,"a",null]',
  "{{(fromJson \"{\\\"a\\\":[1,2]}\").a.1}}", D, "2",
  // printf
  "{{printf \"%s-%d-%v-%t\" .name .age .price true}}", D, "Tom-37-9.5-true",
  "{{printf \"%.2f|%5d|%-5s|%05d|%x|%X|%q|%%\" .price 42 \"ab\" 42 255 255 .name}}", D, '9.50|   42|ab   |00042|ff|FF|"Tom"|%',
  "{{printf \"%f %e %g\" 1.5 1234.5678 0.25}}", D, "1.500000 1.234568e+03 0.25",
  "{{printf \"%d %s\" \"x\"}}", D, "%!d(string=x) %!s(MISSING)",
  "{{printf \"%v %v %s\" .obj .nil .list}}", D, '{"k":"v","n":1} <nil> ["a","b","c"]',
  "{{printf \"%d\" 2.0}} {{printf \"a\" 1}}", D, "2 a%!(EXTRA int=1)",
  "{{printf \"%04d\" .age}} {{.age | printf \"%04d\"}} {{printf \"%c%c\" 72 105}}", D, "0037 0037 Hi",
  "{{printf 1}}", D, "RENDER: first argument to printf must be a format string",
  "{{print \"a\" 1 .nil}}|{{println \"x\" \"y\"}}|", D, "a 1 |x y\n|",
  // time and host
  "{{now | date \"2006-01-02T15:04:05Z07:00\"}}", D, "2023-11-14T22:13:20Z",
  "{{date \"Mon Jan _2 15:04:05.000 MST 2006\" now}}", D, "Tue Nov 14 22:13:20.123 UTC 2023",
  "{{dateInZone \"2006-01-02 15:04:05 -07:00 MST\" now \"Asia/Shanghai\"}}", D, "2023-11-15 06:13:20 +08:00 CST",
  "{{dateInZone \"2006-01-02 03:04 PM Z0700\" .ts \"-05:30\"}}", D, "2023-11-14 04:43 PM -0530",
  "{{dateInZone \"Jan 2, 2006 15:04\" 0 \"Nowhere/Unknown\"}}", D, "Jan 1, 1970 00:00",
  "{{date \"2006-01-02 002 Monday January .999999999\" 86400}}", D, "1970-01-02 002 Friday January ",
  "{{unixEpoch now}} {{now}}", D, "1700000000 2023-11-14 22:13:20.123456789 +0000 UTC",
  "{{uuidv4 | len}} {{slice uuidv4 14 15}} {{getRealIP}}", D, "36 4 203.0.113.7",
];

const GJSON: string[] = [
  "{{gjson \"name2.last\"}}", D, "Anderson",
  "{{gjson \"children.0\"}} {{gjson `children.#`}} {{gjson \"children.-1\"}}|", D, "Sara 3 |",
  "{{gjson \"fav\\\\.movie\"}} {{gjson `fav\\.movie`}}", D, "Deer Hunter Deer Hunter",
  "{{gjson `friends.#(last==\"Murphy\").first`}}", D, "Dale",
  "{{gjson `friends.#(last==\"Murphy\")#.first`}}", D, '["Dale","Jane"]',
  "{{gjson `friends.#(age>45)#.last`}}", D, '["Craig","Murphy"]',
  "{{gjson `friends.#(age>=47)#.first`}} {{gjson `friends.#(age<45).first`}} {{gjson `friends.#(age<=44)#.first`}}", D, '["Roger","Jane"] Dale ["Dale"]',
  "{{gjson `friends.#(first!=\"Dale\")#.first`}}", D, '["Roger","Jane"]',
  "{{gjson `friends.#(first%\"D*\").last`}} {{gjson `friends.#(first!%\"D*\").last`}}", D, "Murphy Craig",
  "{{gjson `friends.#(nets.#(==fb))#.first`}}", D, '["Dale","Roger"]',
  "{{gjson `friends.#(last==\"Murphy\" && age>45).first`}} {{gjson `friends.#(age>60 || first==\"Dale\")#.first`}}", D, 'Jane ["Dale","Roger"]',
  "{{gjson `values.#(active==~true)#.id`}} {{gjson `values.#(active==~false)#.id`}}", D, "[1,3] [2,4,5]",
  "{{gjson `values.#(active==~null)#.id`}} {{gjson `values.#(active==~*)#.id`}}", D, "[4,5] [1,2,3,4]",
  "{{gjson `values.#(active)#.id`}} {{gjson `friends.#(first==\"Nobody\").last`}}|", D, "[1,2,3,4] |",
  "{{gjson `children.@reverse`}} {{gjson `children.@reverse.0`}} {{gjson `name2.@keys`}} {{gjson `name2.@values`}}", D,
  '["Jack","Alex","Sara"] Jack ["first","last"] ["Tom","Anderson"]',
  "{{gjson `child*.2`}} {{gjson `c?ildren.0`}} {{gjson `friends.#.nets.#`}} {{gjson `friends.1|first`}}", D, 'Jack Sara [3,2,2] Roger',
  "{{gjson `[1,2`}}|{{gjson `friends.#(`}}|{{gjson `..`}}|{{gjson ``}}|{{gjson `\\`}}|", D, "|||||",
  "{{gjson 1}}", D, "RENDER: gjson requires a string path argument",
  "{{.friends.#.first}} {{.friends.0.nets.#}} {{.friends.1.nets.1}}", D, '["Dale","Roger","Jane"] 3 tw',
  "{{range .friends}}{{`nets.0`}}.{{end}}", D, "ig.fb.ig.",
  "{{$f := index .friends 2}}{{$f.first}} {{$.name}}", D, "Jane Tom",
  "{{range gjson `friends.#(last==\"Murphy\")#`}}{{.first}};{{end}}", D, "Dale;Jane;",
];

describe("template functions", () => {
  it("evaluates Go builtins and Sprig-style functions", () => {
    expect(runTable(FUNCS)).toBe("");
  });
  it("evaluates GJSON paths", () => {
    expect(runTable(GJSON)).toBe("");
  });
  it("uuidv4 has version and variant bits", () => {
    const u = render("{{uuidv4}}", "{}");
    expect(u.length).toBe(36);
    expect(u.charAt(14)).toBe("4");
    expect("89ab".includes(u.charAt(19))).toBe(true);
    expect(u).not.toBe(render("{{uuidv4}}{{uuidv4}}", "{}").substring(36));
  });
});
