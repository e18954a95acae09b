// The demo REST API (node:http only): notes and todos behind five kinds of
// authentication, described by examples/demo/openapi.yaml. Run it on its own
// with `node dist/examples/demo/api.js [--host 0.0.0.0] [--port 8081]`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { checkNoteInput, checkTodoInput, DemoStore } from "./store.js";

/** The credentials the demo API accepts (they also appear in config.base.yaml). */
export const DEMO_CREDENTIALS = {
  basicUser: "demo",
  basicPassword: "demo-pass",
  bearerToken: "demo-bearer-token",
  apiKeyHeaderName: "X-Api-Key",
  apiKey: "demo-api-key",
  apiKeyQueryName: "api_key",
  queryKey: "demo-query-key",
  /** user tokens are `user-<name>`; the API answers with `<name>` */
  userTokenPrefix: "user-",
} as const;

/** How an endpoint authenticates its caller. */
export type DemoAuth = "none" | "basic" | "bearer" | "apiKeyHeader" | "apiKeyQuery" | "userToken";

/** Options of {@link startDemoApi}. */
export interface DemoApiOptions {
  /** 0 (default) = a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
}

/** A running demo API. */
export interface DemoApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  store: DemoStore;
  params: string[];
  user: string;
}

interface Reply {
  status: number;
  body: unknown;
}

interface Route {
  method: string;
  /** path pattern; `{}` matches one segment */
  pattern: string;
  auth: DemoAuth;
  handle(call: Call): Reply;
}

const ok = (body: unknown, status = 200): Reply => ({ status, body });
const fail = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function limitOf(query: URLSearchParams): number | null {
  const raw = query.get("limit");
  if (raw === null) return 10;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
}

/** Every endpoint of the demo API, in matching order. Exported for tests. */
export const DEMO_ROUTES: Route[] = [
  { method: "GET", pattern: "/health", auth: "none", handle: () => ok({ status: "ok" }) },
  {
    method: "GET",
    pattern: "/greeting",
    auth: "none",
    handle: (c) => ok({ message: `Hello, ${c.query.get("name") || "world"}!` }),
  },
  {
    method: "GET",
    pattern: "/notes",
    auth: "basic",
    handle: (c) => {
      const limit = limitOf(c.query);
      if (limit === null) return fail(400, "bad_request", "limit: must be an integer 1..100");
      const tag = c.query.get("tag");
      const all = tag ? c.store.notes.filter((n) => n.tags.includes(tag)) : c.store.notes;
      return ok({ notes: all.slice(0, limit), total: all.length });
    },
  },
  {
    method: "POST",
    pattern: "/notes",
    auth: "bearer",
    handle: (c) => {
      const parsed = parseJson(c.body);
      if (!parsed.ok) return fail(400, "bad_request", "body: invalid JSON");
      const checked = checkNoteInput(parsed.value);
      if (!checked.ok) return fail(400, "bad_request", checked.error);
      return ok(c.store.addNote(checked.value.title, checked.value.text, checked.value.tags), 201);
    },
  },
  {
    method: "GET",
    pattern: "/notes/search",
    auth: "apiKeyQuery",
    handle: (c) => {
      const q = c.query.get("q");
      if (!q) return fail(400, "bad_request", "q: required");
      const limit = limitOf(c.query);
      if (limit === null) return fail(400, "bad_request", "limit: must be an integer 1..100");
      const results = c.store.search(q);
      return ok({ query: q, results: results.slice(0, limit), total: results.length });
    },
  },
  {
    method: "GET",
    pattern: "/notes/{}",
    auth: "bearer",
    handle: (c) => {
      const note = c.store.notes.find((n) => n.id === c.params[0]);
      return note ? ok(note) : fail(404, "not_found", `note ${c.params[0]} does not exist`);
    },
  },
  {
    method: "GET",
    pattern: "/todos",
    auth: "apiKeyHeader",
    handle: (c) => {
      const done = c.query.get("done");
      if (done !== null && done !== "true" && done !== "false") return fail(400, "bad_request", "done: must be true or false");
      const todos = done === null ? c.store.todos : c.store.todos.filter((t) => String(t.done) === done);
      return ok({ todos });
    },
  },
  {
    method: "POST",
    pattern: "/todos",
    auth: "apiKeyHeader",
    handle: (c) => {
      const parsed = parseJson(c.body);
      if (!parsed.ok) return fail(400, "bad_request", "body: invalid JSON");
      const checked = checkTodoInput(parsed.value);
      if (!checked.ok) return fail(400, "bad_request", checked.error);
      return ok(c.store.addTodo(checked.value.title, false, checked.value.due), 201);
    },
  },
  {
    method: "GET",
    pattern: "/me",
    auth: "userToken",
    handle: (c) => ok({ user: c.user, tokenType: "user", message: `This token belongs to ${c.user}.` }),
  },
];

function match(pattern: string, path: string): string[] | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const params: string[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "{}") {
      if (s[i] === "") return null;
      params.push(decodeURIComponent(s[i]));
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

function bearerOf(headers: http.IncomingHttpHeaders): string | null {
  const h = headers.authorization ?? "";
  return /^Bearer /i.test(h) ? h.slice(7).trim() : null;
}

/** Checks the caller's credential; returns the user name (or "") when accepted, null when not. */
export function authenticate(auth: DemoAuth, headers: http.IncomingHttpHeaders, query: URLSearchParams): string | null {
  const c = DEMO_CREDENTIALS;
  switch (auth) {
    case "none":
      return "";
    case "basic": {
      const h = headers.authorization ?? "";
      if (!/^Basic /i.test(h)) return null;
      const decoded = Buffer.from(h.slice(6).trim(), "base64").toString("utf8");
      return decoded === `${c.basicUser}:${c.basicPassword}` ? c.basicUser : null;
    }
    case "bearer":
      return bearerOf(headers) === c.bearerToken ? "service" : null;
    case "apiKeyHeader":
      return headers[c.apiKeyHeaderName.toLowerCase()] === c.apiKey ? "service" : null;
    case "apiKeyQuery":
      return query.get(c.apiKeyQueryName) === c.queryKey ? "service" : null;
    case "userToken": {
      const t = bearerOf(headers) ?? "";
      const name = t.startsWith(c.userTokenPrefix) ? t.slice(c.userTokenPrefix.length) : "";
      return /^[A-Za-z0-9._-]{1,64}$/.test(name) ? name : null;
    }
  }
}

const CHALLENGE: Partial<Record<DemoAuth, string>> = {
  basic: 'Basic realm="demo"',
  bearer: 'Bearer realm="demo"',
  userToken: 'Bearer realm="demo-users"',
};

function dispatch(store: DemoStore, req: http.IncomingMessage, body: string): { reply: Reply; headers: Record<string, string> } {
  const u = new URL(req.url ?? "/", "http://demo-api.local");
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, "") : u.pathname;
  let pathMatched = false;
  for (const r of DEMO_ROUTES) {
    const params = match(r.pattern, path);
    if (params === null) continue;
    pathMatched = true;
    if (r.method !== req.method) continue;
    const user = authenticate(r.auth, req.headers, u.searchParams);
    if (user === null) {
      const challenge = CHALLENGE[r.auth];
      return {
        reply: fail(401, "unauthorized", `missing or invalid credential (${r.auth})`),
        headers: challenge ? { "www-authenticate": challenge } : {},
      };
    }
    const call: Call = { method: req.method, path, query: u.searchParams, headers: req.headers, body, store, params, user };
    return { reply: r.handle(call), headers: {} };
  }
  return {
    reply: pathMatched
      ? fail(405, "method_not_allowed", `${req.method} not allowed on ${path}`)
      : fail(404, "not_found", `no endpoint ${path}`),
    headers: {},
  };
}

/** Starts the demo API; resolves once it listens. */
export async function startDemoApi(options: DemoApiOptions = {}): Promise<DemoApi> {
  const store = new DemoStore();
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= 1 << 20) chunks.push(c);
    });
    req.on("end", () => {
      const { reply, headers } =
        size > 1 << 20
          ? { reply: fail(413, "too_large", "body larger than 1 MiB"), headers: {} }
          : dispatch(store, req, Buffer.concat(chunks).toString("utf8"));
      res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

// Stand-alone mode (docker-compose's demo-api service).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const api = await startDemoApi({
    host: argValue(argv, "--host") ?? "127.0.0.1",
    port: Number(argValue(argv, "--port") ?? 8081),
  });
  console.log(`demo API listening on ${api.url} (bound to ${argValue(argv, "--host") ?? "127.0.0.1"})`);
  const stop = (): void => {
    void api.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
