// Config → text. YAML uses the YAML 1.1 schema for quoting, so strings such as
// `yes`, `on` or `0123` stay strings for YAML 1.1 readers (Kubernetes) too.
import YAML from "yaml";
import { McpConfig } from "./types.js";

/** Output formats. */
export type Format = "yaml" | "json";

/** Serialises a config; output always ends with one newline. */
export function serialize(config: McpConfig, format: Format = "yaml"): string {
  if (format === "json") return JSON.stringify(config, null, 2) + "\n";
  return YAML.stringify(config, {
    version: "1.1",
    indentSeq: true,
    lineWidth: 0,
    minContentWidth: 0,
    blockQuote: "literal",
    singleQuote: true,
    // never anchors/aliases: YAML readers cap alias counts (yaml: 100) and Higress-era tools mishandle them
    aliasDuplicateObjects: false,
  });
}
