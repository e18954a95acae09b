// Field-by-field parsing of a valid configuration: defaults, normalisation,
// raw JSON fidelity, scheme resolution and template compilation.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";

function parseOk(json: string): PluginConfig {
  const r = parseRootConfig(json);
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}

const FULL = `{
  "server": {
    "name": "petstore", "title": "Pet Store", "instructions": "be nice",
    "config": {"base": "https://api.example.com", "n": 123456789012345678901234567890},
    "passthroughAuthHeader": "true",
    "allowedOrigins": ["https://app.example.com"],
    "forwardHeaders": ["X-Request-ID", "Accept-Language"],
    "limits": {"maxJsonDepth": 16, "maxTemplateOutputBytes": 4096, "backendTimeoutMs": 2500},
    "securitySchemes": [
      {"id": "client", "type": "HTTP", "scheme": "Bearer"},
      {"id": "key", "type": "apikey", "in": "Header", "name": "X-API-Key", "defaultCredential": "k0"},
      {"id": "q", "type": "apiKey", "in": "query", "name": "api_key"},
      {"id": "cc", "type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://idp.example.com:8443/oauth/token?x=1",
        "scopes": {"read": "r", "write": "w"}}}, "tokenCluster": "outbound|443||idp", "audience": "api", "resource": "https://api",
        "tokenEndpointAuthMethod": "client_secret_post", "tokenTimeoutMs": 1500},
      {"id": "cc2", "type": "oauth2", "tokenUrl": "http://idp", "scopes": ["a", " b "], "tokenCluster": "idp"}
    ],
    "defaultDownstreamSecurity": {"id": "client"},
    "defaultUpstreamSecurity": {"id": "key", "credential": "secret"}
  },
  "allowTools": ["get_pet", "nope"],
  "tools": [
    {"name": "get_pet", "title": "Get pet", "description": "Find a pet",
     "args": [
       {"name": "id", "description": "pet id", "type": "integer", "required": true, "position": "PATH"},
       {"name": "tags", "type": "array", "items": {"type": "string", "minLength": 1}, "default": null},
       {"name": "status", "enum": ["a", 1e999, {"x": "\\u00e9"}], "default": 123456789012345678901234567890}
     ],
     "requestTemplate": {"url": "{{.config.base}}/pets/{id}", "method": "get",
       "headers": [{"key": "X-Trace", "value": "{{.args.id}}"}], "argsToUrlParam": true,
       "security": {"id": "q", "credential": "qk"}},
     "responseTemplate": {"prependBody": "# Pet\\n", "appendBody": "\\n--"},
     "errorResponseTemplate": "failed {{.status}}",
     "security": {"id": "client", "passthrough": "exchange", "audiences": ["api://pets"]},
     "outputSchema": {"type": "object", "properties": {"id": {"type": "integer"}}},
     "annotations": {"readOnlyHint": true}
    },
    {"name": "hello", "description": "static", "responseTemplate": {"body": "hi {{.args.who}}"},
     "requestTemplate": {"body": "x", "method": "POST"}}
  ]
}`;

describe("config parsing: server", () => {
  it("fills identity fields with defaults and raw config", () => {
    const c = parseOk(FULL);
    expect(c.server.name).toBe("petstore");
    expect(c.server.version).toBe("1.0.0");
    expect(c.server.title).toBe("Pet Store");
    expect(c.server.instructions).toBe("be nice");
    expect(c.server.configJson).toBe("{\"base\": \"https://api.example.com\", \"n\": 123456789012345678901234567890}");
    expect(c.server.passthroughAuthHeader).toBe(true);
    expect(c.server.allowedOrigins.join(",")).toBe("https://app.example.com");
    expect(c.server.forwardHeaders.join(",")).toBe("x-request-id,accept-language");
  });

  it("parses limits and keeps defaults for the rest", () => {
    const c = parseOk(FULL);
    expect(c.limits.maxJsonDepth).toBe(16);
    expect(c.limits.maxTemplateOutputBytes).toBe(4096);
    expect(c.limits.backendTimeoutMs).toBe(2500);
    expect(c.limits.maxRequestBodyBytes).toBe(1048576);
    const d = parseOk("{\"server\":{\"name\":\"s\"}}");
    expect(d.server.configJson).toBe("null");
    expect(d.server.passthroughAuthHeader).toBe(false);
    expect(d.limits.maxJsonDepth).toBe(64);
    expect(d.hasAllowTools).toBe(false);
    expect(d.toolsListJson).toBe("[]");
  });

  it("normalises http and apiKey schemes", () => {
    const c = parseOk(FULL);
    const s = c.server.securitySchemes;
    expect(s.length).toBe(5);
    expect(s[0].type).toBe("http");
    expect(s[0].scheme).toBe("bearer");
    expect(s[1].type).toBe("apiKey");
    expect(s[1].in).toBe("header");
    expect(s[1].name).toBe("X-API-Key");
    expect(s[1].headerName).toBe("x-api-key");
    expect(s[1].defaultCredential).toBe("k0");
    expect(s[1].hasDefaultCredential).toBe(true);
    expect(s[2].in).toBe("query");
    expect(s[2].headerName).toBe("");
    expect(s[2].hasDefaultCredential).toBe(false);
  });

  it("parses oauth2 client credentials", () => {
    const c = parseOk(FULL);
    const o = c.server.securitySchemes[3];
    expect(o.type).toBe("oauth2");
    expect(o.tokenUrl).toBe("https://idp.example.com:8443/oauth/token?x=1");
    expect(o.tokenAuthority).toBe("idp.example.com:8443");
    expect(o.tokenPath).toBe("/oauth/token?x=1");
    expect(o.tokenCluster).toBe("outbound|443||idp");
    expect(o.scopes).toBe("read write");
    expect(o.audience).toBe("api");
    expect(o.resource).toBe("https://api");
    expect(o.tokenEndpointAuthMethod).toBe("client_secret_post");
    expect(o.tokenTimeoutMs).toBe(1500);
    const o2 = c.server.securitySchemes[4];
    expect(o2.tokenAuthority).toBe("idp");
    expect(o2.tokenPath).toBe("/");
    expect(o2.scopes).toBe("a b");
    expect(o2.tokenEndpointAuthMethod).toBe("client_secret_basic");
    expect(o2.tokenTimeoutMs).toBe(5000);
  });

  it("resolves default requirements to their schemes", () => {
    const c = parseOk(FULL);
    const dd = c.server.defaultDownstreamSecurity!;
    expect(dd.scheme!.id).toBe("client");
    const du = c.server.defaultUpstreamSecurity!;
    expect(du.scheme!.id).toBe("key");
    expect(du.credential).toBe("secret");
    expect(du.hasCredential).toBe(true);
  });
});

describe("config parsing: tools", () => {
  it("indexes tools in config order and keeps the allow-list", () => {
    const c = parseOk(FULL);
    expect(c.tools.length).toBe(2);
    expect(c.findTool("get_pet")!.index).toBe(0);
    expect(c.findTool("hello")!.index).toBe(1);
    expect(c.findTool("x")).toBeNull();
    expect(c.hasAllowTools).toBe(true);
    expect(c.allowTools.has("get_pet")).toBe(true);
    expect(c.allowTools.has("hello")).toBe(false);
  });

  it("parses args with raw default/enum/items", () => {
    const t = parseOk(FULL).tools[0];
    expect(t.title).toBe("Get pet");
    expect(t.args.length).toBe(3);
    expect(t.args[0].type).toBe("integer");
    expect(t.args[0].required).toBe(true);
    expect(t.args[0].position).toBe("path");
    expect(t.args[1].itemsJson).toBe("{\"type\": \"string\", \"minLength\": 1}");
    expect(t.args[1].defaultJson).toBe("");
    expect(t.args[2].defaultJson).toBe("123456789012345678901234567890");
    expect(t.args[2].enumJson).toBe("[\"a\", 1e999, {\"x\": \"\\u00e9\"}]");
    expect(t.args[2].enumValues.length).toBe(3);
    expect(t.args[2].enumValues[1]).toBe("1e999");
    expect(t.args[2].enumValues[2]).toBe("{\"x\": \"\\u00e9\"}");
  });

  it("parses and compiles the request template", () => {
    const c = parseOk(FULL);
    const rq = c.tools[0].requestTemplate;
    expect(rq.url).toBe("{{.config.base}}/pets/{id}");
    expect(rq.headers[0].compiled!.maxOutput).toBe(4096);
    expect(rq.method).toBe("GET");
    expect(rq.headers.length).toBe(1);
    expect(rq.headers[0].key).toBe("x-trace");
    expect(rq.headers[0].value).toBe("{{.args.id}}");
    expect(rq.headers[0].compiled).not.toBeNull();
    expect(rq.argsToUrlParam).toBe(true);
    expect(rq.hasBody).toBe(false);
    expect(rq.bodyCompiled).toBeNull();
    expect(rq.security!.scheme!.id).toBe("q");
    expect(rq.security!.hasCredential).toBe(true);
    const rq2 = c.tools[1].requestTemplate;
    expect(rq2.method).toBe("POST");
    expect(rq2.hasBody).toBe(true);
    expect(rq2.bodyCompiled).not.toBeNull();
  });

  it("parses response templates, security and schema extras", () => {
    const c = parseOk(FULL);
    const t = c.tools[0];
    expect(t.responseTemplate.prependBody).toBe("# Pet\n");
    expect(t.responseTemplate.appendBody).toBe("\n--");
    expect(t.responseTemplate.bodyCompiled).toBeNull();
    expect(t.errorResponseTemplate).toBe("failed {{.status}}");
    expect(t.errorResponseCompiled).not.toBeNull();
    const s = t.security!;
    expect(s.passthrough).toBe(true);
    expect(s.passthroughMode).toBe("exchange");
    expect(s.audiences.join(",")).toBe("api://pets");
    expect(s.scheme!.id).toBe("client");
    expect(t.outputSchemaJson).toBe("{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}}");
    expect(t.annotationsJson).toBe("{\"readOnlyHint\": true}");
    const h = c.tools[1];
    expect(h.responseTemplate.body).toBe("hi {{.args.who}}");
    expect(h.responseTemplate.bodyCompiled).not.toBeNull();
    expect(h.security).toBeNull();
  });

  it("accepts plain boolean passthrough with an upstream default", () => {
    const c = parseOk("{\"server\":{\"name\":\"s\",\"securitySchemes\":[{\"id\":\"b\",\"type\":\"http\",\"scheme\":\"bearer\"}]," +
      "\"defaultUpstreamSecurity\":{\"id\":\"b\"}},\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://api.test/x\"}," +
      "\"security\":{\"id\":\"b\",\"passthrough\":true}}]}");
    expect(c.tools[0].security!.passthrough).toBe(true);
    expect(c.tools[0].security!.passthroughMode).toBe("");
  });

  it("treats JSON null as absent", () => {
    const c = parseOk("{\"server\":{\"name\":\"s\",\"title\":null,\"limits\":null},\"tools\":[{\"name\":\"t\",\"description\":null," +
      "\"args\":null,\"requestTemplate\":{\"url\":\"/x\",\"method\":null}}]}");
    expect(c.server.title).toBe("");
    expect(c.tools[0].requestTemplate.method).toBe("GET");
    expect(c.hasAllowTools).toBe(false);
  });
});
