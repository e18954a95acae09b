// One tools/call, second half, pure: the backend's response (or the lack of a usable one) to the
// CallToolResult in the request's era, with every secret of the call scrubbed (rest/response.ts).
import { failureResult, mapResponse } from "../rest/response";
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
