// A real OAuth2 token endpoint on 127.0.0.1 for tests: client credentials
// (RFC 6749 §4.4) and token exchange (RFC 8693). Counts requests (to prove
// caching and single flight), issues short-lived tokens on demand, and fails
// on demand.
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the token endpoint received. */
export interface TokenRequestRecord {
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

/** A running token endpoint. */
export interface TokenServer {
  url: string;
  port: number;
  authority: string;
  requests: TokenRequestRecord[];
  /** lifetime of issued tokens, seconds */
  expiresIn: number;
  /** answer with this status instead of a token (0 = normal) */
  failStatus: number;
  /** delay answers (ms), to hold fetches in flight */
  delayMs: number;
  /** hold every answer until release() (a gate that does not depend on timing) */
  hold: boolean;
  /** answer the held requests (and stop holding) */
  release(): void;
  /** requests whose caller hung up before the answer was written */
  hangUps: number;
  /** resolves once hangUps reaches n */
  untilHangUps(n: number): Promise<void>;
  /** answer with a body that is not JSON */
  badJson: boolean;
  /** tokens issued so far (token -> grant details) */
  issued: Map<string, { clientId: string; subject: string; scope: string }>;
  close(): Promise<void>;
}

/** Start a token endpoint on a free loopback port. Clients: id "client-a" / secret "secret-a", "client-b" / "secret-b". */
export async function startTokenServer(): Promise<TokenServer> {
  const clients: Record<string, string> = { "client-a": "secret-a", "client-b": "secret-b" };
  let counter = 0;
  let held: Array<() => void> = [];
  let waiters: Array<{ n: number; resolve: () => void }> = [];
  const state: TokenServer = {
    url: "",
    port: 0,
    authority: "",
    requests: [],
    expiresIn: 3600,
    failStatus: 0,
    delayMs: 0,
    hold: false,
    release: () => {
      state.hold = false;
      const h = held;
      held = [];
      for (const answer of h) answer();
    },
    hangUps: 0,
    untilHangUps: (n) =>
      new Promise<void>((resolve) => {
        if (state.hangUps >= n) resolve();
        else waiters.push({ n, resolve });
      }),
    badJson: false,
    issued: new Map(),
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    res.on("close", () => {
      if (res.writableEnded) return;
      state.hangUps++;
      waiters = waiters.filter((w) => (state.hangUps >= w.n ? (w.resolve(), false) : true));
    });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      state.requests.push({ headers: req.headers, form });
      const answer = () => {
        if (state.failStatus) {
          res.writeHead(state.failStatus, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: "server_error" }));
          return;
        }
        if (state.badJson) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end("{not json");
          return;
        }
        let id = form.get("client_id") ?? "";
        let secret = form.get("client_secret") ?? "";
        const auth = req.headers.authorization ?? "";
        if (auth.startsWith("Basic ")) {
          const dec = Buffer.from(auth.slice(6), "base64").toString("utf8");
          const i = dec.indexOf(":");
          id = decodeURIComponent(dec.slice(0, i));
          secret = decodeURIComponent(dec.slice(i + 1));
        }
        if (clients[id] === undefined || clients[id] !== secret) {
          res.writeHead(401, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: "invalid_client" }));
          return;
        }
        const grant = form.get("grant_type") ?? "";
        let subject = "";
        if (grant === "urn:ietf:params:oauth:grant-type:token-exchange") {
          subject = form.get("subject_token") ?? "";
          if (!subject) {
            res.writeHead(400, { "content-type": "application/json" });
            res.end(JSON.stringify({ error: "invalid_request" }));
            return;
          }
        } else if (grant !== "client_credentials") {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: "unsupported_grant_type" }));
          return;
        }
        counter++;
        const token = `at-${id}-${counter}`;
        state.issued.set(token, { clientId: id, subject, scope: form.get("scope") ?? "" });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: state.expiresIn }));
      };
      if (state.hold) held.push(answer);
      else if (state.delayMs) setTimeout(answer, state.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.authority = `127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
