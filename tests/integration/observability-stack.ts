// Shared setup of the observability tests: a config with an API-key tool, a
// passthrough tool and a template tool; a recording backend; the gateway with
// an admin port and a short backend timeout (the plugin sends
// x-envoy-upstream-rq-timeout-ms; the gateway, like Envoy's router, answers
// 504 "upstream request timeout" when it expires); and capture of every stream
// the gateway creates so a test can read the local reply's details string.
import type { HttpStream } from "../../host/stream.js";
import type { Metric } from "../../host/metrics.js";
import { BUILDS, startStack, type Stack } from "./harness.js";
import { startBackend, type RecordingBackend } from "./backend.js";
import { secret } from "./secrets.js";

/** Server name; its metric segment is the same. */
export const SERVER = "obs-test";

/** limits.backendTimeoutMs of the config (ms). */
export const ROUTE_TIMEOUT_MS = 1500;

/** Values that must never appear in a log line. */
export interface Secrets {
  apiKey: string;
  userToken: string;
  argValue: string;
  bodyMarker: string;
}

/** Fresh random secrets. */
export function newSecrets(): Secrets {
  return { apiKey: secret("apikey"), userToken: secret("usertoken"), argValue: secret("argval"), bodyMarker: secret("bodymark") };
}

/** The plugin configuration: get_item (API key), profile (client bearer passthrough), hello (template only). */
export function obsConfig(s: Secrets, extraTools: object[] = []): object {
  return {
    server: {
      name: SERVER,
      allowedOrigins: ["https://allowed.example"],
      limits: { maxResponseBodyBytes: 4096, maxRequestBodyBytes: 8192, backendTimeoutMs: ROUTE_TIMEOUT_MS },
      securitySchemes: [
        { id: "clientBearer", type: "http", scheme: "bearer" },
        { id: "backendBearer", type: "http", scheme: "bearer" },
        { id: "backendKey", type: "apiKey", in: "header", name: "X-Api-Key", defaultCredential: s.apiKey },
      ],
    },
    tools: [
      {
        name: "get_item",
        description: "Reads one item.",
        args: [
          { name: "id", description: "Item id", type: "integer", required: true, position: "path" },
          { name: "note", description: "A note", type: "string", position: "query" },
        ],
        requestTemplate: { url: "http://backend.test/items/{id}", method: "GET", security: { id: "backendKey" } },
      },
      {
        name: "profile",
        description: "The caller's profile, with the caller's own token.",
        security: { id: "clientBearer", passthrough: true },
        args: [],
        requestTemplate: { url: "http://backend.test/me", method: "GET", security: { id: "backendBearer" } },
      },
      {
        name: "hello",
        description: "Answers from a template.",
        args: [],
        requestTemplate: {},
        responseTemplate: { body: "hello" },
      },
      ...extraTools,
    ],
  };
}

/** Everything an observability test needs. */
export interface ObsStack {
  stack: Stack;
  backend: RecordingBackend;
  secrets: Secrets;
  /** every stream the gateway created, in order */
  streams: HttpStream[];
  /** local reply details of the most recent stream (null: no local reply) */
  lastDetails(): string | null;
  /** a plugin metric by its name without the "mcp_rest." prefix */
  metric(name: string): Metric | undefined;
  /** counter value (fails when the counter does not exist) */
  counter(name: string): number;
  close(): Promise<void>;
}

/**
 * Backend script: /items/500 → 500, /items/7000 → never answers (only the route timeout ends it), /items/204 → 204,
 * /items/9999 → big. The route timeout is generous so that a normal answer never races it on a busy machine.
 */
function script(backend: RecordingBackend, s: Secrets): void {
  backend.on("/items/500", {
    status: 500,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: s.bodyMarker }),
  });
  backend.on("/items/7000", { hang: true });
  backend.on("/items/204", { status: 204 });
  backend.on("/items/9999", { status: 200, headers: { "content-type": "text/plain" }, body: "x".repeat(10000) });
  backend.on("*", (r) => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: r.path, marker: s.bodyMarker }),
  }));
}

/** Start the backend and the gateway (admin port on) with the observability config. */
export async function startObsStack(build: (typeof BUILDS)[number] = BUILDS[0]): Promise<ObsStack> {
  const secrets = newSecrets();
  const backend = await startBackend();
  script(backend, secrets);
  const stack = await startStack({ config: obsConfig(secrets), build, upstreams: { "backend.test": backend.url }, adminPort: 0 });
  const host = stack.gateway.host;
  const streams: HttpStream[] = [];
  const create = host.newHttpStream.bind(host);
  host.newHttpStream = (o) => {
    const s = create(o);
    streams.push(s);
    return s;
  };
  const metric = (name: string) =>
    host
      .getMetrics()
      .list()
      .find((m) => m.name === `mcp_rest.${name}`);
  return {
    stack,
    backend,
    secrets,
    streams,
    metric,
    lastDetails: () => streams.at(-1)?.getLocalResponse()?.details ?? null,
    counter(name: string): number {
      const m = metric(name);
      if (!m) throw new Error(`metric mcp_rest.${name} is not defined`);
      return Number(m.value);
    },
    close: async () => {
      await stack.close();
      await backend.close();
    },
  };
}

/** Metric name of a tool outcome counter (without the prefix). */
export function toolCalls(tool: string, outcome: string): string {
  return `server.${SERVER}.tool.${tool}.outcome.${outcome}.tool_calls`;
}
