// Deterministic JSON payloads of an exact byte size, and the JSON-RPC request bodies the scenarios send.

const ENC = new TextEncoder();

/** UTF-8 bytes of a string. */
export function bytes(s: string): Uint8Array {
  return ENC.encode(s);
}

/** One list record; `i` varies ids, names, numbers and booleans. */
function record(i: number): string {
  return JSON.stringify({
    id: i,
    name: `item-${i}`,
    email: `user${i}@example.com`,
    price: 10 + (i % 97) / 4,
    active: i % 3 !== 0,
    tags: ["alpha", "beta", i % 2 ? "odd" : "even"],
    note: 'say "hi" to line\nbreaks',
  });
}

/**
 * A JSON object `{"items":[records…],"pad":"…"}` of exactly `size` bytes (ASCII).
 * Sizes below ~20 bytes cannot hold the envelope and are rejected.
 */
export function itemsDocument(size: number): string {
  const head = '{"items":[';
  const tail = (pad: number) => `],"pad":"${"x".repeat(pad)}"}`;
  const parts: string[] = [];
  let len = head.length + tail(0).length;
  if (len > size) throw new Error(`itemsDocument: ${size} bytes is too small`);
  for (let i = 1; ; i++) {
    const r = record(i);
    const extra = r.length + (parts.length ? 1 : 0);
    if (len + extra > size) break;
    parts.push(r);
    len += extra;
  }
  const doc = head + parts.join(",") + tail(size - len);
  if (doc.length !== size) throw new Error(`itemsDocument: built ${doc.length} bytes, wanted ${size}`);
  return doc;
}

/** `arguments` of `size` bytes for the json-body tool: `{"data":<itemsDocument>}`. */
export function jsonArguments(size: number): string {
  return `{"data":${itemsDocument(size - 9)}}`;
}

/**
 * `{"<key>":"…"}` of exactly `size` bytes whose string is plain `a`s, or (escapes) JSON escapes only:
 * `\n` and `\u0000` alternating (the hostile input of issue 14: one escape per 2–6 bytes).
 */
export function stringDocument(key: string, size: number, escapes: boolean): string {
  const head = `{${JSON.stringify(key)}:"`;
  let room = size - head.length - 2;
  if (room < 0) throw new Error(`stringDocument: ${size} bytes is too small`);
  let body = "";
  if (!escapes) body = "a".repeat(room);
  else {
    const unit = "\\n\\u0000";
    body = unit.repeat(Math.floor(room / unit.length));
    room -= body.length;
    body += "\\n".repeat(Math.floor(room / 2)) + (room % 2 ? "a" : "");
  }
  const doc = head + body + '"}';
  if (doc.length !== size) throw new Error(`stringDocument: built ${doc.length} bytes, wanted ${size}`);
  return doc;
}

/** JSON-RPC request body. */
export function rpc(id: number, method: string, params?: unknown, rawParams?: string): string {
  const p = rawParams ?? (params === undefined ? undefined : JSON.stringify(params));
  return `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)}${p === undefined ? "" : `,"params":${p}`}}`;
}

/** tools/call body with `argumentsJson` inserted verbatim. */
export function toolsCall(name: string, argumentsJson: string): string {
  return rpc(7, "tools/call", undefined, `{"name":${JSON.stringify(name)},"arguments":${argumentsJson}}`);
}

/** initialize request body. */
export const INITIALIZE = rpc(1, "initialize", {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "bench", version: "1.0.0" },
});

/** ping request body. */
export const PING = rpc(2, "ping");

/** tools/list request body. */
export const TOOLS_LIST = rpc(3, "tools/list", {});

/** Arguments for the path/query/header tool. */
export const LOOKUP_ARGS = JSON.stringify({ id: "u-12345", status: "open", limit: 25, verbose: true, "x-request-tag": "bench" });
