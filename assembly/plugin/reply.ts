// Local replies: JSON-RPC bodies with a stable detail string for access logs
// (`response_code_details`), e.g. "mcp.tools_call.refused_auth".
import { Pair } from "../proxy/pairs";
import { sendLocalResponse } from "../proxy/host";
import { resultResponse } from "../mcp/jsonrpc";

/** Headers of every JSON reply. */
export function jsonHeaders(): Pair[] {
  const h = new Array<Pair>();
  h.push(new Pair("content-type", "application/json"));
  return h;
}

/** Reply with a raw body and status (body "" = no body, e.g. 202). */
export function replyRaw(status: u32, details: string, body: string, allow: string): void {
  const h = body.length > 0 ? jsonHeaders() : new Array<Pair>();
  if (allow.length > 0) h.push(new Pair("allow", allow));
  sendLocalResponse(status, details, body, h);
}

/** Reply 200 with a JSON-RPC result carrying a CallToolResult. */
export function replyToolResult(idJson: string, resultJson: string, details: string): void {
  sendLocalResponse(200, details, resultResponse(idJson, resultJson), jsonHeaders());
}
