// The plugin configuration the fuzz targets run against: every argument type and
// position, every body mode, templates in URL/headers/body/response, static,
// passthrough and OAuth2 backend credentials.

/** Secrets configured below; none of them may appear in a reply to the client. */
export const CONFIG_SECRETS = [
  "svc-user:svc-pass",
  "static-bearer-secret-1",
  "query-key-secret-2",
  "cookie-key-secret-3",
  "cid:csecret-4",
];

/** Token cluster of the OAuth2 scheme (the host must know it for proxy_http_call). */
export const TOKEN_CLUSTER = "outbound|443||auth.test";

const ALL_TYPES = [
  { name: "s", type: "string" },
  { name: "n", type: "number" },
  { name: "i", type: "integer" },
  { name: "b", type: "boolean" },
  { name: "a", type: "array", items: { type: "string" } },
  { name: "o", type: "object", properties: { k: { type: "string" } } },
];

function argsAt(position: string, prefix = ""): object[] {
  return ALL_TYPES.map((t) => ({ ...t, name: prefix + t.name, description: `${t.type} in ${position || "default"}`, position }));
}

/** Tool names of FUZZ_CONFIG (order as configured). */
export const FUZZ_TOOLS = [
  "path_tool",
  "query_tool",
  "header_tool",
  "cookie_tool",
  "body_tool",
  "json_body",
  "form_body",
  "url_param",
  "body_template",
  "template_only",
  "response_tpl",
  "append_tool",
  "basic_tool",
  "bearer_tool",
  "query_key_tool",
  "cookie_key_tool",
  "passthrough_tool",
  "oauth_tool",
  "enum_tool",
];

/** A configuration exercising every feature a tools/call can reach. */
export const FUZZ_CONFIG = {
  server: {
    name: "fuzz-server",
    config: { region: "eu", base: "v1" },
    securitySchemes: [
      { id: "basic", type: "http", scheme: "basic", defaultCredential: "svc-user:svc-pass" },
      { id: "bearer", type: "http", scheme: "bearer", defaultCredential: "static-bearer-secret-1" },
      { id: "qkey", type: "apiKey", in: "query", name: "api_key", defaultCredential: "query-key-secret-2" },
      { id: "ckey", type: "apiKey", in: "cookie", name: "session", defaultCredential: "cookie-key-secret-3" },
      { id: "clientBearer", type: "http", scheme: "bearer" },
      { id: "backendKey", type: "apiKey", in: "header", name: "X-Backend-Key" },
      {
        id: "oauth",
        type: "oauth2",
        tokenUrl: "https://auth.test/oauth/token",
        tokenCluster: TOKEN_CLUSTER,
        defaultCredential: "cid:csecret-4",
        scopes: "read",
      },
    ],
  },
  tools: [
    {
      name: "path_tool",
      description: "path args of every type",
      args: argsAt("path").map((a: any) => ({ ...a, required: true })),
      requestTemplate: { url: "http://api.test/p/{s}/{n}/{i}/{b}/{a}/{o}", method: "GET" },
    },
    {
      name: "query_tool",
      description: "query args",
      args: argsAt("query"),
      requestTemplate: { url: "http://api.test/q?fixed=1", method: "GET" },
    },
    {
      name: "header_tool",
      description: "header args",
      args: argsAt("header", "x-"),
      requestTemplate: { url: "http://api.test/h", method: "GET" },
    },
    {
      name: "cookie_tool",
      description: "cookie args",
      args: argsAt("cookie", "c"),
      requestTemplate: { url: "http://api.test/c", method: "GET" },
    },
    {
      name: "body_tool",
      description: "body args",
      args: argsAt("body"),
      requestTemplate: { url: "http://api.test/b", method: "POST" },
    },
    {
      name: "json_body",
      description: "argsToJsonBody",
      args: argsAt(""),
      requestTemplate: { url: "http://api.test/j", method: "POST", argsToJsonBody: true },
    },
    {
      name: "form_body",
      description: "argsToFormBody",
      args: argsAt(""),
      requestTemplate: { url: "http://api.test/f", method: "PUT", argsToFormBody: true },
    },
    {
      name: "url_param",
      description: "argsToUrlParam",
      args: argsAt(""),
      requestTemplate: { url: "http://api.test/u", method: "DELETE", argsToUrlParam: true },
    },
    {
      name: "body_template",
      description: "templates in url, headers and body",
      args: argsAt(""),
      requestTemplate: {
        url: "http://api.test/{{.config.base}}/t/{{.args.s}}?n={{.args.n}}&all={{toJson .args}}",
        method: "PATCH",
        headers: [
          { key: "x-region", value: "{{.config.region}}" },
          { key: "x-arg", value: "{{.args.s | upper}}-{{.args.i}}" },
        ],
        body: '{"s": {{toJson .args.s}}, "a": {{toJson .args.a}}, "o": {{toRawJson .args.o}}, "len": {{len .args.s}}, "t": "{{.args.s | trim | title}}"}',
      },
    },
    {
      name: "template_only",
      description: "direct response",
      args: argsAt(""),
      requestTemplate: {},
      responseTemplate: {
        body: '{{if .args.b}}yes{{else}}no{{end}} {{.args.s | default "none" | quote}} {{range $k, $v := .args.o}}{{$k}}={{$v}};{{end}} {{join .args.a ","}} {{printf "%v-%d" .args.n .args.i}} {{b64enc (toString .args.s)}} {{repeat 3 (toString .args.i)}}',
      },
    },
    {
      name: "response_tpl",
      description: "responseTemplate and errorResponseTemplate",
      args: argsAt("query"),
      requestTemplate: { url: "http://api.test/r", method: "GET" },
      responseTemplate: { body: '{{range .items}}- {{.name}} ({{.id}})\n{{end}}{{gjson "meta.total"}} {{.message}}' },
      errorResponseTemplate: "error: {{.error.message}} code={{.error.code}}",
      outputSchema: { type: "object" },
    },
    {
      name: "append_tool",
      description: "prepend/append",
      args: argsAt("query"),
      requestTemplate: { url: "http://api.test/a", method: "GET" },
      responseTemplate: { prependBody: "BEGIN\n", appendBody: "\nEND" },
      outputSchema: { type: "object" },
    },
    {
      name: "basic_tool",
      description: "basic",
      args: argsAt("query"),
      requestTemplate: { url: "http://api.test/basic", security: { id: "basic" } },
    },
    {
      name: "bearer_tool",
      description: "bearer",
      args: argsAt("header", "x-"),
      requestTemplate: { url: "http://api.test/bearer", security: { id: "bearer" } },
    },
    {
      name: "query_key_tool",
      description: "api key in query",
      args: argsAt("query"),
      requestTemplate: { url: "http://api.test/qk", security: { id: "qkey" } },
    },
    {
      name: "cookie_key_tool",
      description: "api key in cookie",
      args: argsAt("cookie", "c"),
      requestTemplate: { url: "http://api.test/ck", security: { id: "ckey" } },
    },
    {
      name: "passthrough_tool",
      description: "client credential passthrough",
      args: argsAt("query"),
      security: { id: "clientBearer", passthrough: true },
      requestTemplate: { url: "http://api.test/me", method: "POST", argsToJsonBody: true, security: { id: "backendKey" } },
    },
    {
      name: "oauth_tool",
      description: "oauth2 client credentials",
      args: argsAt("body"),
      requestTemplate: { url: "http://api.test/o", method: "POST", security: { id: "oauth" } },
    },
    {
      name: "enum_tool",
      description: "enum, default, required",
      args: [
        { name: "mode", type: "string", enum: ["short", "long"], default: "short", position: "query" },
        { name: "count", type: "integer", required: true, position: "query" },
        { name: "ratio", type: "number", default: 0.5, position: "header" },
      ],
      requestTemplate: { url: "http://api.test/e", method: "GET" },
    },
  ],
};
