// The template fast paths (fields.ts, direct.ts, out.ts) give exactly what the
// general evaluator gives: plain-key paths, the per-render member cache, actions
// printed as raw data ranges, byte counting against the output limit, and the
// compact output records behind toString() and chunks.
import { compileTemplate, Template } from "../../assembly/template/template";
import { child } from "../../assembly/template/gjson";
import { memberOf, plainKeys } from "../../assembly/template/fields";
import { forgetScans, plainKeyEquals } from "../../assembly/template/members";
import { nextElement } from "../../assembly/template/items";
import { Cursor, jsonSkipWs, jsonStringEnd, jsonValueEnd } from "../../assembly/util/jsonscan";
import { nextMember, skipWs, stringEnd, valueEnd } from "../../assembly/template/scan";
import { utf8RangeLength } from "../../assembly/util/utf8";
import { K_OBJ, Val, jsonOf, textOf } from "../../assembly/template/value";
import { jsonKeyEquals } from "../../assembly/util/jsonstring";
import { StrBuf } from "../../assembly/util/strbuf";
import { FakeEnv, render } from "./helpers/template";
import { Rng } from "./helpers/rng";

function keysText(path: string): string {
  const k = plainKeys(path);
  if (k === null) return "null";
  let s = "";
  for (let i = 0; i < k.length; i++) s += "[" + k[i] + "]";
  return s;
}

/** Same value: kind, text and JSON encoding. */
function same(a: Val, b: Val): bool {
  return a.kind == b.kind && textOf(a) == textOf(b) && jsonOf(a) == jsonOf(b);
}

/** Chunks of `{{<expr>}}` rendered over data, as one comparable line. */
function chunkLine(tpl: string, data: string, maxOutput: i32 = 1 << 20): string {
  const c = compileTemplate(tpl);
  if (c.template === null) return "COMPILE " + c.error;
  const t = c.template!;
  t.maxOutput = maxOutput;
  const r = t.renderRaw(data, new FakeEnv());
  if (!r.ok) return "ERROR " + r.error;
  let s = "";
  const ch = r.chunks;
  const joined = new StrBuf();
  for (let i = 0; i < ch.length; i++) {
    s += (ch[i].literal ? "L" : "V") + "<" + ch[i].text + "|" + ch[i].json + ">";
    joined.append(ch[i].text);
  }
  if (joined.toString() != r.toString()) s += " TOSTRING-DIFFERS " + r.toString();
  return s;
}

const KEYS = ["a", "b", "ab", "id", "\\u0061", "a\\\\", "é", "\\ud83d\\ude00"];

function genValue(rng: Rng, depth: i32): string {
  const k = rng.below(depth > 2 ? 9 : 12);
  if (k == 0) return "1";
  if (k == 1) return "-2.50e3";
  if (k == 2) return "true";
  if (k == 3) return "false";
  if (k == 4) return "null";
  if (k == 5) return '"plain"';
  if (k == 6) return '"esc\\n\\"\\u00e9\\ud800x"';
  if (k == 7) return '"é😀\ud800 lone"';
  if (k == 8) return rng.below(2) == 0 ? "NaN" : '""';
  if (k == 9) return "[" + genValue(rng, depth + 1) + ", {\"a\":" + genValue(rng, depth + 1) + "}]";
  return genObject(rng, depth + 1);
}

function genObject(rng: Rng, depth: i32): string {
  const n = rng.below(6);
  let s = "{";
  for (let i = 0; i < n; i++) {
    if (i > 0) s += rng.below(8) == 0 ? " ,\n" : ",";
    const j = rng.below(12);
    if (j == 0) s += '"a":'; // empty value (lenient input)
    else if (j == 1) s += ' "b" : ' + genValue(rng, depth) + " ";
    else s += '"' + KEYS[rng.below(KEYS.length)] + '":' + genValue(rng, depth);
  }
  return s + "}";
}

function genPath(rng: Rng): string {
  const plain = ["a", "b", "ab", "id", "é", "0", "1", "a\\"];
  const n = 1 + rng.below(3);
  let p = "";
  // a leading digit would lex as a number (`.0`), so the first key is never one
  for (let i = 0; i < n; i++) p += (i > 0 ? "." : "") + plain[i == 0 ? rng.below(5) : rng.below(plain.length - 1)];
  return p;
}

describe("template fast paths", () => {
  it("splits plain-key paths and leaves the rest to the GJSON evaluator", () => {
    expect(keysText("a")).toBe("[a]");
    expect(keysText("a.b.c")).toBe("[a][b][c]");
    expect(keysText("a..b")).toBe("[a][][b]");
    expect(keysText("a.")).toBe("[a][]");
    expect(keysText(".a")).toBe("[][a]");
    expect(keysText("a#b.@")).toBe("[a#b][@]");
    expect(keysText("items.0.name")).toBe("[items][0][name]");
    expect(keysText("")).toBe("null");
    expect(keysText("#")).toBe("null");
    expect(keysText("a.#")).toBe("null");
    expect(keysText("a.#(b==1)")).toBe("null");
    expect(keysText("a.@this")).toBe("null");
    expect(keysText("@reverse")).toBe("null");
    expect(keysText("a\\.b")).toBe("null");
    expect(keysText("a*")).toBe("null");
    expect(keysText("a?")).toBe("null");
    expect(keysText("a|b")).toBe("null");
  });

  it("compares raw keys as jsonKeyEquals does", () => {
    const raws = ["a", "ab", "\\u0061", "\\u0061b", "a\\\\", "\\", "a\\", "\\\"", "\\ud83d\\ude00", "\\x", "", "é"];
    const keys = ["a", "ab", "b", "", "a\\", "\"", "😀", "x", "é", "\\"];
    let fails = "";
    for (let i = 0; i < raws.length; i++) {
      const s = '"' + raws[i] + '"';
      for (let j = 0; j < keys.length; j++) {
        if (keys[j].indexOf("\\") >= 0) continue; // plain keys never hold a backslash
        const want = jsonKeyEquals(s, 1, s.length - 1, keys[j]);
        if (plainKeyEquals(s, 1, s.length - 1, keys[j]) != want) fails += raws[i] + " vs " + keys[j] + "\n";
      }
    }
    expect(fails).toBe("");
    expect(plainKeyEquals("ab", -1, 1, "a")).toBe(false);
    expect(plainKeyEquals("ab", 0, 5, "abcde")).toBe(false);
  });

  it("finds the same member as child(), first of duplicates, past 32 members and across many objects", () => {
    const rng = new Rng(7);
    let fails = "";
    // objects of 40 members with duplicate keys, looked up in random order, interleaved over 6 objects
    const docs = new Array<Val>();
    for (let d = 0; d < 6; d++) {
      let s = "{";
      for (let i = 0; i < 40; i++) s += (i > 0 ? "," : "") + '"k' + rng.below(45).toString() + '":' + i.toString();
      s += "}";
      docs.push(Val.fromJSON(s));
    }
    for (let q = 0; q < 3000; q++) {
      const v = docs[rng.below(docs.length)];
      const key = "k" + rng.below(46).toString();
      if (!same(memberOf(v, key), child(v, key, false))) fails += v.rawText() + " ." + key + "\n";
    }
    // random lenient objects
    for (let q = 0; q < 2000; q++) {
      const v = Val.fromJSON(genObject(rng, 0));
      if (v.kind != K_OBJ) continue;
      for (let t = 0; t < 4; t++) {
        const key = ["a", "b", "ab", "id", "é", "😀", "a\\", ""][rng.below(8)];
        if (key.indexOf("\\") >= 0) continue;
        if (!same(memberOf(v, key), child(v, key, false))) fails += v.rawText() + " ." + key + "\n";
      }
    }
    forgetScans();
    expect(fails).toBe("");
  });

  it("scans as util/jsonscan does (inlined twins)", () => {
    const rng = new Rng(31);
    const bits = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "\n", "a", "1", '"k"', "é", "\ud800"];
    let fails = "";
    for (let q = 0; q < 4000; q++) {
      let t = rng.below(2) == 0 ? "{" : "";
      const n = rng.below(24);
      for (let i = 0; i < n; i++) t += rng.below(3) == 0 ? genValue(rng, 1) : bits[rng.below(bits.length)];
      for (let i = 0; i < t.length; i++) {
        const end = rng.below(3) == 0 ? t.length : i + rng.below(t.length - i + 1);
        if (skipWs(t, i, end) != jsonSkipWs(t, i, end)) fails += "ws " + t + " @" + i.toString() + "\n";
        if (stringEnd(t, i, end) != jsonStringEnd(t, i, end)) fails += "str " + t + " @" + i.toString() + "\n";
        if (valueEnd(t, i, end) != jsonValueEnd(t, i, end)) fails += "val " + t + " @" + i.toString() + "\n";
      }
      if (t.length > 0 && t.charCodeAt(0) == 0x7b) {
        const a = new Cursor(t, 0, t.length);
        const b = new Cursor(t, 0, t.length);
        while (true) {
          const ga = a.next();
          const gb = nextMember(b);
          if (ga != gb || a.pos != b.pos || (ga && (a.keyStart != b.keyStart || a.keyEnd != b.keyEnd || a.valStart != b.valStart || a.valEnd != b.valEnd))) {
            fails += "member " + t + "\n";
            break;
          }
          if (!ga) break;
        }
      }
    }
    expect(fails).toBe("");
  });

  it("steps through arrays as Cursor.next does, recording object members on the way", () => {
    const rng = new Rng(23);
    const odd = ["{}", "{ }", '{"a":1,}', '{"a" 1}', '{1:2}', "{{}}", '{"a":1]', '{"a":[}', '{"a":1{"b"}', '{"a":tr"ue}', '{"a":}',
      '{"a":"x', '{"a":{"b":]}', '{"a":1 "b":2}', '{ "a" : "\"}" , "b" : [ "]" ] }', "[{]", "{\n}"];
    let fails = "";
    for (let q = 0; q < 3000; q++) {
      let arr = "[";
      const n = rng.below(6);
      for (let i = 0; i < n; i++) {
        if (i > 0) arr += rng.below(6) == 0 ? " , " : ",";
        arr += rng.below(3) == 0 ? odd[rng.below(odd.length)] : rng.below(4) == 0 ? genValue(rng, 0) : genObject(rng, 0);
      }
      if (rng.below(5) != 0) arr += "]";
      const a = new Cursor(arr, 0, arr.length);
      const b = new Cursor(arr, 0, arr.length);
      while (true) {
        const ga = a.next();
        const gb = nextElement(b);
        if (ga != gb || a.pos != b.pos || (ga && (a.valStart != b.valStart || a.valEnd != b.valEnd))) {
          fails += arr + "\n";
          break;
        }
        if (!ga) break;
        const e = Val.raw(arr, a.valStart, a.valEnd);
        if (e.kind == K_OBJ) {
          for (let t = 0; t < 3; t++) {
            const key = ["a", "b", "ab", "id", "é"][rng.below(5)];
            if (!same(memberOf(e, key), child(e, key, false))) fails += arr + " ." + key + "\n";
          }
        }
      }
    }
    // past 32 members: recorded ones and the rest
    let big = "[{";
    for (let i = 0; i < 50; i++) big += (i > 0 ? "," : "") + '"k' + (i % 45).toString() + '":' + i.toString();
    big += "}]";
    const c = new Cursor(big, 0, big.length);
    expect(nextElement(c)).toBe(true);
    const e = Val.raw(big, c.valStart, c.valEnd);
    for (let k = 47; k >= 0; k--) {
      const key = "k" + (k == 47 ? 40 : k).toString(); // first an unrecorded member
      if (!same(memberOf(e, key), child(e, key, false))) fails += "big ." + key + "\n";
    }
    forgetScans();
    expect(fails).toBe("");
  });

  it("ranges over an array member without measuring it first, as the general path does", () => {
    const rng = new Rng(41);
    const odd = ['{"a":1,}', '{"a" 1}', "{{}}", '{"a":1]', '{"a":[}', "x{", 'tr"ue', "1[", '"open', "[", "{", "]", "}", ":", '{"a":"x', "\"]"];
    let fails = "";
    for (let q = 0; q < 3000; q++) {
      let arr = "[";
      const n = rng.below(6);
      for (let i = 0; i < n; i++) {
        if (i > 0) arr += rng.below(6) == 0 ? " , " : ",";
        const k = rng.below(10);
        arr += k < 2 ? odd[rng.below(odd.length)] : k < 4 ? genValue(rng, 0) : genObject(rng, 0);
      }
      if (rng.below(5) != 0) arr += "]";
      let data = rng.below(2) == 0 ? '{"a":' + arr + ',"z":[1,{"a":2}]}' : '{"b":{"a":' + arr + '}, "a":[7]}';
      if (rng.below(6) == 0) data = data.substring(0, rng.below(data.length));
      if (Val.fromJSON(data).kind != K_OBJ) continue;
      const path = data.startsWith('{"a"') ? ".a" : ".b.a";
      const body = "<{{.a}}|{{.}}>";
      const fast = chunkLine("{{range " + path + "}}" + body + "{{else}}E{{end}}{{.z}}", data);
      const general = chunkLine("{{range (" + path + ")}}" + body + "{{else}}E{{end}}{{.z}}", data);
      if (fast != general) fails += data + "\n  fast:    " + fast + "\n  general: " + general + "\n";
    }
    forgetScans();
    expect(fails).toBe("");
    expect(render("{{range .a}}{{.}},{{end}}", '{"a":[1, "x", {"b":2}, [3]]}')).toBe('1,x,{"b":2},[3],');
    expect(render("{{range .a}}{{.}},{{else}}none{{end}}", '{"a":[]}')).toBe("none");
    expect(render("{{range .a}}{{.}},{{else}}none{{end}}", '{"b":[1]}')).toBe("none");
    expect(render("{{range .a}}{{.}},{{end}}", '{"a":[1, 2x{, 3]}')).toBe("1,2x{,3,");
  });

  it("prints an action as the general evaluator does (text, JSON, toString)", () => {
    const rng = new Rng(11);
    let fails = "";
    for (let q = 0; q < 1500; q++) {
      const data = genObject(rng, 0);
      if (Val.fromJSON(data).kind != K_OBJ) continue;
      const p = genPath(rng);
      const direct = chunkLine("<{{." + p + "}}>", data);
      const general = chunkLine("<{{(." + p + ")}}>", data);
      if (direct != general) fails += data + " ." + p + "\n  direct:  " + direct + "\n  general: " + general + "\n";
    }
    expect(fails).toBe("");
    // fixed cases: unterminated, whitespace, a path through an array, a value from a function
    expect(chunkLine("{{.a}}|{{.b.c}}", '{"a":"x\\u00e9","b":{"c":[1, 2]}}')).toBe('V<xé|"x\\u00e9">L<||>V<[1, 2]|[1, 2]>');
    expect(chunkLine("{{.a}}", '{"a": "unterminated')).toBe('V<unterminated|"unterminated>');
    expect(chunkLine("{{.a.1.b}}", '{"a":[0,{"b":"y"}]}')).toBe('V<y|"y">');
    expect(chunkLine("{{.a}}{{.b}}{{.c}}", '{"a":NaN,"b":tru,"c":nul}')).toBe("V<NaN|null>V<true|true>V<null|null>");
    expect(render('{{(dict "a" 1).a}}{{.a}}{{(dict "a" 3).a}}', '{"a":2}')).toBe("123");
    expect(render("{{range .}}{{.a}}{{end}}", '[{"a":1},{"a":2},{"b":3},{"a":4}]')).toBe("124");
  });

  it("counts output bytes exactly on the direct path", () => {
    // "é😀\ud800": 2 + 4 + 3 bytes
    const data = '{"s":"é😀\ud800","n":12,"e":"a\\u00e9"}';
    expect(utf8RangeLength(data, 6, 10)).toBe(String.UTF8.byteLength(data.substring(6, 10)));
    expect(chunkLine("{{.s}}", data, 9)).toBe('V<é😀\ud800|"é😀\ud800">');
    expect(chunkLine("{{.s}}", data, 8)).toBe("ERROR template output exceeds 8 bytes");
    expect(chunkLine("{{.s}}{{.n}}", data, 11)).toBe('V<é😀\ud800|"é😀\ud800">V<12|12>');
    expect(chunkLine("{{.s}}{{.n}}", data, 10)).toBe("ERROR template output exceeds 10 bytes");
    expect(chunkLine("{{.e}}", data, 3)).toBe('V<aé|"a\\u00e9">');
    expect(chunkLine("{{.e}}", data, 2)).toBe("ERROR template output exceeds 2 bytes");
    expect(chunkLine("ab{{.n}}", data, 3)).toBe("ERROR template output exceeds 3 bytes");
  });

  it("renders a large range in linear time with the same text as the general path", () => {
    const sb = new StrBuf();
    sb.append('{"items":[');
    for (let i = 0; i < 20000; i++) {
      if (i > 0) sb.append(",");
      sb.append('{"id":' + i.toString() + ',"name":"n' + i.toString() + '","tags":["x"],"note":"q\\"' + i.toString() + '"}');
    }
    sb.append("]}");
    const data = sb.toString();
    const a = render("{{range .items}}{{.id}} {{.name}} {{.note}}\n{{end}}", data);
    const b = render("{{range .items}}{{(.id)}} {{(.name)}} {{(.note)}}\n{{end}}", data);
    expect(a.length).toBeGreaterThan(200000);
    expect(a == b).toBe(true);
  });

  it("keeps the step budget of the general path", () => {
    const c = compileTemplate("{{.a}}{{.b}}{{.c}}");
    const t: Template = c.template!;
    t.maxSteps = 4; // list + 3 × (node + command) = 7 steps
    const r = t.renderRaw('{"a":1,"b":2,"c":3}', new FakeEnv());
    expect(r.ok).toBe(false);
    expect(r.error).toBe("template execution exceeds 4 steps");
    t.maxSteps = 7;
    expect(t.renderRaw('{"a":1,"b":2,"c":3}', new FakeEnv()).toString()).toBe("123");
  });
});
