// JSON-RPC 2.0 response framing. The id is echoed as the raw JSON text the
// client sent (string or number of any size); "" means "omit the id member"
// (HTTP-level errors that answer no particular request).
import { StrBuf } from "../util/strbuf";
import { quoteJson } from "../util/jsonstring";

/** JSON-RPC error codes. */
export const PARSE_ERROR: i32 = -32700;
export const INVALID_REQUEST: i32 = -32600;
export const METHOD_NOT_FOUND: i32 = -32601;
export const INVALID_PARAMS: i32 = -32602;
export const INTERNAL_ERROR: i32 = -32603;
/** 2026-07-28: HTTP headers missing, malformed or not matching the body. */
export const HEADER_MISMATCH: i32 = -32020;
/** 2026-07-28: the requested protocol version is not supported. */
export const UNSUPPORTED_PROTOCOL_VERSION: i32 = -32022;

function head(idJson: string): string {
  return idJson.length == 0 ? "{\"jsonrpc\":\"2.0\"" : "{\"jsonrpc\":\"2.0\",\"id\":" + idJson;
}

/** `{"jsonrpc":"2.0","id":<id>,"result":<result>}` */
export function resultResponse(idJson: string, resultJson: string): string {
  return resultResponseOf(idJson, "", resultJson, "");
}

/** The text of resultResponse before the result: `{"jsonrpc":"2.0","id":<id>,"result":`. */
export function resultHead(idJson: string): string {
  return head(idJson) + ",\"result\":";
}

/** resultResponse with the result given as prefix + body + suffix, built with one allocation (large tools/list). */
export function resultResponseOf(idJson: string, prefix: string, body: string, suffix: string): string {
  const h = head(idJson);
  const out = new StrBuf(h.length + prefix.length + body.length + suffix.length + 12);
  out.append(h);
  out.append(",\"result\":");
  out.append(prefix);
  out.append(body);
  out.append(suffix);
  out.appendCode(0x7d);
  return out.toString();
}

/** `{"jsonrpc":"2.0","id":<id>,"error":{"code":c,"message":m}}` (no id member when idJson is ""). */
export function errorResponse(idJson: string, code: i32, message: string): string {
  return head(idJson) + ",\"error\":{\"code\":" + code.toString() + ",\"message\":" + quoteJson(message) + "}}";
}

/** Error response with a raw JSON `data` member. */
export function errorResponseWithData(idJson: string, code: i32, message: string, dataJson: string): string {
  return head(idJson) + ",\"error\":{\"code\":" + code.toString() + ",\"message\":" + quoteJson(message) +
    ",\"data\":" + dataJson + "}}";
}

/** CallToolResult with one text content block. */
export function toolResultText(text: string, isError: bool): string {
  return "{\"content\":[{\"type\":\"text\",\"text\":" + quoteJson(text) + "}],\"isError\":" + (isError ? "true" : "false") + "}";
}

/** JSON-quote and escape a string (lone surrogates escaped as \uXXXX so the output is valid UTF-8 JSON). */
export function jsonString(s: string): string {
  return quoteJson(s);
}
