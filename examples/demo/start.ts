// `npm start` / `higress-mcp-rest demo`: the demo REST API plus the local
// gateway running build/higress.wasm with examples/demo/config.yaml.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import YAML from "yaml";
import { startGateway, type Gateway } from "../../host/gateway.js";
import { startDemoApi, type DemoApi } from "./api.js";
import { upstreamHosts } from "./envoy.js";
import { demoPath, repoRoot } from "./generate.js";

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** gateway port (default 8080; 0 = free port) */
  port?: number;
  /** demo API port (default 8081, or a free port when 8081 is taken) */
  apiPort?: number;
  /** plugin module (default build/higress.wasm) */
  wasm?: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "critical";
  writeLog?: (line: string) => void;
}

/** A running demo. */
export interface Demo {
  api: DemoApi;
  gateway: Gateway;
  mcpUrl: string;
  /** the plugin config in use */
  config: {
    tools?: Array<{
      name: string;
      description?: string;
      security?: { id?: string };
      requestTemplate?: { security?: { id?: string } };
    }>;
  };
  close(): Promise<void>;
}

async function startApi(port: number | undefined): Promise<DemoApi> {
  if (port !== undefined) return startDemoApi({ port });
  try {
    return await startDemoApi({ port: 8081 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
    return startDemoApi({ port: 0 });
  }
}

/** Starts the demo API and the gateway; every backend host of the config is mapped to the demo API. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const text = readFileSync(demoPath("config.yaml"), "utf8");
  const config = YAML.parse(text) as Demo["config"];
  const api = await startApi(options.apiPort);
  try {
    const upstreams: Record<string, string> = {};
    for (const h of upstreamHosts(config)) upstreams[h] = api.url;
    const gateway = await startGateway({
      config: JSON.stringify(config),
      wasm: options.wasm ?? join(repoRoot(), "build", "higress.wasm"),
      port: options.port ?? 8080,
      upstreams,
      logLevel: options.logLevel ?? "info",
      writeLog: options.writeLog,
    });
    const mcpUrl = `${gateway.url}/mcp`;
    return {
      api,
      gateway,
      mcpUrl,
      config,
      close: async () => {
        await gateway.close();
        await api.close();
      },
    };
  } catch (e) {
    await api.close();
    throw e;
  }
}

const DEMO_OPTIONS = {
  port: { type: "string" },
  "api-port": { type: "string" },
  wasm: { type: "string" },
  "log-level": { type: "string" },
  help: { type: "boolean" },
} as const;

function portFlag(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const v = values[name];
  if (typeof v !== "string") return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--${name}: not a port number: ${v}`);
  return Number(v);
}

/** The text printed once the demo runs. */
export function banner(demo: Demo): string {
  const url = demo.mcpUrl;
  const inspector = `npx @modelcontextprotocol/inspector --cli ${url} --transport http`;
  const tools = (demo.config.tools ?? []).map((t) => {
    const backend = t.requestTemplate?.security?.id;
    const client = t.security?.id;
    const auth = client
      ? `passes the caller's ${client} through`
      : backend
        ? `gateway authenticates with ${backend}`
        : "no authentication";
    return `  ${t.name.padEnd(12)} ${auth}`;
  });
  const call = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: "listNotes", arguments: { tag: "mcp" } },
  });
  return [
    "",
    `Demo REST API:  ${demo.api.url}  (never called directly by MCP clients)`,
    `MCP endpoint:   ${url}`,
    "",
    "Tools:",
    ...tools,
    "",
    "List the tools:",
    `  ${inspector} --method tools/list`,
    "Call one:",
    `  ${inspector} --method tools/call --tool-name listNotes --tool-arg tag=mcp`,
    "Or with curl:",
    `  curl -s ${url} -H 'content-type: application/json' -H 'accept: application/json, text/event-stream' \\`,
    `    -d '${call}'`,
    "getMe uses the caller's own token (Authorization: Bearer user-<name>):",
    `  curl -s ${url} -H 'content-type: application/json' -H 'accept: application/json, text/event-stream' \\`,
    `    -H 'authorization: Bearer user-alice' -d '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"getMe","arguments":{}}}'`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}

/** CLI entry (`higress-mcp-rest demo [--port N] [--api-port N] [--wasm PATH] [--log-level L]`); resolves to the exit code on SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<number> {
  const usage = "usage: higress-mcp-rest demo [--port 8080] [--api-port 8081] [--wasm build/higress.wasm] [--log-level info]\n";
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: DEMO_OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    process.stderr.write(`demo: ${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  let demo: Demo;
  try {
    demo = await startDemo({
      port: portFlag(values, "port"),
      apiPort: portFlag(values, "api-port"),
      wasm: values.wasm as string | undefined,
      logLevel: values["log-level"] as DemoOptions["logLevel"],
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") process.stderr.write(`demo: port in use (${err.message}); try --port <free port>\n`);
    else if (err.code === "ENOENT") process.stderr.write(`demo: ${err.message}\nbuild first: npm run build\n`);
    else process.stderr.write(`demo: ${err.message}\n`);
    return 1;
  }
  process.stdout.write(banner(demo));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write("stopping…\n");
  await demo.close();
  return 0;
}
