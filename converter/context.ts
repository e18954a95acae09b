// Conversion context: the document root, internal `$ref` resolution (for documents
// that were not dereferenced), component names for cycle markers, and warnings.
import { ToolBudget } from "./budget.js";
import { isObject, JsonObject, WarningSink } from "./types.js";

/** Everything the per-object converters share while converting one document. */
export class Context {
  readonly warnings = new WarningSink();
  /** schema object → component name, for stable recursion markers */
  private readonly names = new Map<object, string>();

  /** bounds of the tool being converted (unlimited outside of a tool) */
  budget = new ToolBudget(0);

  /** where security schemes live in the source document (for locations) */
  readonly schemesPath: string;

  constructor(
    readonly root: JsonObject,
    /** the source document is Swagger 2.0 (locations name its objects) */
    readonly swagger2 = false,
  ) {
    this.schemesPath = swagger2 ? "securityDefinitions" : "components.securitySchemes";
    const comps = isObject(root.components) ? root.components : {};
    for (const group of [comps.schemas, root.definitions]) {
      if (!isObject(group)) continue;
      for (const name of Object.keys(group)) {
        const s = this.resolve(group[name]);
        if (s && !this.names.has(s)) this.names.set(s, name);
      }
    }
  }

  /** Records a warning. */
  warn(location: string, message: string): void {
    this.warnings.add(location, message);
  }

  /** Follows internal `$ref` chains; an unresolvable reference gives `undefined` and a warning. */
  resolve(node: unknown): JsonObject | undefined {
    const seen = new Set<string>();
    let cur = node;
    while (isObject(cur) && typeof cur.$ref === "string") {
      const ref = cur.$ref;
      if (seen.has(ref) || !ref.startsWith("#")) {
        this.warn(ref, seen.has(ref) ? "$ref loop; treated as an empty schema" : "unresolved $ref; treated as an empty schema");
        return undefined;
      }
      seen.add(ref);
      cur = this.pointer(ref.slice(1));
      if (cur === undefined) {
        this.warn(ref, "unresolved $ref; treated as an empty schema");
        return undefined;
      }
    }
    return isObject(cur) ? cur : undefined;
  }

  /** True for a schema that is a named component (`components.schemas` / `definitions`). */
  isComponent(schema: object): boolean {
    return this.names.has(schema);
  }

  /** Component name of a (resolved) schema, or its `title`, or "schema". */
  nameOf(schema: JsonObject): string {
    const n = this.names.get(schema);
    if (n !== undefined) return n;
    return typeof schema.title === "string" && schema.title !== "" ? schema.title : "schema";
  }

  private pointer(ptr: string): unknown {
    if (ptr === "" || ptr === "/") return ptr === "" ? this.root : undefined;
    let cur: unknown = this.root;
    for (const raw of ptr.slice(1).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(cur)) cur = cur[Number(key)];
      else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : undefined;
      else return undefined;
    }
    return cur;
  }
}

/** Joins location parts with dots; array indexes as `[i]`. */
export function loc(base: string, ...parts: (string | number)[]): string {
  let out = base;
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? p : "." + p;
  }
  return out;
}
