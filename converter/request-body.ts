// `requestBody` → `position: body` args plus Content-Type header and the
// matching `argsToJsonBody` / `argsToFormBody` flag (or a `body` template).
import { schemaArg } from "./args.js";
import { Context, loc } from "./context.js";
import { flatten } from "./schema.js";
import { skipProperty } from "./schema-json.js";
import { ArgOut, HeaderOut, isObject, JsonObject } from "./types.js";

/** The request-related parts one body contributes to a tool. */
export interface BodyResult {
  args: ArgOut[];
  headers: HeaderOut[];
  body?: string;
  argsToJsonBody?: boolean;
  argsToFormBody?: boolean;
  /** the operation needs a body the tool could not send: leave the operation out */
  omit?: boolean;
  /** "base64": the `body` argument is base64, sent decoded (binary uploads) */
  bodyEncoding?: string;
}

/** A raw body (binary as base64, or text) from one string argument `body`. */
function rawBody(rb: JsonObject, mt: string, binary: boolean): BodyResult {
  const what = binary ? `Base64-encoded content, sent as ${mt}` : `Text content, sent as ${mt}`;
  const desc = typeof rb.description === "string" && rb.description !== "" ? `${rb.description} (${what})` : what;
  const arg: ArgOut = { name: "body", description: desc, type: "string" };
  if (rb.required === true) arg.required = true;
  arg.position = "body";
  const out: BodyResult = { args: [arg], headers: [{ key: "Content-Type", value: mt }], body: "{{.args.body}}" };
  if (binary) out.bodyEncoding = "base64";
  return out;
}

/** The first media type sent as raw bytes or text: octet-stream, binary strings, text/*. */
function rawMediaType(content: JsonObject, types: string[], ctx: Context): { mt: string; binary: boolean } | undefined {
  for (const t of types) {
    const base = t.split(";")[0].trim().toLowerCase();
    const media = isObject(content[t]) ? (content[t] as JsonObject) : {};
    const v = media.schema !== undefined ? flatten(media.schema, ctx, "") : undefined;
    const binaryString = v !== undefined && v.type === "string" && (v.format === "binary" || v.format === "byte");
    if (
      base === "application/octet-stream" ||
      (binaryString && !base.startsWith("multipart/") && base !== "application/x-www-form-urlencoded")
    )
      return { mt: t, binary: true };
    if (base.startsWith("text/") && (v === undefined || v.type === "string" || v.type === "")) return { mt: t, binary: false };
  }
  return undefined;
}

/** True for JSON media types (`application/json`, `…+json`, with or without parameters). */
export function isJsonMediaType(mt: string): boolean {
  const base = mt.split(";")[0].trim().toLowerCase();
  return base === "application/json" || base.endsWith("+json");
}

/** `application/json-patch+json`: the body is an array of patch operations. */
function isJsonPatch(mt: string): boolean {
  return mt.split(";")[0].trim().toLowerCase() === "application/json-patch+json";
}

/** JSON media types in order of preference: plain JSON, then other `+json`, JSON Patch last. */
function pickJson(types: string[]): string | undefined {
  const json = types.filter(isJsonMediaType);
  return (
    json.find((t) => t.split(";")[0].trim().toLowerCase() === "application/json") ?? json.find((t) => !isJsonPatch(t)) ?? json[0]
  );
}

/** No body can be built: a required body leaves the operation out, an optional one is skipped; both said. */
function unsendable(rb: JsonObject, ctx: Context, location: string, why: string): BodyResult {
  if (rb.required === true) {
    ctx.warn(location, `${why}; operation left out (a tool would send no body)`);
    return { args: [], headers: [], omit: true };
  }
  ctx.warn(location, `${why}; the body is optional, so the tool sends none`);
  return { args: [], headers: [] };
}

function isFormMediaType(mt: string): boolean {
  return mt.split(";")[0].trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/** Converts the operation's request body (JSON preferred, then form, then `*` `/` `*` as JSON). */
export function requestBodyParts(body: unknown, ctx: Context, opLoc: string): BodyResult {
  const result: BodyResult = { args: [], headers: [] };
  const rb = ctx.resolve(body);
  if (!rb || !isObject(rb.content)) return result;
  const content = rb.content;
  const types = Object.keys(content);
  // Swagger 2.0 bodies come from `in: body` / `in: formData` parameters
  const contentLoc = ctx.swagger2 ? loc(opLoc, "parameters") : loc(opLoc, "requestBody", "content");
  const mediaLoc = (t: string): string => (ctx.swagger2 ? loc(opLoc, "consumes") : loc(contentLoc, t));
  let mt = pickJson(types) ?? types.find(isFormMediaType);
  let sendAs = mt;
  if (mt === undefined) {
    mt = types.find((t) => t === "*/*" || t === "application/*");
    if (mt !== undefined) {
      sendAs = "application/json";
      ctx.warn(mediaLoc(mt), "media type treated as application/json");
    }
  }
  if (mt === undefined || sendAs === undefined) {
    if (types.length === 0) return result;
    const raw = rawMediaType(content, types, ctx);
    if (raw !== undefined) return rawBody(rb, raw.mt, raw.binary);
    return unsendable(rb, ctx, contentLoc, `media type ${types.join(", ")} is not supported`);
  }
  const form = isFormMediaType(mt);
  const media = content[mt];
  const schemaLoc = ctx.swagger2 ? loc(contentLoc, "schema") : loc(contentLoc, mt, "schema");
  if (!isObject(media) || media.schema === undefined) {
    if (form) return unsendable(rb, ctx, mediaLoc(mt), "form body without a schema");
    // any JSON value: one free-form argument sent as the whole body
    ctx.warn(mediaLoc(mt), 'no schema; the tool takes the whole JSON body as argument "body"');
    const spec = {
      name: "body",
      description: typeof rb.description === "string" ? rb.description : "",
      required: rb.required === true,
      position: "body",
    };
    result.args.push(schemaArg(spec, { type: "object" }, ctx, loc(mediaLoc(mt), "schema"), []));
    result.body = "{{.args.body}}";
    result.headers.push({ key: "Content-Type", value: sendAs });
    return result;
  }
  const root = ctx.resolve(media.schema);
  const v = flatten(root, ctx, schemaLoc);
  const rootDesc = typeof rb.description === "string" && rb.description !== "" ? rb.description : v.description;
  const required = rb.required === true;
  const ancestors = root ? [root] : [];
  if (isJsonPatch(mt) && v.type !== "array") {
    return unsendable(rb, ctx, schemaLoc, "a JSON Patch body must be an array of operations, the schema is not");
  }
  if (v.type === "object" && v.properties !== undefined && Object.keys(v.properties).length > 0) {
    for (const name of Object.keys(v.properties)) {
      const prop = v.properties[name];
      if (skipProperty(prop, ctx, "input")) continue;
      const enc = form && isObject(media.encoding) && isObject(media.encoding[name]) ? (media.encoding[name] as JsonObject) : {};
      const spec = {
        name,
        description: "",
        required: v.required.includes(name),
        position: "body",
        declaredStyle: form ? enc : undefined,
      };
      result.args.push(schemaArg(spec, prop, ctx, loc(schemaLoc, "properties", name), ancestors));
    }
    if (form) result.argsToFormBody = true;
    else result.argsToJsonBody = true;
  } else if (!form && (v.type === "array" || v.type === "object")) {
    // whole-body argument rendered raw as JSON by the `body` template
    const name = v.type === "array" ? "items" : "body";
    const spec = { name, description: rootDesc, required, position: "body" };
    result.args.push(schemaArg(spec, media.schema, ctx, schemaLoc, []));
    result.body = `{{.args.${name}}}`;
  } else {
    const what = v.type === "" ? "without a type" : `of type ${v.type}`;
    return unsendable(rb, ctx, schemaLoc, `${form ? "form" : "JSON"} body schema ${what} is not supported`);
  }
  result.headers.push({ key: "Content-Type", value: sendAs });
  return result;
}
