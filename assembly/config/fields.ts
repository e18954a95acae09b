// GENERATED from spec.yaml by scripts/gen-fields.mjs (npm run gen:fields): do not edit.
// spec.yaml's JSON Schema is the one source of the config contract's field names; the
// plugin's parsers read these lists (unknown-field warnings, case folding), and
// tests/config-contract/ checks this file, the converter's types, the README tables and
// the schema's verdicts against the plugin's.

/** top level */
export const ROOT_FIELDS: string[] = ["server", "tools", "allowTools", "_rules_"];
/** _rules_[] */
export const RULE_FIELDS: string[] = ["_match_route_", "_match_domain_", "_match_service_", "server", "tools", "allowTools"];
/** server */
export const SERVER_FIELDS: string[] = ["name", "version", "title", "instructions", "type", "config", "securitySchemes", "defaultDownstreamSecurity", "defaultUpstreamSecurity", "allowPassthrough", "passthroughAuthHeader", "allowedOrigins", "baseUrl", "ttlMs", "cacheScope", "forwardHeaders", "limits"];
/** server.limits */
export const LIMIT_FIELDS: string[] = ["maxRequestBodyBytes", "maxResponseBodyBytes", "maxJsonDepth", "maxArguments", "maxTemplateOutputBytes", "maxHeaderValueBytes", "backendTimeoutMs"];
/** server.securitySchemes[] */
export const SCHEME_FIELDS: string[] = ["id", "type", "scheme", "in", "name", "defaultCredential", "description", "bearerFormat", "tokenUrl", "tokenCluster", "flows", "scopes", "audience", "resource", "tokenEndpointAuthMethod", "tokenTimeoutMs"];
/** requirements (downstream ∪ upstream) */
export const REQUIREMENT_FIELDS: string[] = ["id", "passthrough", "audiences", "credential", "scopes"];
/** tools[] */
export const TOOL_FIELDS: string[] = ["name", "title", "description", "security", "args", "requestTemplate", "responseTemplate", "errorResponseTemplate", "inputSchema", "outputSchema", "annotations"];
/** tools[].args[] */
export const ARG_FIELDS: string[] = ["name", "description", "type", "required", "default", "enum", "items", "properties", "x-mcp-header", "anyOf", "style", "explode", "position"];
/** tools[].requestTemplate */
export const REQUEST_FIELDS: string[] = ["url", "method", "headers", "body", "bodyEncoding", "argsToJsonBody", "argsToUrlParam", "argsToFormBody", "security"];
/** tools[].requestTemplate.headers[] */
export const HEADER_FIELDS: string[] = ["key", "value"];
/** tools[].responseTemplate */
export const RESPONSE_FIELDS: string[] = ["body", "prependBody", "appendBody"];
