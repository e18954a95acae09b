// Issue 17 item 1: the per-tool plan of a loaded config printed as text (config/explain.ts);
// credentials are named by where they come from, never by value.
import { parseRootConfig } from "../../assembly/config/parse";
import { explainConfig } from "../../assembly/config/explain";

const CONFIG = `{
  "server": {
    "name": "s", "baseUrl": "https://api.example.com/v1", "config": {"host": "eu.example.com"},
    "securitySchemes": [
      {"id": "client", "type": "http", "scheme": "bearer"},
      {"id": "key", "type": "apiKey", "in": "header", "name": "X-Key", "defaultCredential": "KEY-SECRET"},
      {"id": "tenant", "type": "apiKey", "in": "query", "name": "tenant", "defaultCredential": "TENANT-SECRET"}
    ],
    "defaultUpstreamSecurity": {"id": "key"}
  },
  "tools": [
    {"name": "get", "args": [{"name": "id", "position": "path", "required": true}, {"name": "q"}],
     "requestTemplate": {"url": "https://{{.args.region}}.{{.config.host}}/items/{id}", "argsToUrlParam": true}},
    {"name": "post", "args": [{"name": "a"}],
     "requestTemplate": {"url": "/things", "method": "post", "argsToJsonBody": true,
       "security": [{"id": "key", "credential": "OTHER-SECRET"}, {"id": "tenant"}]},
     "outputSchema": {"type": "object"}},
    {"name": "me", "security": {"id": "client", "passthrough": true},
     "requestTemplate": {"url": "https://api.example.com/me"}, "responseTemplate": {"prependBody": "me: "}},
    {"name": "hello", "responseTemplate": {"body": "hello"}}
  ]
}`;

const WANT = `tool get
  call: GET https://{{.args.region}}.{{.config.host}}/items/{id}
  destination: https://{{.args.region}} (one DNS label).{{.config.host}} (config), path /items/{id}
  arguments: id → path (required), q → query
  body: none
  client: no credential read
  backend: scheme key (apiKey in header X-Key), credential from the scheme's defaultCredential
  response: the body as text
  limits: template output 1048576 B, response 4194304 B, timeout 30000 ms
tool post
  call: POST /things
  destination: https://api.example.com (server.baseUrl), path /v1/things
  arguments: a → JSON body
  body: arguments as a JSON object (application/json)
  client: no credential read
  backend: scheme key (apiKey in header X-Key), credential from requestTemplate.security.credential
  and: scheme tenant (apiKey in query tenant), credential from the scheme's defaultCredential
  response: the body as text, structuredContent for a JSON object
  limits: template output 1048576 B, response 4194304 B, timeout 30000 ms
tool me
  call: GET https://api.example.com/me
  destination: https://api.example.com, path /me
  arguments: none
  body: none
  client: scheme client (http bearer), passed through to the backend
  backend: scheme key (apiKey in header X-Key), credential from the client (passthrough)
  response: prependBody + body + appendBody
  limits: template output 1048576 B, response 4194304 B, timeout 30000 ms
tool hello
  call: none (direct response from responseTemplate.body)
  arguments: none
  client: no credential read
  response: responseTemplate.body
  limits: template output 1048576 B, response 4194304 B, timeout 30000 ms
`;

describe("explainConfig", () => {
  it("prints each tool's plan, naming where credentials come from, never their values", () => {
    const r = parseRootConfig(CONFIG);
    expect(r.ok).toBe(true, r.errors.join("\n"));
    const text = explainConfig(r.config!.global!);
    expect(text).toBe(WANT);
    expect(text.includes("SECRET")).toBe(false);
  });
});
