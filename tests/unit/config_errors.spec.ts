// Every configure-time validation message, as a table: [config JSON, expected error line].
import { parseRootConfig } from "../../assembly/config/parse";
import { compileTemplate } from "../../assembly/template/template";

const URL_T = "\"requestTemplate\":{\"url\":\"http://b/x\"}";

function tool(extra: string): string {
  return "{\"name\":\"t\",\"description\":\"d\"" + (extra.length > 0 ? "," + extra : "") + "}";
}
function withTools(tools: string): string {
  return "{\"server\":{\"name\":\"s\"},\"tools\":[" + tools + "]}";
}
function withServer(server: string): string {
  return "{\"server\":{\"name\":\"s\"," + server + "},\"tools\":[" + tool(URL_T) + "]}";
}
/** A config whose only tool uses scheme `id` as its backend requirement (a scheme's errors count only when used). */
function usingScheme(scheme: string, id: string): string {
  return withSchemes(scheme, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"" + id + "\"}}"));
}
function withSchemes(schemes: string, tools: string): string {
  return "{\"server\":{\"name\":\"s\",\"securitySchemes\":[" + schemes + "]},\"tools\":[" + tools + "]}";
}
const BEARER = "{\"id\":\"b\",\"type\":\"http\",\"scheme\":\"bearer\"}";
const KEY = "{\"id\":\"k\",\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-Key\"}";

class Case {
  constructor(public json: string, public want: string) {}
}

function cases(): Case[] {
  const c = new Array<Case>();
  c.push(new Case("{}", "server: required (or _rules_ entries with their own server)"));
  c.push(new Case("{bad", "(root): invalid JSON"));
  c.push(new Case("", "(root): invalid JSON"));
  c.push(new Case("[]", "(root): expected object, got array"));
  c.push(new Case("\"x\"", "(root): expected object, got string"));
  c.push(new Case("{\"server\":{},\"tools\":[]}", "server.name: required"));
  c.push(new Case("{\"server\":{\"name\":\"\"}}", "server.name: must not be empty"));
  c.push(new Case("{\"server\":\"x\"}", "server: expected object"));
  c.push(new Case("{\"tools\":[]}", "server.name: required"));
  c.push(new Case("{\"server\":{\"name\":\"s\",\"name\":\"t\"}}", "server: duplicate key \"name\""));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"toolSet\":{}}", "toolSet: composed tool sets are not supported"));
  c.push(new Case(withTools("7"), "tools[0]: expected object"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":7}", "tools: expected array"));
  c.push(new Case(withTools(tool("\"description\":5," + URL_T)), "tools[0]: duplicate key \"description\""));
  c.push(new Case(withTools("{\"name\":\"t\",\"description\":5," + URL_T + "}"), "tools[0].description: expected string"));
  c.push(new Case(withTools("{\"name\":\"t\",\"title\":[]," + URL_T + "}"), "tools[0].title: expected string"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":{}")), "tools[0].args: expected array"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\"},{\"name\":\"b\",\"required\":\"true\"}]")),
    "tools[0].args[1].required: expected boolean"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[3]")), "tools[0].args[0]: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"enum\":\"x\"}]")), "tools[0].args[0].enum: expected array"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"argsToJsonBody\":true,\"argsToFormBody\":true}")),
    "tools[0].requestTemplate: only one of argsToJsonBody, argsToUrlParam, or argsToFormBody can be set to true"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"argsToUrlParam\":1}")),
    "tools[0].requestTemplate.argsToUrlParam: expected boolean"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":[{\"key\":\"a b\",\"value\":\"v\"}]}")),
    "tools[0].requestTemplate.headers[0].key: invalid header name \"a b\""));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":{}}")), "tools[0].requestTemplate.headers: expected array"));
  c.push(new Case(withTools(tool("\"requestTemplate\":\"/x\"")), "tools[0].requestTemplate: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"responseTemplate\":{\"body\":\"b\",\"prependBody\":\"p\"}")),
    "tools[0].responseTemplate: prependBody and appendBody cannot be used when body is specified"));
  c.push(new Case(withTools(tool("\"responseTemplate\":{\"appendBody\":\"a\"}")),
    "tools[0].requestTemplate.url: required unless responseTemplate.body is set (direct response)"));
  c.push(new Case(withTools(tool("")), "tools[0].requestTemplate.url: required unless responseTemplate.body is set (direct response)"));
  c.push(new Case(withTools(tool(URL_T + ",\"outputSchema\":[]")), "tools[0].outputSchema: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"annotations\":true")), "tools[0].annotations: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"errorResponseTemplate\":{}")), "tools[0].errorResponseTemplate: expected string"));
  // security schemes
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"digest\"}", "x"),
    "server.securitySchemes[0].type: unsupported type \"digest\" (expected http, apiKey or oauth2)"));
  c.push(new Case(usingScheme("{\"id\":\"x\"}", "x"), "server.securitySchemes[0].type: required (http, apiKey or oauth2)"));
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"http\",\"scheme\":\"digest\"}", "x"),
    "server.securitySchemes[0].scheme: unsupported scheme \"digest\" (expected basic or bearer)"));
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"http\"}", "x"),
    "server.securitySchemes[0].scheme: required for type http (basic or bearer)"));
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"apiKey\",\"in\":\"header\"}", "x"),
    "server.securitySchemes[0].name: required for type apiKey"));
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"apiKey\",\"name\":\"k\"}", "x"),
    "server.securitySchemes[0].in: required for type apiKey (header, query or cookie)"));
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"apiKey\",\"in\":\"body\",\"name\":\"k\"}", "x"),
    "server.securitySchemes[0].in: unsupported location \"body\" (expected header, query or cookie)"));
  c.push(new Case(usingScheme("{\"id\":\"x\",\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"a:b\"}", "x"),
    "server.securitySchemes[0].name: invalid header name \"a:b\""));
  c.push(new Case(withSchemes("7", tool(URL_T)), "server.securitySchemes[0]: expected object"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenCluster\":\"c\"}", "o"),
    "server.securitySchemes[0].tokenUrl: required for type oauth2 (tokenUrl or flows.clientCredentials.tokenUrl)"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"/token\",\"tokenCluster\":\"c\"}", "o"),
    "server.securitySchemes[0].tokenUrl: must be an absolute http(s) URL"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"flows\":{\"clientCredentials\":{\"tokenUrl\":\"ftp://x/t\"}},\"tokenCluster\":\"c\"}", "o"),
    "server.securitySchemes[0].flows.clientCredentials.tokenUrl: must be an absolute http(s) URL"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://user@idp/t\",\"tokenCluster\":\"c\"}", "o"),
    "server.securitySchemes[0].tokenUrl: must be an absolute http(s) URL"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\",\"tokenCluster\":\"c\",\"tokenEndpointAuthMethod\":\"private_key_jwt\"}", "o"),
    "server.securitySchemes[0].tokenEndpointAuthMethod: unsupported method \"private_key_jwt\" (expected client_secret_basic or client_secret_post)"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\",\"tokenCluster\":\"c\",\"tokenTimeoutMs\":-1}", "o"),
    "server.securitySchemes[0].tokenTimeoutMs: expected positive integer"));
  c.push(new Case(usingScheme("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\",\"tokenCluster\":\"c\",\"scopes\":[\"a\",1]}", "o"),
    "server.securitySchemes[0].scopes[1]: expected string"));
  // requirements
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"x\"}")), "tools[0].security.id: unknown scheme \"x\""));
  c.push(new Case(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"x\"}}")),
    "tools[0].requestTemplate.security.id: unknown scheme \"x\""));
  // a list (our addition: AND of schemes) must not be empty; its elements are requirements
  c.push(new Case(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":[]}")),
    "tools[0].requestTemplate.security: must not be an empty list"));
  c.push(new Case(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":\"b\"}")),
    "tools[0].requestTemplate.security: expected object"));
  c.push(new Case(withServer("\"defaultDownstreamSecurity\":{\"id\":\"nope\"}"), "server.defaultDownstreamSecurity.id: unknown scheme \"nope\""));
  c.push(new Case(withServer("\"defaultUpstreamSecurity\":{\"id\":\"nope\"}"), "server.defaultUpstreamSecurity.id: unknown scheme \"nope\""));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"passthrough\":true}")),
    "tools[0].security.passthrough: passthrough needs an upstream requirement (requestTemplate.security or server.defaultUpstreamSecurity) naming how the backend takes the credential"));
  c.push(new Case("{\"server\":{\"name\":\"s\",\"securitySchemes\":[" + BEARER + "],\"defaultDownstreamSecurity\":{\"id\":\"b\",\"passthrough\":true}},\"tools\":[" + tool(URL_T) + "]}",
    "tools[0] (passthrough from server.defaultDownstreamSecurity): passthrough needs an upstream requirement (requestTemplate.security or server.defaultUpstreamSecurity) naming how the backend takes the credential"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"passthrough\":\"yes\"}")),
    "tools[0].security.passthrough: expected boolean or \"exchange\""));
  c.push(new Case(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"b\",\"audiences\":[\"a\"]}}")),
    "tools[0].requestTemplate.security.audiences: not allowed on an upstream (backend) requirement"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"audiences\":\"a\"}")), "tools[0].security.audiences: expected array"));
  // server fields
  c.push(new Case(withServer("\"allowedOrigins\":[1]"), "server.allowedOrigins[0]: expected string"));
  c.push(new Case(withServer("\"forwardHeaders\":[\"x y\"]"), "server.forwardHeaders[0]: invalid header name \"x y\""));
  c.push(new Case(withServer("\"version\":1"), "server.version: expected string"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":0}"), "server.limits.maxJsonDepth: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":1.5}"), "server.limits.maxJsonDepth: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":\"8\"}"), "server.limits.maxJsonDepth: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":300}"), "server.limits.maxJsonDepth: must be at most 256"));
  c.push(new Case(withServer("\"limits\":{\"backendTimeoutMs\":99999999999}"), "server.limits.backendTimeoutMs: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxBodies\":1}"), "server.limits.maxBodies: unknown limit"));
  c.push(new Case(withServer("\"limits\":5"), "server.limits: expected object"));
  // what would fail every call (issue 17 item 2)
  const HOSTMSG = " (allowed there: {{.config.x}} values and one plain argument in the host whose value is one DNS label, such as https://{{.args.region}}.api.example.com)";
  const urlTool = (url: string): string => withTools(tool("\"requestTemplate\":{\"url\":\"" + url + "\"}"));
  c.push(new Case(urlTool("https://{{.args.h | lower}}.x.com/a"),
    "tools[0].requestTemplate.url: {{.args.h | lower}} in the scheme/host/port part: only a plain {{.args.name}} may appear, not functions, pipelines or other values" + HOSTMSG));
  c.push(new Case(urlTool("{{.args.s}}://api.x.com/a"), "tools[0].requestTemplate.url: {{.args.s}} in the scheme/host/port part: an argument cannot choose the scheme" + HOSTMSG));
  c.push(new Case(urlTool("https://api.x.com:{{.args.p}}/a"), "tools[0].requestTemplate.url: {{.args.p}} in the scheme/host/port part: an argument cannot choose the port" + HOSTMSG));
  c.push(new Case(urlTool("https://{{.args.a}}.{{.args.b}}.x.com/a"), "tools[0].requestTemplate.url: {{.args.b}} in the scheme/host/port part: only one argument may appear in the host"));
  c.push(new Case(urlTool("https://{{if .args.a}}a{{end}}.x.com/"), "tools[0].requestTemplate.url: control actions and variables are not allowed in the scheme/host part"));
  c.push(new Case(urlTool("https://u:p@api.x.com/a"),
    "tools[0].requestTemplate.url: must not contain userinfo (user:password@host); use a security scheme of type http, scheme basic"));
  c.push(new Case(withServer("\"baseUrl\":\"https://u:p@api.x.com\""),
    "server.baseUrl: must not contain userinfo (user:password@); use a security scheme of type http, scheme basic"));
  c.push(new Case(urlTool("api.x.com/a"), "tools[0].requestTemplate.url: url must be absolute (scheme://host/...) or start with a single \"/\""));
  const OAUTH = "{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\"";
  c.push(new Case(usingScheme(OAUTH + ",\"defaultCredential\":\"no-colon\"}", "o"),
    "server.securitySchemes[0].defaultCredential: the oauth2 credential of scheme \"o\" must be clientId:clientSecret"));
  c.push(new Case(withSchemes(OAUTH + "}", tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"o\",\"credential\":\":secret\"}}")),
    "tools[0].requestTemplate.security.credential: the oauth2 credential of scheme \"o\" must be clientId:clientSecret"));
  c.push(new Case(usingScheme(OAUTH + ",\"tokenClustr\":\"idp\",\"defaultCredential\":\"a:b\"}", "o"), "server.securitySchemes[0].tokenClustr: unknown field"));
  c.push(new Case(usingScheme(BEARER, "b"),
    "tools[0].requestTemplate.security: no credential for backend security scheme \"b\": set requestTemplate.security.credential, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential"));
  c.push(new Case(usingScheme(OAUTH + "}", "o"),
    "tools[0].requestTemplate.security: no credential for backend security scheme \"o\": set requestTemplate.security.credential, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential (clientId:clientSecret)"));
  c.push(new Case("{\"server\":{\"name\":\"s\",\"securitySchemes\":[" + KEY + "],\"defaultUpstreamSecurity\":{\"id\":\"k\"}},\"tools\":[" + tool(URL_T) + "]}",
    "tools[0] (backend requirement from server.defaultUpstreamSecurity): no credential for backend security scheme \"k\": set requestTemplate.security.credential, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential"));
  // a security list (our addition): the later requirements use configured credentials only
  const KEYED = "{\"id\":\"k\",\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-Key\",\"defaultCredential\":\"key\"}";
  const BEARER_T = "{\"id\":\"b\",\"type\":\"http\",\"scheme\":\"bearer\",\"defaultCredential\":\"tok\"}";
  c.push(new Case(withSchemes(BEARER_T + "," + KEY, tool("\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":[{\"id\":\"b\"},{\"id\":\"k\"}]}")),
    "tools[0].requestTemplate.security[1]: no credential for backend security scheme \"k\": set its credential here, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential"));
  c.push(new Case(withSchemes(BEARER_T + "," + OAUTH + ",\"defaultCredential\":\"a:b\"}", tool("\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":[{\"id\":\"b\"},{\"id\":\"o\"}]}")),
    "tools[0].requestTemplate.security[1]: oauth2 scheme \"o\" can only be the first requirement of a security list"));
  c.push(new Case(withSchemes(BEARER_T + "," + KEYED, tool("\"args\":[{\"name\":\"X-Key\",\"position\":\"header\"}],\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":[{\"id\":\"b\"},{\"id\":\"k\"}]}")),
    "tools[0].args[0].name: an argument cannot set the \"x-key\" header: a security scheme of this tool uses it"));
  c.push(new Case(withServer("\"limits\":{\"maxRequestBodyBytes\":200000000}"), "server.limits.maxRequestBodyBytes: must be at most 104857600"));
  c.push(new Case(withServer("\"limits\":{\"maxResponseBodyBytes\":200000000}"), "server.limits.maxResponseBodyBytes: must be at most 104857600"));
  c.push(new Case(withServer("\"limits\":{\"maxTemplateOutputBytes\":200000000}"), "server.limits.maxTemplateOutputBytes: must be at most 104857600"));
  c.push(new Case(withServer("\"limits\":{\"maxArguments\":100000}"), "server.limits.maxArguments: must be at most 65536"));
  c.push(new Case(withServer("\"limits\":{\"maxHeaderValueBytes\":2000000}"), "server.limits.maxHeaderValueBytes: must be at most 1048576"));
  c.push(new Case(withServer("\"limits\":{\"backendTimeoutMs\":3600001}"), "server.limits.backendTimeoutMs: must be at most 3600000"));
  c.push(new Case(usingScheme(OAUTH + ",\"defaultCredential\":\"a:b\",\"tokenTimeoutMs\":300001}", "o"), "server.securitySchemes[0].tokenTimeoutMs: must be at most 300000"));
  // rules
  c.push(new Case("{\"_rules_\":{}}", "_rules_: expected array"));
  c.push(new Case("{\"_rules_\":[1]}", "_rules_[0]: expected object"));
  c.push(new Case("{\"_rules_\":[{\"server\":{\"name\":\"r\"}}]}", "_rules_[0]: needs one of _match_route_, _match_domain_, _match_service_"));
  c.push(new Case("{\"_rules_\":[{\"_match_route_\":[\"a\"],\"_match_domain_\":[\"b\"],\"server\":{\"name\":\"r\"}}]}",
    "_rules_[0]: only one of _match_route_, _match_domain_, _match_service_ may be set"));
  c.push(new Case("{\"_rules_\":[{\"_match_route_\":[],\"server\":{\"name\":\"r\"}}]}", "_rules_[0]._match_route_: must not be empty"));
  c.push(new Case("{\"_rules_\":[{\"_match_route_\":\"a\",\"server\":{\"name\":\"r\"}}]}", "_rules_[0]._match_route_: expected array"));
  c.push(new Case("{\"_rules_\":[{\"_match_route_prefix_\":[\"a\"],\"server\":{\"name\":\"r\"}}]}", "_rules_[0]._match_route_prefix_: unsupported matcher"));
  c.push(new Case("{\"_rules_\":[{\"_match_route_\":[\"a\"]}]}", "_rules_[0].server.name: required"));
  c.push(new Case("{\"_rules_\":[{\"_match_route_\":[\"a\"],\"server\":{\"name\":\"r\"},\"tools\":[" + tool("") + "]}]}",
    "_rules_[0].tools[0].requestTemplate.url: required unless responseTemplate.body is set (direct response)"));
  return c;
}

function joined(l: string[]): string {
  return l.join("\n");
}

describe("config validation messages", () => {
  it("reports each error as one line naming the field path", () => {
    const cs = cases();
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      const r = parseRootConfig(c.json);
      expect(r.ok).toBe(false, "should be rejected: " + c.json);
      expect(r.config).toBeNull();
      expect(r.errors.includes(c.want)).toBe(true, "want <" + c.want + "> got <" + joined(r.errors) + "> for " + c.json);
    }
  });

  it("accepts what can work: config values anywhere in the host, one plain argument in the host, passthrough without a configured credential", () => {
    const ok = [
      withTools(tool("\"requestTemplate\":{\"url\":\"http://box-{{.args.id}}.sandbox.test/a\"}")),
      withTools(tool("\"requestTemplate\":{\"url\":\"https://{{.config.host}}:{{.config.port}}/a\"}")),
      withTools(tool("\"requestTemplate\":{\"url\":\"{{.config.base}}/a/{{.args.x}}\"}")),
      withTools(tool("\"requestTemplate\":{\"url\":\"https://{{.args.region}}.api.x.com:8443/a\"}")),
      withTools(tool("\"requestTemplate\":{\"url\":\"https://{{ .args.region }}.{{.config.domain}}/a?q={{.args.q | lower}}\"}")),
      withSchemes(BEARER + "," + KEY, tool("\"security\":{\"id\":\"b\",\"passthrough\":true},\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":{\"id\":\"b\"}}")),
    ];
    for (let i = 0; i < ok.length; i++) {
      const r = parseRootConfig(ok[i]);
      expect(r.ok).toBe(true, ok[i] + ": " + joined(r.errors));
    }
  });

  it("collects all errors, not just the first", () => {
    const r = parseRootConfig(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"method\":\"a b\"},\"args\":[{\"name\":\"a\",\"type\":\"x\",\"required\":1}],\"title\":2")));
    expect(r.errors.length).toBe(3, joined(r.errors));
  });

  it("prefixes template compile errors with the field path", () => {
    const bad = "{{ .x";
    const e = compileTemplate(bad).error;
    expect(e.length > 0).toBe(true, "the template engine must reject an unclosed action");
    const r = parseRootConfig(withTools(tool("\"requestTemplate\":{\"url\":\"" + bad + "\",\"body\":\"" + bad +
      "\",\"headers\":[{\"key\":\"h\",\"value\":\"" + bad + "\"}]},\"responseTemplate\":{\"body\":\"" + bad +
      "\"},\"errorResponseTemplate\":\"" + bad + "\"")));
    const want = ["requestTemplate.url", "requestTemplate.body", "requestTemplate.headers[0].value", "responseTemplate.body", "errorResponseTemplate"];
    for (let i = 0; i < want.length; i++) {
      expect(r.errors.includes("tools[0]." + want[i] + ": " + e)).toBe(true, joined(r.errors));
    }
  });

  it("does not repeat an inherited global error for every rule", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"\"},\"_rules_\":[{\"_match_route_\":[\"a\"]},{\"_match_route_\":[\"b\"]}]}");
    expect(r.errors.length).toBe(1, joined(r.errors));
  });
});
