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
  c.push(new Case("{\"server\":{\"name\":7}}", "server.name: expected string"));
  c.push(new Case("{\"server\":\"x\"}", "server: expected object"));
  c.push(new Case("{\"tools\":[]}", "server.name: required"));
  c.push(new Case("{\"server\":{\"name\":\"s\",\"name\":\"t\"}}", "server: duplicate key \"name\""));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"toolSet\":{}}", "toolSet: composed tool sets are not supported"));
  c.push(new Case(withTools(tool(URL_T) + "," + tool(URL_T)), "tools[1].name: duplicate tool \"t\""));
  c.push(new Case(withTools("{\"description\":\"d\"," + URL_T + "}"), "tools[0].name: required"));
  c.push(new Case(withTools("7"), "tools[0]: expected object"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":{}}", "tools: expected array"));
  c.push(new Case(withTools(tool("\"description\":5," + URL_T)), "tools[0]: duplicate key \"description\""));
  c.push(new Case(withTools("{\"name\":\"t\",\"description\":5," + URL_T + "}"), "tools[0].description: expected string"));
  c.push(new Case(withTools("{\"name\":\"t\",\"title\":[]," + URL_T + "}"), "tools[0].title: expected string"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":{}")), "tools[0].args: expected array"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\"},{\"name\":\"b\",\"required\":\"true\"}]")),
    "tools[0].args[1].required: expected boolean"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[3]")), "tools[0].args[0]: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"description\":\"x\"}]")), "tools[0].args[0].name: required"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"type\":\"str\"}]")),
    "tools[0].args[0].type: unknown type \"str\" (expected string, number, integer, boolean, array or object)"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"position\":\"form\"}]")),
    "tools[0].args[0].position: unknown position \"form\" (expected query, path, header, cookie or body)"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\"},{\"name\":\"a\"}]")),
    "tools[0].args[1].name: duplicate argument \"a\""));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"enum\":\"x\"}]")), "tools[0].args[0].enum: expected array"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"items\":1}]")), "tools[0].args[0].items: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"properties\":[]}]")), "tools[0].args[0].properties: expected object"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"argsToJsonBody\":true,\"argsToFormBody\":true}")),
    "tools[0].requestTemplate: only one of argsToJsonBody, argsToUrlParam, or argsToFormBody can be set to true"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"argsToUrlParam\":1}")),
    "tools[0].requestTemplate.argsToUrlParam: expected boolean"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"method\":\"fetch\"}")),
    "tools[0].requestTemplate.method: unsupported method \"FETCH\" (expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":[{\"key\":\"\",\"value\":\"v\"}]}")),
    "tools[0].requestTemplate.headers[0].key: required"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":[{\"key\":\"a b\",\"value\":\"v\"}]}")),
    "tools[0].requestTemplate.headers[0].key: invalid header name \"a b\""));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":{}}")), "tools[0].requestTemplate.headers: expected array"));
  c.push(new Case(withTools(tool("\"requestTemplate\":\"/x\"")), "tools[0].requestTemplate: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"responseTemplate\":{\"body\":\"b\",\"prependBody\":\"p\"}")),
    "tools[0].responseTemplate: prependBody and appendBody cannot be used when body is specified"));
  c.push(new Case(withTools(tool("\"responseTemplate\":{\"appendBody\":\"a\"}")),
    "tools[0].requestTemplate.url: required unless responseTemplate.body is set (direct response)"));
  c.push(new Case(withTools(tool("")), "tools[0].requestTemplate.url: required unless responseTemplate.body is set (direct response)"));
  c.push(new Case(withTools(tool(URL_T + ",\"outputSchema\":{\"type\":\"array\"}")), "tools[0].outputSchema.type: must be \"object\""));
  c.push(new Case(withTools(tool(URL_T + ",\"outputSchema\":[]")), "tools[0].outputSchema: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"inputSchema\":{}")), "tools[0].inputSchema.type: must be \"object\""));
  c.push(new Case(withTools(tool(URL_T + ",\"annotations\":true")), "tools[0].annotations: expected object"));
  c.push(new Case(withTools(tool(URL_T + ",\"errorResponseTemplate\":{}")), "tools[0].errorResponseTemplate: expected string"));
  // security schemes
  c.push(new Case(withSchemes(BEARER + "," + BEARER, tool(URL_T)), "server.securitySchemes[1].id: duplicate scheme \"b\""));
  c.push(new Case(withSchemes("{\"type\":\"http\",\"scheme\":\"basic\"}", tool(URL_T)), "server.securitySchemes[0].id: required"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"digest\"}", tool(URL_T)),
    "server.securitySchemes[0].type: unsupported type \"digest\" (expected http, apiKey or oauth2)"));
  c.push(new Case(withSchemes("{\"id\":\"x\"}", tool(URL_T)), "server.securitySchemes[0].type: required (http, apiKey or oauth2)"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"http\",\"scheme\":\"digest\"}", tool(URL_T)),
    "server.securitySchemes[0].scheme: unsupported scheme \"digest\" (expected basic or bearer)"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"http\"}", tool(URL_T)),
    "server.securitySchemes[0].scheme: required for type http (basic or bearer)"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"apiKey\",\"in\":\"header\"}", tool(URL_T)),
    "server.securitySchemes[0].name: required for type apiKey"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"apiKey\",\"name\":\"k\"}", tool(URL_T)),
    "server.securitySchemes[0].in: required for type apiKey (header, query or cookie)"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"apiKey\",\"in\":\"body\",\"name\":\"k\"}", tool(URL_T)),
    "server.securitySchemes[0].in: unsupported location \"body\" (expected header, query or cookie)"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"a:b\"}", tool(URL_T)),
    "server.securitySchemes[0].name: invalid header name \"a:b\""));
  c.push(new Case(withSchemes("7", tool(URL_T)), "server.securitySchemes[0]: expected object"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenCluster\":\"c\"}", tool(URL_T)),
    "server.securitySchemes[0].tokenUrl: required for type oauth2 (tokenUrl or flows.clientCredentials.tokenUrl)"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"/token\",\"tokenCluster\":\"c\"}", tool(URL_T)),
    "server.securitySchemes[0].tokenUrl: must be an absolute http(s) URL"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"flows\":{\"clientCredentials\":{\"tokenUrl\":\"ftp://x/t\"}},\"tokenCluster\":\"c\"}", tool(URL_T)),
    "server.securitySchemes[0].flows.clientCredentials.tokenUrl: must be an absolute http(s) URL"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://user@idp/t\",\"tokenCluster\":\"c\"}", tool(URL_T)),
    "server.securitySchemes[0].tokenUrl: must be an absolute http(s) URL"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\"}", tool(URL_T)),
    "server.securitySchemes[0].tokenCluster: required for type oauth2 (Envoy cluster of the token endpoint)"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\",\"tokenCluster\":\"c\",\"tokenEndpointAuthMethod\":\"private_key_jwt\"}", tool(URL_T)),
    "server.securitySchemes[0].tokenEndpointAuthMethod: unsupported method \"private_key_jwt\" (expected client_secret_basic or client_secret_post)"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\",\"tokenCluster\":\"c\",\"tokenTimeoutMs\":-1}", tool(URL_T)),
    "server.securitySchemes[0].tokenTimeoutMs: expected positive integer"));
  c.push(new Case(withSchemes("{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"https://idp/t\",\"tokenCluster\":\"c\",\"scopes\":[\"a\",1]}", tool(URL_T)),
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
  c.push(new Case(withSchemes(BEARER + "," + KEY, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"k\",\"passthrough\":true}}")),
    "tools[0].requestTemplate.security.passthrough: not allowed on an upstream (backend) requirement; set it on tools[].security or server.defaultDownstreamSecurity"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"credential\":\"c\"}")),
    "tools[0].security.credential: not allowed on a downstream (client-side) requirement; set it on requestTemplate.security or server.defaultUpstreamSecurity"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"passthrough\":true}")),
    "tools[0].security.passthrough: passthrough needs an upstream requirement (requestTemplate.security or server.defaultUpstreamSecurity) naming how the backend takes the credential"));
  c.push(new Case("{\"server\":{\"name\":\"s\",\"securitySchemes\":[" + BEARER + "],\"defaultDownstreamSecurity\":{\"id\":\"b\",\"passthrough\":true}},\"tools\":[" + tool(URL_T) + "]}",
    "tools[0] (passthrough from server.defaultDownstreamSecurity): passthrough needs an upstream requirement (requestTemplate.security or server.defaultUpstreamSecurity) naming how the backend takes the credential"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"passthrough\":\"yes\"}")),
    "tools[0].security.passthrough: expected boolean or \"exchange\""));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"passthrough\":true}")),
    "tools[0].security.id: required when credential or passthrough is set"));
  c.push(new Case(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"b\",\"audiences\":[\"a\"]}}")),
    "tools[0].requestTemplate.security.audiences: not allowed on an upstream (backend) requirement"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"audiences\":\"a\"}")), "tools[0].security.audiences: expected array"));
  // server fields
  c.push(new Case(withServer("\"allowedOrigins\":[1]"), "server.allowedOrigins[0]: expected string"));
  c.push(new Case(withServer("\"forwardHeaders\":[\"x y\"]"), "server.forwardHeaders[0]: invalid header name \"x y\""));
  c.push(new Case(withServer("\"passthroughAuthHeader\":\"yes\""), "server.passthroughAuthHeader: expected boolean"));
  c.push(new Case(withServer("\"config\":[1]"), "server.config: expected object"));
  c.push(new Case(withServer("\"version\":1"), "server.version: expected string"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":0}"), "server.limits.maxJsonDepth: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":1.5}"), "server.limits.maxJsonDepth: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":\"8\"}"), "server.limits.maxJsonDepth: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxJsonDepth\":300}"), "server.limits.maxJsonDepth: must be at most 256"));
  c.push(new Case(withServer("\"limits\":{\"backendTimeoutMs\":99999999999}"), "server.limits.backendTimeoutMs: expected positive integer"));
  c.push(new Case(withServer("\"limits\":{\"maxBodies\":1}"), "server.limits.maxBodies: unknown limit"));
  c.push(new Case(withServer("\"limits\":5"), "server.limits: expected object"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"allowTools\":\"a\"}", "allowTools: expected array"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"allowTools\":[1]}", "allowTools[0]: expected string"));
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

  it("collects all errors, not just the first", () => {
    const r = parseRootConfig(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"type\":\"x\",\"required\":1}],\"title\":2")));
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
