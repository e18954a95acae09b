// One tool argument (`args[]`) from a parameter or a body property schema.
import { Context, loc } from "./context.js";
import { flatten } from "./schema.js";
import {
  alternatives,
  budgetMarker,
  claimComponent,
  convertProperties,
  omittedNote,
  recursionMarker,
  toJsonSchema,
} from "./schema-json.js";
import { argStyle } from "./styles.js";
import { ArgOut, JsonObject } from "./types.js";

/** What the caller knows about the argument beyond its schema. */
export interface ArgSpec {
  name: string;
  /** parameter description; the schema's is used when empty */
  description: string;
  required: boolean;
  position: string;
  /** `style`/`explode` from the parameter or `encoding` (query and form bodies only) */
  declaredStyle?: JsonObject;
}

/** Builds an arg from a schema; `ancestors` are enclosing schemas (cycle check). */
export function schemaArg(spec: ArgSpec, schema: unknown, ctx: Context, location: string, ancestors: object[]): ArgOut {
  const s = ctx.resolve(schema);
  const arg: ArgOut = { name: spec.name, description: spec.description };
  if (s && ancestors.includes(s)) {
    const m = recursionMarker(ctx, s);
    if (arg.description === "") arg.description = m.description as string;
    arg.type = m.type as string;
    return finish(arg, spec);
  }
  const v = flatten(s, ctx, location);
  const composite = (v.type === "array" && v.items !== undefined) || (v.type === "object" && v.properties !== undefined);
  const marker = composite
    ? (claimComponent(ctx, s, "input", `argument "${spec.name}"`) ??
      (ctx.budget.open ? undefined : budgetMarker(ctx, s, "input")))
    : undefined;
  if (marker !== undefined) {
    const text = marker.description as string;
    arg.description = arg.description === "" ? text : `${arg.description} (${text})`;
    if (v.type !== "") arg.type = v.type;
    return finish(arg, spec);
  }
  if (arg.description === "") arg.description = v.description;
  if (v.format !== "") {
    arg.description = arg.description === "" ? `Format: ${v.format}` : `${arg.description} (format: ${v.format})`;
  }
  if (v.type !== "") arg.type = v.type;
  // alternatives of different types stay alternatives (the plugin accepts a value matching any)
  if (v.anyOf !== undefined) arg.anyOf = alternatives(v, ctx, location, "input", s ? [...ancestors, s] : ancestors, 0);
  if (spec.required) arg.required = true;
  if (v.hasDefault && v.default !== null) arg.default = v.default;
  if (v.enum !== undefined && v.enum.length > 0) arg.enum = v.enum;
  const inner = s ? [...ancestors, s] : ancestors;
  if (v.type === "array" && v.items !== undefined) {
    arg.items = toJsonSchema(v.items, ctx, loc(location, "items"), "input", inner, 1);
  }
  if (v.type === "object" && v.properties !== undefined) {
    const { properties, omitted } = convertProperties(v, ctx, location, "input", inner, 1);
    arg.properties = properties;
    if (omitted > 0) arg.description = omittedNote(arg.description, omitted);
  }
  // an anyOf argument may carry an array or object: it gets a style too (scalars pass through any style)
  const anyComposite = (v.anyOf ?? []).some((alt) => ["array", "object"].includes(flatten(alt, ctx, "").type));
  const styleType = v.type !== "" ? v.type : anyComposite ? "object" : "";
  if (spec.declaredStyle !== undefined) Object.assign(arg, argStyle(spec.declaredStyle, styleType, ctx, location));
  return finish(arg, spec);
}

function finish(arg: ArgOut, spec: ArgSpec): ArgOut {
  if (spec.required) arg.required = true;
  if (spec.position !== "") arg.position = spec.position;
  // fixed field order: name, description, type, anyOf, required, default, enum, items, properties, position
  const ordered: ArgOut = { name: arg.name, description: arg.description };
  for (const k of [
    "type",
    "anyOf",
    "required",
    "default",
    "enum",
    "items",
    "properties",
    "style",
    "explode",
    "position",
  ] as const) {
    if (arg[k] !== undefined) (ordered as unknown as Record<string, unknown>)[k] = arg[k];
  }
  return ordered;
}
