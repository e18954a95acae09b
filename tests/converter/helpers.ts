// Shared test helpers: fixture locations, golden-case runner, and a checker that a
// generated config satisfies spec.yaml's schema (the config contract) and its cross-references.
import { readFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { convert } from "../../converter/convert.js";
import { load, loadTemplate } from "../../converter/load.js";
import { serialize } from "../../converter/serialize.js";
import { ConvertResult, Warning } from "../../converter/types.js";
import { schemaValidator } from "../config-contract/verdict.js";

/** tests/fixtures/openapi/ (the compiled test runs from dist/tests/converter). */
export const FIXTURES = new URL("../../../tests/fixtures/openapi/", import.meta.url);
/** Repository root. */
export const ROOT = new URL("../../../", import.meta.url);

/** Path of a fixture file. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(name, FIXTURES));
}

/** Names of the golden cases (`<case>.openapi.yaml`). */
export function goldenCases(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".openapi.yaml"))
    .map((f) => f.slice(0, -".openapi.yaml".length))
    .sort();
}

/** Converts one golden case as the CLI would (options from `<case>.options.json`). */
export async function runCase(name: string): Promise<{ result: ConvertResult; yaml: string; warnings: string }> {
  const optFile = fixture(`${name}.options.json`);
  const opts = existsSync(optFile) ? JSON.parse(await readFile(optFile, "utf8")) : {};
  const template = opts.template ? await loadTemplate(fixture(opts.template)) : undefined;
  const doc = await load(fixture(`${name}.openapi.yaml`));
  const result = convert(doc, {
    serverName: opts.serverName ?? name,
    toolPrefix: opts.toolPrefix,
    passthrough: opts.passthrough,
    template,
  });
  return { result, yaml: serialize(result.config), warnings: formatWarnings(result.warnings) };
}

/** One `location: message` line per warning. */
export function formatWarnings(ws: Warning[]): string {
  return ws.map((w) => `${w.location}: ${w.message}\n`).join("");
}

type Obj = { [k: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

// Field names and types come from spec.yaml's schema (the one source of the config contract);
// only the cross-references and the converter's own stricter rules are checked by hand here.
const schemaErrors = schemaValidator();

/** Every problem with a config's field names, types and cross references ([] = valid). */
export function configProblems(config: unknown): string[] {
  const errors = schemaErrors(JSON.stringify(config)).map((e) => `spec.yaml: ${e.text}`);
  if (!isObj(config)) return errors.length ? errors : ["config: not an object"];
  const server = isObj(config.server) ? config.server : {};
  const ids = new Set<string>();
  ((server.securitySchemes ?? []) as Obj[]).forEach((s, i) => {
    if (ids.has(s.id as string)) errors.push(`server.securitySchemes[${i}]: duplicate id`);
    ids.add(s.id as string);
  });
  const names = new Set<string>();
  ((config.tools ?? []) as Obj[]).forEach((t, i) => {
    const w = `tools[${i}]`;
    if (names.has(t.name as string)) errors.push(`${w}: duplicate name ${t.name}`);
    // the converter's own limit (the plugin allows 128)
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(t.name as string)) errors.push(`${w}.name: not a valid MCP tool name`);
    names.add(t.name as string);
    const argNames = new Set<string>();
    ((t.args ?? []) as Obj[]).forEach((a, j) => {
      if (argNames.has(a.name as string)) errors.push(`${w}.args[${j}]: duplicate name`);
      argNames.add(a.name as string);
    });
    const rt = isObj(t.requestTemplate) ? t.requestTemplate : {};
    const reqs = rt.security === undefined ? [] : Array.isArray(rt.security) ? rt.security : [rt.security];
    if (Array.isArray(rt.security) && rt.security.length < 2)
      errors.push(`${w}.requestTemplate.security: a list needs 2 or more requirements`);
    (reqs as Obj[]).forEach((r, j) => {
      if (!ids.has(r.id as string)) errors.push(`${w}.requestTemplate.security[${j}].id: unknown`);
    });
    if (isObj(t.security) && !ids.has(t.security.id as string)) errors.push(`${w}.security.id: unknown`);
    if (t.outputSchema !== undefined && (t.outputSchema as Obj).type !== "object")
      errors.push(`${w}.outputSchema.type: not object`);
  });
  return errors;
}
