// Plugin configurations the scenarios drive (Higress mcp-server format, see README "Configuration reference").

/** Body/template limits raised so the 1 MB scenarios are measured, not refused. */
const LIMITS = { maxRequestBodyBytes: 8388608, maxResponseBodyBytes: 8388608, maxTemplateOutputBytes: 8388608 };

/** `server` block shared by every config; `config` feeds the URL and header templates. */
export const SERVER = {
  name: "bench",
  version: "1.0.0",
  config: { base: "http://backend.local", tenant: "acme" },
  limits: LIMITS,
};

/** Range template over `{"items":[…]}` responses (one line per record). */
export const RANGE_TEMPLATE = "{{range .items}}- {{.id}} {{.name}} <{{.email}}>: {{.price}}\n{{end}}";

/** Catalog tool `i`: path/query/header args, URL and header templates, a range response template. */
export function catalogTool(i: number): object {
  return {
    name: `catalog_tool_${i}`,
    description: `Catalog operation ${i}: looks up resources of kind ${i} by id, with filters and paging.`,
    args: [
      { name: "id", type: "string", description: "Resource id", required: true, position: "path" },
      { name: "status", type: "string", description: "Status filter", enum: ["open", "closed"], position: "query" },
      { name: "limit", type: "integer", description: "Page size", default: 10, position: "query" },
      { name: "x-request-tag", type: "string", description: "Tag echoed by the backend", position: "header" },
    ],
    requestTemplate: {
      url: `{{.config.base}}/v1/kind${i}/{id}`,
      method: "GET",
      headers: [{ key: "x-tenant", value: "{{.config.tenant}}" }],
    },
    responseTemplate: { body: RANGE_TEMPLATE },
  };
}

/** A config with `n` catalog tools (tools/list and configure scenarios). */
export function catalogConfig(n: number): string {
  const tools: object[] = [];
  for (let i = 0; i < n; i++) tools.push(catalogTool(i));
  return JSON.stringify({ server: SERVER, tools });
}

/** callConfig tool: POST with argsToJsonBody and one `object` arg. */
export const ECHO_TOOL = "echo_json";
/** callConfig tool: path, query and header args. */
export const LOOKUP_TOOL = "lookup";
/** callConfig tool: GET, backend response returned raw. */
export const RAW_TOOL = "get_raw";
/** callConfig tool: one string argument inside a JSON body template (escape-heavy scenarios). */
export const STRING_TOOL = "post_text";
/** callConfig tool: GET, the backend's `text` string through a response template. */
export const TEXT_TOOL = "get_text";
/** callConfig tool: GET, backend response through RANGE_TEMPLATE. */
export const RANGE_TOOL = "get_range";

/**
 * The tools/call scenarios' config: a JSON-body tool (argsToJsonBody, one `object` arg), a
 * path/query/header tool, and two GET tools whose responses are returned raw or through RANGE_TEMPLATE.
 */
export function callConfig(): string {
  const tools = [
    {
      name: ECHO_TOOL,
      description: "Posts the data object as the JSON body.",
      args: [{ name: "data", type: "object", description: "Payload", required: true, position: "body" }],
      requestTemplate: { url: "{{.config.base}}/echo", method: "POST", argsToJsonBody: true },
    },
    {
      name: LOOKUP_TOOL,
      description: "Path, query and header arguments.",
      args: [
        { name: "id", type: "string", description: "User id", required: true, position: "path" },
        { name: "status", type: "string", description: "Status filter", enum: ["open", "closed"], position: "query" },
        { name: "limit", type: "integer", description: "Page size", default: 10, position: "query" },
        { name: "verbose", type: "boolean", description: "Verbose output", position: "query" },
        { name: "x-request-tag", type: "string", description: "Request tag", position: "header" },
      ],
      requestTemplate: {
        url: "{{.config.base}}/users/{id}/orders",
        method: "GET",
        headers: [{ key: "x-tenant", value: "{{.config.tenant}}" }],
      },
    },
    {
      name: RAW_TOOL,
      description: "Returns the backend JSON as text.",
      args: [],
      requestTemplate: { url: "{{.config.base}}/report", method: "GET" },
    },
    {
      name: STRING_TOOL,
      description: "One string argument rendered inside a JSON body template.",
      args: [{ name: "s", type: "string", description: "Text", required: true }],
      requestTemplate: { url: "{{.config.base}}/echo", method: "POST", body: '{"text":"{{.args.s}}"}' },
    },
    {
      name: TEXT_TOOL,
      description: "Returns the backend's `text` string.",
      args: [],
      requestTemplate: { url: "{{.config.base}}/report", method: "GET" },
      responseTemplate: { body: "{{.text}}" },
    },
    {
      name: RANGE_TOOL,
      description: "Returns one line per item.",
      args: [],
      requestTemplate: { url: "{{.config.base}}/report", method: "GET" },
      responseTemplate: { body: RANGE_TEMPLATE },
    },
  ];
  return JSON.stringify({ server: SERVER, tools });
}
