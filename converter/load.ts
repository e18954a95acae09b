// Loading: a local file or an http(s) URL, JSON or YAML, with `$ref`s dereferenced
// (cycles become shared objects) by @apidevtools/swagger-parser; optional schema
// validation. Network: only the --input URL itself, plus remote `$ref` files when
// `externalRefs` is set. `$ref`-looking data inside example/default/enum/const values
// and `x-*` extensions is never followed.
import SwaggerParser from "@apidevtools/swagger-parser";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import YAML from "yaml";
import { inlineOperationRefs } from "./operation-refs.js";
import { isObject, JsonObject, Warning } from "./types.js";

/** Options of {@link load}. */
export interface LoadOptions {
  /** validate against the OpenAPI / Swagger schema (errors are fatal) */
  validate?: boolean;
  /** follow `$ref`s to remote (http/https) documents, and any external `$ref` of a URL input */
  externalRefs?: boolean;
  /** receives one warning per `$ref` left unresolved on purpose, and per operation given as `$ref` */
  warnings?: Warning[];
}

/** True for http: and https: URLs. */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Keywords whose value is data, not schema: nothing below them is a reference. */
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);
/** Maps whose keys are names chosen by the author (a property may be called `example`). */
const NAME_MAPS = new Set([
  "properties", "patternProperties", "$defs", "definitions", "schemas", "parameters", "responses",
  "requestBodies", "headers", "securitySchemes", "securityDefinitions", "links", "callbacks", "pathItems",
  "dependentSchemas", "encoding", "paths", "webhooks", "content", "variables", "scopes", "mapping",
]);

/** Decoded segments of a `#/a/b~1c` pointer path (the part after `#`). */
function segments(path: string): string[] {
  const hash = path.indexOf("#");
  const ptr = hash >= 0 ? path.slice(hash + 1) : path;
  return ptr.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** True when `path` lies inside a data value (example, default, …) or an `x-*` extension. */
export function isDataPath(path: string): boolean {
  const segs = segments(path);
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (DATA_KEYS.has(s) || s.startsWith("x-")) return true;
    if (NAME_MAPS.has(s)) i++; // the next segment is a name chosen by the author, not a keyword
  }
  return false;
}

/** True for a `$ref` that needs the network (remote URL, or anything external when the input is a URL). */
function isRemoteRef(ref: string, inputIsUrl: boolean): boolean {
  if (ref.startsWith("#")) return false;
  return isUrl(ref) || inputIsUrl || /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !/^file:/i.test(ref);
}

/** Loads and dereferences a document; rejects with the parser's message on failure. */
export async function load(input: string, options: LoadOptions = {}): Promise<JsonObject> {
  const url = isUrl(input);
  const source = url ? input : resolve(input);
  const skipped = new Set<string>();
  const matcher = (path: string, value?: unknown): boolean => {
    if (isDataPath(path)) return true;
    if (!options.externalRefs && isObject(value) && typeof value.$ref === "string" && isRemoteRef(value.$ref, url)) {
      skipped.add(value.$ref);
      return true;
    }
    return false;
  };
  const parserOptions: JsonObject = {
    resolveExcludedPathMatcher: matcher,
    dereference: { circular: true, excludedPathMatcher: matcher },
  };
  // json-schema-ref-parser blocks loopback/private hosts by default; a URL the user
  // typed is trusted (so is its host class), a local file's remote $refs are not.
  if (url) parserOptions.resolve = { http: { safeUrlResolver: false } };
  let api: unknown;
  if (options.validate) {
    const raw = await SwaggerParser.parse(source, parserOptions as SwaggerParser.Options);
    const inlined = inlineOperationRefs(raw as unknown as JsonObject, options.warnings);
    api = await SwaggerParser.validate(source, inlined as never, parserOptions as SwaggerParser.Options);
  } else {
    api = await SwaggerParser.dereference(source, parserOptions as SwaggerParser.Options);
  }
  if (!isObject(api)) throw new Error(`${input}: not an object`);
  for (const ref of [...skipped].sort()) {
    options.warnings?.push({ location: ref, message: "external $ref not fetched (no network without --external-refs); treated as an empty schema" });
  }
  return api as unknown as JsonObject;
}

/** Reads a `--template` file (YAML or JSON). */
export async function loadTemplate(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  return YAML.parse(text);
}
