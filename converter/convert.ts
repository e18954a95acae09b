// convert(): a parsed (ideally dereferenced) OpenAPI 3.x or Swagger 2.0 document
// → plugin config + warnings. Pure: no I/O, same input → same output.
import { Context, loc } from "./context.js";
import { assignNames } from "./names.js";
import { convertOperation, DocState, METHODS } from "./operation.js";
import { chooseRequirement, convertSchemes } from "./security.js";
import { byteCompare } from "./sort.js";
import { fromSwagger2, isSwagger2 } from "./swagger2.js";
import { applyTemplate } from "./template.js";
import { ConvertOptions, ConvertResult, isObject, JsonObject, McpConfig, ToolOut } from "./types.js";

/** `paths.<path>.<method>` of each generated tool. */
const toolLocs = new WeakMap<ToolOut, string>();

/** Thrown for documents that cannot be converted at all. */
export class ConvertError extends Error {}

/** Converts one document. Throws {@link ConvertError} if it is neither OpenAPI 3.x nor Swagger 2.0. */
export function convert(document: object, options: ConvertOptions = {}): ConvertResult {
  if (!isObject(document)) throw new ConvertError("document is not an object");
  const swagger = isSwagger2(document);
  if (!swagger && !(typeof document.openapi === "string" && document.openapi.startsWith("3."))) {
    const v = document.swagger ?? document.openapi;
    throw new ConvertError(
      v === undefined
        ? 'not an OpenAPI document: no "openapi" or "swagger" field'
        : `unsupported OpenAPI version ${JSON.stringify(v)} (supported: 3.0, 3.1, Swagger 2.0)`,
    );
  }
  const ctx = new Context(document, swagger);
  const doc = swagger ? fromSwagger2(document, ctx, options.documentUrl) : document;
  const components = isObject(doc.components) ? doc.components : {};
  const table = convertSchemes(components.securitySchemes, ctx);
  const inherited = chooseRequirement(doc.security, table, ctx, "security", "operations inheriting it have");
  const state: DocState = { doc, ctx, table, inherited, options };

  const tools: ToolOut[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    const item = ctx.resolve(paths[path]);
    if (!item) continue;
    for (const method of METHODS) {
      const op = ctx.resolve(item[method]);
      if (!op) continue;
      const tool = convertOperation(state, path, item, method, op);
      if (tool === undefined) continue;
      toolLocs.set(tool, loc("paths", path, method));
      tools.push(tool);
    }
  }
  assignNames(tools, ctx, operationLoc);
  noteIgnored(doc, paths, ctx);

  const template = isObject(options.template) ? options.template : undefined;
  const tServer = template && isObject(template.server) ? template.server : {};
  const name = options.serverName || (typeof tServer.name === "string" && tServer.name) || "openapi-server";
  const config: McpConfig = { server: { name } };
  if (table.schemes.length > 0) config.server.securitySchemes = table.schemes;
  if (tools.length > 0) config.tools = tools;
  else ctx.warn("paths", "no operations; the config has no tools");
  applyTemplate(config, options.template, ctx);
  checkSecurityIds(config, ctx);
  if (config.tools) config.tools = config.tools.map(orderTool).sort((a, b) => byteCompare(a.name, b.name));
  config.server = orderServer(config.server as JsonObject) as McpConfig["server"];
  return { config, warnings: ctx.warnings.list };
}

/** Webhooks and callbacks are requests the API makes, not tools: said once each, not per operation. */
function noteIgnored(doc: JsonObject, paths: JsonObject, ctx: Context): void {
  if (isObject(doc.webhooks) && Object.keys(doc.webhooks).length > 0) {
    ctx.warn("webhooks", `${Object.keys(doc.webhooks).length} webhook(s) ignored (requests the API sends, not tools)`);
  }
  const withCallbacks: string[] = [];
  for (const path of Object.keys(paths)) {
    const item = ctx.resolve(paths[path]);
    for (const method of METHODS) {
      const op = item ? ctx.resolve(item[method]) : undefined;
      if (op && isObject(op.callbacks) && Object.keys(op.callbacks).length > 0)
        withCallbacks.push(loc("paths", path, method, "callbacks"));
    }
  }
  if (withCallbacks.length > 0) {
    const more = withCallbacks.length > 1 ? ` (${withCallbacks.length} operations have callbacks)` : "";
    ctx.warn(withCallbacks[0], `callbacks ignored (requests the API sends, not tools)${more}`);
  }
}

function operationLoc(t: ToolOut): string {
  return toolLocs.get(t) ?? loc("tools", t.name);
}

function checkSecurityIds(config: McpConfig, ctx: Context): void {
  const ids = new Set((config.server.securitySchemes ?? []).map((s) => s.id));
  for (const t of config.tools ?? []) {
    const up = t.requestTemplate.security;
    for (const r of [...(Array.isArray(up) ? up : [up]), t.security]) {
      if (r && !ids.has(r.id)) ctx.warn(loc("tools", t.name), `security id "${r.id}" names no scheme in server.securitySchemes`);
    }
  }
}

function orderTool(t: ToolOut): ToolOut {
  const src = t as unknown as JsonObject;
  const out: JsonObject = {};
  for (const k of [
    "name",
    "title",
    "description",
    "args",
    "requestTemplate",
    "responseTemplate",
    "errorResponseTemplate",
    "security",
    "outputSchema",
  ]) {
    if (src[k] !== undefined) out[k] = src[k];
  }
  return out as unknown as ToolOut;
}

function orderServer(s: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of ["name", "config", "securitySchemes"]) if (s[k] !== undefined) out[k] = s[k];
  for (const k of Object.keys(s)) if (!(k in out)) out[k] = s[k];
  return out;
}
