// The success (2xx) response → `outputSchema` (object roots only) and the
// Higress-style `responseTemplate.prependBody` field guide.
import { Context, loc } from "./context.js";
import { isJsonMediaType } from "./request-body.js";
import { flatten } from "./schema.js";
import { claimComponent, viewToJson } from "./schema-json.js";
import { describeResponse } from "./prepend-body.js";
import { isObject, JsonObject, ResponseTemplateOut } from "./types.js";

/** What the success response contributes to a tool. */
export interface ResponseResult {
  responseTemplate: ResponseTemplateOut;
  outputSchema?: JsonObject;
}

/** The success response: lowest `2NN` code, then `2XX`; `undefined` when none. */
function successResponse(responses: unknown, ctx: Context): { code: string; response: JsonObject } | undefined {
  if (!isObject(responses)) return undefined;
  const codes = Object.keys(responses)
    .filter((c) => /^2\d\d$/.test(c))
    .sort()
    .concat(Object.keys(responses).filter((c) => c.toUpperCase() === "2XX"));
  for (const code of codes) {
    const response = ctx.resolve(responses[code]);
    if (response) return { code, response };
  }
  return undefined;
}

/** Converts the operation's success response. */
export function responseParts(op: JsonObject, ctx: Context, opLoc: string): ResponseResult {
  const result: ResponseResult = { responseTemplate: {} };
  const found = successResponse(op.responses, ctx);
  if (!found || !isObject(found.response.content)) return result;
  const content = found.response.content;
  const withSchema = Object.keys(content).filter(
    (mt) => isObject(content[mt]) && (content[mt] as JsonObject).schema !== undefined,
  );
  const mt = withSchema.find(isJsonMediaType) ?? withSchema[0];
  if (mt === undefined) return result;
  const schemaNode = (content[mt] as JsonObject).schema;
  const schemaLoc = ctx.swagger2
    ? loc(opLoc, "responses", found.code, "schema")
    : loc(opLoc, "responses", found.code, "content", mt, "schema");
  const root = ctx.resolve(schemaNode);
  const v = flatten(root, ctx, schemaLoc);
  const description = typeof found.response.description === "string" ? found.response.description : "";
  if (v.type === "object") {
    claimComponent(ctx, root, "output", "outputSchema (root)");
    const schema = viewToJson(v, ctx, schemaLoc, "output", root ? [root] : [], 0);
    schema.type = "object"; // MCP requires an object root, even for a nullable schema
    if (description !== "") schema.description = description;
    if (schema.properties === undefined) schema.properties = {};
    const ordered: JsonObject = {};
    for (const k of ["description", "properties", "required", "type"]) if (schema[k] !== undefined) ordered[k] = schema[k];
    result.outputSchema = ordered;
  }
  // after outputSchema: the field guide gets what is left of the tool's budget
  const prepend = describeResponse(v, mt, ctx, root ? [root] : [], result.outputSchema !== undefined);
  if (prepend !== "") result.responseTemplate.prependBody = prepend;
  return result;
}
