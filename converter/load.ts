// Loading: a local file or an http(s) URL, JSON or YAML, with every internal and
// relative-file `$ref` dereferenced (cycles become shared objects) by
// @apidevtools/swagger-parser; optional schema validation.
import SwaggerParser from "@apidevtools/swagger-parser";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import YAML from "yaml";
import { isObject, JsonObject } from "./types.js";

/** Options of {@link load}. */
export interface LoadOptions {
  /** validate against the OpenAPI / Swagger schema (errors are fatal) */
  validate?: boolean;
}

/** True for http: and https: URLs. */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Loads and dereferences a document; rejects with the parser's message on failure. */
export async function load(input: string, options: LoadOptions = {}): Promise<JsonObject> {
  const url = isUrl(input);
  const source = url ? input : resolve(input);
  // json-schema-ref-parser blocks loopback/private hosts by default; a URL the user
  // typed is trusted (so is its host class), a local file's remote $refs are not.
  const parserOptions = url ? { resolve: { http: { safeUrlResolver: false } } } : {};
  const api = options.validate
    ? await SwaggerParser.validate(source, parserOptions as SwaggerParser.Options)
    : await SwaggerParser.dereference(source, parserOptions as SwaggerParser.Options);
  if (!isObject(api)) throw new Error(`${input}: not an object`);
  return api as unknown as JsonObject;
}

/** Reads a `--template` file (YAML or JSON). */
export async function loadTemplate(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  return YAML.parse(text);
}
