// Helpers for streams: local reply headers and request-derived properties.
import type { LocalResponse } from "./context.js";
import type { HeaderMap } from "./headers.js";
import type { Pairs } from "./memory.js";
import { int64Property, type PropertyValues } from "./properties.js";

/** Headers Envoy puts on a local reply: :status, the plugin's headers, content-type (text/plain) and content-length. */
export function localReplyHeaders(reply: LocalResponse): Pairs {
  const out: Pairs = [[":status", String(reply.status)]];
  for (const [k, v] of reply.headers) {
    const key = k.toLowerCase();
    if (key !== ":status" && key !== "content-length") out.push([key, v]);
  }
  if (reply.body.length > 0 && !out.some(([k]) => k === "content-type")) out.push(["content-type", "text/plain"]);
  out.push(["content-length", String(reply.body.length)]);
  return out;
}

/** Envoy attributes derived from the current request/response headers. */
export function streamBuiltins(req: HeaderMap, resp: HeaderMap, rootId: number): PropertyValues {
  // route_name: Envoy answers "" when the stream has no route (context.cc getProperty ROUTE_NAME).
  const out: PropertyValues = { plugin_root_id: "", plugin_vm_id: "", "request.protocol": "HTTP/1.1", route_name: "" };
  void rootId;
  const path = req.get(":path");
  if (path !== undefined) {
    out["request.path"] = path;
    out["request.url_path"] = path.split("?")[0];
    const q = path.indexOf("?");
    out["request.query"] = q < 0 ? "" : path.slice(q + 1);
  }
  const pairs: Array<[string, string | undefined]> = [
    ["request.method", req.get(":method")],
    ["request.host", req.get(":authority")],
    ["request.scheme", req.get(":scheme")],
    ["request.id", req.get("x-request-id")],
    ["request.useragent", req.get("user-agent")],
    ["request.referer", req.get("referer")],
  ];
  for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
  const status = resp.get(":status");
  if (status !== undefined && /^\d+$/.test(status)) out["response.code"] = int64Property(Number(status));
  return out;
}
