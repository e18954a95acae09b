// Every config case of the test suite, for the differential test (schema vs plugin):
// the table-driven as-pect cases (tests/unit/config_errors.spec.ts, config_compat.spec.ts —
// their `cases()` functions are plain TypeScript, transpiled and run here), the fixture
// configs, the example configs, the converter's golden outputs and its output for the
// real-world OpenAPI documents, and corpus.yaml.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import YAML from "yaml";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { parseConfigText } from "../../host/config.js";
import { exampleConfigs, repoPath } from "../deploy/files.js";

export interface ConfigCase {
  /** where it came from, e.g. `config_errors.spec.ts#12` or `examples/demo/config.yaml` */
  name: string;
  /** the JSON text the plugin receives */
  json: string;
}

/** The cases of an as-pect spec whose `cases()` returns `Case(json, want)` objects, plus its `const ok = [...]` list. */
export async function aspectCases(file: string): Promise<ConfigCase[]> {
  const text = readFileSync(repoPath("tests/unit", file), "utf8");
  const body = text.replace(/^import .*$/gm, "");
  const cut = body.search(/^describe\(/m);
  if (cut < 0 || !/function cases\(\)/.test(body)) throw new Error(`${file}: no cases() before describe(`);
  // an `ok` list inside a describe block (config values that must load), if any, as a second export
  const okList = /const ok = (\[[\s\S]*?\n {4}\]);/.exec(body.slice(cut));
  const src = `${body.slice(0, cut)}\nexport { cases };\nexport function okCases() { return ${okList ? okList[1] : "[]"}; }\n`;
  const js = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`)) as {
    cases: () => Array<{ json: string }>;
    okCases: () => string[];
  };
  const out = mod.cases().map((c, i) => ({ name: `${file}#${i}`, json: c.json }));
  mod.okCases().forEach((json, i) => out.push({ name: `${file}#ok${i}`, json }));
  return out;
}

function yamlCase(name: string, text: string): ConfigCase {
  return { name, json: parseConfigText(text, name).json };
}

/** tests/fixtures/configs/**: JSON and YAML plugin configs. */
export function fixtureCases(): ConfigCase[] {
  const dir = repoPath("tests/fixtures/configs");
  const out: ConfigCase[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      const name = path.relative(repoPath(), p);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/.test(e.name)) out.push(yamlCase(name, readFileSync(p, "utf8")));
    }
  };
  walk(dir);
  return out;
}

/** The converter's golden outputs (tests/fixtures/openapi/*.expected.yaml). */
export function convertedCases(): ConfigCase[] {
  const dir = repoPath("tests/fixtures/openapi");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".expected.yaml"))
    .sort()
    .map((f) => yamlCase(`tests/fixtures/openapi/${f}`, readFileSync(path.join(dir, f), "utf8")));
}

/** The converter's output for the real-world OpenAPI documents (tests/fixtures/openapi/realworld/). */
export async function realworldCases(): Promise<ConfigCase[]> {
  const dir = repoPath("tests/fixtures/openapi/realworld");
  const out: ConfigCase[] = [];
  // scim.openapi.yaml needs a server for its remote references (tests/converter/realworld-load.test.ts)
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".openapi.yaml") && !readFileSync(path.join(dir, n), "utf8").includes("BASE/"))
    .sort()) {
    const { config } = convert(await load(path.join(dir, f)));
    out.push({ name: `converted tests/fixtures/openapi/realworld/${f}`, json: JSON.stringify(config) });
  }
  return out;
}

/** examples/** plugin configs (as tests/deploy/files.ts finds them). */
export function exampleCases(): ConfigCase[] {
  return exampleConfigs().map((c) => ({ name: c.name, json: JSON.stringify(c.config) }));
}

/** tests/config-contract/corpus.yaml: one YAML document per case, its first comment line naming it. */
export function corpusCases(): ConfigCase[] {
  const text = readFileSync(repoPath("tests/config-contract/corpus.yaml"), "utf8");
  return YAML.parseAllDocuments(text, { merge: true }).map((d, i) => {
    const name = (d.commentBefore ?? "").split("\n")[0].trim() || `#${i}`;
    return { name: `corpus.yaml: ${name}`, json: JSON.stringify(d.toJS() ?? {}) };
  });
}

/** All of them. */
export async function allCases(): Promise<ConfigCase[]> {
  return [
    ...(await aspectCases("config_errors.spec.ts")),
    ...(await aspectCases("config_compat.spec.ts")),
    ...fixtureCases(),
    ...convertedCases(),
    ...(await realworldCases()),
    ...exampleCases(),
    ...corpusCases(),
  ];
}
