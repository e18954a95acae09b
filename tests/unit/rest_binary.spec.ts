// requestTemplate.bodyEncoding "base64" (our addition, issue 22 item 9): the rendered body is
// base64 and goes to the backend as bytes.
import { parseRootConfig } from "../../assembly/config/parse";
import { buildRequest } from "../../assembly/rest/build";
import { Header } from "../../assembly/rest/request";
import { FixedEnv } from "./helpers/env";

function rt(extra: string): string {
  return "{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"args\":[{\"name\":\"body\",\"type\":\"string\",\"position\":\"body\"}],\"requestTemplate\":{\"url\":\"http://b/x\",\"method\":\"PUT\"" + extra + "}}]}";
}

describe("bodyEncoding base64", () => {
  it("sends the decoded bytes, content-type octet-stream by default", () => {
    const r = parseRootConfig(rt(",\"body\":\"{{.args.body}}\",\"bodyEncoding\":\"base64\""));
    expect(r.ok).toBe(true, r.errors.join("\n"));
    const cfg = r.config!.global!;
    const b = buildRequest(cfg, cfg.tools[0], "{\"body\":\"AAH/gA==\"}", new Array<Header>(), new FixedEnv());
    expect(b.ok).toBe(true, b.error);
    const bytes = b.req.bodyBinary!;
    expect(bytes.length).toBe(4);
    expect(bytes[0]).toBe(0);
    expect(bytes[1]).toBe(1);
    expect(bytes[2]).toBe(255);
    expect(bytes[3]).toBe(128);
    expect(b.req.getHeader("content-type")).toBe("application/octet-stream");
  });
  it("refuses invalid base64 as an invalid argument", () => {
    const r = parseRootConfig(rt(",\"body\":\"{{.args.body}}\",\"bodyEncoding\":\"base64\""));
    const cfg = r.config!.global!;
    const b = buildRequest(cfg, cfg.tools[0], "{\"body\":\"a*b\"}", new Array<Header>(), new FixedEnv());
    expect(b.ok).toBe(false);
    expect(b.error).toBe("requestTemplate.body: not valid base64 (bodyEncoding base64)");
  });
  it("config: unknown encodings and an encoding without body are refused", () => {
    expect(parseRootConfig(rt(",\"body\":\"x\",\"bodyEncoding\":\"hex\"")).errors.join("\n")).toBe("tools[0].requestTemplate.bodyEncoding: unknown encoding \"hex\" (expected base64)");
    expect(parseRootConfig(rt(",\"bodyEncoding\":\"base64\"")).errors.join("\n")).toBe("tools[0].requestTemplate.bodyEncoding: needs body");
  });
});
