// Coercion of one tool-call argument to its declared type (the table at the top of rest/args.ts
// documents it), `anyOf` alternatives and `enum` membership.
import { joinStrings } from "../util/strbuf";
import { jsonEquals } from "../util/jsonformat";
import { isJsonNumber, jsonKind } from "../util/jsonscan";
import { decodeJsonString, quoteJson } from "../util/jsonstring";

/** True when `raw` equals (as JSON) one of the enum values. */
export function inEnum(values: string[], raw: string): bool {
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

