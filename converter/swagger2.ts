// Swagger 2.0 → the OpenAPI 3 shape the converter reads: servers from
// host/basePath/schemes, body and formData parameters → requestBody,
// response `schema` → content, securityDefinitions → securitySchemes.
import { collectionFormatStyle } from "./styles.js";
import { Context } from "./context.js";
import { isJsonMediaType } from "./request-body.js";
import { isObject, JsonObject } from "./types.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];
const SCHEMA_KEYS = [
  "type",
  "format",
  "items",
  "enum",
  "default",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
];

/** True for a Swagger 2.0 document. */
export function isSwagger2(doc: JsonObject): boolean {
  return doc.swagger === "2.0";
}

/** Rewrites a Swagger 2.0 document; schemas and `definitions` stay the same objects. */
export function fromSwagger2(doc: JsonObject, ctx: Context, documentUrl?: string): JsonObject {
  const paths: JsonObject = {};
  const srcPaths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(srcPaths)) {
    const item = ctx.resolve(srcPaths[path]);
    if (!item) continue;
    const outItem: JsonObject = {};
    for (const method of METHODS) {
      const op = ctx.resolve(item[method]);
      if (op) outItem[method] = convertOp(doc, item, op, ctx);
    }
    paths[path] = outItem;
  }
  const out: JsonObject = { ...doc, paths, servers: servers(doc, documentUrl) };
  delete out.swagger;
  out.openapi = "3.0.0";
  out.components = { schemas: doc.definitions ?? {}, securitySchemes: schemes(doc.securityDefinitions, ctx) };
  return out;
}

function servers(doc: JsonObject, documentUrl?: string): JsonObject[] {
  const basePath = typeof doc.basePath === "string" ? doc.basePath : "";
  if (typeof doc.host !== "string" || doc.host === "") return basePath === "" ? [] : [{ url: basePath }];
  const list = Array.isArray(doc.schemes) ? doc.schemes.filter((s): s is string => typeof s === "string") : [];
  const fromDoc = documentUrl !== undefined && /^http:/i.test(documentUrl) ? "http" : "https";
  const scheme = list.includes("https") ? "https" : (list[0] ?? fromDoc);
  return [{ url: `${scheme}://${doc.host}${basePath}` }];
}

function pickMediaType(list: unknown, fallback: unknown): string {
  const all = (Array.isArray(list) ? list : Array.isArray(fallback) ? fallback : []).filter(
    (x): x is string => typeof x === "string",
  );
  return all.find(isJsonMediaType) ?? all[0] ?? "application/json";
}

function paramSchema(p: JsonObject): JsonObject {
  const schema: JsonObject = {};
  for (const k of SCHEMA_KEYS) if (p[k] !== undefined) schema[k] = p[k];
  return schema;
}

function convertOp(doc: JsonObject, item: JsonObject, op: JsonObject, ctx: Context): JsonObject {
  const merged = new Map<string, JsonObject>();
  for (const list of [item.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = ctx.resolve(raw);
      if (p && typeof p.name === "string" && typeof p.in === "string") merged.set(p.in + "\u0000" + p.name, p);
    }
  }
  const out: JsonObject = {};
  for (const k of ["operationId", "summary", "description", "security", "deprecated"]) if (op[k] !== undefined) out[k] = op[k];
  const parameters: JsonObject[] = [];
  const form: JsonObject[] = [];
  for (const p of merged.values()) {
    if (p.in === "body") {
      const mt = pickMediaType(op.consumes, doc.consumes);
      out.requestBody = {
        description: p.description,
        required: p.required === true,
        content: { [mt]: { schema: p.schema ?? {} } },
      };
    } else if (p.in === "formData") {
      form.push(p);
    } else {
      const style = p.in === "query" && p.type === "array" ? collectionFormatStyle(p.collectionFormat) : {};
      parameters.push({
        name: p.name,
        in: p.in,
        description: p.description,
        required: p.required === true,
        schema: paramSchema(p),
        ...style,
      });
    }
  }
  if (form.length > 0 && out.requestBody === undefined) {
    const consumes = (Array.isArray(op.consumes) ? op.consumes : Array.isArray(doc.consumes) ? doc.consumes : []) as unknown[];
    const multipart =
      form.some((p) => p.type === "file") ||
      (consumes.includes("multipart/form-data") && !consumes.includes("application/x-www-form-urlencoded"));
    const properties: JsonObject = {};
    for (const p of form)
      properties[p.name as string] = {
        ...paramSchema(p),
        ...(typeof p.description === "string" ? { description: p.description } : {}),
      };
    const required = form.filter((p) => p.required === true).map((p) => p.name);
    const schema = { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
    const encoding: JsonObject = {};
    for (const p of form) if (p.type === "array") encoding[p.name as string] = collectionFormatStyle(p.collectionFormat);
    const media: JsonObject = { schema };
    if (Object.keys(encoding).length > 0) media.encoding = encoding;
    out.requestBody = { content: { [multipart ? "multipart/form-data" : "application/x-www-form-urlencoded"]: media } };
  }
  out.parameters = parameters;
  out.responses = responses(doc, op, ctx);
  return out;
}

function responses(doc: JsonObject, op: JsonObject, ctx: Context): JsonObject {
  const out: JsonObject = {};
  const src = isObject(op.responses) ? op.responses : {};
  const mt = pickMediaType(op.produces, doc.produces);
  for (const code of Object.keys(src)) {
    const r = ctx.resolve(src[code]);
    if (!r) continue;
    const conv: JsonObject = { description: typeof r.description === "string" ? r.description : "" };
    if (r.schema !== undefined) conv.content = { [mt]: { schema: r.schema } };
    out[code] = conv;
  }
  return out;
}

const FLOWS: { [k: string]: string } = {
  application: "clientCredentials",
  password: "password",
  implicit: "implicit",
  accessCode: "authorizationCode",
};

function schemes(defs: unknown, ctx: Context): JsonObject {
  const out: JsonObject = {};
  if (!isObject(defs)) return out;
  for (const id of Object.keys(defs)) {
    const d = ctx.resolve(defs[id]);
    if (!d) continue;
    if (d.type === "basic") out[id] = { type: "http", scheme: "basic" };
    else if (d.type === "apiKey") out[id] = { type: "apiKey", in: d.in, name: d.name };
    else if (d.type === "oauth2") {
      const flow = FLOWS[String(d.flow)] ?? String(d.flow);
      out[id] = {
        type: "oauth2",
        flows: { [flow]: { tokenUrl: d.tokenUrl, authorizationUrl: d.authorizationUrl, scopes: d.scopes ?? {} } },
      };
    } else out[id] = { type: d.type };
  }
  return out;
}
