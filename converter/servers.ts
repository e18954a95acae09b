// Server URL of an operation: operation, path-item or document `servers[0]`,
// with `{variables}` replaced by their defaults.
import { Context, loc } from "./context.js";
import { isObject, JsonObject } from "./types.js";

/** The base URL (no trailing slash) for an operation; may be relative when the document gives no absolute URL. */
export function serverUrl(
  doc: JsonObject,
  pathItem: JsonObject,
  op: JsonObject,
  ctx: Context,
  pathLoc: string,
  opLoc: string,
  documentUrl?: string,
): string {
  let list: unknown = doc.servers;
  let where = "servers";
  if (Array.isArray(pathItem.servers) && pathItem.servers.length > 0) [list, where] = [pathItem.servers, loc(pathLoc, "servers")];
  if (Array.isArray(op.servers) && op.servers.length > 0) [list, where] = [op.servers, loc(opLoc, "servers")];
  const first = Array.isArray(list) && list.length > 0 && isObject(list[0]) ? list[0] : undefined;
  let url = first && typeof first.url === "string" ? substitute(first, ctx, loc(where, 0)) : "";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    if (documentUrl !== undefined && /^https?:\/\//i.test(documentUrl)) {
      url = new URL(url === "" ? "/" : url, documentUrl).toString();
    } else if (first === undefined) {
      ctx.warn(where, "no server URL; tool URLs are relative paths (sent to the route's own upstream)");
    } else {
      ctx.warn(
        loc(where, 0, "url"),
        `server URL "${url}" is relative; tool URLs are relative paths (sent to the route's own upstream)`,
      );
    }
  }
  return url.replace(/\/+$/, "");
}

function substitute(server: JsonObject, ctx: Context, where: string): string {
  const vars = isObject(server.variables) ? server.variables : {};
  return (server.url as string).replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (isObject(v) && v.default !== undefined) return String(v.default);
    ctx.warn(loc(where, "url"), `server variable {${name}} has no default; kept literally`);
    return whole;
  });
}
