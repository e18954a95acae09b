// `--template` merge, as Higress's converter does it, minus its pitfalls:
// `server.config` shallow-merged; `server.securitySchemes` merged by id (Higress
// replaces the list, leaving tool ids dangling); headers appended to every tool;
// body / argsTo* / security / response fields / tool security / outputSchema
// overwrite every tool.
import { Context } from "./context.js";
import { byteCompare, sortKeys } from "./sort.js";
import { HeaderOut, isObject, JsonObject, McpConfig, SecuritySchemeOut, ToolOut } from "./types.js";

/** Server fields of our plugin a template may set verbatim (Higress ignores them). */
const SERVER_PASS = [
  "title",
  "version",
  "instructions",
  "defaultDownstreamSecurity",
  "defaultUpstreamSecurity",
  "passthroughAuthHeader",
  "allowedOrigins",
  "forwardHeaders",
  "limits",
  "ttlMs",
  "cacheScope",
];
const ARGS_TO = ["argsToJsonBody", "argsToUrlParam", "argsToFormBody"] as const;

/** Applies a parsed template to a generated config (in place). */
export function applyTemplate(config: McpConfig, template: unknown, ctx: Context): void {
  if (template === undefined || template === null) return;
  if (!isObject(template)) {
    ctx.warn("template", "template is not a mapping; ignored");
    return;
  }
  if (isObject(template.server)) mergeServer(config, template.server);
  if (template.tools !== undefined && !isObject(template.tools))
    ctx.warn("template.tools", "must be a mapping (applied to every tool); ignored");
  if (isObject(template.tools)) for (const tool of config.tools ?? []) mergeTool(tool, template.tools);
}

function mergeServer(config: McpConfig, t: JsonObject): void {
  const server = config.server;
  if (isObject(t.config)) server.config = sortKeys({ ...(server.config ?? {}), ...t.config });
  if (Array.isArray(t.securitySchemes) && t.securitySchemes.length > 0) {
    const byId = new Map<string, SecuritySchemeOut>();
    for (const s of server.securitySchemes ?? []) byId.set(s.id, s);
    for (const s of t.securitySchemes)
      if (isObject(s) && typeof s.id === "string") byId.set(s.id, { ...(byId.get(s.id) ?? {}), ...s } as SecuritySchemeOut);
    server.securitySchemes = [...byId.values()].sort((a, b) => byteCompare(a.id, b.id));
  }
  for (const k of SERVER_PASS) if (t[k] !== undefined) server[k] = t[k];
}

function mergeTool(tool: ToolOut, t: JsonObject): void {
  const rt = isObject(t.requestTemplate) ? t.requestTemplate : {};
  const req = tool.requestTemplate;
  if (Array.isArray(rt.headers)) {
    const extra = rt.headers
      .filter(isObject)
      .map((h) => ({ key: String(h.key ?? ""), value: String(h.value ?? "") }) as HeaderOut);
    if (extra.length > 0) req.headers = [...(req.headers ?? []), ...extra];
  }
  if (typeof rt.body === "string" && rt.body !== "") req.body = rt.body;
  const setFlag = ARGS_TO.find((k) => rt[k] === true);
  if (setFlag !== undefined) {
    for (const k of ARGS_TO) delete req[k]; // the plugin allows only one of them
    req[setFlag] = true;
  }
  if (isObject(rt.security) && typeof rt.security.id === "string" && rt.security.id !== "")
    req.security = { ...rt.security } as unknown as ToolOut["requestTemplate"]["security"];
  const resp = isObject(t.responseTemplate) ? t.responseTemplate : {};
  if (typeof resp.body === "string" && resp.body !== "") {
    tool.responseTemplate = { body: resp.body }; // body cannot be combined with prepend/append
  } else {
    if (typeof resp.prependBody === "string" && resp.prependBody !== "") tool.responseTemplate.prependBody = resp.prependBody;
    if (typeof resp.appendBody === "string" && resp.appendBody !== "") tool.responseTemplate.appendBody = resp.appendBody;
  }
  if (isObject(t.security) && typeof t.security.id === "string" && t.security.id !== "")
    tool.security = { ...t.security } as unknown as ToolOut["security"];
  if (isObject(t.outputSchema)) tool.outputSchema = t.outputSchema;
  reorderRequest(tool);
}

/** Keeps `requestTemplate` fields in the plugin's declared order. */
function reorderRequest(tool: ToolOut): void {
  const req = tool.requestTemplate as unknown as JsonObject;
  const out: JsonObject = {};
  for (const k of ["url", "method", "headers", "body", ...ARGS_TO, "security"]) if (req[k] !== undefined) out[k] = req[k];
  tool.requestTemplate = out as unknown as ToolOut["requestTemplate"];
}
