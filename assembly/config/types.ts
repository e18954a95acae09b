// Typed, precomputed plugin configuration. Built once by config/parse.ts at
// proxy_on_configure; request handlers only read it. Field names follow
// Higress's `mcp-server` plugin (see README "Configuration reference").
import { Template } from "../template/template";
import { UrlPlan } from "./urlsplit";

/** `server.securitySchemes[]`: how a credential is presented (client side) or applied (backend side). */
export class SecurityScheme {
  /** unique id referenced by requirements */
  id: string = "";
  /** "http" | "apiKey" | "oauth2" */
  type: string = "";
  /** http only: "basic" | "bearer" (lower-cased at parse) */
  scheme: string = "";
  /** apiKey only: "header" | "query" | "cookie" */
  in: string = "";
  /** apiKey only: header, query-parameter or cookie name as configured */
  name: string = "";
  /** apiKey in header: `name` lower-cased (header maps are lower-case) */
  headerName: string = "";
  /** credential used when nothing more specific is configured */
  defaultCredential: string = "";
  hasDefaultCredential: bool = false;
  // --- oauth2 (client credentials / token exchange); unset for other types ---
  tokenUrl: string = "";
  tokenCluster: string = "";
  tokenAuthority: string = "";
  tokenPath: string = "";
  scopes: string = "";
  audience: string = "";
  resource: string = "";
  /** "client_secret_basic" (default) | "client_secret_post" */
  tokenEndpointAuthMethod: string = "client_secret_basic";
  tokenTimeoutMs: u32 = 5000;
  /** errors found at parse; they reject the config only when a requirement uses the scheme (config/compat.ts) */
  problems: string[] = [];
  /** some requirement names this scheme */
  referenced: bool = false;
  /** field path of this scheme in the config, e.g. server.securitySchemes[2] */
  path: string = "";
}

/** `tools[].security`, `tools[].requestTemplate.security`, `server.default*Security`. */
export class SecurityRequirement {
  id: string = "";
  /** upstream only: credential override for this tool */
  credential: string = "";
  hasCredential: bool = false;
  /** downstream only: pass the client's credential to the backend */
  passthrough: bool = false;
  /** downstream only (our addition): "exchange" = RFC 8693 token exchange instead of plain passthrough */
  passthroughMode: string = "";
  /** downstream only (our addition): allowed JWT `aud` values for passthrough */
  audiences: string[] = [];
  /** upstream only (our addition): OAuth2 scopes for this tool, space-separated (overrides the scheme's) */
  scopes: string = "";
  hasScopes: bool = false;
  /** resolved at parse; never null after a successful parse when id != "" */
  scheme: SecurityScheme | null = null;
}

/** `tools[].args[]` */
export class ToolArg {
  name: string = "";
  description: string = "";
  /** "string" | "number" | "integer" | "boolean" | "array" | "object"; "" is treated as "string" */
  type: string = "";
  required: bool = false;
  /** raw JSON of `default`, "" when absent or null */
  defaultJson: string = "";
  /** raw JSON array of `enum`, "" when absent */
  enumJson: string = "";
  private _enumValues: string[] | null = null;
  /** each enum member as raw JSON (for validation by comparison) (made on first use: most are empty, and an empty list is two allocations per object per load) */
  get enumValues(): string[] {
    let v = this._enumValues;
    if (v === null) {
      v = new Array<string>();
      this._enumValues = v;
    }
    return v;
  }
  set enumValues(v: string[]) {
    this._enumValues = v;
  }
  /** raw JSON of `items` / `properties`, "" when absent */
  itemsJson: string = "";
  propertiesJson: string = "";
  /** our addition: raw JSON array of `anyOf` alternatives (no `type` then), "" when absent */
  anyOfJson: string = "";
  private _anyOfTypes: string[] | null = null;
  /** the `type` of each alternative ("" = any value) (made on first use: most are empty, and an empty list is two allocations per object per load) */
  get anyOfTypes(): string[] {
    let v = this._anyOfTypes;
    if (v === null) {
      v = new Array<string>();
      this._anyOfTypes = v;
    }
    return v;
  }
  set anyOfTypes(v: string[]) {
    this._anyOfTypes = v;
  }
  /** our addition: how arrays/objects go into a query or form body (rest/style.ts); "" = JSON text */
  style: string = "";
  /** with style "form": one pair per element / member (OpenAPI's default) */
  explode: bool = true;
  /** "query" | "path" | "header" | "cookie" | "body" | "" (lower-cased at parse) */
  position: string = "";
  /** `x-mcp-header` (2026-07-28: mirrored as Mcp-Param-{name}), "" when absent */
  mcpHeader: string = "";
}

/** One `x-mcp-header` annotation of a tool's inputSchema (2026-07-28). */
export class McpParam {
  /** lower-cased request header name, "mcp-param-" + the annotation */
  header: string = "";
  /** the annotation as configured (for messages) */
  name: string = "";
  /** property names from the schema root to the annotated property */
  path: string[] = [];
  /** "string" | "integer" | "boolean" */
  type: string = "";
}

/** `tools[].requestTemplate.headers[]` */
export class HeaderTemplate {
  /** lower-cased header name */
  key: string = "";
  value: string = "";
  compiled: Template | null = null;
}

/** `tools[].requestTemplate` */
export class RequestTemplate {
  url: string = "";
  /** upper-cased at parse */
  method: string = "GET";
  headers: HeaderTemplate[] = [];
  body: string = "";
  hasBody: bool = false;
  argsToJsonBody: bool = false;
  argsToUrlParam: bool = false;
  argsToFormBody: bool = false;
  security: SecurityRequirement | null = null;
  private _extraSecurity: SecurityRequirement[] | null = null;
  /** our addition: `security` given as a list: the requirements after the first, all applied too (AND) (made on first use: most are empty, and an empty list is two allocations per object per load) */
  get extraSecurity(): SecurityRequirement[] {
    let v = this._extraSecurity;
    if (v === null) {
      v = new Array<SecurityRequirement>();
      this._extraSecurity = v;
    }
    return v;
  }
  set extraSecurity(v: SecurityRequirement[]) {
    this._extraSecurity = v;
  }
  /** our addition: "base64" = the rendered `body` is base64 and is sent decoded (binary uploads); "" = as text */
  bodyEncoding: string = "";
  bodyCompiled: Template | null = null;
  /** the analysed `url` (scheme/host/port pieces, path+query template), built at configure time; null for a direct response */
  urlPlan: UrlPlan | null = null;
}

/** `tools[].responseTemplate` */
export class ResponseTemplate {
  body: string = "";
  prependBody: string = "";
  appendBody: string = "";
  bodyCompiled: Template | null = null;
}

/** `tools[]` */
export class Tool {
  index: i32 = 0;
  name: string = "";
  title: string = "";
  description: string = "";
  args: ToolArg[] = [];
  requestTemplate: RequestTemplate = new RequestTemplate();
  responseTemplate: ResponseTemplate = new ResponseTemplate();
  errorResponseTemplate: string = "";
  errorResponseCompiled: Template | null = null;
  /** downstream requirement (client side) */
  security: SecurityRequirement | null = null;
  /** raw JSON, "" when absent */
  outputSchemaJson: string = "";
  annotationsJson: string = "";
  /**
   * This tool's entry in tools/list: bytes [listStart, listEnd) of its config's `toolsListUtf8` (`listUtf8`), made
   * at configure (config/schema.ts ListBuilder); only the UTF-8 list is kept, no UTF-16 copy per tool.
   */
  listStart: i32 = 0;
  listEnd: i32 = 0;
  listUtf8: ArrayBuffer | null = null;

  /** The entry's JSON text (decoded on each call: for tests and rare uses; replies copy the bytes). */
  get listEntryJson(): string {
    const b = this.listUtf8;
    if (b === null || this.listStart < 0 || this.listEnd > b.byteLength || this.listStart > this.listEnd) return "";
    return String.UTF8.decodeUnsafe(changetype<usize>(b) + <usize>this.listStart, <usize>(this.listEnd - this.listStart));
  }
  private _mcpParams: McpParam[] | null = null;
  /** `x-mcp-header` annotations of the inputSchema (validated against Mcp-Param-* in the modern era) (made on first use: most are empty, and an empty list is two allocations per object per load) */
  get mcpParams(): McpParam[] {
    let v = this._mcpParams;
    if (v === null) {
      v = new Array<McpParam>();
      this._mcpParams = v;
    }
    return v;
  }
  set mcpParams(v: McpParam[]) {
    this._mcpParams = v;
  }
}

/** `server` */
export class ServerConfig {
  name: string = "";
  version: string = "1.0.0";
  title: string = "";
  instructions: string = "";
  /** raw JSON of `server.config`, "null" when absent */
  configJson: string = "null";
  securitySchemes: SecurityScheme[] = [];
  defaultDownstreamSecurity: SecurityRequirement | null = null;
  defaultUpstreamSecurity: SecurityRequirement | null = null;
  passthroughAuthHeader: bool = false;
  /** our addition: server-wide kill switch; false rejects any config with plain credential passthrough */
  allowPassthrough: bool = true;
  /** our addition: allowed Origin values; empty = no Origin check except localhost rules */
  allowedOrigins: string[] = [];
  /** our addition: extra client headers forwarded to the backend (lower-case) */
  forwardHeaders: string[] = [];
  /** our addition: `server.baseUrl` split up; relative tool URLs resolve against it ("" = unset) */
  baseScheme: string = "";
  baseAuthority: string = "";
  /** base path without a trailing "/" ("" for none) */
  basePath: string = "";
  /** derived at configure time: headers (lower-case) and cookies that client schemes of this server read */
  clientHeaders: string[] = [];
  clientCookies: string[] = [];
  /** our addition (2026-07-28): caching hint of server/discover and tools/list results */
  ttlMs: u32 = 0;
  /** our addition (2026-07-28): "private" (default) or "public" */
  cacheScope: string = "private";
}

/** Limits (our addition, `server.limits`), each with a safe default. */
export class Limits {
  maxRequestBodyBytes: u32 = 1048576;
  maxResponseBodyBytes: u32 = 4194304;
  maxJsonDepth: u32 = 64;
  maxArguments: u32 = 256;
  maxTemplateOutputBytes: u32 = 1048576;
  maxHeaderValueBytes: u32 = 8192;
  backendTimeoutMs: u32 = 30000;
}

/** One complete, validated configuration (the global one or one `_rules_` entry). */
export class PluginConfig {
  server: ServerConfig = new ServerConfig();
  tools: Tool[] = [];
  /** tool name -> index into tools */
  toolIndex: Map<string, i32> = new Map<string, i32>();
  /** top-level allowTools; hasAllowTools=false means unrestricted */
  allowTools: Set<string> = new Set<string>();
  hasAllowTools: bool = false;
  limits: Limits = new Limits();
  /** precomputed JSON array of every tools/list entry (config order) */
  /** the tools/list array (every tool's entry, config order) as UTF-8: replies copy it, never re-encode it */
  toolsListUtf8: ArrayBuffer = String.UTF8.encode("[]");

  /** toolsListUtf8 as text (decoded on each call: for tests and rare uses). */
  get toolsListJson(): string {
    return String.UTF8.decode(this.toolsListUtf8);
  }

  /** Tool by name, or null (never traps). */
  findTool(name: string): Tool | null {
    if (!this.toolIndex.has(name)) return null;
    const i = this.toolIndex.get(name);
    return i >= 0 && i < this.tools.length ? unchecked(this.tools[i]) : null;
  }

  /** Scheme by id, or null. */
  findScheme(id: string): SecurityScheme | null {
    for (let i = 0; i < this.server.securitySchemes.length; i++) {
      const s = unchecked(this.server.securitySchemes[i]);
      if (s.id == id) return s;
    }
    return null;
  }
}

/** `_rules_[]` entry: a matcher plus its own full config. */
export class RuleConfig {
  /** "route" | "domain" | "service" */
  kind: string = "";
  /** values of `_match_route_` / `_match_domain_` / `_match_service_` */
  values: string[] = [];
  config: PluginConfig = new PluginConfig();
}

/** What proxy_on_configure keeps: the global config plus rules. */
export class RootConfig {
  global: PluginConfig | null = null;
  rules: RuleConfig[] = [];
}
