// Shared test helpers: fixture locations, golden-case runner, and a checker that a
// generated config uses only the plugin's field names and types (assembly/config/types.ts).
import { readFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { convert } from "../../converter/convert.js";
import { load, loadTemplate } from "../../converter/load.js";
import { serialize } from "../../converter/serialize.js";
import { ConvertResult, Warning } from "../../converter/types.js";

/** tests/fixtures/openapi/ (the compiled test runs from dist/tests/converter). */
export const FIXTURES = new URL("../../../tests/fixtures/openapi/", import.meta.url);
/** Repository root. */
export const ROOT = new URL("../../../", import.meta.url);

/** Path of a fixture file. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(name, FIXTURES));
}

/** Names of the golden cases (`<case>.openapi.yaml`). */
export function goldenCases(): string[] {
  return readdirSync(FIXTURES).filter((f) => f.endsWith(".openapi.yaml")).map((f) => f.slice(0, -".openapi.yaml".length)).sort();
}

/** Converts one golden case as the CLI would (options from `<case>.options.json`). */
export async function runCase(name: string): Promise<{ result: ConvertResult; yaml: string; warnings: string }> {
  const optFile = fixture(`${name}.options.json`);
  const opts = existsSync(optFile) ? JSON.parse(await readFile(optFile, "utf8")) : {};
  const template = opts.template ? await loadTemplate(fixture(opts.template)) : undefined;
  const doc = await load(fixture(`${name}.openapi.yaml`));
  const result = convert(doc, { serverName: opts.serverName ?? name, toolPrefix: opts.toolPrefix, passthrough: opts.passthrough, template });
  return { result, yaml: serialize(result.config), warnings: formatWarnings(result.warnings) };
}

/** One `location: message` line per warning. */
export function formatWarnings(ws: Warning[]): string {
  return ws.map((w) => `${w.location}: ${w.message}\n`).join("");
}

type Obj = { [k: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const SCHEME_KEYS: Obj = { id: "string", type: "string", scheme: "string", in: "string", name: "string", defaultCredential: "string", tokenUrl: "string", tokenCluster: "string", scopes: "string" };
const REQ_KEYS: Obj = { id: "string", credential: "string", passthrough: "boolean", scopes: "string" };
const ARG_KEYS: Obj = { name: "string", description: "string", type: "string", anyOf: "array", style: "string", explode: "boolean", required: "boolean", default: "any", enum: "array", items: "object", properties: "object", position: "string" };
const RT_KEYS: Obj = { url: "string", method: "string", headers: "array", body: "string", bodyEncoding: "string", argsToJsonBody: "boolean", argsToUrlParam: "boolean", argsToFormBody: "boolean", security: "any" };
const RESP_KEYS: Obj = { body: "string", prependBody: "string", appendBody: "string" };
const TOOL_KEYS: Obj = { name: "string", title: "string", description: "string", args: "array", requestTemplate: "object", responseTemplate: "object", errorResponseTemplate: "string", security: "object", outputSchema: "object" };
const SERVER_KEYS: Obj = { name: "string", config: "object", securitySchemes: "array", defaultDownstreamSecurity: "object", defaultUpstreamSecurity: "object", passthroughAuthHeader: "boolean", title: "string", version: "string", instructions: "string" };

function checkKeys(where: string, o: unknown, spec: Obj, errors: string[]): o is Obj {
  if (!isObj(o)) {
    errors.push(`${where}: not an object`);
    return false;
  }
  for (const [k, v] of Object.entries(o)) {
    const want = spec[k];
    if (want === undefined) errors.push(`${where}.${k}: unknown field`);
    else if (want === "array" ? !Array.isArray(v) : want === "object" ? !isObj(v) : want !== "any" && typeof v !== want) errors.push(`${where}.${k}: not ${want}`);
  }
  return true;
}

/** Every problem with a config's field names, types and cross references ([] = valid). */
export function configProblems(config: unknown): string[] {
  const errors: string[] = [];
  if (!checkKeys("config", config, { server: "object", tools: "array" }, errors)) return errors;
  const server = config.server;
  const ids = new Set<string>();
  if (checkKeys("server", server, SERVER_KEYS, errors)) {
    if (typeof server.name !== "string" || server.name === "") errors.push("server.name: missing");
    ((server.securitySchemes ?? []) as unknown[]).forEach((s, i) => {
      if (checkKeys(`server.securitySchemes[${i}]`, s, SCHEME_KEYS, errors)) {
        if (ids.has(s.id as string)) errors.push(`server.securitySchemes[${i}]: duplicate id`);
        ids.add(s.id as string);
        if (!["http", "apiKey", "oauth2"].includes(s.type as string)) errors.push(`server.securitySchemes[${i}].type: ${s.type}`);
      }
    });
  }
  const names = new Set<string>();
  ((config.tools ?? []) as unknown[]).forEach((t, i) => {
    const w = `tools[${i}]`;
    if (!checkKeys(w, t, TOOL_KEYS, errors)) return;
    if (names.has(t.name as string)) errors.push(`${w}: duplicate name ${t.name}`);
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(t.name as string)) errors.push(`${w}.name: not a valid MCP tool name`);
    names.add(t.name as string);
    const argNames = new Set<string>();
    ((t.args ?? []) as unknown[]).forEach((a, j) => {
      if (!checkKeys(`${w}.args[${j}]`, a, ARG_KEYS, errors)) return;
      if (argNames.has(a.name as string)) errors.push(`${w}.args[${j}]: duplicate name`);
      argNames.add(a.name as string);
      if (a.position !== undefined && !["query", "path", "header", "cookie", "body"].includes(a.position as string)) errors.push(`${w}.args[${j}].position`);
    });
    const rt = t.requestTemplate;
    if (checkKeys(`${w}.requestTemplate`, rt, RT_KEYS, errors)) {
      if ([rt.argsToJsonBody, rt.argsToUrlParam, rt.argsToFormBody].filter((x) => x === true).length > 1) errors.push(`${w}: several argsTo*`);
      ((rt.headers ?? []) as unknown[]).forEach((h, j) => checkKeys(`${w}.requestTemplate.headers[${j}]`, h, { key: "string", value: "string" }, errors));
      const reqs = rt.security === undefined ? [] : Array.isArray(rt.security) ? rt.security : [rt.security];
      if (Array.isArray(rt.security) && rt.security.length < 2) errors.push(`${w}.requestTemplate.security: a list needs 2 or more requirements`);
      reqs.forEach((r, j) => {
        if (checkKeys(`${w}.requestTemplate.security[${j}]`, r, REQ_KEYS, errors) && !ids.has(r.id as string)) errors.push(`${w}.requestTemplate.security[${j}].id: unknown`);
      });
    }
    if (checkKeys(`${w}.responseTemplate`, t.responseTemplate, RESP_KEYS, errors) && t.responseTemplate.body !== undefined && (t.responseTemplate.prependBody !== undefined || t.responseTemplate.appendBody !== undefined)) errors.push(`${w}.responseTemplate: body with prepend/append`);
    if (t.security !== undefined && checkKeys(`${w}.security`, t.security, REQ_KEYS, errors) && !ids.has(t.security.id as string)) errors.push(`${w}.security.id: unknown`);
    if (t.outputSchema !== undefined && (t.outputSchema as Obj).type !== "object") errors.push(`${w}.outputSchema.type: not object`);
  });
  return errors;
}
