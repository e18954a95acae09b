// `components.securitySchemes` → `server.securitySchemes`, and an operation's
// (or the inherited top-level) `security` → `requestTemplate.security`.
import { Context, loc } from "./context.js";
import { byteCompare } from "./sort.js";
import { isObject, JsonObject, SecuritySchemeOut } from "./types.js";

/** Converted schemes plus why each unsupported one was dropped. */
export interface SchemeTable {
  schemes: SecuritySchemeOut[];
  supported: Map<string, SecuritySchemeOut>;
  unsupported: Map<string, string>;
  /** oauth2 (user flows) / openIdConnect schemes emitted as bearer: tools pass the client's token through */
  bearerMapped: Set<string>;
}

/** Converts every security scheme; unsupported ones are left out with a warning. */
export function convertSchemes(components: unknown, ctx: Context): SchemeTable {
  const table: SchemeTable = { schemes: [], supported: new Map(), unsupported: new Map(), bearerMapped: new Set() };
  if (!isObject(components)) return table;
  for (const id of Object.keys(components)) {
    const location = loc(ctx.schemesPath, id);
    const s = ctx.resolve(components[id]);
    const out = s ? convertScheme(id, s) : "an unresolvable scheme";
    if (typeof out === "string") {
      table.unsupported.set(id, out);
      ctx.warn(location, `${out} is not supported; scheme left out`);
    } else {
      if (out.type === "oauth2") addTokenCluster(out, location, ctx);
      if (mappedFrom.has(out)) {
        table.bearerMapped.add(id);
        ctx.warn(
          location,
          `${mappedFrom.get(out)} mapped to a bearer scheme: its tools pass the MCP client's bearer token through (tools[].security passthrough), or set defaultCredential`,
        );
      }
      table.supported.set(id, out);
      table.schemes.push(out);
    }
  }
  table.schemes.sort((a, b) => byteCompare(a.id, b.id));
  return table;
}

/**
 * proxy_http_call needs an Envoy cluster name for the token endpoint, which an
 * OpenAPI document cannot know: default it to the token URL's host (the local
 * gateway's `--cluster HOST=URL` form) and say so.
 */
function addTokenCluster(out: SecuritySchemeOut, location: string, ctx: Context): void {
  let host = "";
  try {
    host = new URL(out.tokenUrl ?? "").host;
  } catch {
    host = "";
  }
  if (host === "") {
    ctx.warn(location, "oauth2 tokenUrl is not an absolute URL; set tokenUrl and tokenCluster by hand");
    return;
  }
  out.tokenCluster = host;
  ctx.warn(location, `oauth2 tokenCluster defaults to "${host}"; set it to the Envoy cluster that reaches the token endpoint`);
}

/** Schemes emitted as bearer, with what they were. */
const mappedFrom = new WeakMap<SecuritySchemeOut, string>();

/** A user-token scheme (OAuth2 user flows, OpenID Connect) as a bearer scheme filled by passthrough. */
function bearer(id: string, what: string): SecuritySchemeOut {
  const out: SecuritySchemeOut = { id, type: "http", scheme: "bearer" };
  mappedFrom.set(out, what);
  return out;
}

/** One scheme, or a short name of what is unsupported. */
function convertScheme(id: string, s: JsonObject): SecuritySchemeOut | string {
  const type = typeof s.type === "string" ? s.type : "";
  if (type === "http") {
    const scheme = typeof s.scheme === "string" ? s.scheme.toLowerCase() : "";
    if (scheme === "basic" || scheme === "bearer") return { id, type, scheme };
    return `http ${scheme || "(no scheme)"}`;
  }
  if (type === "apiKey") {
    const where = typeof s.in === "string" ? s.in : "";
    if ((where === "header" || where === "query" || where === "cookie") && typeof s.name === "string" && s.name !== "") {
      return { id, type, in: where, name: s.name };
    }
    return `apiKey in ${where || "(nowhere)"}`;
  }
  if (type === "oauth2") {
    const flows = isObject(s.flows) ? s.flows : {};
    const cc = isObject(flows.clientCredentials) ? flows.clientCredentials : undefined;
    if (cc && typeof cc.tokenUrl === "string" && cc.tokenUrl !== "") {
      const out: SecuritySchemeOut = { id, type, tokenUrl: cc.tokenUrl };
      const scopes = isObject(cc.scopes) ? Object.keys(cc.scopes) : [];
      if (scopes.length > 0) out.scopes = scopes.join(" ");
      return out;
    }
    const names = Object.keys(flows);
    return bearer(id, `oauth2 (${names.length > 0 ? names.join(", ") + " flow" : "no flow"})`);
  }
  if (type === "openIdConnect") return bearer(id, "openIdConnect");
  return type || "a scheme without type";
}

/** Outcome of choosing a requirement: its scheme ids (several: all required, the first applied first), or none. */
export type Choice = string[] | undefined;

/**
 * Picks the first supported requirement of `requirements` (OR list). AND-ed schemes use the first
 * supported one. `where` is the list's location; `subject` names who loses auth in warnings.
 */
export function chooseRequirement(
  requirements: unknown,
  table: SchemeTable,
  ctx: Context,
  where: string,
  subject: string,
): Choice {
  if (!Array.isArray(requirements) || requirements.length === 0) return undefined;
  const problems: { location: string; text: string }[] = [];
  const reqIds = requirements.map((r) => (isObject(r) ? Object.keys(r) : []));
  // a requirement whose schemes are all supported wins over one only partly satisfiable
  let chosenAt = reqIds.findIndex((ids) => ids.length > 0 && ids.every((id) => table.supported.has(id)));
  if (chosenAt < 0) chosenAt = reqIds.findIndex((ids) => ids.some((id) => table.supported.has(id)));
  const last = chosenAt < 0 ? requirements.length - 1 : chosenAt;
  for (let i = 0; i <= last; i++) {
    for (const id of reqIds[i]) {
      if (table.supported.has(id)) continue;
      const why = table.unsupported.get(id);
      problems.push({
        location: loc(where, i),
        text: why !== undefined ? `${why} is not supported` : `unknown security scheme "${id}"`,
      });
    }
  }
  if (chosenAt < 0) {
    for (const p of problems) ctx.warn(p.location, `${p.text}; ${subject} no backend auth`);
    return undefined;
  }
  const ids = reqIds[chosenAt];
  const usable = ids.filter((id) => table.supported.has(id));
  // schemes that need the plugin's token or passthrough handling go first; the plugin
  // applies the others with their configured credentials only
  const special = (id: string) => table.supported.get(id)!.type === "oauth2" || table.bearerMapped.has(id);
  const ordered = [...usable.filter(special), ...usable.filter((id) => !special(id))];
  const chosen = ordered[0];
  let all = ordered;
  if (ordered.filter(special).length > 1) {
    all = [chosen];
    ctx.warn(
      loc(where, chosenAt),
      `schemes ${ids.join(" AND ")} are all required; only ${chosen} is applied (one token-based scheme per call)`,
    );
  } else if (usable.length < ids.length) {
    ctx.warn(loc(where, chosenAt), `schemes ${ids.join(" AND ")} are all required; only ${usable.join(" AND ")} can be applied`);
  }
  for (const p of problems) ctx.warn(p.location, `${p.text}; using ${loc(where, chosenAt)} (${usable.join(" AND ")})`);
  const alternatives = reqIds.filter((r) => r.length > 0).length;
  if (alternatives > 1 && problems.length === 0) {
    ctx.warn(where, `${alternatives} alternative requirements; using the first supported one (${all.join(" AND ")})`);
  }
  return all;
}

/**
 * Scopes the requirement list asks of scheme `id` (the first requirement object naming it), space-separated;
 * "" when none. Only meaningful for oauth2 (OpenAPI 3.1.0 §4.8.30: other types may list roles).
 */
export function requirementScopes(requirements: unknown, id: string): string {
  if (!Array.isArray(requirements)) return "";
  for (const req of requirements) {
    if (!isObject(req) || !(id in req)) continue;
    const list = req[id];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string" && x !== "").join(" ") : "";
  }
  return "";
}
