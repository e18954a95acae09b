// Schema normalisation: one flat "view" of a schema with `$ref`, `allOf`,
// `oneOf`/`anyOf`, 3.1 type arrays and 3.0 `nullable` folded in.
import { Context, loc } from "./context.js";
import { isObject, JsonObject } from "./types.js";

/** A flattened schema. `properties` and `items` stay raw (expanded lazily, with cycle checks). */
export interface SchemaView {
  /** the resolved schema object (identity used for cycle detection) */
  source: JsonObject | undefined;
  /** single JSON type, "" when unknown */
  type: string;
  nullable: boolean;
  description: string;
  format: string;
  enum: unknown[] | undefined;
  hasDefault: boolean;
  default: unknown;
  properties: JsonObject | undefined;
  required: string[];
  items: unknown;
  readOnly: boolean;
  writeOnly: boolean;
  /**
   * Alternatives of different types (oneOf/anyOf, 3.1 type arrays), kept as they are:
   * never narrowed to one type. `type` is "" when set.
   */
  anyOf: unknown[] | undefined;
}

function emptyView(source: JsonObject | undefined): SchemaView {
  return {
    source,
    type: "",
    nullable: false,
    description: "",
    format: "",
    enum: undefined,
    hasDefault: false,
    default: undefined,
    properties: undefined,
    required: [],
    items: undefined,
    readOnly: false,
    writeOnly: false,
    anyOf: undefined,
  };
}

/** Flattens a (possibly `$ref`) schema; `location` names it in warnings. */
export function flatten(node: unknown, ctx: Context, location: string, stack: Set<object> = new Set()): SchemaView {
  const s = ctx.resolve(node);
  const v = emptyView(s);
  if (!s || stack.has(s)) return v;
  stack.add(s);
  if (Array.isArray(s.allOf)) {
    s.allOf.forEach((part, i) => mergeAll(v, flatten(part, ctx, loc(location, "allOf", i), stack)));
  }
  for (const kw of ["oneOf", "anyOf"]) {
    const list = s[kw];
    if (Array.isArray(list) && list.length > 0) {
      const variants = list.map((part, i) => flatten(part, ctx, loc(location, kw, i), stack));
      mergeUnion(v, list, variants);
    }
  }
  applyOwn(v, s, ctx, location);
  stack.delete(s);
  return v;
}

function applyOwn(v: SchemaView, s: JsonObject, ctx: Context, location: string): void {
  if (typeof s.type === "string") {
    if (s.type === "null") v.nullable = true;
    else v.type = s.type;
  } else if (Array.isArray(s.type)) {
    const types = s.type.filter((t): t is string => typeof t === "string");
    if (types.includes("null")) v.nullable = true;
    const t = pickType(types.filter((t) => t !== "null"));
    if (t === MIXED) v.anyOf = [...new Set(types.filter((x) => x !== "null"))].map((x) => ({ type: x }));
    else if (t !== "") v.type = t;
  }
  if (s.nullable === true) v.nullable = true;
  if (typeof s.description === "string" && s.description !== "") v.description = s.description;
  if (typeof s.format === "string" && s.format !== "") v.format = s.format;
  if (Array.isArray(s.enum)) v.enum = s.enum.slice();
  if ("const" in s && s.const !== undefined) v.enum = [s.const];
  if ("default" in s && s.default !== undefined) {
    v.hasDefault = true;
    v.default = s.default;
  }
  if (isObject(s.properties)) v.properties = { ...(v.properties ?? {}), ...s.properties };
  if (Array.isArray(s.required)) addRequired(v, s.required);
  if (s.items !== undefined && !Array.isArray(s.items)) v.items = s.items;
  if (s.readOnly === true) v.readOnly = true;
  if (s.writeOnly === true) v.writeOnly = true;
  if (v.type !== "") v.anyOf = undefined; // the schema's own type wins over its alternatives
  if (v.type === "" && v.anyOf === undefined) {
    if (v.enum !== undefined && v.enum.length > 0) v.type = enumType(v.enum);
    if (v.type !== "") return;
    if (v.properties !== undefined) v.type = "object";
    else if (v.items !== undefined) v.type = "array";
  }
}

/** The JSON type shared by all enum values, or "". */
function enumType(values: unknown[]): string {
  const types = new Set(
    values.filter((x) => x !== null).map((x) => (Number.isInteger(x) ? "integer" : typeof x === "number" ? "number" : typeof x)),
  );
  if (types.size === 1) {
    const t = [...types][0];
    if (t === "string" || t === "boolean" || t === "integer" || t === "number") return t;
  }
  return types.size === 2 && types.has("integer") && types.has("number") ? "number" : "";
}

function addRequired(v: SchemaView, names: unknown[]): void {
  for (const n of names) if (typeof n === "string" && !v.required.includes(n)) v.required.push(n);
}

/** allOf: every part applies; the first part with a value wins for scalars. */
function mergeAll(v: SchemaView, p: SchemaView): void {
  if (v.type === "" && p.type !== "") v.type = p.type;
  if (p.nullable) v.nullable = true;
  if (v.description === "") v.description = p.description;
  if (v.format === "") v.format = p.format;
  if (v.enum === undefined) v.enum = p.enum;
  if (!v.hasDefault && p.hasDefault) {
    v.hasDefault = true;
    v.default = p.default;
  }
  if (p.properties !== undefined) v.properties = { ...(v.properties ?? {}), ...p.properties };
  addRequired(v, p.required);
  if (v.items === undefined) v.items = p.items;
  v.readOnly = v.readOnly || p.readOnly;
  v.writeOnly = v.writeOnly || p.writeOnly;
}

/** Marker returned by {@link pickType} for alternatives that share no type. */
const MIXED = "\u0000mixed";

/** The type alternatives share: the common one, "number" for integer|number, "" when unknown, else MIXED. */
function pickType(types: string[]): string {
  const unique = [...new Set(types.filter((t) => t !== ""))];
  if (unique.length === 0) return "";
  if (unique.length === 1) return unique[0];
  if (unique.every((t) => t === "integer" || t === "number")) return "number";
  return MIXED;
}

/** oneOf/anyOf: one sensible type; object alternatives contribute all their properties. */
function mergeUnion(v: SchemaView, list: unknown[], variants: SchemaView[]): void {
  const nonNull = variants.filter((x) => !(x.type === "" && x.nullable && x.properties === undefined));
  if (nonNull.length < variants.length || variants.some((x) => x.nullable)) v.nullable = true;
  const typed = nonNull.map((x) => x.type);
  // an alternative without a type accepts anything: the union cannot be typed either
  const t = typed.includes("") && nonNull.length > 1 && typed.some((x) => x !== "") ? MIXED : pickType(typed);
  if (t === MIXED) {
    // never narrowed: each alternative is kept (anyOf) and the union gets no type
    if (v.type === "")
      v.anyOf = list.filter((_, i) => variants[i].type !== "" || !variants[i].nullable || variants[i].properties !== undefined);
    return;
  }
  if (v.type === "" && t !== "") v.type = t;
  const same = nonNull.filter((x) => x.type === t || x.type === "" || (t === "number" && x.type === "integer"));
  if (v.description === "" && same.length === 1) v.description = same[0].description;
  if (t === "object") {
    const props: JsonObject = { ...(v.properties ?? {}) };
    for (const x of same) for (const k of Object.keys(x.properties ?? {})) if (!(k in props)) props[k] = x.properties![k];
    v.properties = props;
    const common = same.length > 0 ? same[0].required.filter((r) => same.every((x) => x.required.includes(r))) : [];
    addRequired(v, common);
  }
  if (t === "array" && v.items === undefined) v.items = same.find((x) => x.items !== undefined)?.items;
  if (v.enum === undefined && same.length > 0 && same.every((x) => x.enum !== undefined)) {
    const seen = new Set<string>();
    const all: unknown[] = [];
    for (const x of same)
      for (const e of x.enum!)
        if (!seen.has(JSON.stringify(e))) {
          seen.add(JSON.stringify(e));
          all.push(e);
        }
    v.enum = all;
  }
  if (v.format === "" && same.length > 0 && same.every((x) => x.format === same[0].format)) v.format = same[0].format;
}
