// CLI: `convert --input FILE [--output FILE] [--server-name NAME] [--tool-prefix P]
// [--format yaml|json] [--validate] [--template FILE] [--passthrough]`.
// Flags as Go's `flag` package takes them: `-x v`, `-x=v`, `--x v`, `--x=v`.
// Data goes to stdout (or --output); everything else to stderr.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_TOOL_BYTES } from "./budget.js";
import { convert } from "./convert.js";
import { isUrl, load, loadTemplate } from "./load.js";
import { Format, serialize } from "./serialize.js";
import { Warning } from "./types.js";

const VALUE_FLAGS = new Set(["input", "output", "server-name", "tool-prefix", "format", "template", "max-tool-bytes"]);
const BOOL_FLAGS = new Set(["validate", "passthrough", "external-refs", "help", "h"]);

const USAGE = `Usage: openapi-to-mcp --input FILE|URL [options]
  --input FILE|URL      OpenAPI 3.x or Swagger 2.0 document (JSON or YAML)
  --output FILE         write the config here (default: stdout)
  --server-name NAME    server.name (default: openapi-server)
  --tool-prefix P       prefix for every tool name
  --format yaml|json    output format (default: yaml, or json for a .json --output)
  --validate            validate the document against the OpenAPI schema first
  --template FILE       YAML template merged into the generated config
  --passthrough         also emit tools[].security {id, passthrough: true} for secured tools
  --external-refs       fetch $ref files from the network (default: only the --input URL is fetched)
  --max-tool-bytes N    per-tool size budget for nested schemas, outputSchema and prependBody
                        (default ${DEFAULT_TOOL_BYTES}; 0 = unlimited)
`;

/** Parsed command line. */
export interface CliFlags {
  values: Map<string, string>;
  bools: Set<string>;
  positional: string[];
}

const PARSE_OPTIONS = Object.fromEntries([
  ...[...VALUE_FLAGS].map((n) => [n, { type: "string" as const }]),
  ...[...BOOL_FLAGS].map((n) => [n, { type: "boolean" as const }]),
]);

/**
 * Go's one-dash long flags (`-input`, `-x=v`) as the two-dash ones `node:util` parseArgs reads (`--input`, `--x=v`);
 * an argument that is a flag's value, and everything after `--`, is left as it is.
 */
function twoDashes(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") return out.concat(argv.slice(i));
    const arg = /^-[A-Za-z]/.test(argv[i]) ? `-${argv[i]}` : argv[i];
    out.push(arg);
    const m = /^--([A-Za-z][\w-]*)$/.exec(arg);
    if (m && VALUE_FLAGS.has(m[1]) && i + 1 < argv.length) out.push(argv[++i]);
  }
  return out;
}

/** Parses flags with parseArgs; throws with a message (Go's words) on an unknown flag or a missing value. */
export function parseFlags(argv: string[]): CliFlags {
  const flags: CliFlags = { values: new Map(), bools: new Set(), positional: [] };
  const args = twoDashes(argv);
  const { tokens } = parseArgs({ args, options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const [i, t] of tokens.entries()) {
    if (t.kind === "positional") flags.positional.push(t.value);
    if (t.kind !== "option") continue;
    // still one-dash, so not a letter after the dash (`-1`): a plain argument, as this CLI always read it
    if (!t.rawName.startsWith("--")) {
      if (tokens[i - 1]?.index !== t.index) flags.positional.push(args[t.index]);
      continue;
    }
    const { name, value } = t;
    if (VALUE_FLAGS.has(name)) {
      if (value === undefined) throw new Error(`flag needs an argument: -${name}`);
      flags.values.set(name, value);
    } else if (BOOL_FLAGS.has(name)) {
      const on = value === undefined || /^(1|t|true|TRUE|True)$/.test(value);
      if (value !== undefined && !on && !/^(0|f|false|FALSE|False)$/.test(value)) {
        throw new Error(`invalid boolean value "${value}" for -${name}`);
      }
      if (on) flags.bools.add(name);
      else flags.bools.delete(name);
    } else {
      throw new Error(`flag provided but not defined: -${name}`);
    }
  }
  return flags;
}

/** Runs the converter CLI with the arguments after `convert`; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let flags: CliFlags;
  try {
    flags = parseFlags(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (flags.bools.has("help") || flags.bools.has("h")) {
    process.stderr.write(USAGE);
    return 0;
  }
  const input = flags.values.get("input") ?? flags.positional[0];
  if (input === undefined || input === "") {
    process.stderr.write(`Error: input file is required\n${USAGE}`);
    return 1;
  }
  const output = flags.values.get("output");
  const format = flags.values.get("format") ?? (output?.toLowerCase().endsWith(".json") ? "json" : "yaml");
  if (format !== "yaml" && format !== "json") {
    process.stderr.write(`Error: invalid --format "${format}" (yaml or json)\n`);
    return 2;
  }
  const budgetText = flags.values.get("max-tool-bytes");
  const maxToolBytes = budgetText === undefined ? undefined : Number(budgetText);
  if (maxToolBytes !== undefined && !(Number.isInteger(maxToolBytes) && maxToolBytes >= 0)) {
    process.stderr.write(`Error: invalid --max-tool-bytes "${budgetText}" (a whole number of bytes, 0 = unlimited)\n`);
    return 2;
  }
  let document: object;
  const loadWarnings: Warning[] = [];
  try {
    document = await load(input, {
      validate: flags.bools.has("validate"),
      externalRefs: flags.bools.has("external-refs"),
      warnings: loadWarnings,
    });
  } catch (e) {
    process.stderr.write(`Error parsing OpenAPI specification: ${(e as Error).message}\n`);
    return 1;
  }
  let template: unknown;
  const templateFile = flags.values.get("template");
  if (templateFile !== undefined && templateFile !== "") {
    try {
      template = await loadTemplate(templateFile);
    } catch (e) {
      process.stderr.write(`Error reading template: ${(e as Error).message}\n`);
      return 1;
    }
  }
  let text: string;
  let toolCount = 0;
  let sizeLine = "";
  try {
    const { config, warnings } = convert(document, {
      serverName: flags.values.get("server-name"),
      toolPrefix: flags.values.get("tool-prefix"),
      passthrough: flags.bools.has("passthrough"),
      template,
      documentUrl: isUrl(input) ? input : undefined,
      maxToolBytes,
    });
    for (const w of [...loadWarnings, ...warnings]) process.stderr.write(`warning: ${w.location}: ${w.message}\n`);
    toolCount = config.tools?.length ?? 0;
    text = serialize(config, format as Format);
    sizeLine = sizeReport(text, toolCount);
  } catch (e) {
    process.stderr.write(`Error converting OpenAPI specification: ${(e as Error).message}\n`);
    return 1;
  }
  if (output !== undefined && output !== "") {
    try {
      await mkdir(dirname(output), { recursive: true });
      await writeFile(output, text);
    } catch (e) {
      process.stderr.write(`Error writing output: ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    await new Promise<void>((res, rej) => process.stdout.write(text, (err) => (err ? rej(err) : res())));
  }
  process.stderr.write(
    `Successfully converted OpenAPI specification to MCP configuration: ${output || "stdout"} (${toolCount} tools)\n${sizeLine}`,
  );
  return 0;
}

/** Kubernetes keeps an object (a WasmPlugin) under 1 MiB: the size target per 500 operations. */
const BYTES_PER_500 = 1 << 20;

/** "config: N bytes (…)" plus a warning line when over the size target. */
export function sizeReport(text: string, tools: number): string {
  const bytes = Buffer.byteLength(text);
  const per500 = tools > 0 ? Math.round((bytes * 500) / tools) : bytes;
  let line = `config: ${bytes} bytes, ${tools > 0 ? Math.round(bytes / tools) : 0} bytes per tool (${(per500 / 1048576).toFixed(2)} MiB per 500 tools)\n`;
  if (bytes > BYTES_PER_500 && per500 > BYTES_PER_500) {
    line +=
      "warning: config is over 1 MiB per 500 operations (a Kubernetes object holds 1 MiB); lower --max-tool-bytes or split the API\n";
  }
  return line;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
