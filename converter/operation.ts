// One OpenAPI operation → one tool.
import { DEFAULT_TOOL_BYTES, ToolBudget } from "./budget.js";
import { Context, loc } from "./context.js";
import { mergedParameters, parameterArgs } from "./parameters.js";
import { requestBodyParts } from "./request-body.js";
import { responseParts } from "./response.js";
import { chooseRequirement, requirementScopes, SchemeTable } from "./security.js";
import { serverUrl } from "./servers.js";
import { byteCompare } from "./sort.js";
import { ArgOut, ConvertOptions, JsonObject, RequestTemplateOut, SecuritySchemeOut, ToolOut } from "./types.js";

/** HTTP methods of a path item, in OpenAPI's listing order. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Everything shared by the operations of one document. */
export interface DocState {
  doc: JsonObject;
  ctx: Context;
  table: SchemeTable;
  /** scheme id chosen from the top-level `security` (undefined: none) */
  inherited: string[] | undefined;
  options: ConvertOptions;
}

/** Tool name as Higress derives it: operationId, else method + path with `/` → `_` and braces removed. */
export function toolName(method: string, path: string, op: JsonObject, prefix: string): string {
  const base =
    typeof op.operationId === "string" && op.operationId !== ""
      ? op.operationId
      : method + path.replace(/\//g, "_").replace(/[{}]/g, "");
  return prefix + base;
}

function describe(op: JsonObject, pathItem: JsonObject): string {
  const text = (o: JsonObject, k: string): string => (typeof o[k] === "string" ? (o[k] as string) : "");
  let summary = text(op, "summary");
  let description = text(op, "description");
  if (summary === "" && description === "") [summary, description] = [text(pathItem, "summary"), text(pathItem, "description")];
  if (summary !== "" && description !== "") return `${summary} - ${description}`;
  return summary !== "" ? summary : description;
}

/** Converts one operation. */
export function convertOperation(
  state: DocState,
  path: string,
  pathItem: JsonObject,
  method: string,
  op: JsonObject,
): ToolOut | undefined {
  const { ctx, doc, options } = state;
  ctx.budget = new ToolBudget(options.maxToolBytes ?? DEFAULT_TOOL_BYTES);
  const pathLoc = loc("paths", path);
  const opLoc = loc(pathLoc, method);
  const params = mergedParameters(pathItem, op, ctx, pathLoc, opLoc);
  const body = requestBodyParts(op.requestBody, ctx, opLoc);
  if (body.omit) return undefined;
  const args = uniqueArgs([...parameterArgs(params, path, ctx, opLoc), ...body.args], ctx, opLoc);
  const request: RequestTemplateOut = {
    url: serverUrl(doc, pathItem, op, ctx, pathLoc, opLoc, options.documentUrl) + path,
    method: method.toUpperCase(),
  };
  if (body.headers.length > 0) request.headers = body.headers;
  if (body.body !== undefined) request.body = body.body;
  if (body.bodyEncoding !== undefined) request.bodyEncoding = body.bodyEncoding;
  if (body.argsToJsonBody) request.argsToJsonBody = true;
  if (body.argsToFormBody) request.argsToFormBody = true;
  const chosen = Array.isArray(op.security)
    ? chooseRequirement(op.security, state.table, ctx, loc(opLoc, "security"), "tool has")
    : state.inherited;
  const schemeId = chosen?.[0];
  if (chosen !== undefined && schemeId !== undefined) {
    request.security = { id: schemeId };
    // least privilege: an oauth2 tool asks for the scopes its operation names, not all of the flow's
    const scopes =
      state.table.supported.get(schemeId)?.type === "oauth2"
        ? requirementScopes(Array.isArray(op.security) ? op.security : state.doc.security, schemeId)
        : "";
    if (scopes !== "") request.security.scopes = scopes;
    // AND of schemes: a list (our plugin's addition; the first keeps token/passthrough handling)
    if (chosen.length > 1) request.security = [request.security, ...chosen.slice(1).map((id) => ({ id }))];
  }
  for (const id of chosen ?? []) dropCredentialArgs(args, state.table.supported.get(id), ctx, opLoc);
  const response = responseParts(op, ctx, opLoc);
  const tool: ToolOut = {
    name: toolName(method, path, op, options.toolPrefix ?? ""),
    description: describe(op, pathItem),
    args,
    requestTemplate: request,
    responseTemplate: response.responseTemplate,
  };
  if (schemeId !== undefined && (options.passthrough || state.table.bearerMapped.has(schemeId)))
    tool.security = { id: schemeId, passthrough: true };
  if (response.outputSchema !== undefined) tool.outputSchema = response.outputSchema;
  if (ctx.budget.exhausted) {
    ctx.warn(
      opLoc,
      `tool size limit (${ctx.budget.limit} bytes) reached; deeper schemas not expanded (raise it with --max-tool-bytes, 0 = unlimited)`,
    );
  }
  return tool;
}

/**
 * Parameters that carry the tool's credential (the apiKey's query/header/cookie parameter, an
 * `Authorization` header for http schemes) are the plugin's job: the model must never be asked
 * for the secret. Removed in place.
 */
function dropCredentialArgs(args: ArgOut[], scheme: SecuritySchemeOut | undefined, ctx: Context, opLoc: string): void {
  if (!scheme) return;
  const where = scheme.type === "apiKey" ? scheme.in : "header";
  const name = scheme.type === "apiKey" ? (scheme.name ?? "") : "Authorization";
  const same = (a: ArgOut) =>
    a.position === where && (where === "query" ? a.name === name : a.name.toLowerCase() === name.toLowerCase());
  for (let i = args.length - 1; i >= 0; i--) {
    if (!same(args[i])) continue;
    ctx.warn(
      opLoc,
      `${where} parameter "${args[i].name}" carries the credential of security scheme ${scheme.id}; removed (the plugin adds it)`,
    );
    args.splice(i, 1);
  }
}

/** Drops later args whose name is already taken (the runtime keys args by name), sorted by name. */
function uniqueArgs(args: ArgOut[], ctx: Context, opLoc: string): ArgOut[] {
  const byName = new Map<string, ArgOut>();
  for (const a of args) {
    const first = byName.get(a.name);
    if (first === undefined) byName.set(a.name, a);
    else
      ctx.warn(
        opLoc,
        `argument "${a.name}" (${a.position ?? "no position"}) has the same name as the ${first.position ?? "unpositioned"} argument; dropped`,
      );
  }
  return [...byName.values()].sort((a, b) => byteCompare(a.name, b.name));
}
