// Header-phase decisions: method, body presence, MCP-Protocol-Version, Origin, Content-Type.
import { checkRequestHeaders, originAllowed, isJsonMediaType } from "../../assembly/mcp/http";
import { PluginConfig } from "../../assembly/config/types";

function cfg(origins: string[]): PluginConfig {
  const c = new PluginConfig();
  c.server.name = "s";
  c.server.allowedOrigins = origins;
  return c;
}

class H {
  constructor(
    public method: string, public authority: string, public origin: string | null, public version: string | null,
    public ctype: string | null, public eos: bool, public status: i32, public details: string,
  ) {}
}

describe("mcp header checks", () => {
  it("decides each case", () => {
    const c = cfg([]);
    const t = new Array<H>();
    t.push(new H("POST", "mcp.local", null, null, "application/json", false, 200, ""));
    t.push(new H("POST", "mcp.local", null, "2025-11-25", null, false, 200, ""));
    t.push(new H("POST", "mcp.local", null, "2025-06-18", null, false, 200, ""));
    t.push(new H("POST", "mcp.local", null, "2025-03-26", null, false, 200, ""));
    t.push(new H("POST", "mcp.local", null, "2024-11-05", null, false, 200, ""));
    t.push(new H("GET", "mcp.local", null, null, null, true, 405, "mcp.method_not_allowed"));
    t.push(new H("DELETE", "mcp.local", null, null, null, true, 405, "mcp.method_not_allowed"));
    t.push(new H("PUT", "mcp.local", null, null, null, false, 405, "mcp.method_not_allowed"));
    t.push(new H("OPTIONS", "mcp.local", null, null, null, true, 405, "mcp.method_not_allowed"));
    t.push(new H("post", "mcp.local", null, null, null, false, 405, "mcp.method_not_allowed"));
    t.push(new H("POST", "mcp.local", null, null, null, true, 400, "mcp.missing_body"));
    // 2026-07-28 is checked in the body phase (modern era), as is any version sent with Mcp-Method
    t.push(new H("POST", "mcp.local", null, "2026-07-28", null, false, 200, ""));
    t.push(new H("POST", "mcp.local", null, "", null, false, 400, "mcp.unsupported_protocol_version"));
    t.push(new H("POST", "mcp.local", null, "2025-11-25,2025-06-18", null, false, 400, "mcp.unsupported_protocol_version"));
    t.push(new H("POST", "mcp.local", null, null, "application/octet-stream", false, 415, "mcp.unsupported_media_type"));
    t.push(new H("POST", "mcp.local", null, null, "application/grpc", false, 415, "mcp.unsupported_media_type"));
    t.push(new H("POST", "mcp.local", null, null, "Application/JSON; charset=utf-8", false, 200, ""));
    t.push(new H("POST", "mcp.local", null, null, "application/json-rpc+json", false, 200, ""));
    // allowedOrigins unset: same-origin is not enough (DNS rebinding controls both Origin and Host)
    t.push(new H("POST", "mcp.local", "http://mcp.local", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local:80", "http://MCP.local", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local", "https://mcp.local:443", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local:8080", "http://mcp.local:8080", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "evil.example.com:3000", "http://localhost:3000", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "localhost:3000", "http://localhost:3000", null, null, false, 200, ""));
    t.push(new H("POST", "mcp.local:8080", "http://mcp.local", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local", "http://evil.example.com", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local", "null", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local", "", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "mcp.local", "http://user@mcp.local", null, null, false, 403, "mcp.origin_forbidden"));
    t.push(new H("POST", "localhost:3000", "http://127.0.0.1:5173", null, null, false, 200, ""));
    t.push(new H("POST", "127.0.0.1:8080", "http://[::1]:9", null, null, false, 200, ""));
    t.push(new H("POST", "localhost:3000", "http://localhost.evil.com", null, null, false, 403, "mcp.origin_forbidden"));
    // Origin is checked before the method
    t.push(new H("GET", "mcp.local", "http://evil.example.com", null, null, true, 403, "mcp.origin_forbidden"));
    for (let i = 0; i < t.length; i++) {
      const h = t[i];
      const d = checkRequestHeaders(c, h.method, h.authority, h.origin, h.version, h.ctype, null, h.eos);
      const label = h.method + " " + h.authority + " " + (h.origin !== null ? h.origin! : "-") + " " + (h.version !== null ? h.version! : "-");
      expect(d.ok).toBe(h.status == 200, label);
      if (h.status != 200) {
        expect(d.status).toBe(h.status, label);
        expect(d.details).toBe(h.details, label);
        expect(d.body.startsWith("{\"jsonrpc\":\"2.0\",\"error\":{")).toBe(true, label + " " + d.body);
        expect(d.allowHeader).toBe(h.status == 405 ? "POST" : "", label);
      }
    }
  });

  it("leaves the version of a modern-shaped request (Mcp-Method present) to the body phase", () => {
    expect(checkRequestHeaders(cfg([]), "POST", "a", null, "1999-01-01", null, null, false, "tools/list").ok).toBe(true);
    expect(checkRequestHeaders(cfg([]), "POST", "a", null, "1999-01-01", null, null, false, null).status).toBe(400);
    expect(checkRequestHeaders(cfg([]), "GET", "a", null, "2026-07-28", null, null, true, "tools/list").status).toBe(405);
  });

  it("names the supported versions in the 400 body", () => {
    const d = checkRequestHeaders(cfg([]), "POST", "a", null, "1999-01-01", null, null, false);
    expect(d.body).toBe("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"unsupported MCP-Protocol-Version; supported: " +
      "2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05\",\"data\":{\"supported\":[\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"]}}}");
  });

  it("uses allowedOrigins instead of the same-origin rule when configured", () => {
    const c = cfg(["https://app.example.com"]);
    expect(checkRequestHeaders(c, "POST", "mcp.local", "https://APP.example.com", null, null, null, false).ok).toBe(true);
    expect(checkRequestHeaders(c, "POST", "mcp.local", "http://mcp.local", null, null, null, false).ok).toBe(false);
    expect(checkRequestHeaders(c, "POST", "localhost", "http://localhost", null, null, null, false).ok).toBe(false);
    expect(checkRequestHeaders(cfg(["*"]), "POST", "a", "http://evil", null, null, null, false).ok).toBe(true);
    // the conformance dns-rebinding probe: Host and Origin both evil
    expect(checkRequestHeaders(cfg(["http://localhost:3000"]), "POST", "evil.example.com", "http://evil.example.com", null, null, null, false).status).toBe(403);
    // unset: the rebinding probe (Host and Origin both the attacker's name) is refused
    expect(originAllowed([], "http://evil.example.com", "evil.example.com")).toBe(false);
    expect(originAllowed([], "http://127.0.0.1:5173", "localhost:8080")).toBe(true);
  });

  it("refuses content-encoded bodies with 415, after the other checks", () => {
    const c = cfg([]);
    const gz = checkRequestHeaders(c, "POST", "a", null, null, "application/json", "gzip", false);
    expect(gz.status).toBe(415);
    expect(gz.details).toBe("mcp.unsupported_content_encoding");
    expect(gz.body).toBe("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"compressed request bodies (content-encoding) are not supported\"}}");
    expect(checkRequestHeaders(c, "POST", "a", null, null, "application/json", " Identity ", false).ok).toBe(true);
    expect(checkRequestHeaders(c, "GET", "a", null, null, null, "gzip", false).status).toBe(405);
  });

  it("recognises JSON media types", () => {
    expect(isJsonMediaType("")).toBe(true);
    expect(isJsonMediaType("text/plain")).toBe(false);
    expect(isJsonMediaType("application/jsonx")).toBe(false);
  });
});
