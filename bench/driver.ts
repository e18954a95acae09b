// Drives one MCP request or backend response through a Host and times the host calls that run Wasm callbacks.
import type { Pairs } from "../host/memory.js";
import type { HttpStream } from "../host/stream.js";
import type { Host } from "../host/vm.js";
import { timeNs } from "./stats.js";

/** Request headers of an MCP POST carrying `length` body bytes. */
export function mcpHeaders(length: number): Pairs {
  return [
    [":method", "POST"],
    [":path", "/mcp"],
    [":authority", "mcp.example.com"],
    [":scheme", "https"],
    ["content-type", "application/json"],
    ["accept", "application/json, text/event-stream"],
    ["mcp-protocol-version", "2025-06-18"],
    ["content-length", String(length)],
  ];
}

/** Response headers of a JSON backend response of `length` bytes. */
export function backendHeaders(length: number): Pairs {
  return [
    [":status", "200"],
    ["content-type", "application/json"],
    ["content-length", String(length)],
  ];
}

/** A check run after a timed operation (never timed); returns an error message or null. */
export type Check = (s: HttpStream) => string | null;

/**
 * One request lifetime, all timed: context create → request headers → request body (end of stream)
 * → local reply through the response callbacks, if any → on_done/on_log/on_delete.
 */
export function timeRequest(host: Host, headers: Pairs, body: Uint8Array, check: Check | null): bigint {
  let s: HttpStream | null = null;
  const ns = timeNs(() => {
    s = host.newHttpStream();
    s.callOnRequestHeaders(headers, false);
    s.callOnRequestBody(body, true);
    s.complete();
  });
  finish(host, s!, check);
  return ns;
}

/**
 * One backend response: the request phase runs untimed (it must be forwarded), then the response
 * headers and body (end of stream) are timed; the stream is completed untimed.
 */
export function timeResponse(host: Host, headers: Pairs, body: Uint8Array, response: Uint8Array, check: Check | null): bigint {
  const s = host.newHttpStream();
  s.callOnRequestHeaders(headers, false);
  s.callOnRequestBody(body, true);
  if (s.requestState !== "forwarded") {
    const local = s.getLocalResponse();
    throw new Error(
      `request not forwarded (${s.requestState}${local ? `: ${local.status} ${new TextDecoder().decode(local.body).slice(0, 200)}` : ""})`,
    );
  }
  const rh = backendHeaders(response.length);
  const ns = timeNs(() => {
    s.callOnResponseHeaders(rh, false);
    s.callOnResponseBody(response, true);
  });
  s.complete();
  finish(host, s, check);
  return ns;
}

/** Times a configuration (re)load: proxy_on_context_create + proxy_on_configure (+ deleting the old root). */
export function timeConfigure(host: Host, config: string): bigint {
  let ok = false;
  const ns = timeNs(() => {
    ok = host.startPlugin(config);
  });
  if (!ok) throw new Error(`configuration rejected: ${host.getLogs("error").slice(0, 3).join("; ")}`);
  host.clearLogs();
  return ns;
}

function finish(host: Host, s: HttpStream, check: Check | null): void {
  if (host.failed) throw new Error(`VM failed: ${String(host.failure)}`);
  host.clearLogs();
  if (!check) return;
  const err = check(s);
  if (err) throw new Error(err);
}

/** Decoded body of what the client received (local reply or rewritten response), or "". */
export function downstreamText(s: HttpStream): string {
  const m = s.getDownstreamResponse();
  return m ? new TextDecoder().decode(m.body) : "";
}

/** Header value from pairs. */
export function headerOf(pairs: Pairs | null | undefined, key: string): string | undefined {
  return pairs?.find(([k]) => k === key)?.[1];
}
