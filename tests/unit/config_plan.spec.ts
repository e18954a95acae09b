// Issue 17 item 1 (URL part): each tool's URL is analysed once, at configure time, with its own
// config's output limit, and stored in the tool (requestTemplate.urlPlan); the request path renders
// that plan and writes nothing into it (no shared per-source cache, no per-render limit writes).
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { buildRequest } from "../../assembly/rest/build";
import { Header } from "../../assembly/rest/request";
import { FixedEnv } from "./helpers/env";

const URL = "https://{{.config.host}}/items/{{.args.q}}";

function config(limit: i32): string {
  return "{\"server\":{\"name\":\"s\",\"config\":{\"host\":\"api.example.com\"},\"limits\":{\"maxTemplateOutputBytes\":" + limit.toString() +
    "}},\"tools\":[{\"name\":\"t\",\"args\":[{\"name\":\"q\"}],\"requestTemplate\":{\"url\":\"" + URL + "\"}}," +
    "{\"name\":\"direct\",\"responseTemplate\":{\"body\":\"hi\"}}]}";
}

function loaded(json: string): PluginConfig {
  const r = parseRootConfig(json);
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}

describe("URL plan built at configure time", () => {
  it("stores the analysed URL in each tool, with that config's output limit", () => {
    const small = loaded(config(32));
    const big = loaded(config(4096));
    const ps = small.tools[0].requestTemplate.urlPlan;
    const pb = big.tools[0].requestTemplate.urlPlan;
    expect(ps).not.toBeNull();
    expect(pb).not.toBeNull();
    expect(ps === pb).toBe(false, "two configs never share a plan");
    expect(ps!.rest!.maxOutput).toBe(32);
    expect(pb!.rest!.maxOutput).toBe(4096);
    for (let i = 0; i < ps!.prefix.length; i++) {
      const t = ps!.prefix[i].tpl;
      if (t !== null) expect(t.maxOutput).toBe(32);
    }
    expect(small.tools[1].requestTemplate.urlPlan).toBeNull();
  });

  it("renders each config's plan with its own limit, and the plan is unchanged by a call", () => {
    const small = loaded(config(32));
    const big = loaded(config(4096));
    const long = "\"" + "x".repeat(100) + "\"";
    const env = new FixedEnv();
    const hs = new Array<Header>();
    const a = buildRequest(big, big.tools[0], "{\"q\":" + long + "}", hs, env);
    expect(a.ok).toBe(true, a.error);
    const b = buildRequest(small, small.tools[0], "{\"q\":" + long + "}", hs, env);
    expect(b.ok).toBe(false, "the small config's limit applies");
    const c = buildRequest(big, big.tools[0], "{\"q\":" + long + "}", hs, env);
    expect(c.ok).toBe(true, c.error);
    expect(big.tools[0].requestTemplate.urlPlan!.rest!.maxOutput).toBe(4096);
    expect(small.tools[0].requestTemplate.urlPlan!.rest!.maxOutput).toBe(32);
  });
});
