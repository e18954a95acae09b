// `requestTemplate.security` as a list (our addition, issue 22 item 7): every requirement is
// applied (OpenAPI's AND of schemes); the object form keeps working.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { BackendRequest, Header } from "../../assembly/rest/request";
import { applyAuth } from "../../assembly/auth/auth";

const SCHEMES = "\"securitySchemes\":[{\"id\":\"key\",\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-Key\",\"defaultCredential\":\"k-secret-1\"}," +
  "{\"id\":\"tenant\",\"type\":\"apiKey\",\"in\":\"query\",\"name\":\"tenant\",\"defaultCredential\":\"t-secret-2\"}," +
  "{\"id\":\"bare\",\"type\":\"http\",\"scheme\":\"bearer\"}," +
  "{\"id\":\"cc\",\"type\":\"oauth2\",\"tokenUrl\":\"http://auth/token\",\"tokenCluster\":\"auth\",\"defaultCredential\":\"id:sec\"}]";

function parse(security: string): PluginConfig | null {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"," + SCHEMES + "},\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://api/x\",\"security\":" + security + "}}]}");
  return r.ok ? r.config!.global! : null;
}

function errors(security: string): string {
  return parseRootConfig("{\"server\":{\"name\":\"s\"," + SCHEMES + "},\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://api/x\",\"security\":" + security + "}}]}").errors.join("\n");
}

describe("security lists", () => {
  it("apply every requirement; secrets of all of them are scrubbed", () => {
    const cfg = parse("[{\"id\":\"key\"},{\"id\":\"tenant\"}]")!;
    const req = new BackendRequest();
    const out = applyAuth(cfg, cfg.tools[0], new Array<Header>(), "/", req);
    expect(out.ok).toBe(true, out.error);
    expect(req.getHeader("x-key")).toBe("k-secret-1");
    expect(req.pathWithQuery()).toBe("/?tenant=t-secret-2");
    expect(out.secrets.includes("t-secret-2")).toBe(true);
  });

  it("a one-element list and the object form are the same", () => {
    const a = parse("[{\"id\":\"key\"}]")!;
    const b = parse("{\"id\":\"key\"}")!;
    const ra = new BackendRequest();
    const rb = new BackendRequest();
    expect(applyAuth(a, a.tools[0], new Array<Header>(), "/", ra).ok).toBe(true);
    expect(applyAuth(b, b.tools[0], new Array<Header>(), "/", rb).ok).toBe(true);
    expect(ra.getHeader("x-key")).toBe(rb.getHeader("x-key"));
    expect(a.tools[0].requestTemplate.extraSecurity.length).toBe(0);
  });

  it("reject at configure time a later requirement without a credential or of type oauth2 (every call would be refused)", () => {
    expect(errors("[{\"id\":\"key\"},{\"id\":\"bare\"}]")).toBe("tools[0].requestTemplate.security[1]: no credential for backend security scheme \"bare\": set its credential here, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential");
    expect(errors("[{\"id\":\"key\"},{\"id\":\"cc\"}]")).toBe("tools[0].requestTemplate.security[1]: oauth2 scheme \"cc\" can only be the first requirement of a security list");
    expect(parse("[{\"id\":\"key\"},{\"id\":\"bare\",\"credential\":\"tok\"}]")).not.toBeNull();
  });

  it("still refuse at call time when a later requirement has no credential or is oauth2; nothing is half-applied to the caller", () => {
    // configs the parser rejects, reached by changing a loaded one: the request path stays fail-closed
    const cfg = parse("[{\"id\":\"key\"},{\"id\":\"tenant\"}]")!;
    cfg.server.securitySchemes[1].defaultCredential = "";
    const out = applyAuth(cfg, cfg.tools[0], new Array<Header>(), "/", new BackendRequest());
    expect(out.ok).toBe(false);
    expect(out.reason).toBe("no_backend_credential");
    const o2 = parse("[{\"id\":\"key\"},{\"id\":\"tenant\"}]")!;
    o2.server.securitySchemes[1].type = "oauth2";
    const out2 = applyAuth(o2, o2.tools[0], new Array<Header>(), "/", new BackendRequest());
    expect(out2.ok).toBe(false);
    expect(out2.reason).toBe("unsupported_scheme");
  });

  it("an oauth2 requirement first still gets its token; the others are placed", () => {
    const cfg = parse("[{\"id\":\"cc\"},{\"id\":\"key\"}]")!;
    const req = new BackendRequest();
    const out = applyAuth(cfg, cfg.tools[0], new Array<Header>(), "/", req);
    expect(out.ok).toBe(true, out.error);
    expect(out.needsToken).toBe(true);
    expect(req.getHeader("x-key")).toBe("k-secret-1");
  });

  it("config errors name the list element", () => {
    expect(errors("[]")).toBe("tools[0].requestTemplate.security: must not be an empty list");
    expect(errors("[{\"id\":\"key\"},{\"id\":\"ghost\"}]").includes("tools[0].requestTemplate.security[1]")).toBe(true);
  });
});
