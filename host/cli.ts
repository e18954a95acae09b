// higress-mcp-rest CLI: serve (local gateway), validate, and dispatch to convert / demo.
import { fileURLToPath } from "node:url";
import { parseLogLevel, type LogLevelName } from "./abi.js";
import { countTools, loadConfigFile } from "./config.js";
import { ConfigRejectedError, errorLines, startGateway } from "./gateway.js";
import { Host } from "./vm.js";
import { imageCommand, pushCommand, type Build, type ImageOptions } from "./oci/commands.js";
import type { Variant } from "./oci/image.js";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import YAML from "yaml";
import { routeTableFromEnvoy, type GatewayVirtualHost } from "./routes.js";

/** Usage text. */
export const HELP = `usage: higress-mcp-rest <command> [options]

commands:
  serve --config FILE      run the plugin in a local gateway
      [--port N]                 listen port (default 8080)
      [--host ADDR]              listen address (default 127.0.0.1)
      [--wasm PATH]              plugin module (default build/higress.wasm of this package)
      [--upstream HOST[:PORT]=URL ...]  send requests for this authority to URL
      [--route-upstream URL]     Higress mode: every request goes to URL (the route's service)
      [--envoy-routes FILE]      Envoy mode: route by authority and path with FILE's (envoy.yaml) route table;
                                 each route's cluster needs a --cluster NAME=URL
      [--cluster NAME=URL ...]   clusters for proxy_http_call (outbound|PORT||HOST names need none)
      [--admin-port N]           serve /stats/prometheus on this port
      [--log-level LEVEL]        trace|debug|info|warn|error|critical (default info)
      [--allowed-hosts h1,h2]    Host header values accepted besides localhost
      [--allow-on-headers-stop-iteration]  Envoy >= 1.35 option for 0_2_1 modules
  validate FILE [--wasm PATH]  configure the plugin with FILE: prints "warning: ..." lines (exit 0,
                               "ok: N tools") or also "error: ..." lines (exit 1)
      [--explain]                then each tool's call plan (method, URL, where each argument goes, body,
                                 client and backend auth with the credential's source, never its value)
  image --output DIR|FILE.tar  the plugin as an OCI image (OCI layout dir, or a tar of it); prints the digest
      [--build higress|envoy]    build/higress.wasm (default) or build/envoy.wasm; or --wasm PATH
      [--format oci|docker]      oci: Higress plugin image spec (spec.yaml, README.md, plugin.wasm layers);
                                 docker: one plugin.wasm layer, Docker schema 2 (like FROM scratch)
      [--tag T] [--image-version V] [--source URL] [--revision SHA] [--annotation K=V ...]
      [--spec FILE] [--readme FILE]  metadata layers (default: this package's spec.yaml, README.md)
  push REF                     push the image to a registry (REF: host[:port]/repo[:tag], tag default: version);
                               prints the digest and a WasmPlugin pinned by it (same options as image, plus:)
      [--username U --password-stdin | --password P]  else REGISTRY_USERNAME/REGISTRY_PASSWORD, else
                                 ~/.docker/config.json ($DOCKER_CONFIG) auths; else anonymous
      [--plain-http]             http:// (always used for localhost/127.0.0.1)
      [--chunk-size N]           upload blobs in chunks of N bytes
      [--config FILE --ingress NS/NAME ... | --domain HOST ...]  the WasmPlugin rule
      [--name N] [--namespace NS] [--image-pull-secret S]
  convert ...                  OpenAPI -> plugin config (see: higress-mcp-rest convert --help)
  demo                         run the demo
  --help                       this text
`;

/** Default plugin module: build/higress.wasm next to the package. */
export const DEFAULT_WASM = fileURLToPath(new URL("../../build/higress.wasm", import.meta.url));

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
      process.stdout.write(HELP);
      return cmd ? 0 : 1;
    }
    if (cmd === "serve") return await serve(parseFlags(rest));
    if (cmd === "validate") return await validate(parseFlags(rest));
    if (cmd === "image") return await image(parseFlags(rest));
    if (cmd === "push") return await push(parseFlags(rest));
    if (cmd === "convert") return await delegate("../converter/cli.js", rest);
    if (cmd === "demo") return await delegate("../examples/demo/start.js", rest);
    process.stderr.write(`unknown command "${cmd}"\n${HELP}`);
    return 2;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** Bad command-line usage (exit code 2). */
class UsageError extends Error {}

/** Parsed flags: repeated flags collect into arrays; positional arguments in `_`. */
type Flags = Record<string, string[]> & { _: string[] };

/** Options that take a value (`--name VALUE` or `--name=VALUE`), for every command (HELP says which takes which). */
const VALUE_FLAGS = [
  "config",
  "port",
  "host",
  "wasm",
  "upstream",
  "route-upstream",
  "envoy-routes",
  "cluster",
  "admin-port",
  "log-level",
  "allowed-hosts",
  "output",
  "build",
  "format",
  "tag",
  "image-version",
  "source",
  "revision",
  "annotation",
  "spec",
  "readme",
  "username",
  "password",
  "chunk-size",
  "ingress",
  "domain",
  "name",
  "namespace",
  "image-pull-secret",
];
/** On/off options: `--name` is "true"; `--name=VALUE` keeps VALUE (only "true" turns them on). */
const BOOLEAN_FLAGS = ["allow-on-headers-stop-iteration", "help", "plain-http", "password-stdin", "explain"];
const PARSE_OPTIONS = Object.fromEntries([
  ...VALUE_FLAGS.map((n) => [n, { type: "string" as const }]),
  ...BOOLEAN_FLAGS.map((n) => [n, { type: "boolean" as const }]),
]);

/** The flags after the command, read by `node:util` parseArgs; an unknown or single-dash option is a usage error. */
function parseFlags(args: string[]): Flags {
  const flags = { _: [] as string[] } as Flags;
  const { tokens } = parseArgs({ args, options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === "positional") flags._.push(t.value);
    if (t.kind !== "option") continue;
    if (!t.rawName.startsWith("--") || !(t.name in PARSE_OPTIONS)) throw new UsageError(`unknown option ${t.rawName}`);
    let value = t.value;
    if (value === undefined && VALUE_FLAGS.includes(t.name)) throw new UsageError(`--${t.name} needs a value`);
    value ??= "true";
    (flags[t.name] ??= []).push(value);
  }
  return flags;
}

function one(f: Flags, name: string): string | undefined {
  const v = f[name];
  return v ? v[v.length - 1] : undefined;
}

function num(f: Flags, name: string, dflt?: number): number | undefined {
  const v = one(f, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--${name}: not a port number: ${v}`);
  return Number(v);
}

/** NAME=URL pairs into a record. */
function mapping(f: Flags, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of f[name] ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--${name} expects NAME=URL, got "${item}"`);
    const url = item.slice(eq + 1);
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--${name} ${item}: invalid URL`);
    }
    out[item.slice(0, eq)] = url;
  }
  return out;
}

async function serve(f: Flags): Promise<number> {
  if (f.help) return (process.stdout.write(HELP), 0);
  const file = one(f, "config") ?? f._[0];
  if (!file) throw new UsageError("serve needs --config FILE");
  const level = one(f, "log-level") ?? "info";
  if (parseLogLevel(level) === undefined) throw new UsageError(`--log-level: unknown level ${level}`);
  const cfg = await loadConfigFile(file);
  const clusters = mapping(f, "cluster");
  let routes: GatewayVirtualHost[] | undefined;
  const envoyFile = one(f, "envoy-routes");
  if (envoyFile) {
    const envoy = YAML.parse(await readFile(envoyFile, "utf8"));
    routes = routeTableFromEnvoy(envoy, (c) => {
      if (!clusters[c]) throw new UsageError(`--envoy-routes: cluster "${c}" needs --cluster ${c}=URL`);
      return clusters[c];
    });
  }
  try {
    const gw = await startGateway({
      config: cfg.json,
      wasm: one(f, "wasm") ?? DEFAULT_WASM,
      port: num(f, "port", 8080),
      host: one(f, "host"),
      upstreams: mapping(f, "upstream"),
      routeUpstream: one(f, "route-upstream"),
      clusters,
      routes,
      adminPort: num(f, "admin-port"),
      logLevel: level as LogLevelName,
      allowedHosts: (one(f, "allowed-hosts") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      allowOnHeadersStopIteration: one(f, "allow-on-headers-stop-iteration") === "true",
    });
    process.stderr.write(`listening on ${gw.url}${gw.adminUrl ? ` (admin ${gw.adminUrl}/stats/prometheus)` : ""}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await gw.close();
    return 0;
  } catch (e) {
    if (e instanceof ConfigRejectedError) {
      process.stderr.write(`${e.lines.join("\n")}\n`);
      return 1;
    }
    throw e;
  }
}

async function validate(f: Flags): Promise<number> {
  const file = f._[0] ?? one(f, "config");
  if (!file) throw new UsageError("validate needs FILE");
  const cfg = await loadConfigFile(file);
  const explain = one(f, "explain") === "true";
  const host = await Host.load(one(f, "wasm") ?? DEFAULT_WASM, {
    logLevel: "info",
    vmConfiguration: explain ? "explain" : undefined,
  });
  const ok = host.startPlugin(cfg.json);
  // Warnings (the config loads, read as docs/compatibility.md says) and errors (rejected) are printed apart.
  const warnings = host
    .getLogs("warn")
    .filter((l) => l.startsWith(WARN_PREFIX))
    .map((l) => `warning: ${l.slice(WARN_PREFIX.length)}`);
  if (warnings.length) process.stderr.write(`${warnings.join("\n")}\n`);
  if (!ok) {
    const errors = errorLines(host).map((l) => (l.startsWith(ERROR_PREFIX) ? `error: ${l.slice(ERROR_PREFIX.length)}` : l));
    process.stderr.write(`${errors.join("\n")}\n`);
    return 1;
  }
  const w = warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? "s" : ""})` : "";
  process.stdout.write(`ok: ${countTools(cfg.value)} tools${w}\n`);
  if (explain) {
    // each tool's call plan, as the plugin computed it at configure time (credential sources, never values)
    const plan = host
      .getLogs("info")
      .filter((l) => l.startsWith(EXPLAIN_PREFIX))
      .map((l) => l.slice(EXPLAIN_PREFIX.length));
    process.stdout.write(plan.map((l) => `${l}\n`).join(""));
  }
  return 0;
}

function imageOptions(f: Flags): ImageOptions {
  const extra: Record<string, string> = {};
  for (const a of f.annotation ?? []) {
    const eq = a.indexOf("=");
    if (eq <= 0) throw new UsageError(`--annotation expects KEY=VALUE, got "${a}"`);
    extra[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return {
    build: one(f, "build") as Build | undefined,
    wasm: one(f, "wasm"),
    format: one(f, "format") as Variant | undefined,
    spec: one(f, "spec"),
    readme: one(f, "readme"),
    version: one(f, "image-version"),
    source: one(f, "source"),
    revision: one(f, "revision"),
    annotations: extra,
  };
}

async function image(f: Flags): Promise<number> {
  if (f.help) return (process.stdout.write(HELP), 0);
  const output = one(f, "output") ?? f._[0];
  if (!output) throw new UsageError("image needs --output DIR|FILE.tar");
  return imageCommand({ ...imageOptions(f), output, tag: one(f, "tag") }, (s) => process.stdout.write(s));
}

async function push(f: Flags): Promise<number> {
  if (f.help) return (process.stdout.write(HELP), 0);
  const ref = f._[0];
  if (!ref) throw new UsageError("push needs REF (registry/repository[:tag])");
  let password = one(f, "password");
  if (one(f, "password-stdin") === "true") {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    password = Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  const chunk = one(f, "chunk-size");
  if (chunk !== undefined && !/^[1-9]\d{0,9}$/.test(chunk)) throw new UsageError(`--chunk-size: not a positive number: ${chunk}`);
  const configFile = one(f, "config");
  const cfg = configFile ? await loadConfigFile(configFile) : undefined;
  if (cfg && (one(f, "build") ?? "higress") === "higress") {
    // the printed WasmPlugin must carry a config the plugin accepts: check it before pushing
    const host = await Host.load(one(f, "wasm") ?? DEFAULT_WASM, { logLevel: "info" });
    if (!host.startPlugin(cfg.json)) {
      process.stderr.write(`${configFile}:\n${errorLines(host).join("\n")}\n`);
      return 1;
    }
  }
  return pushCommand(
    {
      ...imageOptions(f),
      ref,
      username: one(f, "username"),
      password,
      plainHttp: one(f, "plain-http") === "true",
      chunkSize: chunk === undefined ? undefined : Number(chunk),
      config: cfg?.value,
      ingress: f.ingress,
      domain: f.domain,
      pluginName: one(f, "name"),
      namespace: one(f, "namespace"),
      imagePullSecret: one(f, "image-pull-secret"),
    },
    (s) => process.stdout.write(s),
  );
}

const EXPLAIN_PREFIX = "[mcp-server] explain: ";
const WARN_PREFIX = "[mcp-server] config warning: ";
const ERROR_PREFIX = "[mcp-server] config: ";

/** Imports a module written elsewhere by a computed path and runs its main(argv). */
async function delegate(relPath: string, argv: string[]): Promise<number> {
  const url = new URL(relPath, import.meta.url).href;
  const mod = (await import(url)) as { main?: (argv: string[]) => Promise<number> };
  if (typeof mod.main !== "function") throw new Error(`${relPath} exports no main()`);
  return mod.main(argv);
}
