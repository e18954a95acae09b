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
}

/** Converts every security scheme; unsupported ones are left out with a warning. */
export function convertSchemes(components: unknown, ctx: Context): SchemeTable {
  const table: SchemeTable = { schemes: [], supported: new Map(), unsupported: new Map() };
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
    return `oauth2 (${names.length > 0 ? names.join(", ") + " flow" : "no flow"})`;
  }
  return type || "a scheme without type";
}

/** Outcome of choosing a requirement: the scheme id, or none. */
export type Choice = string | undefined;

/**
 * Picks the first supported requirement of `requirements` (OR list). AND-ed schemes use the first
 * supported one. `where` is the list's location; `subject` names who loses auth in warnings.
 */
export function chooseRequirement(requirements: unknown, table: SchemeTable, ctx: Context, where: string, subject: string): Choice {
  if (!Array.isArray(requirements) || requirements.length === 0) return undefined;
  const problems: { location: string; text: string }[] = [];
  let chosen: Choice;
  let chosenAt = -1;
  for (let i = 0; i < requirements.length && chosen === undefined; i++) {
    const req = requirements[i];
    const location = loc(where, i);
    if (!isObject(req)) continue;
    const ids = Object.keys(req);
    if (ids.length === 0) continue; // anonymous access allowed: prefer an authenticated alternative
    const usable = ids.filter((id) => table.supported.has(id));
    for (const id of ids) {
      if (table.supported.has(id)) continue;
      const why = table.unsupported.get(id);
      problems.push({ location, text: why !== undefined ? `${why} is not supported` : `unknown security scheme "${id}"` });
    }
    if (usable.length === 0) continue;
    chosen = usable[0];
    chosenAt = i;
    if (ids.length > 1) {
      ctx.warn(location, `schemes ${ids.join(" AND ")} are all required; only ${chosen} is applied`);
    }
  }
  if (chosen === undefined) {
    for (const p of problems) ctx.warn(p.location, `${p.text}; ${subject} no backend auth`);
    return undefined;
  }
  for (const p of problems) ctx.warn(p.location, `${p.text}; using ${loc(where, chosenAt)} (${chosen})`);
  const alternatives = requirements.filter((r) => isObject(r) && Object.keys(r).length > 0).length;
  if (alternatives > 1 && problems.length === 0) {
    ctx.warn(where, `${alternatives} alternative requirements; using the first supported one (${chosen})`);
  }
  return chosen;
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
