// One tools/call, second half, pure: the backend's response (or the lack of a usable one) to the
// CallToolResult in the request's era, with every secret of the call scrubbed (rest/response.ts).
import { failureResult, mapResponse, rawTextParts } from "../rest/response";
import { resultHead } from "../mcp/jsonrpc";
import { encodeJoinedUtf8 } from "../util/utf8";
import { wrapJsonEscapedUtf8 } from "../util/jsonutf8";
import { CallPlan, eraResult } from "./plan";

/** Metric outcome of a backend response by status: "ok" (2xx), "timeout" (504), else "backend_error". */
export function backendOutcome(status: i32): string {
  if (status >= 200 && status < 300) return "ok";
  return status == 504 ? "timeout" : "backend_error";
}

/** CallToolResult for the backend response of a ready plan (status, content-type, whole body). */
export function completeCall(plan: CallPlan, status: i32, contentType: string, body: ArrayBuffer): string {
  return eraResult(plan, mapResponse(plan.cfg, plan.tool, status, contentType, body, plan.secrets, plan.env));
}

/** isError CallToolResult for a backend response that cannot be used (over the limit, incomplete). */
export function failCall(plan: CallPlan, text: string): string {
  return eraResult(plan, failureResult(text));
}

/**
 * The whole JSON-RPC response (UTF-8) to a tools/call with id `idJson` for this backend response:
 * the same bytes as `resultResponse(idJson, completeCall(…))` encoded. A body returned as text is
 * escaped from its bytes straight into the output (one allocation, no UTF-16 copy); the era's
 * rewrite (mcp/modern.ts) only touches the opening of the result, so it applies to the prefix alone.
 */
export function completeCallUtf8(plan: CallPlan, idJson: string, status: i32, contentType: string, body: ArrayBuffer): ArrayBuffer {
  const parts = rawTextParts(plan.tool, status, contentType, body, plan.secrets);
  if (parts === null) return encodeJoinedUtf8(resultHead(idJson), completeCall(plan, status, contentType, body), "}");
  const prefix = String.UTF8.encode(resultHead(idJson) + eraResult(plan, parts.prefix));
  return wrapJsonEscapedUtf8(prefix, body, String.UTF8.encode(parts.suffix + "}"));
}
