// Arguments with `anyOf` alternatives (our addition, issue 22 item 3): advertised as anyOf,
// a value matching any alternative is accepted (never narrowed to one type).
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { coerceAny, validateArguments } from "../../assembly/rest/args";

function parse(args: string): PluginConfig | null {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://b/\"},\"args\":[" + args + "]}]}");
  return r.ok ? r.config!.global! : null;
}

function errors(args: string): string {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[{\"name\":\"t\",\"requestTemplate\":{\"url\":\"http://b/\"},\"args\":[" + args + "]}]}");
  return r.errors.join("\n");
}

const UNION = "{\"name\":\"v\",\"anyOf\":[{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}},{\"type\":\"string\",\"enum\":[\"\"]}]}";

describe("anyOf arguments", () => {
  it("are advertised as anyOf, without a narrowed type", () => {
    const cfg = parse(UNION)!;
    expect(cfg.tools[0].listEntryJson).toBe(
      "{\"name\":\"t\",\"description\":\"\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"v\":{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}},{\"type\":\"string\",\"enum\":[\"\"]}],\"description\":\"\"}}}}");
  });

  it("accept a value of any alternative, as is", () => {
    const t = parse(UNION)!.tools[0];
    const obj = validateArguments(t, "{\"v\":{\"x\":1}}", 256);
    expect(obj.ok).toBe(true);
    expect(obj.objectJson()).toBe("{\"v\":{\"x\":1}}");
    const str = validateArguments(t, "{\"v\":\"\"}", 256);
    expect(str.ok).toBe(true);
    expect(str.objectJson()).toBe("{\"v\":\"\"}");
    const bad = validateArguments(t, "{\"v\":[1]}", 256);
    expect(bad.ok).toBe(false);
    expect(bad.error).toBe("argument \"v\": expected object or string, got array");
  });

  it("prefer the alternative of the value's own kind, then coerce in order", () => {
    const ints = ["integer", "string"];
    expect(coerceAny(ints, "\"5\"")).toBe("\"5\"");
    expect(coerceAny(ints, "5.0")).toBe("5");
    expect(coerceAny(ints, "true")).toBe("\"true\"");
    expect(coerceAny(["integer", "boolean"], "\"7\"")).toBe("7");
    expect(coerceAny(["integer", "array"], "1.5")).toBe("!expected integer or array, got number");
    expect(coerceAny(["", "integer"], "{}")).toBe("{}");
  });

  it("are refused with a type, with a non-object alternative, or with an unknown alternative type", () => {
    expect(errors("{\"name\":\"v\",\"type\":\"string\",\"anyOf\":[{\"type\":\"string\"}]}")).toBe("tools[0].args[0].anyOf: cannot be combined with type");
    expect(errors("{\"name\":\"v\",\"anyOf\":[1]}").length).toBeGreaterThan(0);
    expect(errors("{\"name\":\"v\",\"anyOf\":[{\"type\":\"date\"}]}")).toBe("tools[0].args[0].anyOf[0].type: unknown type \"date\" (expected string, number, integer, boolean, array or object)");
  });
});
