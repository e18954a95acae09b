// Conversions between host header pairs and the plugin's Header lists.
import { Pair } from "../proxy/pairs";
import { Header, BackendRequest } from "../rest/request";
import { lowerName } from "../rest/encode";

/** Host pairs -> Header list (names lower-cased). */
export function toHeaders(pairs: Pair[]): Header[] {
  const out = new Array<Header>(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const p = unchecked(pairs[i]);
    unchecked((out[i] = new Header(lowerName(p.key), p.value)));
  }
  return out;
}

/** First value of `name` in a Header list, or null. */
export function findHeader(headers: Header[], name: string): string | null {
  for (let i = 0; i < headers.length; i++) {
    const h = unchecked(headers[i]);
    if (h.name == name) return h.value;
  }
  return null;
}

/** Every value of `name` in a Header list, in order. */
export function headerValues(headers: Header[], name: string): string[] {
  const out = new Array<string>();
  for (let i = 0; i < headers.length; i++) {
    const h = unchecked(headers[i]);
    if (h.name == name) out.push(h.value);
  }
  return out;
}

/** The complete request header map for the backend (pseudo-headers first). */
export function backendPairs(req: BackendRequest, origAuthority: string, origScheme: string, bodyBytes: i32, timeoutMs: u32): Pair[] {
  const out = new Array<Pair>();
  out.push(new Pair(":method", req.method));
  out.push(new Pair(":path", req.pathWithQuery()));
  out.push(new Pair(":authority", req.authority.length > 0 ? req.authority : origAuthority));
  // :scheme stays the client's, as Higress's RouteCall does: the upstream
  // cluster's transport (not a header) decides TLS.
  out.push(new Pair(":scheme", origScheme));
  for (let i = 0; i < req.headers.length; i++) {
    const h = unchecked(req.headers[i]);
    if (h.name.startsWith(":") || h.name == "content-length" || h.name == "host" || h.name == "transfer-encoding") continue;
    out.push(new Pair(h.name, h.value));
  }
  // Exact framing, 0 when bodiless: without it Envoy's HTTP/1 codec frames the continued request
  // (headers sent without end_stream) as Transfer-Encoding: chunked, even a GET.
  out.push(new Pair("content-length", bodyBytes.toString()));
  // Envoy's router takes the per-request upstream timeout from this header (set after HCM sanitizing).
  if (timeoutMs > 0) out.push(new Pair("x-envoy-upstream-rq-timeout-ms", timeoutMs.toString()));
  return out;
}
