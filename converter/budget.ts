// Per-tool output bounds: each component schema is expanded once per tool and per
// direction (arguments / outputSchema; later uses get a short marker), and a byte
// budget (approximate JSON bytes of nested argument schemas + outputSchema +
// prependBody) beyond which schemas are not expanded.
import { JsonObject } from "./types.js";

/**
 * Default `maxToolBytes` (approximate YAML bytes of nested argument schemas, outputSchema and
 * prependBody): keeps a config under 1 MiB per 500 operations even when every operation
 * takes and returns large shared schemas (bench: 0.96 MiB). 0 = unlimited.
 */
export const DEFAULT_TOOL_BYTES = 768;
/** prependBody never exceeds this many bytes (and never the tool's remaining budget). */
export const MAX_PREPEND_BYTES = 512;

/** Which side of a tool a schema describes. */
export type Side = "input" | "output";

/** The budget of the tool being converted. */
export class ToolBudget {
  private used = 0;
  /** set when some schema was cut for lack of budget */
  exhausted = false;
  /** component schema → where it was first expanded in this tool (arguments or outputSchema) */
  readonly expanded = new Map<object, string>();

  /** `limit` in bytes; 0 = unlimited. */
  constructor(readonly limit: number = 0) {}

  /** Records `bytes` of emitted schema text. */
  charge(bytes: number): void {
    this.used += bytes;
  }

  /** True while more schema may be expanded. */
  get open(): boolean {
    return this.limit <= 0 || this.used < this.limit;
  }

  /** Bytes left (Infinity when unlimited). */
  get remaining(): number {
    return this.limit <= 0 ? Infinity : Math.max(0, this.limit - this.used);
  }
}

/** Approximate YAML size of a schema node's own fields at nesting `depth` (children are charged when converted). */
export function ownCost(out: JsonObject, depth = 0): number {
  const indent = 2 * depth + 6;
  let n = 0;
  for (const k of Object.keys(out)) {
    const v = out[k];
    n += indent + k.length;
    if (k === "properties" || k === "items") continue;
    n += typeof v === "string" ? v.length : (JSON.stringify(v)?.length ?? 4);
  }
  return n;
}
