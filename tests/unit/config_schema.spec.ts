// tools/list entries precomputed at configure time.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";

function cfgOf(tools: string): PluginConfig {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[" + tools + "]}");
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}

class Entry {
  constructor(public tool: string, public want: string) {}
}

describe("tools/list schema", () => {
  it("builds each entry from the tool definition", () => {
    const t = new Array<Entry>();
    t.push(new Entry("{\"name\":\"a\",\"requestTemplate\":{\"url\":\"/\"}}",
      "{\"name\":\"a\",\"description\":\"\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}}}"));
    t.push(new Entry("{\"name\":\"a\",\"title\":\"A\",\"description\":\"d \\\"q\\\"\",\"requestTemplate\":{\"url\":\"/\"}}",
      "{\"name\":\"a\",\"title\":\"A\",\"description\":\"d \\\"q\\\"\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}}}"));
    t.push(new Entry("{\"name\":\"a\",\"requestTemplate\":{\"url\":\"/\"},\"args\":[{\"name\":\"x\"},{\"name\":\"n\",\"type\":\"number\",\"description\":\"N\",\"required\":true}]}",
      "{\"name\":\"a\",\"description\":\"\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\",\"description\":\"\"}," +
      "\"n\":{\"type\":\"number\",\"description\":\"N\"}},\"required\":[\"n\"]}}"));
    // enum and default verbatim (big numbers survive); items only for arrays, properties only for objects
    t.push(new Entry("{\"name\":\"a\",\"requestTemplate\":{\"url\":\"/\"},\"args\":[{\"name\":\"e\",\"enum\":[1, 2],\"default\":12345678901234567890123}," +
      "{\"name\":\"l\",\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":0}},{\"name\":\"s\",\"items\":{\"type\":\"x\"}}," +
      "{\"name\":\"o\",\"type\":\"object\",\"properties\":{\"k\":{}}},{\"name\":\"p\",\"type\":\"array\",\"properties\":{\"k\":{}}}]}",
      "{\"name\":\"a\",\"description\":\"\",\"inputSchema\":{\"type\":\"object\",\"properties\":{" +
      "\"e\":{\"type\":\"string\",\"description\":\"\",\"enum\":[1, 2],\"default\":12345678901234567890123}," +
      "\"l\":{\"type\":\"array\",\"description\":\"\",\"items\":{\"type\":\"integer\",\"minimum\":0}}," +
      "\"s\":{\"type\":\"string\",\"description\":\"\"}," +
      "\"o\":{\"type\":\"object\",\"description\":\"\",\"properties\":{\"k\":{}}}," +
      "\"p\":{\"type\":\"array\",\"description\":\"\"}}}}"));
    // outputSchema and annotations verbatim
    t.push(new Entry("{\"name\":\"a\",\"requestTemplate\":{\"url\":\"/\"},\"outputSchema\":{\"type\":\"object\"},\"annotations\":{\"readOnlyHint\":true}}",
      "{\"name\":\"a\",\"description\":\"\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}},\"outputSchema\":{\"type\":\"object\"},\"annotations\":{\"readOnlyHint\":true}}"));
    // configured inputSchema wins (json-schema-2020-12 conformance tool)
    t.push(new Entry("{\"name\":\"json_schema_2020_12_tool\",\"description\":\"d\",\"requestTemplate\":{\"url\":\"/\"},\"args\":[{\"name\":\"x\"}]," +
      "\"inputSchema\":{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\",\"$defs\":{\"address\":{\"type\":\"object\"}}," +
      "\"properties\":{\"address\":{\"$ref\":\"#/$defs/address\"}},\"additionalProperties\":false}}",
      "{\"name\":\"json_schema_2020_12_tool\",\"description\":\"d\",\"inputSchema\":{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"," +
      "\"type\":\"object\",\"$defs\":{\"address\":{\"type\":\"object\"}},\"properties\":{\"address\":{\"$ref\":\"#/$defs/address\"}},\"additionalProperties\":false}}"));
    // names and descriptions with control characters and lone surrogates are escaped
    t.push(new Entry("{\"name\":\"a\\u0001\",\"description\":\"\\ud800x\\n\",\"requestTemplate\":{\"url\":\"/\"}}",
      "{\"name\":\"a\\u0001\",\"description\":\"\\ud800x\\n\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}}}"));
    for (let i = 0; i < t.length; i++) {
      const c = cfgOf(t[i].tool);
      expect(c.tools[0].listEntryJson).toBe(t[i].want);
      expect(c.toolsListJson).toBe("[" + t[i].want + "]");
    }
  });

  it("lists tools in config order", () => {
    const c = cfgOf("{\"name\":\"z\",\"requestTemplate\":{\"url\":\"/\"}},{\"name\":\"a\",\"requestTemplate\":{\"url\":\"/\"}},{\"name\":\"m\",\"requestTemplate\":{\"url\":\"/\"}}");
    expect(c.toolsListJson).toBe("[" + c.tools[0].listEntryJson + "," + c.tools[1].listEntryJson + "," + c.tools[2].listEntryJson + "]");
    expect(c.tools[0].name).toBe("z");
    expect(c.tools[2].name).toBe("m");
  });
});
