// `parameters` (path item + operation, operation wins) → args with `position` = `in`.
import { schemaArg } from "./args.js";
import { Context, loc } from "./context.js";
import { ArgOut, isObject, JsonObject } from "./types.js";

const POSITIONS = new Set(["path", "query", "header", "cookie"]);

interface Located {
  param: JsonObject;
  location: string;
}

/** Path-level parameters merged with the operation's (same `name`+`in`: operation wins), document order. */
export function mergedParameters(pathItem: JsonObject, op: JsonObject, ctx: Context, pathLoc: string, opLoc: string): Located[] {
  const out: Located[] = [];
  const index = new Map<string, number>();
  const add = (list: unknown, base: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const param = ctx.resolve(raw);
      const location = loc(base, "parameters", i);
      if (!param || typeof param.name !== "string" || typeof param.in !== "string") {
        ctx.warn(location, "parameter without name or in; skipped");
        return;
      }
      const key = param.in + "\u0000" + param.name;
      const at = index.get(key);
      if (at !== undefined) out[at] = { param, location };
      else {
        index.set(key, out.length);
        out.push({ param, location });
      }
    });
  };
  add(pathItem.parameters, pathLoc);
  add(op.parameters, opLoc);
  return out;
}

/** Converts merged parameters to args; adds a string arg for any `{name}` in the path without a parameter. */
export function parameterArgs(params: Located[], path: string, ctx: Context, opLoc: string): ArgOut[] {
  const args: ArgOut[] = [];
  for (const { param, location } of params) {
    const position = param.in as string;
    if (!POSITIONS.has(position)) {
      ctx.warn(location, `parameter location "${position}" is not supported; skipped`);
      continue;
    }
    const description = typeof param.description === "string" ? param.description : "";
    const spec = {
      name: param.name as string,
      description,
      required: position === "path" || param.required === true,
      position,
      declaredStyle: position === "query" ? param : undefined,
    };
    args.push(schemaArg(spec, parameterSchema(param), ctx, loc(location, "schema"), []));
  }
  for (const m of path.matchAll(/\{([^{}]+)\}/g)) {
    const name = m[1];
    if (args.some((a) => a.position === "path" && a.name === name)) continue;
    ctx.warn(opLoc, `path template variable {${name}} has no parameter; added as a required string argument`);
    args.push({ name, description: "", type: "string", required: true, position: "path" });
  }
  return args;
}

/** `schema`, else the schema of the first `content` entry. */
function parameterSchema(param: JsonObject): unknown {
  if (param.schema !== undefined) return param.schema;
  if (isObject(param.content)) {
    for (const mt of Object.keys(param.content)) {
      const media = param.content[mt];
      if (isObject(media) && media.schema !== undefined) return media.schema;
    }
  }
  return undefined;
}
