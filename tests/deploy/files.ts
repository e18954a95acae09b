// Paths and loaders shared by the deployment tests (run from dist/tests/deploy/).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Absolute path of a repository file. */
export const repoPath = (...parts: string[]): string => join(ROOT, ...parts);

/** Parses a YAML (or JSON) file of the repository. */
export function readYaml(...parts: string[]): unknown {
  return YAML.parse(readFileSync(repoPath(...parts), "utf8"));
}

type Json = { [key: string]: unknown };

/** True for a non-null, non-array object. */
export const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A plugin config found in the repository, with where it came from. */
export interface ExampleConfig {
  /** e.g. `examples/auth/scenario1-default-credentials.yaml` or `examples/higress/wasmplugin.yaml#matchRules[0].config` */
  name: string;
  config: unknown;
}

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFilesUnder(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** A plugin config has `server` or `tools` or `_rules_` at its top level. */
export function looksLikePluginConfig(v: unknown): boolean {
  return isObj(v) && ("server" in v || "tools" in v || "_rules_" in v);
}

/**
 * Every plugin config under examples/: YAML files that are plugin configs
 * (config.base.yaml, a partial config, and openapi.yaml excluded), and the
 * defaultConfig / matchRules[].config of every Higress WasmPlugin.
 */
export function exampleConfigs(): ExampleConfig[] {
  const out: ExampleConfig[] = [];
  for (const file of yamlFilesUnder(repoPath("examples"))) {
    const name = relative(ROOT, file);
    if (name.endsWith("config.base.yaml")) continue;
    for (const doc of YAML.parseAllDocuments(readFileSync(file, "utf8"))) {
      const v = doc.toJS() as unknown;
      if (isObj(v) && v.kind === "WasmPlugin" && isObj(v.spec)) {
        const spec = v.spec;
        if (isObj(spec.defaultConfig) && Object.keys(spec.defaultConfig).length > 0) {
          out.push({ name: `${name}#defaultConfig`, config: spec.defaultConfig });
        }
        if (Array.isArray(spec.matchRules)) {
          spec.matchRules.forEach((r, i) => {
            if (isObj(r) && r.config !== undefined) out.push({ name: `${name}#matchRules[${i}].config`, config: r.config });
          });
        }
      } else if (looksLikePluginConfig(v)) {
        out.push({ name, config: v });
      }
    }
  }
  return out;
}
