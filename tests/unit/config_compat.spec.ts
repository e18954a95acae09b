// Higress tolerance (docs/compatibility.md): each config here loads in Higress's
// Go plugin, so it loads here too, with the warning line the table names and
// the reading it describes.
import { parseRootConfig, ConfigResult } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";

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
const BEARER = "{\"id\":\"b\",\"type\":\"http\",\"scheme\":\"bearer\",\"defaultCredential\":\"tok\"}";
const KEY = "{\"id\":\"k\",\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-Key\",\"defaultCredential\":\"key\"}";

class Case {
  constructor(public json: string, public want: string) {}
}

function cases(): Case[] {
  const c = new Array<Case>();
  c.push(new Case("{\"server\":{\"name\":7},\"tools\":[" + tool(URL_T) + "]}", "server.name: expected string: read as \"7\" (as Higress does)"));
  c.push(new Case(withServer("\"config\":[1]"), "server.config: not an object: templates see .config as null (as Higress does)"));
  c.push(new Case(withServer("\"passthroughAuthHeader\":\"yes\""), "server.passthroughAuthHeader: \"yes\" is not a boolean: read as false (as Higress does)"));
  c.push(new Case(withServer("\"passthroughAuthHeader\":\"1\""), "server.passthroughAuthHeader: expected boolean: \"1\" read as true (as Higress does)"));
  c.push(new Case("{\"server\":{\"name\":\"s\",\"securitySchemes\":" + BEARER + "},\"tools\":[" + tool(URL_T) + "]}",
    "server.securitySchemes: a single object instead of a list: read as a list of one (as Higress does)"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":" + tool(URL_T) + "}", "tools: a single object instead of a list: read as a list of one (as Higress does)"));
  c.push(new Case("{\"server\":{\"name\":\"s\"}}", "tools: no tools: Higress would serve a pre-registered Go server named \"s\"; this plugin serves REST tools only"));
  c.push(new Case(withTools(tool(URL_T) + "," + tool(URL_T)), "tools[1].name: duplicate tool \"t\": ignored, the first one wins (as in Higress)"));
  c.push(new Case(withTools("{\"description\":\"d\"," + URL_T + "}," + tool(URL_T)), "tools[0].name: missing: tool skipped"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"type\":\"str\"}]")),
    "tools[0].args[0].type: \"str\" is not string, number, integer, boolean, array or object: copied into inputSchema as is, values not type-checked (as in Higress)"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\"},{\"name\":\"a\",\"type\":\"integer\"}]")),
    "tools[0].args[1].name: duplicate argument \"a\": this later definition replaces the earlier one (as in Higress)"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"description\":\"x\"}]")), "tools[0].args[0].name: missing: argument skipped"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[null]")), "tools[0].args[0]: empty argument (null), skipped"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"position\":\"form\"}]")),
    "tools[0].args[0].position: unknown position \"form\" (expected query, path, header, cookie or body): treated as none (as in Higress)"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"type\":\"array\",\"items\":\"string\"}]")),
    "tools[0].args[0].items: not a JSON Schema (object, array or boolean): ignored"));
  c.push(new Case(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"type\":\"object\",\"properties\":[]}]")),
    "tools[0].args[0].properties: not a JSON Schema object: ignored"));
  c.push(new Case(withTools(tool(URL_T + ",\"Args\":[{\"Name\":\"a\",\"Type\":\"integer\"}]")),
    "tools[0].Args: read as \"args\" (field names are matched case-insensitively, as Higress does)"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"URL\":\"/x\",\"ArgsToJSONBody\":true}")),
    "tools[0].requestTemplate.ArgsToJSONBody: read as \"argsToJsonBody\" (field names are matched case-insensitively, as Higress does)"));
  c.push(new Case(withTools(tool(URL_T + ",\"x-owner\":\"team\"")), "tools[0].x-owner: unknown field, ignored"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"method\":\"propfind\"}")),
    "tools[0].requestTemplate.method: uncommon method \"PROPFIND\" (expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":[{\"key\":\"\",\"value\":\"v\"},{\"key\":\"a\",\"value\":\"b\"}]}")),
    "tools[0].requestTemplate.headers[0].key: empty: header skipped (as Higress does)"));
  c.push(new Case(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":[null]}")), "tools[0].requestTemplate.headers[0]: empty header (null), skipped"));
  c.push(new Case(withTools(tool(URL_T + ",\"outputSchema\":{\"type\":\"array\"}")), "tools[0].outputSchema.type: not \"object\" (MCP requires it): outputSchema ignored"));
  c.push(new Case(withTools(tool(URL_T + ",\"outputSchema\":{\"properties\":{}}")), "tools[0].outputSchema.type: not \"object\" (MCP requires it): outputSchema ignored"));
  // security
  c.push(new Case(withSchemes(BEARER + "," + BEARER, tool(URL_T)), "server.securitySchemes[1].id: duplicate scheme \"b\": this later one replaces the earlier one (as Higress does)"));
  c.push(new Case(withSchemes("{\"id\":\"x\",\"type\":\"openIdConnect\"}", tool(URL_T)),
    "server.securitySchemes[0].type: unsupported type \"openIdConnect\" (expected http, apiKey or oauth2) (scheme unused: ignored)"));
  c.push(new Case(withSchemes("{\"type\":\"http\",\"scheme\":\"basic\"}", tool(URL_T)), "server.securitySchemes[0].id: required (scheme unused: ignored)"));
  c.push(new Case(withSchemes("null," + BEARER, tool(URL_T)), "server.securitySchemes[0]: empty security scheme (null), skipped"));
  c.push(new Case(withSchemes("{\"id\":\"b\",\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormt\":\"JWT\"}", tool(URL_T)),
    "server.securitySchemes[0].bearerFormt: unknown field, ignored"));
  c.push(new Case(withSchemes("{\"ID\":\"b\",\"Type\":\"http\",\"Scheme\":\"bearer\",\"DefaultCredential\":\"t\"}", tool("\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":{\"Id\":\"b\"}}")),
    "server.securitySchemes[0].ID: read as \"id\" (field names are matched case-insensitively, as Higress does)"));
  c.push(new Case(withSchemes(BEARER + "," + KEY, tool("\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":{\"id\":\"k\",\"passthrough\":true}}")),
    "tools[0].requestTemplate.security.passthrough: ignored on an upstream (backend) requirement (as Higress does); set it on tools[].security or server.defaultDownstreamSecurity"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"id\":\"b\",\"credential\":\"c\"}")),
    "tools[0].security.credential: ignored on a downstream (client-side) requirement (as Higress does); set it on requestTemplate.security or server.defaultUpstreamSecurity"));
  c.push(new Case(withSchemes(BEARER, tool(URL_T + ",\"security\":{\"passthrough\":true}")),
    "tools[0].security.passthrough: ignored without an id: the server default requirement applies (as in Higress)"));
  // allowTools
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"allowTools\":\"t\"}",
    "allowTools: a single value instead of a list: read as a list of one (as Higress does)"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"allowTools\":[1]}", "allowTools[0]: expected string: read as \"1\" (as Higress does)"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"allowTools\":null}", "allowTools: null: an empty allow-list, every tool denied (as Higress does)"));
  // fields gjson never reads (top level, rules, server); names and annotations MCP clients may refuse
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"tool\":[]}", "tool: unknown field, ignored"));
  c.push(new Case(withServer("\"allowTools\":[\"t\"]"), "server.allowTools: unknown field, ignored"));
  c.push(new Case("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"_rules_\":[{\"_match_route_\":[\"r\"],\"tool\":[]}]}", "_rules_[0].tool: unknown field, ignored"));
  c.push(new Case(withServer("\"type\":1"), "server.type: expected string: read as \"1\", a REST server (as Higress does)"));
  c.push(new Case(withTools("{\"name\":\"get item\"," + URL_T + "}"),
    "tools[0].name: \"get item\" is not an MCP tool name (1-128 of A-Z a-z 0-9 _ - .): strict clients may refuse the tools/list"));
  c.push(new Case(withTools(tool(URL_T + ",\"annotations\":{\"readOnlyHint\":\"yes\"}")),
    "tools[0].annotations.readOnlyHint: not a boolean (MCP's ToolAnnotations): echoed as is, strict clients may refuse the tools/list"));
  return c;
}

function loaded(json: string): PluginConfig {
  const r = parseRootConfig(json);
  expect(r.ok).toBe(true, "should load: " + r.errors.join("\n"));
  return r.config!.global!;
}

describe("Higress tolerance: loads with a warning", () => {
  it("loads each config and names the warning", () => {
    const cs = cases();
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      const r: ConfigResult = parseRootConfig(c.json);
      expect(r.ok).toBe(true, "should load: " + c.json + " errors: " + r.errors.join("\n"));
      expect(r.warnings.includes(c.want)).toBe(true, "want <" + c.want + "> got <" + r.warnings.join("\n") + "> for " + c.json);
    }
  });

  it("reads each difference as Higress does", () => {
    expect(loaded("{\"server\":{\"name\":7},\"tools\":[" + tool(URL_T) + "]}").server.name).toBe("7");
    expect(loaded(withServer("\"config\":[1]")).server.configJson).toBe("null");
    expect(loaded(withServer("\"passthroughAuthHeader\":\"T\"")).server.passthroughAuthHeader).toBe(true);
    expect(loaded(withServer("\"passthroughAuthHeader\":2")).server.passthroughAuthHeader).toBe(true);
    expect(loaded(withServer("\"passthroughAuthHeader\":\"yes\"")).server.passthroughAuthHeader).toBe(false);
    expect(loaded(withTools(tool(URL_T) + "," + tool("\"requestTemplate\":{\"url\":\"/other\"}"))).tools[0].requestTemplate.url).toBe("http://b/x");
    const dup = loaded(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"a\",\"type\":\"integer\"}]"))).tools[0];
    expect(dup.args.length).toBe(2);
    expect(dup.args[0].type).toBe("integer");
    const folded = loaded(withTools(tool("\"requestTemplate\":{\"URL\":\"/x\",\"Method\":\"post\",\"ArgsToJSONBody\":true}"))).tools[0];
    expect(folded.requestTemplate.url).toBe("/x");
    expect(folded.requestTemplate.method).toBe("POST");
    expect(folded.requestTemplate.argsToJsonBody).toBe(true);
    const str = loaded(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"type\":\"String\",\"position\":\"Form\"}]"))).tools[0];
    expect(str.args[0].type).toBe("String");
    expect(str.args[0].position).toBe("");
    expect(str.listEntryJson.includes("\"type\":\"String\"")).toBe(true);
    expect(loaded(withTools(tool(URL_T + ",\"outputSchema\":{\"type\":\"array\"}"))).tools[0].outputSchemaJson).toBe("");
    expect(loaded(withTools(tool(URL_T + ",\"args\":[{\"name\":\"a\",\"enum\":[]}]"))).tools[0].listEntryJson.includes("enum")).toBe(false);
    const twice = loaded(withSchemes(BEARER + ",{\"id\":\"b\",\"type\":\"apiKey\",\"in\":\"query\",\"name\":\"k\",\"defaultCredential\":\"c\"}", tool(URL_T)));
    expect(twice.server.securitySchemes.length).toBe(1);
    expect(twice.server.securitySchemes[0].type).toBe("apiKey");
    const nul = loaded("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"allowTools\":null}");
    expect(nul.hasAllowTools).toBe(true);
    expect(nul.allowTools.size).toBe(0);
    const onlyRules = parseRootConfig("{\"allowTools\":null,\"_rules_\":[{\"_match_route_\":[\"r\"],\"server\":{\"name\":\"r\"},\"tools\":[" + tool(URL_T) + "]}]}");
    expect(onlyRules.ok).toBe(true, onlyRules.errors.join("\n"));
    expect(onlyRules.config!.global).toBeNull();
    const one = loaded("{\"server\":{\"name\":\"s\"},\"tools\":[" + tool(URL_T) + "],\"allowTools\":\"t\"}");
    expect(one.allowTools.has("t")).toBe(true);
    const up = loaded(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":{\"id\":\"b\",\"passthrough\":true}}"))).tools[0];
    expect(up.requestTemplate.security!.passthrough).toBe(false);
  });

  it("a broken scheme rejects the config once a tool uses it", () => {
    const r = parseRootConfig(withSchemes("{\"id\":\"x\",\"type\":\"openIdConnect\"}", tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"x\"}}")));
    expect(r.ok).toBe(false);
    expect(r.errors.includes("server.securitySchemes[0].type: unsupported type \"openIdConnect\" (expected http, apiKey or oauth2)")).toBe(true, r.errors.join("\n"));
  });

  it("keeps refusing what puts security at stake", () => {
    // duplicate member names (a parser differential), an unknown scheme id, a credential that would silently be replaced
    expect(parseRootConfig(withTools("{\"name\":\"t\",\"name\":\"u\"," + URL_T + "}")).ok).toBe(false);
    expect(parseRootConfig(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"URL\":\"/y\"}"))).ok).toBe(false);
    expect(parseRootConfig(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"id\":\"nope\"}}"))).ok).toBe(false);
    expect(parseRootConfig(withSchemes(BEARER, tool("\"requestTemplate\":{\"url\":\"/x\",\"security\":{\"credential\":\"c\"}}"))).ok).toBe(false);
    expect(parseRootConfig(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"method\":\"CONNECT\"}"))).ok).toBe(false);
    expect(parseRootConfig(withTools(tool("\"requestTemplate\":{\"url\":\"/x\",\"headers\":[{\"key\":\"a\\\\r\\\\nb\",\"value\":\"v\"}]}"))).ok).toBe(false);
    expect(parseRootConfig("{\"server\":{\"name\":\"s\",\"type\":\"mcp-proxy\"}}").ok).toBe(false);
  });

  it("defaults an oauth2 tokenCluster to Higress's FQDN cluster name of tokenUrl", () => {
    const o = (url: string, cluster: string): string => {
      const sc = "{\"id\":\"o\",\"type\":\"oauth2\",\"tokenUrl\":\"" + url + "\",\"defaultCredential\":\"a:b\"" + (cluster.length > 0 ? ",\"tokenCluster\":\"" + cluster + "\"" : "") + "}";
      return loaded(withSchemes(sc, tool("\"requestTemplate\":{\"url\":\"http://b/x\",\"security\":{\"id\":\"o\"}}"))).server.securitySchemes[0].tokenCluster;
    };
    expect(o("https://IdP.example.com/oauth/token", "")).toBe("outbound|443||idp.example.com");
    expect(o("http://idp.example.com/token", "")).toBe("outbound|80||idp.example.com");
    expect(o("http://127.0.0.1:8080/token?x=1", "")).toBe("outbound|8080||127.0.0.1");
    expect(o("http://[::1]:9000/token", "")).toBe("outbound|9000||[::1]");
    expect(o("https://idp.example.com/token", "my-idp")).toBe("my-idp");
  });
});
