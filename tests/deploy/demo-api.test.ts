// The demo REST API: each protected endpoint answers 401 without (or with a
// wrong) credential and 2xx with its own; openapi.yaml describes exactly its
// endpoints and schemes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_CREDENTIALS as C, DEMO_ROUTES, DemoApi, DemoAuth, startDemoApi } from "../../examples/demo/api.js";
import { isObj, readYaml } from "./files.js";

let api: DemoApi;
before(async () => {
  api = await startDemoApi();
});
after(async () => {
  await api.close();
});

const basic = (user: string, pass: string): string => "Basic " + Buffer.from(`${user}:${pass}`).toString("base64");

interface Case {
  method: string;
  path: string;
  body?: unknown;
  /** how the right credential is presented */
  good: { headers?: Record<string, string>; query?: string };
  /** wrong credentials of the right kind */
  bad: Array<{ headers?: Record<string, string>; query?: string }>;
  status: number;
}

const cases: Array<[string, Case]> = [
  [
    "GET /notes (Basic)",
    {
      method: "GET",
      path: "/notes",
      good: { headers: { authorization: basic(C.basicUser, C.basicPassword) } },
      bad: [
        { headers: { authorization: basic(C.basicUser, "nope") } },
        { headers: { authorization: `Bearer ${C.bearerToken}` } },
      ],
      status: 200,
    },
  ],
  [
    "GET /notes/1 (Bearer)",
    {
      method: "GET",
      path: "/notes/1",
      good: { headers: { authorization: `Bearer ${C.bearerToken}` } },
      bad: [{ headers: { authorization: "Bearer wrong" } }, { headers: { authorization: basic(C.basicUser, C.basicPassword) } }],
      status: 200,
    },
  ],
  [
    "POST /notes (Bearer)",
    {
      method: "POST",
      path: "/notes",
      body: { title: "t", tags: ["x"] },
      good: { headers: { authorization: `Bearer ${C.bearerToken}` } },
      bad: [{ headers: { authorization: "Bearer user-alice" } }],
      status: 201,
    },
  ],
  [
    "GET /notes/search (API key in query)",
    {
      method: "GET",
      path: "/notes/search?q=mcp",
      good: { query: `${C.apiKeyQueryName}=${C.queryKey}` },
      bad: [{ query: `${C.apiKeyQueryName}=wrong` }, { headers: { [C.apiKeyHeaderName]: C.queryKey } }],
      status: 200,
    },
  ],
  [
    "GET /todos (API key header)",
    {
      method: "GET",
      path: "/todos",
      good: { headers: { [C.apiKeyHeaderName]: C.apiKey } },
      bad: [{ headers: { [C.apiKeyHeaderName]: "wrong" } }, { query: `${C.apiKeyQueryName}=${C.apiKey}` }],
      status: 200,
    },
  ],
  [
    "POST /todos (API key header)",
    {
      method: "POST",
      path: "/todos",
      body: { title: "t", due: "2026-12-01" },
      good: { headers: { [C.apiKeyHeaderName]: C.apiKey } },
      bad: [{ headers: { [C.apiKeyHeaderName]: C.queryKey } }],
      status: 201,
    },
  ],
  [
    "GET /me (user token)",
    {
      method: "GET",
      path: "/me",
      good: { headers: { authorization: "Bearer user-alice" } },
      bad: [{ headers: { authorization: `Bearer ${C.bearerToken}` } }, { headers: { authorization: "Bearer user-" } }],
      status: 200,
    },
  ],
];

async function call(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; query?: string; body?: unknown } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const sep = path.includes("?") ? "&" : "?";
  const url = api.url + path + (opts.query ? sep + opts.query : "");
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

for (const [name, c] of cases) {
  test(`${name}: 401 with a JSON error without a credential`, async () => {
    const r = await call(c.method, c.path, { body: c.body });
    assert.equal(r.status, 401);
    assert.equal(r.json.error, "unauthorized");
    assert.match(r.headers.get("content-type") ?? "", /application\/json/);
  });
  test(`${name}: 401 with a wrong credential`, async () => {
    for (const bad of c.bad) {
      const r = await call(c.method, c.path, { ...bad, body: c.body });
      assert.equal(r.status, 401, JSON.stringify(bad));
    }
  });
  test(`${name}: ${c.status} with its credential`, async () => {
    const r = await call(c.method, c.path, { ...c.good, body: c.body });
    assert.equal(r.status, c.status, JSON.stringify(r.json));
  });
}

test("unauthenticated endpoints answer without credentials", async () => {
  assert.deepEqual((await call("GET", "/health")).json, { status: "ok" });
  assert.deepEqual((await call("GET", "/greeting?name=Ada")).json, { message: "Hello, Ada!" });
});

test("GET /me says which user the token belongs to", async () => {
  const r = await call("GET", "/me", { headers: { authorization: "Bearer user-bob" } });
  assert.equal(r.json.user, "bob");
});

test("notes: create, then read back by id, list by tag and find by search", async () => {
  const bearer = { authorization: `Bearer ${C.bearerToken}` };
  const created = await call("POST", "/notes", {
    headers: bearer,
    body: { title: "Zebra facts", text: "stripes", tags: ["zoo"] },
  });
  assert.equal(created.status, 201);
  const id = String(created.json.id);
  assert.equal((await call("GET", `/notes/${id}`, { headers: bearer })).json.title, "Zebra facts");
  const listed = await call("GET", "/notes?tag=zoo", { headers: { authorization: basic(C.basicUser, C.basicPassword) } });
  assert.deepEqual(
    (listed.json.notes as Array<{ id: string }>).map((n) => n.id),
    [id],
  );
  const found = await call("GET", "/notes/search?q=stripes", { query: `${C.apiKeyQueryName}=${C.queryKey}` });
  assert.equal(found.json.total, 1);
});

test("bad input is a 400/404 JSON error, not a crash", async () => {
  const bearer = { authorization: `Bearer ${C.bearerToken}` };
  assert.equal((await call("POST", "/notes", { headers: bearer, body: { text: "no title" } })).status, 400);
  assert.equal((await call("GET", "/notes/999", { headers: bearer })).status, 404);
  const res = await fetch(api.url + "/notes", {
    method: "POST",
    headers: { ...bearer, "content-type": "application/json" },
    body: "{bad",
  });
  assert.equal(res.status, 400);
  assert.equal(
    (await call("GET", "/notes?limit=0", { headers: { authorization: basic(C.basicUser, C.basicPassword) } })).status,
    400,
  );
  assert.equal((await call("GET", "/nowhere")).status, 404);
  assert.equal((await call("DELETE", "/notes")).status, 405);
});

test("openapi.yaml describes exactly the demo API's endpoints and their authentication", () => {
  const doc = readYaml("examples", "demo", "openapi.yaml");
  assert.ok(isObj(doc) && isObj(doc.paths));
  const schemeToAuth: Record<string, DemoAuth> = {
    basicAuth: "basic",
    bearerAuth: "bearer",
    apiKeyHeader: "apiKeyHeader",
    apiKeyQuery: "apiKeyQuery",
    userToken: "userToken",
  };
  const documented: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { security?: Array<Record<string, unknown>> }>)) {
      const req = op.security ?? [];
      const auth: DemoAuth = req.length === 0 ? "none" : schemeToAuth[Object.keys(req[0])[0]];
      documented.push(`${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")} ${auth}`);
    }
  }
  const served = DEMO_ROUTES.map((r) => `${r.method} ${r.pattern} ${r.auth}`);
  assert.deepEqual(documented.sort(), served.sort());
});
