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
  /** per-tool budget in bytes for nested schemas, outputSchema and prependBody (default 2048; 0 = unlimited) */
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
  argsToJsonBody?: boolean;
  argsToUrlParam?: boolean;
  argsToFormBody?: boolean;
  security?: SecurityRequirementOut;
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

/** Collects warnings, dropping exact duplicates (same location and message). */
export class WarningSink {
  readonly list: Warning[] = [];
  private readonly seen = new Set<string>();

  /** Records one warning. */
  add(location: string, message: string): void {
    const key = location + "\u0000" + message;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ location, message });
  }
}
