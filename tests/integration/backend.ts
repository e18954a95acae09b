// A real HTTP backend on 127.0.0.1 that records exactly what it receives and
// answers from a per-path script. Used by the integration tests.
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the backend saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
  /** the body bytes as received (binary uploads) */
  bodyBytes?: Buffer;
}

/** A scripted answer. */
export interface BackendAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** destroy the socket instead of answering */
  reset?: boolean;
  /** wait before answering (ms) */
  delayMs?: number;
  /** never answer: only the caller's timeout (or close()) ends the request */
  hang?: boolean;
}

export type Responder = (req: RecordedRequest) => BackendAnswer;

/** A running recording backend. */
export interface RecordingBackend {
  url: string;
  port: number;
  /** host:port, as a config URL authority */
  authority: string;
  requests: RecordedRequest[];
  /** set the answer for requests whose path (without query) equals `path` ("*" = default) */
  on(path: string, answer: BackendAnswer | Responder): void;
  reset(): void;
  close(): Promise<void>;
}

/** Start a recording backend on a free loopback port. Default answer: 200 JSON echo of the request. */
export async function startBackend(): Promise<RecordingBackend> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, BackendAnswer | Responder>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const u = new URL(req.url ?? "/", "http://x");
      const rec: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString("utf8"),
        bodyBytes: Buffer.concat(chunks),
      };
      requests.push(rec);
      const r = routes.get(u.pathname) ?? routes.get("*");
      const a: BackendAnswer =
        typeof r === "function"
          ? r(rec)
          : (r ?? {
              status: 200,
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ method: rec.method, url: rec.url, body: rec.body }),
            });
      const send = () => {
        if (a.reset) {
          req.socket.destroy();
          return;
        }
        res.writeHead(a.status ?? 200, a.headers ?? {});
        res.end(a.body ?? "");
      };
      if (a.hang) return;
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    authority: `127.0.0.1:${port}`,
    requests,
    on(path, answer) {
      routes.set(path, answer);
    },
    reset() {
      requests.length = 0;
      routes.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
