// OpenAPI `style`/`explode` (parameters, form-body `encoding`) and Swagger 2.0
// `collectionFormat` → the plugin's per-argument `style` (assembly/rest/style.ts).
import { Context } from "./context.js";
import { JsonObject } from "./types.js";

/** What an argument carries: `style` (absent = JSON text) and `explode` (only when false). */
export interface ArgStyle {
  style?: string;
  explode?: boolean;
}

const PLUGIN_STYLES = new Set(["form", "spaceDelimited", "pipeDelimited", "deepObject"]);

/**
 * The style of an array/object query parameter or form-body property (`declared` holds
 * `style`/`explode` from the parameter or the `encoding` entry). Scalars need none.
 */
export function argStyle(declared: JsonObject | undefined, type: string, ctx: Context, location: string): ArgStyle {
  if (type !== "array" && type !== "object") return {};
  const style = typeof declared?.style === "string" ? declared.style : "form";
  const explode = typeof declared?.explode === "boolean" ? declared.explode : style === "form";
  if (!PLUGIN_STYLES.has(style)) {
    ctx.warn(location, `style "${style}" is not supported; the value is sent as JSON text`);
    return {};
  }
  if (style === "deepObject") return { style };
  // an exploded delimited style is the same as exploded form (one pair per element)
  if (explode) return { style: "form" };
  return style === "form" ? { style, explode: false } : { style };
}

/** Swagger 2.0 `collectionFormat` → OpenAPI 3 `style`/`explode` (tsv has no equivalent). */
export function collectionFormatStyle(format: unknown): JsonObject {
  switch (format) {
    case "multi":
      return { style: "form", explode: true };
    case "ssv":
      return { style: "spaceDelimited", explode: false };
    case "pipes":
      return { style: "pipeDelimited", explode: false };
    case "tsv":
      return { style: "tabDelimited", explode: false };
    default:
      return { style: "form", explode: false }; // csv, Swagger's default
  }
}
