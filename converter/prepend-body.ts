// Higress-style `responseTemplate.prependBody`: a Markdown guide to the response
// fields, with a cycle check, a depth limit of 10 and a line cap.
import { Context } from "./context.js";
import { flatten, SchemaView } from "./schema.js";
import { skipProperty } from "./schema-json.js";
import { MAX_PREPEND_BYTES } from "./budget.js";
import { byteCompare } from "./sort.js";

const HEADER =
  "# API Response Information\n\nBelow is the response from an API call. To help you understand the data, I've provided:\n\n" +
  "1. A detailed description of all fields in the response structure\n2. The complete API response\n\n## Response Structure\n\n";
const FOOTER = "\n## Original Response\n\n";
const MAX_DEPTH = 10;
/** Field lines written at most; longer guides end with a truncation line. */
export const MAX_LINES = 200;

/** Smallest field guide worth writing when the tool budget is nearly spent. */
const MIN_BYTES = 256;

class Lines {
  readonly out: string[] = [];
  truncated = false;
  bytes = 0;
  /** component schema → field path where it was described (each described once) */
  readonly described = new Map<object, string>();
  constructor(readonly maxBytes: number) {}
  push(line: string): boolean {
    if (this.out.length >= MAX_LINES || this.bytes + line.length > this.maxBytes) {
      this.truncated = true;
      return false;
    }
    this.out.push(line);
    this.bytes += line.length;
    return true;
  }
}

/** The prependBody text for a flattened response schema, or "" when it has no fields to describe. */
export function describeResponse(
  v: SchemaView,
  mediaType: string,
  ctx: Context,
  ancestors: object[],
  hasOutputSchema = false,
): string {
  const room = Math.min(MAX_PREPEND_BYTES, ctx.budget.remaining);
  // the outputSchema already describes the response; a stub guide is not worth its bytes
  if (hasOutputSchema && room < MIN_BYTES) return "";
  const lines = new Lines(Math.max(room, MIN_BYTES));
  if (v.type === "array" && v.items !== undefined) {
    lines.push(fieldLine(0, "items", "Array of items", "array", false));
    describe(v.items, "items", 1, ctx, ancestors, lines);
  } else if (v.type === "object") {
    describeProperties(v, "", 0, ctx, ancestors, lines);
  }
  if (lines.out.length === 0) return "";
  if (lines.truncated) lines.out.push("- … (truncated: see outputSchema / the response itself)\n");
  ctx.budget.charge(lines.bytes);
  return HEADER + `> Content-Type: ${mediaType}\n\n` + lines.out.join("") + FOOTER;
}

function fieldLine(depth: number, path: string, desc: string, type: string, recursive: boolean, suffix = ""): string {
  const text = desc.replace(/\s+/g, " ").trim();
  return (
    " ".repeat(2 * depth) +
    `- **${path}**:` +
    (text !== "" ? " " + text : "") +
    (type !== "" ? ` (Type: ${type})` : "") +
    (recursive ? " (recursive, not expanded)" : "") +
    suffix +
    "\n"
  );
}

function describeProperties(v: SchemaView, prefix: string, depth: number, ctx: Context, ancestors: object[], lines: Lines): void {
  const props = v.properties ?? {};
  for (const name of Object.keys(props).sort(byteCompare)) {
    const node = props[name];
    if (skipProperty(node, ctx, "output")) continue;
    const s = ctx.resolve(node);
    const recursive = s !== undefined && ancestors.includes(s);
    const pv = flatten(s, ctx, "");
    const path = prefix + name;
    const first = s !== undefined && !recursive && ctx.isComponent(s) ? lines.described.get(s) : undefined;
    const suffix = first !== undefined ? ` (fields as in **${first}**)` : "";
    if (!lines.push(fieldLine(depth, path, pv.description, pv.type, recursive, suffix))) return;
    if (recursive || first !== undefined) continue;
    if (s !== undefined && ctx.isComponent(s)) lines.described.set(s, path);
    describe(node, path, depth + 1, ctx, ancestors, lines);
  }
}

function describe(node: unknown, path: string, depth: number, ctx: Context, ancestors: object[], lines: Lines): void {
  if (depth > MAX_DEPTH) return;
  const s = ctx.resolve(node);
  if (!s || ancestors.includes(s)) return;
  const inner = [...ancestors, s];
  const v = flatten(s, ctx, "");
  if (v.type === "array" && v.items !== undefined) {
    const is = ctx.resolve(v.items);
    if (is && inner.includes(is)) {
      const t = flatten(is, ctx, "").type || "object";
      lines.push(" ".repeat(2 * depth) + `- **${path}[]**: Items of type ${t} (recursive, not expanded)\n`);
      return;
    }
    const iv = flatten(is, ctx, "");
    if (iv.type === "object" && iv.properties !== undefined) {
      describeProperties(iv, path + "[].", depth, ctx, is ? [...inner, is] : inner, lines);
    } else if (iv.type !== "") {
      lines.push(" ".repeat(2 * depth) + `- **${path}[]**: Items of type ${iv.type}\n`);
    }
    return;
  }
  if (v.type === "object") describeProperties(v, path + ".", depth, ctx, inner, lines);
}
