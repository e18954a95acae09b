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
import { StrBuf, joinStrings } from "../util/strbuf";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { Tool, ToolArg } from "../config/types";
import { jsonEquals, minifyJson } from "../util/jsonformat";
import { isJsonNumber, jsonKind, objectMembers } from "../util/jsonscan";
import { decodeJsonString, quoteJson } from "../util/jsonstring";

/** Reason codes of a refused build (BuildResult.reason). */
export const REASON_INVALID_ARGUMENT = "invalid_argument";
export const REASON_UNSAFE_VALUE = "unsafe_value";
export const REASON_TEMPLATE_ERROR = "template_error";
export const REASON_LIMIT = "limit";

/** One validated argument: its declaration and its (coerced) raw JSON value. */
export class ArgValue {
  arg: ToolArg;
  raw: string;
  constructor(arg: ToolArg, raw: string) {
    this.arg = arg;
    this.raw = raw;
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

  /** The `args` object for templates: `{"name":<value>,...}`. */
  objectJson(): string {
    let size = 2;
    for (let i = 0; i < this.values.length; i++) {
      const v = unchecked(this.values[i]);
      size += v.name.length + v.raw.length + 4;
    }
    const s = new StrBuf(size + 16); // one allocation for most names (jsonQuote may add escapes)
    s.appendCode(0x7b);
    for (let i = 0; i < this.values.length; i++) {
      const v = unchecked(this.values[i]);
      if (i > 0) s.appendCode(0x2c);
      s.append(quoteJson(v.name));
      s.appendCode(0x3a);
      s.append(v.raw);
    }
    s.appendCode(0x7d);
    return s.toString();
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
  const members = new Array<string>(0);
  const raws = new Array<string>(0);
  if (text.length > 0 && text != "null") {
    if (!validateJSON(text)) return fail(r, REASON_INVALID_ARGUMENT, "arguments: invalid JSON");
    if (jsonKind(text) != "object") return fail(r, REASON_INVALID_ARGUMENT, "arguments: expected an object, got " + jsonKind(text));
    const ms = objectMembers(text);
    if (<u32>ms.length > maxArguments) {
      return fail(r, REASON_LIMIT, "arguments: too many (" + ms.length.toString() + ", limit " + maxArguments.toString() + ")");
    }
    for (let i = 0; i < ms.length; i++) {
      members.push(unchecked(ms[i]).key);
      raws.push(unchecked(ms[i]).raw);
    }
  }
  for (let a = 0; a < tool.args.length; a++) {
    const arg = unchecked(tool.args[a]);
    let raw = "";
    // last duplicate wins, as in Go's encoding/json
    for (let i = members.length - 1; i >= 0; i--) {
      if (unchecked(members[i]) == arg.name) {
        raw = unchecked(raws[i]);
        break;
      }
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

function inEnum(values: string[], raw: string): bool {
  for (let i = 0; i < values.length; i++) {
    if (jsonEquals(unchecked(values[i]), raw)) return true;
  }
  return false;
}

/** Coerce `raw` to `type`; returns the new raw JSON, or "!" + error text. */
export function coerce(type: string, raw: string): string {
  const t = raw.trim();
  const k = jsonKind(t);
  if (type == "" || type == "string") {
    if (k == "string") return t;
    if (k == "number" || k == "boolean") return quoteJson(t);
    return "!expected string, got " + k;
  }
  if (type == "number") {
    if (k == "number") return t;
    if (k == "string") {
      const s = decodeJsonString(t);
      if (isJsonNumber(s)) return s;
    }
    return "!expected number, got " + k;
  }
  if (type == "integer") {
    let num = "";
    if (k == "number") num = t;
    else if (k == "string") {
      const s = decodeJsonString(t);
      if (!isJsonNumber(s)) return "!expected integer, got string";
      num = s;
    } else return "!expected integer, got " + k;
    const n = integerText(num);
    return n.length > 0 ? n : "!expected integer, got non-integral number";
  }
  if (type == "boolean") {
    if (k == "boolean") return t;
    if (k == "string") {
      const s = decodeJsonString(t);
      if (s == "true" || s == "false") return s;
    }
    return "!expected boolean, got " + k;
  }
  if (type == "array") return k == "array" ? t : "!expected array, got " + k;
  if (type == "object") return k == "object" ? t : "!expected object, got " + k;
  return t;
}

/**
 * `anyOf` alternatives: a value whose JSON kind an alternative takes as is wins (no coercion),
 * else the first alternative that coerces it; an alternative without a type takes anything.
 */
export function coerceAny(types: string[], raw: string): string {
  const t = raw.trim();
  const k = jsonKind(t);
  for (let i = 0; i < types.length; i++) {
    const ty = unchecked(types[i]);
    if (ty == "" || ty == k || (ty == "integer" && k == "number" && integerText(t).length > 0)) {
      return ty == "integer" ? integerText(t) : t;
    }
  }
  for (let i = 0; i < types.length; i++) {
    const c = coerce(unchecked(types[i]), t);
    if (c.length == 0 || c.charCodeAt(0) != 0x21) return c;
  }
  return "!expected " + joinStrings(types, " or ") + ", got " + k;
}

/** Canonical integer text of a JSON number, or "" when it is not integral. */
export function integerText(num: string): string {
  let plain = true;
  for (let i = 0; i < num.length; i++) {
    const c = num.charCodeAt(i);
    if (c == 0x2e || c == 0x65 || c == 0x45) plain = false;
  }
  if (plain) return num == "-0" ? "0" : num;
  const v = parseFloat(num);
  if (!isFinite(v) || Math.floor(v) != v) return "";
  if (Math.abs(v) <= 9007199254740992.0) return (<i64>v).toString();
  return num;
}

