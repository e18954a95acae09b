// CallToolResult JSON builders (MCP `tools/call` result object).
import { jsonSkipWs } from "../util/jsonscan";
import { quoteJson } from "../util/jsonstring";
import { validateJSON } from "json-as/assembly/util/validateJson";

/** `{"content":[{"type":"text","text":...}],"isError":...}` plus `structuredContent` when `structuredJson` != "". */
export function textResult(text: string, isError: bool, structuredJson: string): string {
  let s = "{\"content\":[{\"type\":\"text\",\"text\":" + quoteJson(text) + "}],\"isError\":" + (isError ? "true" : "false");
  if (structuredJson.length > 0) s += ",\"structuredContent\":" + structuredJson;
  return s + "}";
}

/** Image content result (base64 `data`). */
export function imageResult(base64: string, mimeType: string): string {
  return "{\"content\":[{\"type\":\"image\",\"data\":\"" + base64 + "\",\"mimeType\":" + quoteJson(mimeType) + "}],\"isError\":false}";
}

/** `text` trimmed when it is a valid JSON object, else "" (structuredContent must be an object). */
export function jsonObjectOrEmpty(text: string): string {
  const i = jsonSkipWs(text, 0);
  if (i >= text.length || text.charCodeAt(i) != 0x7b) return "";
  if (!validateJSON(text)) return "";
  return text.trim();
}
