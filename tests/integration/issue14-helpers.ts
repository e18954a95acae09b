// Helpers of the issue-14 security tests: a raw POST with a chosen Host header, and config rejection lines.
import http from "node:http";
import { ConfigRejectedError } from "../../host/gateway.js";
import { startStack, type BUILDS } from "./harness.js";

/** POST a JSON-RPC body to `url` with an explicit `Host` header (fetch cannot set it); returns the parsed reply. */
export function postWithHost(
  url: string,
  host: string,
  body: unknown,
  headers: Record<string, string> = {},
  repeated: Array<[string, string]> = [],
): Promise<any> {
  const u = new URL(url);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const all: Record<string, string> = {
      host,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "content-length": String(data.length),
      ...headers,
    };
    // a flat [name, value, name, value, …] list sends repeated headers as separate lines
    const flat: string[] = [];
    for (const [k, v] of Object.entries(all)) flat.push(k, v);
    for (const [k, v] of repeated) flat.push(k, v);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: flat as unknown as http.OutgoingHttpHeaders },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolve({ status: res.statusCode, json: JSON.parse(text), text });
          } catch {
            resolve({ status: res.statusCode, json: undefined, text });
          }
        });
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

/** tools/call body. */
export function toolCall(name: string, args: unknown = {}, id = 1): object {
  return { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } };
}

/** The plugin's error lines for a config the gateway refuses to start with ([] when it starts). */
export async function rejectionLines(config: object, build?: (typeof BUILDS)[number]): Promise<string[]> {
  try {
    const s = await startStack({ config, build });
    await s.close();
    return [];
  } catch (e) {
    if (e instanceof ConfigRejectedError) return e.lines;
    throw e;
  }
}
