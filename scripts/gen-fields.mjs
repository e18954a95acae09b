// The config contract has one source: spec.yaml's JSON Schema (the Higress console reads it).
// This script derives the plugin's known-field lists from it into assembly/config/fields.ts.
//   node scripts/gen-fields.mjs          write the file (npm run gen:fields)
//   node scripts/gen-fields.mjs --check  exit 1 when the committed file differs (tests/config-contract)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = "assembly/config/fields.ts";

/**
 * The objects of the contract, each as [export name, what, field names].
 * @returns {Array<[string, string, string[]]>}
 */
export function contractObjects(spec) {
  const root = spec.spec.configSchema.openAPIV3Schema;
  const server = root.properties.server;
  const tool = root.properties.tools.items;
  const request = tool.properties.requestTemplate;
  /** @type {(o: { properties: object }) => string[]} */
  const keys = (o) => Object.keys(o.properties);
  /** @type {(...ls: string[][]) => string[]} */
  const union = (...ls) => [...new Set(ls.flat())];
  return [
    ["ROOT_FIELDS", "top level", keys(root)],
    ["RULE_FIELDS", "_rules_[]", keys(root.properties._rules_.items)],
    ["SERVER_FIELDS", "server", keys(server)],
    ["LIMIT_FIELDS", "server.limits", keys(server.properties.limits)],
    ["SCHEME_FIELDS", "server.securitySchemes[]", keys(server.properties.securitySchemes.items)],
    [
      "REQUIREMENT_FIELDS",
      "requirements (downstream ∪ upstream)",
      union(keys(server.properties.defaultDownstreamSecurity), keys(server.properties.defaultUpstreamSecurity)),
    ],
    ["TOOL_FIELDS", "tools[]", keys(tool)],
    ["ARG_FIELDS", "tools[].args[]", keys(tool.properties.args.items)],
    ["REQUEST_FIELDS", "tools[].requestTemplate", keys(request)],
    ["HEADER_FIELDS", "tools[].requestTemplate.headers[]", keys(request.properties.headers.items)],
    ["RESPONSE_FIELDS", "tools[].responseTemplate", keys(tool.properties.responseTemplate)],
  ];
}

export function readSpec() {
  return YAML.parse(readFileSync(ROOT + "spec.yaml", "utf8"));
}

export function render(spec) {
  const lines = [
    "// GENERATED from spec.yaml by scripts/gen-fields.mjs (npm run gen:fields): do not edit.",
    "// spec.yaml's JSON Schema is the one source of the config contract's field names; the",
    "// plugin's parsers read these lists (unknown-field warnings, case folding), and",
    "// tests/config-contract/ checks this file, the converter's types, the README tables and",
    "// the schema's verdicts against the plugin's.",
    "",
  ];
  for (const [name, what, fields] of contractObjects(spec)) {
    lines.push(`/** ${what} */`);
    lines.push(`export const ${name}: string[] = [${fields.map((f) => JSON.stringify(f)).join(", ")}];`);
  }
  return lines.join("\n") + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render(readSpec());
  if (process.argv.includes("--check")) {
    const cur = readFileSync(ROOT + OUT, "utf8");
    if (cur !== text) {
      process.stderr.write(`${OUT} is stale: run npm run gen:fields (spec.yaml is the source)\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(ROOT + OUT, text);
  }
}
