// Backend-authentication matrix through the local gateway and the built .wasm:
// client scheme (bearer, basic, apiKey header/query/cookie, none)
//   × backend scheme (bearer, basic, apiKey header/query/cookie)
//   × passthrough (on/off)
//   × credential source (scheme default, tool override, server default, tool naming the server default's scheme)
//   × what the client sends (right, none, wrong kind, right + extra credentials aimed at the backend).
// One config per backend scheme (a server has only one defaultUpstreamSecurity), 44 tools each; every
// tool is called with each client variant in concurrent batches of 20. Each case asserts exactly what
// the recording backend saw (Authorization, API-key header, query, cookie — or nothing at all for a
// refusal), the MCP result and its error text, and scans the request, the response and the logs for
// secrets.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { BUILDS, startStack, rpc, resultText, type Stack } from "./harness.js";
import { startBackend, type RecordedRequest, type RecordingBackend } from "./backend.js";
import { assertNoLeaks, secret, type AllowEntry } from "./secrets.js";

const CLIENTS = ["bearer", "basic", "keyHeader", "keyQuery", "keyCookie", "none"] as const;
const BACKENDS = ["bearer", "basic", "keyHeader", "keyQuery", "keyCookie"] as const;
const SOURCES = ["default", "override", "server", "serverScheme"] as const;
const VARIANTS = ["right", "none", "wrongKind", "extra"] as const;
type Client = (typeof CLIENTS)[number];
type Backend = (typeof BACKENDS)[number];
type Source = (typeof SOURCES)[number];
type Variant = (typeof VARIANTS)[number];

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

// ---- secrets (fresh per run) ----
const CT = secret("client-token");
const CP = secret("client-pw");
const CB = b64(`alice:${CP}`);
const W = secret("wrong-kind");
const WB = secret("wrong-basic-pw");
const EXTRA = {
  auth: secret("extra-auth"),
  header: secret("extra-header"),
  query: secret("extra-query"),
  cookie: secret("extra-cookie"),
};

/** Configured credentials of one backend scheme type. Basic uses user:pass (sent base64-encoded). */
function configured(b: Backend) {
  const mk = (p: string) => (b === "basic" ? `svc-${p}:${secret(`${p}-pw`)}` : secret(`${b}-${p}`));
  return { def: mk("def"), override: mk("ovr"), server: mk("srv"), serverSchemeDefault: mk("sdef") };
}

const CLIENT_SCHEMES: Record<Exclude<Client, "none">, any> = {
  bearer: { id: "cBearer", type: "http", scheme: "bearer" },
  basic: { id: "cBasic", type: "http", scheme: "basic" },
  keyHeader: { id: "cKeyHeader", type: "apiKey", in: "header", name: "X-Client-Key" },
  keyQuery: { id: "cKeyQuery", type: "apiKey", in: "query", name: "client_key" },
  keyCookie: { id: "cKeyCookie", type: "apiKey", in: "cookie", name: "client_sess" },
};
const CLIENT_DESC: Record<Exclude<Client, "none">, string> = {
  bearer: "http bearer in the Authorization header",
  basic: "http basic in the Authorization header",
  keyHeader: 'api key in the "X-Client-Key" header',
  keyQuery: 'api key in the "client_key" query parameter',
  keyCookie: 'api key in the "client_sess" cookie',
};

function backendScheme(b: Backend, id: string, defaultCredential: string): any {
  const base = { id, defaultCredential };
  if (b === "bearer") return { ...base, type: "http", scheme: "bearer" };
  if (b === "basic") return { ...base, type: "http", scheme: "basic" };
  if (b === "keyHeader") return { ...base, type: "apiKey", in: "header", name: "X-Backend-Key" };
  if (b === "keyQuery") return { ...base, type: "apiKey", in: "query", name: "backend_key" };
  return { ...base, type: "apiKey", in: "cookie", name: "backend_sess" };
}

interface ToolCase {
  name: string;
  client: Client;
  passthrough: boolean;
  source: Source;
}

function toolCases(): ToolCase[] {
  const out: ToolCase[] = [];
  for (const client of CLIENTS) {
    for (const passthrough of client === "none" ? [false] : [false, true]) {
      for (const source of SOURCES)
        out.push({ name: `${client}_${passthrough ? "pt" : "np"}_${source}`, client, passthrough, source });
    }
  }
  return out;
}

function buildConfig(b: Backend, creds: ReturnType<typeof configured>, tools: ToolCase[]): object {
  return {
    server: {
      name: `matrix-${b}`,
      securitySchemes: [
        ...Object.values(CLIENT_SCHEMES),
        backendScheme(b, "bDef", creds.def),
        backendScheme(b, "bSrv", creds.serverSchemeDefault),
      ],
      defaultUpstreamSecurity: { id: "bSrv", credential: creds.server },
    },
    tools: tools.map((t) => {
      const up =
        t.source === "default"
          ? { id: "bDef" }
          : t.source === "override"
            ? { id: "bDef", credential: creds.override }
            : t.source === "serverScheme"
              ? { id: "bSrv" }
              : undefined;
      return {
        name: t.name,
        description: `matrix tool ${t.name}`,
        ...(t.client === "none" ? {} : { security: { id: CLIENT_SCHEMES[t.client].id, passthrough: t.passthrough } }),
        args: [{ name: "case", description: "case id", type: "string", required: true, position: "query" }],
        requestTemplate: { url: `http://backend.test/m/${t.name}`, method: "GET", ...(up ? { security: up } : {}) },
      };
    }),
  };
}

/** What the client sends: extra headers and the MCP URL query. */
function clientRequest(c: Client, v: Variant): { headers: Record<string, string>; query: string } {
  const headers: Record<string, string> = {};
  const query: string[] = [];
  const cookies: string[] = [];
  if (v === "right" || v === "extra") {
    if (c === "bearer") headers.authorization = `Bearer ${CT}`;
    if (c === "basic") headers.authorization = `Basic ${CB}`;
    if (c === "keyHeader") headers["x-client-key"] = CT;
    if (c === "keyQuery") query.push(`client_key=${encodeURIComponent(CT)}`);
    if (c === "keyCookie") cookies.push(`client_sess=${CT}`);
  }
  if (v === "wrongKind") headers.authorization = c === "bearer" ? `Basic ${b64(`mallory:${WB}`)}` : `Bearer ${W}`;
  if (v === "extra") {
    if (c !== "bearer" && c !== "basic") headers.authorization = `Bearer ${EXTRA.auth}`;
    headers["x-backend-key"] = EXTRA.header;
    query.push(`backend_key=${EXTRA.query}`);
    cookies.push(`backend_sess=${EXTRA.cookie}`, "theme=dark");
  }
  if (cookies.length) headers.cookie = cookies.join("; ");
  return { headers, query: query.length ? `?${query.join("&")}` : "" };
}

interface Expected {
  ok: boolean;
  error?: string;
  /** credential the backend must see (undefined when refused) */
  cred?: string;
  /** secret values making up `cred` (allowed at the backend location) */
  credSecrets: string[];
}

function expected(t: ToolCase, v: Variant, creds: ReturnType<typeof configured>): Expected {
  if (t.passthrough) {
    const c = t.client as Exclude<Client, "none">;
    const what = `tool "${t.name}" requires the client credential "${CLIENT_SCHEMES[c].id}" (${CLIENT_DESC[c]})`;
    if (v === "none") return { ok: false, error: `${what}; none was sent`, credSecrets: [] };
    if (v === "wrongKind") {
      const authKind = c === "bearer" || c === "basic";
      return {
        ok: false,
        error: authKind ? `${what}; the Authorization header carries another kind of credential` : `${what}; none was sent`,
        credSecrets: [],
      };
    }
    return c === "basic"
      ? { ok: true, cred: CB, credSecrets: [CP, `alice:${CP}`, CB] }
      : { ok: true, cred: CT, credSecrets: [CT] };
  }
  const cred = t.source === "default" ? creds.def : t.source === "override" ? creds.override : creds.server;
  return { ok: true, cred, credSecrets: [cred, ...(cred.includes(":") ? [cred.slice(cred.indexOf(":") + 1)] : [])] };
}

/** Where the backend must see the credential, as exact header/query/cookie values. */
function backendView(b: Backend, cred: string | undefined) {
  const v = {
    authorization: undefined as string | undefined,
    key: undefined as string | undefined,
    query: undefined as string | undefined,
    cookie: undefined as string | undefined,
  };
  if (cred === undefined) return v;
  if (b === "bearer") v.authorization = `Bearer ${cred}`;
  if (b === "basic") v.authorization = `Basic ${cred.includes(":") ? b64(cred) : cred}`;
  if (b === "keyHeader") v.key = cred;
  if (b === "keyQuery") v.query = cred;
  if (b === "keyCookie") v.cookie = `backend_sess=${cred}`;
  return v;
}

const LOCATION: Record<Backend, string> = {
  bearer: "backend header authorization",
  basic: "backend header authorization",
  keyHeader: "backend header x-backend-key",
  keyQuery: "backend query backend_key",
  keyCookie: "backend cookie backend_sess",
};

interface Outcome {
  tool: ToolCase;
  variant: Variant;
  caseId: string;
  status: number;
  json: any;
}

const BATCH = 20;
const MATRIX_BUILDS = process.env.AUTH_MATRIX_BUILDS
  ? BUILDS.filter((b) => process.env.AUTH_MATRIX_BUILDS!.split(",").includes(b.name))
  : BUILDS;

for (const build of MATRIX_BUILDS) {
  for (const b of BACKENDS) {
    describe(`auth matrix, backend ${b} (${build.name}.wasm)`, () => {
      const creds = configured(b);
      const tools = toolCases();
      const allSecrets = [
        { name: "client token", value: CT },
        { name: "client basic password", value: CP },
        { name: "client basic pair", value: `alice:${CP}` },
        { name: "wrong-kind token", value: W },
        { name: "wrong-kind basic password", value: WB },
        ...Object.entries(EXTRA).map(([k, value]) => ({ name: `extra ${k}`, value })),
        ...Object.entries(creds).flatMap(([k, value]) => [
          { name: `configured ${k}`, value },
          ...(value.includes(":") ? [{ name: `configured ${k} password`, value: value.slice(value.indexOf(":") + 1) }] : []),
        ]),
      ];
      let backend: RecordingBackend;
      let stack: Stack;
      const outcomes = new Map<string, Outcome>();
      const byCase = new Map<string, RecordedRequest[]>();

      before(async () => {
        backend = await startBackend();
        backend.on("*", (r) => ({
          status: 200,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ case: r.query.get("case") }),
        }));
        stack = await startStack({ config: buildConfig(b, creds, tools), build, upstreams: { "backend.test": backend.url } });
        const jobs: Array<() => Promise<void>> = [];
        let id = 1;
        for (const tool of tools) {
          for (const variant of VARIANTS) {
            const caseId = `${tool.name}.${variant}`;
            const req = clientRequest(tool.client, variant);
            const rpcId = id++;
            jobs.push(async () => {
              const r = await rpc(
                stack.mcpUrl + req.query,
                { jsonrpc: "2.0", id: rpcId, method: "tools/call", params: { name: tool.name, arguments: { case: caseId } } },
                req.headers,
              );
              outcomes.set(caseId, { tool, variant, caseId, status: r.status, json: r.json });
            });
          }
        }
        for (let i = 0; i < jobs.length; i += BATCH) await Promise.all(jobs.slice(i, i + BATCH).map((j) => j()));
        for (const r of backend.requests) {
          const c = r.query.get("case") ?? "";
          byCase.set(c, [...(byCase.get(c) ?? []), r]);
        }
      });
      after(async () => {
        await stack?.close();
        await backend?.close();
      });

      for (const tool of tools) {
        test(`${tool.name}: client ${tool.client}, passthrough ${tool.passthrough ? "on" : "off"}, credential from ${tool.source}`, () => {
          for (const variant of VARIANTS) {
            const caseId = `${tool.name}.${variant}`;
            const o = outcomes.get(caseId);
            assert.ok(o, `${caseId}: no outcome`);
            const exp = expected(tool, variant, creds);
            const seen = byCase.get(caseId) ?? [];
            assert.equal(o.status, 200, `${caseId}: HTTP status`);
            const result = o.json?.result;
            assert.ok(result, `${caseId}: JSON-RPC result`);
            if (!exp.ok) {
              assert.equal(seen.length, 0, `${caseId}: a refusal sends nothing to the backend`);
              assert.equal(result.isError, true, `${caseId}: isError`);
              assert.equal(resultText(result), exp.error, `${caseId}: error text`);
            } else {
              assert.equal(seen.length, 1, `${caseId}: exactly one backend request`);
              assert.equal(result.isError, false, `${caseId}: isError (${resultText(result)})`);
              assert.deepEqual(JSON.parse(resultText(result)), { case: caseId }, `${caseId}: the client gets its own answer`);
              const r = seen[0];
              const want = backendView(b, exp.cred);
              assert.equal(r.path, `/m/${tool.name}`, `${caseId}: path`);
              assert.equal(r.headers.authorization, want.authorization, `${caseId}: Authorization`);
              assert.equal(r.headers["x-backend-key"], want.key, `${caseId}: X-Backend-Key`);
              assert.equal(r.headers.cookie, want.cookie, `${caseId}: Cookie`);
              assert.deepEqual(
                Object.fromEntries(r.query),
                { case: caseId, ...(want.query !== undefined ? { backend_key: want.query } : {}) },
                `${caseId}: query`,
              );
              assert.equal(
                r.query.getAll("backend_key").length,
                want.query !== undefined ? 1 : 0,
                `${caseId}: one backend_key at most`,
              );
              assert.equal(r.headers["x-client-key"], undefined, `${caseId}: the client's API-key header is stripped`);
              assert.equal(
                r.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === "authorization").length,
                want.authorization ? 1 : 0,
                `${caseId}: one Authorization at most`,
              );
            }
            const allow: AllowEntry[] = exp.credSecrets.map((s) => ({
              secret: s,
              where: LOCATION[b],
              reason: "the backend scheme puts the credential there",
            }));
            assertNoLeaks({ secrets: allSecrets, requests: seen, responses: [o.json], allow }, caseId);
          }
        });
      }

      test("no secret appears in any log line (trace level)", () => {
        assert.ok(stack.logs.length > tools.length, "logs were captured");
        assertNoLeaks({ secrets: allSecrets, logs: stack.logs });
      });

      test("no backend request belongs to an unknown case", () => {
        const known = new Set(outcomes.keys());
        for (const c of byCase.keys()) assert.ok(known.has(c), `unexpected backend request for case ${c}`);
        assert.equal(outcomes.size, tools.length * VARIANTS.length);
      });
    });
  }
}
