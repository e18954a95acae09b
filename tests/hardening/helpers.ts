// Shared helpers for the hardening tests: a small config with one tool per limit, and request drivers.
import type { Host } from "../../host/vm.js";
import type { HttpStream } from "../../host/stream.js";
import { checkNothingForwarded, checkRequestPhase, mcpHeaders, openStream, sendRequest, type Outcome } from "../fuzz/harness.js";

const enc = new TextEncoder();

/** A config whose tools reach every limit; `limits` goes to server.limits when given. */
export function limitsConfig(limits?: Record<string, unknown>): object {
  return {
    server: { name: "limits", ...(limits ? { limits } : {}) },
    tools: [
      {
        name: "q",
        description: "query, header and cookie args",
        args: [
          { name: "s", type: "string", position: "query" },
          { name: "x-h", type: "string", position: "header" },
          { name: "cv", type: "string", position: "cookie" },
        ],
        requestTemplate: { url: "http://api.test/q" },
      },
      {
        name: "amp",
        args: [{ name: "s", type: "string" }],
        requestTemplate: { url: "http://api.test/amp", method: "POST", body: "{{repeat 50 .args.s}}" },
      },
      {
        name: "tpl",
        args: [{ name: "s", type: "string" }],
        requestTemplate: {},
        responseTemplate: { body: "{{repeat 10 .args.s}}" },
      },
      {
        name: "hdrtpl",
        args: [{ name: "s", type: "string" }],
        requestTemplate: { url: "http://api.test/h", headers: [{ key: "x-t", value: "{{repeat 10 .args.s}}" }] },
      },
      {
        name: "urltpl",
        args: [{ name: "s", type: "string" }],
        requestTemplate: { url: "http://api.test/u/{{repeat 10 .args.s}}" },
      },
    ],
  };
}

/** tools/call body. */
export function callBody(tool: string, args: unknown, id: number | string = 1): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: tool, arguments: args } });
}

/** A ping whose params hold `d` nested arrays: total JSON depth d + 2. */
export function nestedPing(d: number): string {
  return `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":${"[".repeat(d)}${"]".repeat(d)}}}`;
}

/** Sends `body` (optionally split at `cuts`) and checks the request-phase invariants. */
export function send(host: Host, body: string | Uint8Array, cuts: number[] = []): { s: HttpStream; o: Outcome } {
  const b = typeof body === "string" ? enc.encode(body) : body;
  const chunks: Uint8Array[] = [];
  let prev = 0;
  for (const c of cuts) {
    chunks.push(b.subarray(prev, c));
    prev = c;
  }
  chunks.push(b.subarray(prev));
  const s = openStream(host);
  sendRequest(s, mcpHeaders(), chunks);
  const o = checkRequestPhase(host, s, "request");
  if (o.kind === "local") checkNothingForwarded(s, "request");
  return { s, o };
}

/** The isError text of a local tools/call reply (throws if it is not one). */
export function isErrorText(o: Outcome): string {
  if (o.kind !== "local" || o.status !== 200 || !o.json?.result?.isError)
    throw new Error(`expected an isError result, got ${o.kind === "local" ? o.body : "a forwarded request"}`);
  return o.json.result.content[0].text;
}
