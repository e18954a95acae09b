// Operations given as `$ref` (not allowed by OpenAPI 3.0/3.1, common and harmless):
// inlined before schema validation so `--validate` warns instead of failing.
import { loc } from "./context.js";
import { isObject, JsonObject, Warning } from "./types.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Follows a local `#/…` pointer in `root`; undefined when it does not resolve. */
function pointer(root: JsonObject, ref: string): unknown {
  let cur: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (ref === "#" || ref === "#/") return root;
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, key)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** Replaces each internal operation `$ref` of a parsed (not dereferenced) document by its target, with a warning. */
export function inlineOperationRefs(doc: JsonObject, warnings: Warning[] = []): JsonObject {
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    let item = paths[path];
    if (isObject(item) && typeof item.$ref === "string" && item.$ref.startsWith("#/")) item = pointer(doc, item.$ref);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.$ref !== "string") continue;
      const where = loc("paths", path, method);
      const target = op.$ref.startsWith("#/") ? pointer(doc, op.$ref) : undefined;
      if (isObject(target) && typeof target.$ref !== "string") {
        item[method] = target;
        warnings.push({
          location: where,
          message: `operation given as $ref ${op.$ref} (not allowed by OpenAPI); inlined for validation`,
        });
      } else {
        warnings.push({
          location: where,
          message: `operation given as $ref ${op.$ref} (not allowed by OpenAPI); left to the validator`,
        });
      }
    }
  }
  return doc;
}
