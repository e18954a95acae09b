// Outgoing HTTP for the gateway: forwarding to upstreams and performing proxy_http_call.
import http from "node:http";
import https from "node:https";
import type { Pairs } from "./memory.js";

/** A complete upstream response. */
export interface UpstreamResponse {
  status: number;
  headers: Pairs;
  body: Buffer;
  /** Trailers after a chunked body (empty: none). */
  trailers: Pairs;
}

/** Hop-by-hop headers never forwarded (RFC 9110 §7.6.1; Envoy strips them too). */
export const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

/** How the request is framed on the wire. */
export interface Framing {
  /** Envoy HTTP/1 codec rules (see envoyFraming) instead of a recomputed content-length. */
  envoy?: boolean;
  /** The request ended with its headers (Envoy encodes them with end_stream). */
  headersOnly?: boolean;
  /** Trailers sent after a chunked body (dropped otherwise, as Envoy's codec does). */
  trailers?: Pairs;
}

/** Methods whose requests should have no body (envoy HeaderUtility::requestShouldHaveNoBody). */
const BODILESS = new Set(["GET", "HEAD", "DELETE", "TRACE", "CONNECT"]);

/**
 * Envoy's HTTP/1 request framing (source/common/http/http1/codec_impl.cc encodeHeadersBase): a
 * content-length header is used as is; else a headers-only request gets "content-length: 0" unless its
 * method should have no body; else the body is sent Transfer-Encoding: chunked. A request whose headers
 * a filter paused and then continued is never headers-only, even with its body drained to nothing.
 */
export function envoyFraming(headers: Pairs, method: string, headersOnly: boolean): { contentLength?: string; chunked: boolean } {
  const cl = headers.find(([k]) => k === "content-length")?.[1];
  if (cl !== undefined) return { contentLength: cl, chunked: false };
  if (headersOnly) return BODILESS.has(method) ? { chunked: false } : { contentLength: "0", chunked: false };
  return { chunked: true };
}

/**
 * A header value as Node must be given it to put the guest's UTF-8 bytes on the wire unchanged, as Envoy
 * does: Node writes header strings as latin1, so non-ASCII text goes in as its UTF-8 bytes read as latin1
 * (without this a value such as "a\ufffdb" made Node refuse the whole request).
 */
function onWire(v: string): string {
  return /[^\x00-\x7f]/.test(v) ? Buffer.from(v, "utf8").toString("latin1") : v;
}

/** Sends one request (no redirects followed) and buffers the response; rejects on connection errors or timeout. */
export function send(
  url: URL,
  method: string,
  headers: Pairs,
  body: Uint8Array,
  timeoutMs = 0,
  framing: Framing = {},
): Promise<UpstreamResponse> {
  const lib = url.protocol === "https:" ? https : http;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of headers) {
    if (k.startsWith(":") || HOP_BY_HOP.has(k) || k === "content-length") continue;
    const w = onWire(v);
    const prev = out[k];
    out[k] = prev === undefined ? w : Array.isArray(prev) ? [...prev, w] : [prev, w];
  }
  let chunked = false;
  if (framing.envoy) {
    const f = envoyFraming(headers, method, framing.headersOnly ?? false);
    if (f.contentLength !== undefined) out["content-length"] = f.contentLength;
    if (f.chunked) out["transfer-encoding"] = "chunked";
    chunked = f.chunked;
  } else if (body.length > 0 || !["GET", "HEAD", "DELETE", "OPTIONS"].includes(method))
    out["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers: out, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const hdrs: Pairs = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const k = res.rawHeaders[i].toLowerCase();
          if (!HOP_BY_HOP.has(k)) hdrs.push([k, res.rawHeaders[i + 1]]);
        }
        const trailers: Pairs = [];
        for (let i = 0; i < res.rawTrailers.length; i += 2)
          trailers.push([res.rawTrailers[i].toLowerCase(), res.rawTrailers[i + 1]]);
        resolve({ status: res.statusCode ?? 502, headers: hdrs, body: Buffer.concat(chunks), trailers });
      });
      res.on("error", reject);
    });
    if (timeoutMs > 0) req.setTimeout(timeoutMs, () => req.destroy(new TimeoutError(`timeout after ${timeoutMs} ms`)));
    req.on("error", reject);
    if (chunked && framing.trailers?.length) {
      if (body.length) req.write(Buffer.from(body));
      req.addTrailers(framing.trailers);
      req.end();
    } else req.end(Buffer.from(body));
  });
}

/** The request timed out. */
export class TimeoutError extends Error {}

/** Joins a base URL (origin and optional path prefix) with a request path (`/p?q`). */
export function joinUrl(base: string, path: string): URL {
  const b = new URL(base);
  const prefix = b.pathname.replace(/\/$/, "");
  return new URL(`${b.protocol}//${b.host}${prefix}${path.startsWith("/") ? path : `/${path}`}`);
}
