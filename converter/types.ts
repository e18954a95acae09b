// Shared types of the OpenAPI → plugin config converter. Output field names are
// the plugin's own (camelCase, see assembly/config/types.ts and Higress docs).

/** A non-fatal conversion problem, located in the OpenAPI document. */
export interface Warning {
  /** dotted OpenAPI location, e.g. `paths./pets/{id}.get.security[0]` */
  location: string;
  message: string;
}

/** Options of {@link convert}. */
export interface ConvertOptions {
  /** `server.name`; default: template `server.name`, else "openapi-server" */
  serverName?: string;
  /** prepended verbatim to every tool name */
  toolPrefix?: string;
  /** also emit `tools[].security: {id, passthrough: true}` for secured tools */
  passthrough?: boolean;
  /** parsed `--template` document ({server, tools}) */
  template?: unknown;
  /** per-tool budget in bytes for nested schemas, outputSchema and prependBody (default 768; 0 = unlimited) */
  maxToolBytes?: number;
  /** where the document came from; relative server URLs resolve against an http(s) one */
  documentUrl?: string;
}

/** `server.securitySchemes[]` */
export interface SecuritySchemeOut {
  id: string;
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  defaultCredential?: string;
  tokenUrl?: string;
  tokenCluster?: string;
  scopes?: string;
}

/** `tools[].security` / `tools[].requestTemplate.security` */
export interface SecurityRequirementOut {
  id: string;
  credential?: string;
  passthrough?: boolean;
  /** oauth2 only: the scopes this operation asks for (least privilege), space-separated */
  scopes?: string;
}

/** `tools[].args[]` */
export interface ArgOut {
  name: string;
  description: string;
  type?: string;
  /** alternatives of different types (no `type` then); the plugin accepts a value matching any */
  anyOf?: JsonObject[];
  required?: boolean;
  default?: unknown;
  enum?: unknown[];
  items?: JsonObject;
  properties?: JsonObject;
  /** query / form-body serialization of arrays and objects (absent: JSON text) */
  style?: string;
  /** only written when false (style form) */
  explode?: boolean;
  position?: string;
}

/** `tools[].requestTemplate.headers[]` */
export interface HeaderOut {
  key: string;
  value: string;
}

/** `tools[].requestTemplate` */
export interface RequestTemplateOut {
  url: string;
  method: string;
  headers?: HeaderOut[];
  body?: string;
  /** "base64": `body` renders base64 that the plugin sends decoded (our addition) */
  bodyEncoding?: string;
  argsToJsonBody?: boolean;
  argsToUrlParam?: boolean;
  argsToFormBody?: boolean;
  /** a list when several schemes are all required (our plugin's addition) */
  security?: SecurityRequirementOut | SecurityRequirementOut[];
}

/** `tools[].responseTemplate` */
export interface ResponseTemplateOut {
  body?: string;
  prependBody?: string;
  appendBody?: string;
}

/** `tools[]` */
export interface ToolOut {
  name: string;
  /** the original operation name when `name` had to be sanitized, shortened or de-duplicated */
  title?: string;
  description: string;
  args: ArgOut[];
  requestTemplate: RequestTemplateOut;
  responseTemplate: ResponseTemplateOut;
  errorResponseTemplate?: string;
  security?: SecurityRequirementOut;
  outputSchema?: JsonObject;
}

/** `server` */
export interface ServerOut {
  name: string;
  config?: JsonObject;
  securitySchemes?: SecuritySchemeOut[];
  [extra: string]: unknown;
}

/** The whole generated plugin configuration. */
export interface McpConfig {
  server: ServerOut;
  tools?: ToolOut[];
}

/** Result of {@link convert}. */
export interface ConvertResult {
  config: McpConfig;
  warnings: Warning[];
}

/** A plain JSON object. */
export type JsonObject = { [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Listed locations of a grouped warning besides the first. */
const MAX_LISTED = 3;

/**
 * Collects warnings. Exact duplicates are dropped; the same message at several locations
 * (a shared component, a scheme used by many operations) becomes one warning at its first
 * location that counts and names the others.
 */
export class WarningSink {
  private readonly groups = new Map<string, string[]>();

  /** Records one warning; `location` is never empty (falls back to the document root). */
  add(location: string, message: string): void {
    const where = location === "" ? "(document)" : location;
    const g = this.groups.get(message);
    if (g === undefined) this.groups.set(message, [where]);
    else if (!g.includes(where)) g.push(where);
  }

  /** The warnings, grouped, in order of first occurrence. */
  get list(): Warning[] {
    const out: Warning[] = [];
    for (const [message, locations] of this.groups) {
      const more = locations.length - 1;
      if (more === 0) {
        out.push({ location: locations[0], message });
        continue;
      }
      const listed = locations.slice(1, 1 + MAX_LISTED).join(", ");
      const rest = more > MAX_LISTED ? `, and ${more - MAX_LISTED} more` : "";
      out.push({ location: locations[0], message: `${message} (also at ${listed}${rest})` });
    }
    return out;
  }
}
