// Schema → plain JSON Schema for `args[].items`/`properties` (input) and
// `outputSchema` (output), with a cycle check that leaves a stable marker.
import { Context, loc } from "./context.js";
import { flatten, SchemaView } from "./schema.js";
import { sortKeys } from "./sort.js";
import { JsonObject } from "./types.js";

/** "input": args (keeps default/enum/format, drops readOnly); "output": outputSchema (nullable types, drops writeOnly). */
export type SchemaMode = "input" | "output";

/** Deepest nesting expanded before a marker is written instead. */
export const MAX_DEPTH = 32;

/** The marker written where a schema refers back to one of its ancestors. */
export function recursionMarker(ctx: Context, s: JsonObject): JsonObject {
  const t = flatten(s, ctx, "").type || "object";
  return { description: `Recursive reference to ${ctx.nameOf(s)} (not expanded)`, type: t };
}

/** Converts one schema; `ancestors` are the resolved schemas currently being expanded. */
export function toJsonSchema(
  node: unknown, ctx: Context, location: string, mode: SchemaMode, ancestors: object[], depth = 0,
): JsonObject {
  const s = ctx.resolve(node);
  if (s && ancestors.includes(s)) return recursionMarker(ctx, s);
  if (depth >= MAX_DEPTH) return { description: `Nested deeper than ${MAX_DEPTH} levels (not expanded)` };
  const v = flatten(s, ctx, location);
  return viewToJson(v, ctx, location, mode, s ? [...ancestors, s] : ancestors, depth);
}

/** Converts an already flattened schema (its source must already be in `ancestors`). */
export function viewToJson(
  v: SchemaView, ctx: Context, location: string, mode: SchemaMode, ancestors: object[], depth: number,
): JsonObject {
  const out: JsonObject = {};
  if (v.description !== "") out.description = v.description;
  if (mode === "input") {
    if (v.hasDefault && v.default !== null) out.default = v.default;
    if (v.enum !== undefined && v.enum.length > 0) out.enum = v.enum;
    if (v.format !== "") out.format = v.format;
  }
  if (v.type !== "") out.type = mode === "output" && v.nullable ? [v.type, "null"] : v.type;
  if (v.type === "array" && v.items !== undefined) {
    out.items = toJsonSchema(v.items, ctx, loc(location, "items"), mode, ancestors, depth + 1);
  }
  if (v.type === "object" && v.properties !== undefined) {
    const { properties, required } = convertProperties(v, ctx, location, mode, ancestors, depth + 1);
    out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  return sortKeys(out);
}

/** Converts `v.properties` (natural key order); returns the kept properties and their `required` names. */
export function convertProperties(
  v: SchemaView, ctx: Context, location: string, mode: SchemaMode, ancestors: object[], depth: number,
): { properties: JsonObject; required: string[] } {
  const props = v.properties ?? {};
  const properties: JsonObject = {};
  for (const name of Object.keys(props)) {
    if (skipProperty(props[name], ctx, mode)) continue;
    properties[name] = toJsonSchema(props[name], ctx, loc(location, "properties", name), mode, ancestors, depth);
  }
  const required = v.required.filter((r) => r in properties);
  return { properties: sortKeys(properties), required };
}

/** readOnly properties are not sent in requests; writeOnly ones are not returned. */
export function skipProperty(node: unknown, ctx: Context, mode: SchemaMode): boolean {
  const s = ctx.resolve(node);
  if (!s) return false;
  return mode === "input" ? s.readOnly === true : s.writeOnly === true;
}
