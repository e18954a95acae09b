// Precomputed tools/list entries: {"name","title"?,"description","inputSchema",
// "outputSchema"?,"annotations"?}. Built once at configure time.
import { StrBuf } from "../util/strbuf";
import { PluginConfig, Tool, ToolArg } from "./types";
import { quoteJson } from "../util/jsonstring";
import { joinStrings } from "../util/strbuf";

/** The inputSchema built from a tool's args (Higress layout; `required` omitted when empty). */
export function argsInputSchema(args: ToolArg[]): string {
  const props = new Array<string>();
  const req = new Array<string>();
  for (let i = 0; i < args.length; i++) {
    const a = unchecked(args[i]);
    const type = a.type.length == 0 ? "string" : a.type;
    let p = quoteJson(a.name) + (a.anyOfJson.length > 0 ? ":{\"anyOf\":" + a.anyOfJson : ":{\"type\":" + quoteJson(type));
    p += ",\"description\":" + quoteJson(a.description);
    if (a.enumJson.length > 0) p += ",\"enum\":" + a.enumJson;
    if (a.defaultJson.length > 0) p += ",\"default\":" + a.defaultJson;
    if (a.anyOfJson.length == 0 && type == "array" && a.itemsJson.length > 0) p += ",\"items\":" + a.itemsJson;
    if (a.anyOfJson.length == 0 && type == "object" && a.propertiesJson.length > 0) p += ",\"properties\":" + a.propertiesJson;
    if (a.mcpHeader.length > 0) p += ",\"x-mcp-header\":" + quoteJson(a.mcpHeader);
    props.push(p + "}");
    if (a.required) req.push(quoteJson(a.name));
  }
  let s = "{\"type\":\"object\",\"properties\":{" + joinStrings(props, ",") + "}";
  if (req.length > 0) s += ",\"required\":[" + joinStrings(req, ",") + "]";
  return s + "}";
}

/** One tools/list entry; `inputSchemaJson` (raw, configured) wins over the args-derived schema. */
export function listEntry(t: Tool, inputSchemaJson: string): string {
  let s = "{\"name\":" + quoteJson(t.name);
  if (t.title.length > 0) s += ",\"title\":" + quoteJson(t.title);
  s += ",\"description\":" + quoteJson(t.description);
  s += ",\"inputSchema\":" + (inputSchemaJson.length > 0 ? inputSchemaJson : argsInputSchema(t.args));
  if (t.outputSchemaJson.length > 0) s += ",\"outputSchema\":" + t.outputSchemaJson;
  if (t.annotationsJson.length > 0) s += ",\"annotations\":" + t.annotationsJson;
  return s + "}";
}

/** The JSON array of every tool's entry, in config order. */
export function toolsListJson(cfg: PluginConfig): string {
  let total = 2;
  for (let i = 0; i < cfg.tools.length; i++) total += unchecked(cfg.tools[i]).listEntryJson.length + 1;
  const out = new StrBuf(total);
  out.appendCode(0x5b);
  for (let i = 0; i < cfg.tools.length; i++) {
    if (i > 0) out.appendCode(0x2c);
    out.append(unchecked(cfg.tools[i]).listEntryJson);
  }
  out.appendCode(0x5d);
  return out.toString();
}
