// CallToolResult JSON builders (MCP `tools/call` result object).
import { jsonSkipWs } from "../util/jsonscan";
import { quoteJson, quoteJsonBetween } from "../util/jsonstring";
import { validateJSON } from "json-as/assembly/util/validateJson";

/** `{"content":[{"type":"text","text":...}],"isError":...}` plus `structuredContent` when `structuredJson` != "". */
export function textResult(text: string, isError: bool, structuredJson: string): string {
  const head = "{\"content\":[{\"type\":\"text\",\"text\":";
  const flag = isError ? "}],\"isError\":true" : "}],\"isError\":false";
  if (structuredJson.length > 0) return quoteJsonBetween(head, text, flag + ",\"structuredContent\":" + structuredJson + "}");
  return quoteJsonBetween(head, text, flag + "}");
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
