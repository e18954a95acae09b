// Plugin config files: YAML or JSON, converted to JSON text before configure (as Higress does).
import { readFile } from "node:fs/promises";
import YAML from "yaml";

/** A loaded plugin config: the JSON text given to proxy_on_configure and the parsed value. */
export interface LoadedConfig {
  json: string;
  value: unknown;
}

/** Reads a YAML or JSON file and converts it to JSON text; throws with the file name on a syntax error. */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const source = await readFile(path, "utf8");
  return parseConfigText(source, path);
}

/** Parses YAML/JSON text (JSON is valid YAML) into a LoadedConfig. */
export function parseConfigText(source: string, name = "config"): LoadedConfig {
  let value: unknown;
  try {
    // YAML 1.2 (`yes` stays a string) with merge keys, as Higress's validator reads YAML (gopkg.in/yaml.v3).
    value = YAML.parse(source, { merge: true });
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message.split("\n")[0]}`);
  }
  return { json: JSON.stringify(value ?? {}), value: value ?? {} };
}

/** Counts tools: the top-level `tools` array plus the `tools` of every `_rules_` entry. */
export function countTools(value: unknown): number {
  const len = (v: unknown) =>
    v && typeof v === "object" && Array.isArray((v as { tools?: unknown }).tools) ? (v as { tools: unknown[] }).tools.length : 0;
  let n = len(value);
  const rules = (value as { _rules_?: unknown })?._rules_;
  if (Array.isArray(rules)) for (const r of rules) n += len(r);
  return n;
}
