// `_rules_`: per-rule configs, inheritance of server/tools/allowTools, and the
// selection order route > domain > service > global.
import { parseRootConfig } from "../../assembly/config/parse";
import { selectConfig, domainMatches, serviceMatches } from "../../assembly/config/rules";
import { stripPort } from "../../assembly/util/authority";
import { RootConfig } from "../../assembly/config/types";

const TOOL = "{\"name\":\"g\",\"requestTemplate\":{\"url\":\"/g\"}}";
const CONFIG = "{" +
  "\"server\":{\"name\":\"global\"},\"tools\":[" + TOOL + "],\"allowTools\":[\"g\"]," +
  "\"_rules_\":[" +
  "{\"_match_service_\":[\"svc.ns.svc.cluster.local\"],\"server\":{\"name\":\"service\"}}," +
  "{\"_match_domain_\":[\"*.example.com\",\"API.Other.org\"],\"server\":{\"name\":\"domain\"}}," +
  "{\"_match_route_\":[\"r1\",\"r2\"],\"server\":{\"name\":\"route\"},\"tools\":[{\"name\":\"own\",\"requestTemplate\":{\"url\":\"/o\"}}]}," +
  "{\"_match_route_\":[\"r1\"],\"server\":{\"name\":\"route-later\"}}," +
  "{\"_match_service_\":[\"other.dns:8080\",\"outbound|9090||exact.dns\"],\"tools\":[]}" +
  "]}";

function root(): RootConfig {
  const r = parseRootConfig(CONFIG);
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!;
}

class Sel {
  constructor(public route: string, public authority: string, public cluster: string, public want: string) {}
}

describe("rules: selection", () => {
  it("selects by route, then domain, then service, else global", () => {
    const rc = root();
    const t = new Array<Sel>();
    t.push(new Sel("r1", "a.example.com", "outbound|80||svc.ns.svc.cluster.local", "route"));
    t.push(new Sel("r2", "", "", "route"));
    t.push(new Sel("zz", "a.example.com", "outbound|80||svc.ns.svc.cluster.local", "domain"));
    t.push(new Sel("", "A.B.Example.COM:8443", "", "domain"));
    t.push(new Sel("", "api.other.org", "", "domain"));
    t.push(new Sel("", "example.com", "", "global"));
    t.push(new Sel("", "badexample.com", "", "global"));
    t.push(new Sel("", "x.com", "outbound|80||svc.ns.svc.cluster.local", "service"));
    t.push(new Sel("", "", "outbound|8080||other.dns", "global")); // inherits the global server name
    t.push(new Sel("", "", "outbound|81||svc.ns.svc.cluster.local", "service"));
    t.push(new Sel("", "", "outbound|80||svc.ns", "global"));
    t.push(new Sel("", "", "", "global"));
    for (let i = 0; i < t.length; i++) {
      const s = t[i];
      const c = selectConfig(rc, s.route, s.authority, s.cluster);
      expect(c).not.toBeNull();
      expect(c!.server.name).toBe(s.want, s.route + " " + s.authority + " " + s.cluster);
    }
  });

  it("matches services by host, host:port and the exact cluster name", () => {
    const rc = root();
    const a = selectConfig(rc, "", "", "outbound|8080||other.dns")!;
    const b = selectConfig(rc, "", "", "outbound|9090||exact.dns")!;
    expect(a.tools.length).toBe(0);
    expect(b.tools.length).toBe(0);
    expect(selectConfig(rc, "", "", "outbound|8081||other.dns")!.tools.length).toBe(1);
    expect(serviceMatches("svc.ns.svc.cluster.local", "outbound|80||svc.ns.svc.cluster.local")).toBe(true);
    expect(serviceMatches("svc.ns.svc.cluster.local:80", "outbound|80||svc.ns.svc.cluster.local")).toBe(true);
    expect(serviceMatches("svc.ns.svc.cluster.local:81", "outbound|80||svc.ns.svc.cluster.local")).toBe(false);
    expect(serviceMatches("my-cluster", "my-cluster")).toBe(true);
    expect(serviceMatches("svc", "outbound|80|v1|svc.ns")).toBe(false);
    expect(serviceMatches("a", "a|b")).toBe(false);
  });

  it("returns null without a global config when nothing matches", () => {
    const r = parseRootConfig("{\"_rules_\":[{\"_match_domain_\":[\"mcp.local\"],\"server\":{\"name\":\"only\"}}]}");
    expect(r.ok).toBe(true, r.errors.join("\n"));
    expect(r.config!.global).toBeNull();
    expect(selectConfig(r.config!, "r", "other", "c")).toBeNull();
    expect(selectConfig(r.config!, "r", "MCP.local:80", "c")!.server.name).toBe("only");
  });

  it("strips ports, including IPv6 literals", () => {
    expect(stripPort("a.com:80")).toBe("a.com");
    expect(stripPort("a.com")).toBe("a.com");
    expect(stripPort("[::1]:8080")).toBe("[::1]");
    expect(stripPort("[::1]")).toBe("[::1]");
    expect(stripPort("::1")).toBe("::1");
    expect(stripPort("")).toBe("");
    expect(domainMatches("*", "x")).toBe(true);
    expect(domainMatches("*.a.com", "a.com")).toBe(false);
    expect(domainMatches("*.a.com", ".a.com")).toBe(false);
    expect(domainMatches("a.com:443", "a.com")).toBe(true);
  });
});

describe("rules: inheritance", () => {
  it("inherits tools and allowTools when the rule sets neither", () => {
    const rc = root();
    const d = selectConfig(rc, "", "a.example.com", "")!;
    expect(d.tools.length).toBe(1);
    expect(d.tools[0].name).toBe("g");
    expect(d.hasAllowTools).toBe(true);
  });

  it("does not inherit allowTools when the rule has its own tools", () => {
    const rc = root();
    const r = selectConfig(rc, "r1", "", "")!;
    expect(r.tools.length).toBe(1);
    expect(r.tools[0].name).toBe("own");
    expect(r.hasAllowTools).toBe(false);
  });

  it("inherits the global server when the rule omits it", () => {
    const rc = root();
    const s = selectConfig(rc, "", "", "outbound|9090||exact.dns")!;
    expect(s.server.name).toBe("global");
  });

  it("validates a rule's own tools against its effective server", () => {
    const r = parseRootConfig("{\"server\":{\"name\":\"g\",\"securitySchemes\":[{\"id\":\"b\",\"type\":\"http\",\"scheme\":\"bearer\",\"defaultCredential\":\"t\"}]}," +
      "\"_rules_\":[{\"_match_route_\":[\"x\"],\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://api.test/\",\"security\":{\"id\":\"b\"}}}," +
      "{\"name\":\"u\",\"requestTemplate\":{\"url\":\"http://api.test/\",\"security\":{\"id\":\"zz\"}}}]}]}");
    expect(r.ok).toBe(false);
    expect(r.errors.length).toBe(1, r.errors.join("\n"));
    expect(r.errors[0]).toBe("_rules_[0].tools[1].requestTemplate.security.id: unknown scheme \"zz\"");
  });
});
