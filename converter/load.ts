// Loading: a local file or an http(s) URL, JSON or YAML, bundled (external `$ref`
// files inlined, internal `$ref`s kept) by @apidevtools/swagger-parser; optional schema
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
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "schemas",
  "parameters",
  "responses",
  "requestBodies",
  "headers",
  "securitySchemes",
  "securityDefinitions",
  "links",
  "callbacks",
  "pathItems",
  "dependentSchemas",
  "encoding",
  "paths",
  "webhooks",
  "content",
  "variables",
  "scopes",
  "mapping",
]);

/** Decoded segments of a `#/a/b~1c` pointer path (the part after `#`). */
function segments(path: string): string[] {
  const hash = path.indexOf("#");
  const ptr = hash >= 0 ? path.slice(hash + 1) : path;
  return ptr
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
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
  return isUrl(ref) || inputIsUrl || (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !/^file:/i.test(ref));
}

/** Stand-in key for a `$ref` the parser must not see (restored after parsing). */
const HIDDEN = "\u0000$ref";

/** What {@link hideRefs} found. */
interface Hidden {
  /** objects whose `$ref` was renamed to {@link HIDDEN} */
  objects: JsonObject[];
  /** remote `$ref`s left unresolved */
  skipped: Set<string>;
  /** some `$ref` still needs the parser (an external file) */
  external: boolean;
}

/**
 * Renames `$ref` to a stand-in where the parser must not follow it: inside data values,
 * and remote references unless allowed. One pass, each object visited once.
 */
function hideRefs(doc: unknown, inputIsUrl: boolean, allowRemote: boolean): Hidden {
  const h: Hidden = { objects: [], skipped: new Set(), external: false };
  const seen = new Set<object>();
  const walk = (node: unknown, data: boolean, nameNext: boolean): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const x of node) walk(x, data, false);
      return;
    }
    const o = node as JsonObject;
    if (typeof o.$ref === "string") {
      const ref = o.$ref;
      // internal pointers need no network and may be used by the author (`x-operations`)
      if (ref.startsWith("#")) {
        /* followed lazily by the converter */
      } else if (data) hide(o);
      else {
        if (isRemoteRef(ref, inputIsUrl) && !allowRemote) {
          h.skipped.add(ref);
          hide(o);
        } else h.external = true;
      }
    }
    for (const k of Object.keys(o)) {
      if (nameNext) walk(o[k], data, false);
      else walk(o[k], data || DATA_KEYS.has(k) || k.startsWith("x-"), NAME_MAPS.has(k));
    }
  };
  const hide = (o: JsonObject): void => {
    o[HIDDEN] = o.$ref;
    delete o.$ref;
    h.objects.push(o);
  };
  walk(doc, false, false);
  return h;
}

/** Puts hidden `$ref`s back (same key order is not needed: `$ref` objects are data or unresolved). */
function restoreRefs(h: Hidden): void {
  for (const o of h.objects) {
    o.$ref = o[HIDDEN];
    delete o[HIDDEN];
  }
}

/** Loads a document; rejects with the parser's message on failure. */
export async function load(input: string, options: LoadOptions = {}): Promise<JsonObject> {
  const url = isUrl(input);
  const source = url ? input : resolve(input);
  // json-schema-ref-parser blocks loopback/private hosts by default; a URL the user
  // typed is trusted (so is its host class), a local file's remote $refs are not.
  const parserOptions: JsonObject = url ? { resolve: { http: { safeUrlResolver: false } } } : {};
  if (!options.externalRefs && !url) parserOptions.resolve = { http: false };
  const raw = (await SwaggerParser.parse(source, parserOptions as SwaggerParser.Options)) as unknown;
  if (!isObject(raw)) throw new Error(`${input}: not an object`);
  const hidden = hideRefs(raw, url, options.externalRefs === true);
  let api: unknown = raw;
  try {
    if (options.validate) {
      const copy = inlineOperationRefs(structuredClone(raw), options.warnings);
      await SwaggerParser.validate(source, copy as never, parserOptions as SwaggerParser.Options);
    }
    // Bundled, not dereferenced: external files are inlined once, every `$ref` stays an
    // internal pointer the converter follows itself (dereferencing a large document with
    // cycles costs the parser minutes and gigabytes; the converter needs neither).
    if (hidden.external) api = await SwaggerParser.bundle(source, raw as never, parserOptions as SwaggerParser.Options);
  } finally {
    restoreRefs(hidden);
  }
  if (!isObject(api)) throw new Error(`${input}: not an object`);
  for (const ref of [...hidden.skipped].sort()) {
    options.warnings?.push({
      location: ref,
      message: "external $ref not fetched (no network without --external-refs); treated as an empty schema",
    });
  }
  return api;
}

/** Reads a `--template` file (YAML or JSON). */
export async function loadTemplate(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  return YAML.parse(text);
}
