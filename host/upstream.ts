// Outgoing HTTP for the gateway: forwarding to upstreams and performing proxy_http_call.
import http from "node:http";
import https from "node:https";
import type { Pairs } from "./memory.js";

/** A complete upstream response. */
export interface UpstreamResponse {
  status: number;
  headers: Pairs;
  body: Buffer;
}

/** Hop-by-hop headers never forwarded (RFC 9110 §7.6.1; Envoy strips them too). */
export const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

/** Sends one request (no redirects followed) and buffers the response; rejects on connection errors or timeout. */
export function send(url: URL, method: string, headers: Pairs, body: Uint8Array, timeoutMs = 0): Promise<UpstreamResponse> {
  const lib = url.protocol === "https:" ? https : http;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of headers) {
    if (k.startsWith(":") || HOP_BY_HOP.has(k) || k === "content-length") continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  if (body.length > 0 || !["GET", "HEAD", "DELETE", "OPTIONS"].includes(method)) out["content-length"] = String(body.length);
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
        resolve({ status: res.statusCode ?? 502, headers: hdrs, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    if (timeoutMs > 0) req.setTimeout(timeoutMs, () => req.destroy(new TimeoutError(`timeout after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(Buffer.from(body));
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
