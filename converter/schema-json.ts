// Schema → plain JSON Schema for `args[].items`/`properties` (input) and
// `outputSchema` (output), with a cycle check that leaves a stable marker.
import { Context, loc } from "./context.js";
import { flatten, SchemaView } from "./schema.js";
import { sortKeys } from "./sort.js";
import { ownCost } from "./budget.js";
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

/**
 * Written where a component already expanded in this tool (arguments or output) is used again:
 * inputs keep the type (the plugin checks top-level types), outputs carry none (never a wrong one).
 */
export function sharedMarker(ctx: Context, s: JsonObject, mode: SchemaMode, first: string): JsonObject {
  const out: JsonObject = { description: `${ctx.nameOf(s)}: see ${first}` };
  const t = flatten(s, ctx, "").type;
  if (mode === "input" && t !== "") out.type = t;
  ctx.budget.charge(ownCost(out));
  return out;
}

/** Written where the tool's byte budget is spent. */
export function budgetMarker(ctx: Context, s: JsonObject | undefined, mode: SchemaMode): JsonObject {
  ctx.budget.exhausted = true;
  const v = flatten(s, ctx, "");
  const name = s && ctx.isComponent(s) ? `${ctx.nameOf(s)}, ` : "";
  const out: JsonObject = {
    description: `${name}not expanded (tool size limit)${v.description !== "" ? ". " + v.description.slice(0, 120) : ""}`,
  };
  if (v.type !== "" && (mode === "input" || !v.nullable)) out.type = v.type;
  ctx.budget.charge(ownCost(out));
  return out;
}

/**
 * Records the first expansion of a component in this tool; returns the marker to write
 * instead when it was already expanded (undefined: expand it).
 */
export function claimComponent(ctx: Context, s: JsonObject | undefined, mode: SchemaMode, label: string): JsonObject | undefined {
  if (!s || !ctx.isComponent(s)) return undefined;
  const seen = ctx.budget.expanded;
  const first = seen.get(s);
  if (first !== undefined) return sharedMarker(ctx, s, mode, first);
  seen.set(s, label);
  return undefined;
}

/** The tail of a location after the operation (`requestBody…properties.a` → `a`). */
function shortLocation(location: string): string {
  const i = location.lastIndexOf(".schema");
  const tail = (i >= 0 ? location.slice(i + ".schema".length) : location).replace(/\.properties\./g, ".").replace(/^\./, "");
  return tail === "" ? "(root)" : tail;
}

/** Converts one schema; `ancestors` are the resolved schemas currently being expanded. */
export function toJsonSchema(
  node: unknown,
  ctx: Context,
  location: string,
  mode: SchemaMode,
  ancestors: object[],
  depth = 0,
): JsonObject {
  const s = ctx.resolve(node);
  if (s && ancestors.includes(s)) return recursionMarker(ctx, s);
  if (depth >= MAX_DEPTH) return { description: `Nested deeper than ${MAX_DEPTH} levels (not expanded)` };
  const where = shortLocation(location);
  const shared = claimComponent(ctx, s, mode, mode === "input" ? `argument "${where}"` : `outputSchema "${where}"`);
  if (shared !== undefined) return shared;
  if (!ctx.budget.open) return budgetMarker(ctx, s, mode);
  const v = flatten(s, ctx, location);
  return viewToJson(v, ctx, location, mode, s ? [...ancestors, s] : ancestors, depth);
}

/** Converts an already flattened schema (its source must already be in `ancestors`). */
export function viewToJson(
  v: SchemaView,
  ctx: Context,
  location: string,
  mode: SchemaMode,
  ancestors: object[],
  depth: number,
): JsonObject {
  const out: JsonObject = {};
  if (v.description !== "") out.description = v.description;
  if (mode === "input") {
    if (v.hasDefault && v.default !== null) out.default = v.default;
    if (v.enum !== undefined && v.enum.length > 0) out.enum = v.enum;
    if (v.format !== "") out.format = v.format;
  }
  if (v.type !== "") out.type = mode === "output" && v.nullable ? [v.type, "null"] : v.type;
  ctx.budget.charge(ownCost(out, depth));
  if (v.anyOf !== undefined) {
    out.anyOf = alternatives(v, ctx, location, mode, ancestors, depth);
    return sortKeys(out);
  }
  if (v.type === "array" && v.items !== undefined) {
    out.items = toJsonSchema(v.items, ctx, loc(location, "items"), mode, ancestors, depth + 1);
  }
  if (v.type === "object" && v.properties !== undefined) {
    const { properties, required, omitted } = convertProperties(v, ctx, location, mode, ancestors, depth + 1);
    out.properties = properties;
    if (required.length > 0) out.required = required;
    if (omitted > 0 && Object.keys(properties).length === 0) return budgetMarker(ctx, v.source, mode);
    if (omitted > 0) out.description = omittedNote(v.description, omitted);
  }
  return sortKeys(out);
}

/** The kept alternatives of a mixed-type union, each converted (plus `null` when nullable, for outputs). */
export function alternatives(
  v: SchemaView,
  ctx: Context,
  location: string,
  mode: SchemaMode,
  ancestors: object[],
  depth: number,
): JsonObject[] {
  const out = (v.anyOf ?? []).map((alt, i) => toJsonSchema(alt, ctx, loc(location, "anyOf", i), mode, ancestors, depth + 1));
  if (mode === "output" && v.nullable) out.push({ type: "null" });
  return out;
}

/** Converts `v.properties` (natural key order); returns the kept properties and their `required` names. */
export function convertProperties(
  v: SchemaView,
  ctx: Context,
  location: string,
  mode: SchemaMode,
  ancestors: object[],
  depth: number,
): { properties: JsonObject; required: string[]; omitted: number } {
  const props = v.properties ?? {};
  const properties: JsonObject = {};
  let omitted = 0;
  for (const name of Object.keys(props)) {
    if (skipProperty(props[name], ctx, mode)) continue;
    if (!ctx.budget.open) {
      ctx.budget.exhausted = true;
      omitted++;
      continue;
    }
    ctx.budget.charge(name.length + 2 * depth + 4);
    properties[name] = toJsonSchema(props[name], ctx, loc(location, "properties", name), mode, ancestors, depth);
  }
  const required = v.required.filter((r) => r in properties);
  return { properties: sortKeys(properties), required, omitted };
}

/** A description that says how many properties the size limit left out. */
export function omittedNote(description: string, omitted: number): string {
  const note = `${omitted} more ${omitted === 1 ? "property" : "properties"} not listed (tool size limit)`;
  return description === "" ? note : `${description} (${note})`;
}

/** readOnly properties are not sent in requests; writeOnly ones are not returned. */
export function skipProperty(node: unknown, ctx: Context, mode: SchemaMode): boolean {
  const s = ctx.resolve(node);
  if (!s) return false;
  return mode === "input" ? s.readOnly === true : s.writeOnly === true;
}
