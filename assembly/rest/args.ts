// Tool-call argument validation (MCP 2025-11-25: validate inputs, report as
// isError). Only declared arguments survive (as Higress); defaults fill absent
// keys; `required`, `type` and `enum` are enforced.
//
// Coercion, applied before `enum` (this table is its documentation; README
// "Templates" states the validation rules):
//   type      | accepted JSON value                  | coerced from
//   ----------+--------------------------------------+-------------------------------------------
//   string/"" | string                               | number, boolean (their JSON text)
//   number    | number                               | string matching the JSON number grammar
//   integer   | integral number (1.0 and 1e2 count)  | string that is an integral JSON number
//   boolean   | true / false                         | exactly "true" / "false"
//   array     | array                                | -
//   object    | object                               | -
//   other     | anything                             | -
// An explicit `null` counts as absent (default applies; error when required).
// Non-integral numbers for `integer` are refused (Higress truncates).
import { FixedStr, Utf8Source } from "./textout";
import { coerce, coerceAny, inEnum } from "./coerce";
import { JNode, J_OBJECT } from "../util/jsonview";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { Tool, ToolArg } from "../config/types";
import { minifyJson } from "../util/jsonformat";
import { jsonKind, objectMembers } from "../util/jsonscan";
import { decodeJsonString, quoteJson } from "../util/jsonstring";

export { coerce, coerceAny, integerText } from "./coerce";

/** Reason codes of a refused build (BuildResult.reason). */
export const REASON_INVALID_ARGUMENT = "invalid_argument";
export const REASON_UNSAFE_VALUE = "unsafe_value";
export const REASON_TEMPLATE_ERROR = "template_error";
export const REASON_LIMIT = "limit";

/** One validated argument: its declaration and its (coerced) raw JSON value. */
export class ArgValue {
  arg: ToolArg;
  /** the raw JSON value is src[start, end): a slice of validated text, copied only when `raw` is read */
  src: string;
  start: i32;
  end: i32;
  private _raw: string | null;
  constructor(arg: ToolArg, raw: string) {
    this.arg = arg;
    this.src = raw;
    this.start = 0;
    this.end = raw.length;
    this._raw = raw;
  }
  /** A value that is `src[start, end)` unchanged (validated JSON, trimmed): no copy until `raw` is read. */
  static slice(arg: ToolArg, src: string, start: i32, end: i32): ArgValue {
    const v = new ArgValue(arg, "");
    v.src = src;
    v.start = start;
    v.end = end;
    v._raw = null;
    return v;
  }
  /** The raw JSON text of the value. */
  get raw(): string {
    let r = this._raw;
    if (r === null) {
      r = this.src.substring(this.start, this.end);
      this._raw = r;
    }
    return r;
  }
  /** Length of `raw` in code units (without copying it). */
  get rawLength(): i32 {
    return this.end - this.start;
  }
  /** The argument name. */
  get name(): string {
    return this.arg.name;
  }
  /** String form for URLs, headers, cookies and forms (strings decoded, others as compact JSON). */
  text(): string {
    return argText(this.raw);
  }
}

/** Outcome of argument validation. */
export class ArgsResult {
  ok: bool = true;
  error: string = "";
  reason: string = "";
  /** validated arguments in declaration order */
  values: ArgValue[] = [];
  /** every declared argument of the tool (present or not) */
  declared: ToolArg[] = [];
  /** the client's body text and bytes when the values are slices of it (validateArgumentsNode), else null */
  source: Utf8Source | null = null;

  /** The `args` object for templates: `{"name":<value>,...}`. */
  objectJson(): string {
    const names = this.quotedNames();
    const out = new FixedStr(this.objectJsonLength(names));
    this.writeObjectJson(out, names);
    return out.done();
  }

  /** quoteJson of every value's name (in `values` order). */
  quotedNames(): string[] {
    const names = new Array<string>(this.values.length);
    for (let i = 0; i < this.values.length; i++) unchecked((names[i] = quoteJson(unchecked(this.values[i]).name)));
    return names;
  }

  /** Length of objectJson() in code units, given quotedNames(). */
  objectJsonLength(names: string[]): i32 {
    let size = 2 + max(0, this.values.length - 1);
    for (let i = 0; i < this.values.length; i++) size += unchecked(names[i]).length + 1 + unchecked(this.values[i]).rawLength;
    return size;
  }

  /** Write objectJson() into `out`, given quotedNames(). */
  writeObjectJson(out: FixedStr, names: string[]): void {
    out.appendCode(0x7b);
    for (let i = 0; i < this.values.length; i++) {
      const v = unchecked(this.values[i]);
      if (i > 0) out.appendCode(0x2c);
      out.append(unchecked(names[i]));
      out.appendCode(0x3a);
      out.appendRange(v.src, v.start, v.end);
    }
    out.appendCode(0x7d);
  }

  /** The value named `name`, or null. */
  find(name: string): ArgValue | null {
    for (let i = 0; i < this.values.length; i++) {
      const v = unchecked(this.values[i]);
      if (v.name == name) return v;
    }
    return null;
  }
}

/** String form of a raw JSON value: strings decoded, numbers/booleans/null verbatim, composites minified. */
export function argText(raw: string): string {
  const k = jsonKind(raw);
  if (k == "string") return decodeJsonString(raw.trim());
  if (k == "object" || k == "array") return minifyJson(raw.trim());
  return raw.trim();
}

function fail(r: ArgsResult, reason: string, error: string): ArgsResult {
  r.ok = false;
  r.reason = reason;
  r.error = error;
  return r;
}

/** Validate `argumentsJson` ("" or "null" = none) against the tool's declared args. */
export function validateArguments(tool: Tool, argumentsJson: string, maxArguments: u32): ArgsResult {
  const r = new ArgsResult();
  r.declared = tool.args;
  const text = argumentsJson.trim();
  const keys = new Array<string>(0);
  const vals = new Array<JNode>(0);
  if (text.length > 0 && text != "null") {
    if (!validateJSON(text)) return fail(r, REASON_INVALID_ARGUMENT, "arguments: invalid JSON");
    if (jsonKind(text) != "object") return fail(r, REASON_INVALID_ARGUMENT, "arguments: expected an object, got " + jsonKind(text));
    const ms = objectMembers(text);
    if (<u32>ms.length > maxArguments) {
      return fail(r, REASON_LIMIT, "arguments: too many (" + ms.length.toString() + ", limit " + maxArguments.toString() + ")");
    }
    for (let i = 0; i < ms.length; i++) {
      const raw = unchecked(ms[i]).raw;
      keys.push(unchecked(ms[i]).key);
      vals.push(new JNode(J_OBJECT, raw, 0, raw.length)); // only src/start/end are read
    }
  }
  return validateMembers(r, tool, keys, vals);
}

/**
 * validateArguments for params.arguments of a tools/call that passed the envelope checks
 * (mcp/dispatch toolsCall: a JSON object of validated text, its member count within the limit;
 * null = absent): the text is not validated or scanned again, and values the declaration takes as
 * they are stay slices of the client's body (`source`, when given, is that body as text and bytes).
 * Any other node (not an object) is checked as text, with validateArguments' answers.
 */
export function validateArgumentsNode(tool: Tool, args: JNode | null, maxArguments: u32, source: Utf8Source | null): ArgsResult {
  if (args !== null && args.kind != J_OBJECT) return validateArguments(tool, args.raw(), maxArguments);
  if (args !== null && <u32>args.length > maxArguments) return validateArguments(tool, args.raw(), maxArguments);
  const r = new ArgsResult();
  r.declared = tool.args;
  if (source !== null && args !== null && changetype<usize>(source.text) == changetype<usize>(args.src)) r.source = source;
  if (args === null) return validateMembers(r, tool, new Array<string>(0), new Array<JNode>(0));
  return validateMembers(r, tool, args.keys(), args.values());
}

/** The declared arguments out of an object's members (names `keys`, values the slices of `vals`). */
function validateMembers(r: ArgsResult, tool: Tool, keys: string[], vals: JNode[]): ArgsResult {
  for (let a = 0; a < tool.args.length; a++) {
    const arg = unchecked(tool.args[a]);
    let raw = "";
    let found: JNode | null = null;
    // last duplicate wins, as in Go's encoding/json
    for (let i = keys.length - 1; i >= 0; i--) {
      if (unchecked(keys[i]) == arg.name) {
        found = unchecked(vals[i]);
        break;
      }
    }
    if (found !== null && found.end > found.start) {
      const c = found.src.charCodeAt(found.start);
      if (c != 0x6e /* null */ && arg.anyOfTypes.length == 0 && arg.enumValues.length == 0 && takesAsIs(arg.type, c)) {
        r.values.push(ArgValue.slice(arg, found.src, found.start, found.end));
        continue;
      }
      raw = found.src.substring(found.start, found.end);
    }
    let fromDefault = false;
    if (raw.length == 0 || jsonKind(raw) == "null") {
      if (arg.defaultJson.length > 0 && jsonKind(arg.defaultJson) != "null") {
        raw = arg.defaultJson;
        fromDefault = true;
      } else if (arg.required) {
        return fail(r, REASON_INVALID_ARGUMENT, "argument " + quoteJson(arg.name) + " is required");
      } else continue;
    }
    const c = arg.anyOfTypes.length > 0 ? coerceAny(arg.anyOfTypes, raw) : coerce(arg.type, raw);
    if (c.length > 0 && c.charCodeAt(0) == 0x21 /* ! = error marker */) {
      const what = fromDefault ? "default: " : "";
      return fail(r, REASON_INVALID_ARGUMENT, "argument " + quoteJson(arg.name) + ": " + what + c.substring(1));
    }
    if (arg.enumValues.length > 0 && !inEnum(arg.enumValues, c)) {
      let msg = "argument " + quoteJson(arg.name) + ": value is not one of the allowed values";
      if (arg.enumJson.length > 0 && arg.enumJson.length <= 200) msg += " " + minifyJson(arg.enumJson);
      return fail(r, REASON_INVALID_ARGUMENT, msg);
    }
    r.values.push(new ArgValue(arg, c));
  }
  return r;
}

/**
 * True when coerce(type, v) returns v itself for a (trimmed, valid) JSON value starting with `c`:
 * the value's kind is the declared type (integer excluded: coerce rewrites "-0" and 1e2), or the type is unknown.
 */
function takesAsIs(type: string, c: i32): bool {
  const isStr = c == 0x22;
  const isObj = c == 0x7b;
  const isArr = c == 0x5b;
  const isBool = c == 0x74 || c == 0x66;
  if (type == "" || type == "string") return isStr;
  if (type == "number") return !isStr && !isObj && !isArr && !isBool && c != 0x6e;
  if (type == "boolean") return isBool;
  if (type == "array") return isArr;
  if (type == "object") return isObj;
  return type != "integer";
}
