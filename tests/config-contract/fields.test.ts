// One source for the config contract: spec.yaml's JSON Schema. Everything else that lists
// config fields is derived from it or checked against it here:
// - assembly/config/fields.ts (the plugin's known-field lists) is generated from it;
// - converter/types.ts: every field the converter can emit is in the schema, with its type,
//   and every schema field it does not emit is named below with the reason;
// - the README configuration tables and docs/authentication.md's scheme and requirement tables name
//   exactly the schema's fields;
// - tests/converter/helpers.ts validates converter output with the schema itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { repoPath } from "../deploy/files.js";
import { specSchema } from "./verdict.js";

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema };

const root = specSchema() as Schema;
const P = (s: Schema | undefined): Record<string, Schema> => s?.properties ?? {};
const server = P(root).server;
const tool = P(root).tools.items as Schema;
const request = P(tool).requestTemplate;
const req = { ...P(P(server).defaultDownstreamSecurity), ...P(P(server).defaultUpstreamSecurity) };

/** The contract's objects: name → its properties in spec.yaml. */
const OBJECTS: Record<string, Record<string, Schema>> = {
  root: P(root),
  server: P(server),
  limits: P(P(server).limits),
  scheme: P(P(server).securitySchemes.items),
  requirement: req,
  tool: P(tool),
  arg: P(P(tool).args.items),
  requestTemplate: P(request),
  header: P(P(request).headers.items),
  responseTemplate: P(P(tool).responseTemplate),
};

test("assembly/config/fields.ts is generated from spec.yaml and up to date", () => {
  const r = spawnSync(process.execPath, [repoPath("scripts/gen-fields.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(repoPath("assembly/config/fields.ts"), "utf8");
  const arg = /export const ARG_FIELDS: string\[\] = \[(.*)\];/.exec(text);
  assert.ok(arg, "ARG_FIELDS missing");
  assert.deepEqual(JSON.parse(`[${arg[1]}]`), Object.keys(OBJECTS.arg));
});

test("config/compat.ts takes its field lists from fields.ts (no hand-kept copy)", () => {
  const text = readFileSync(repoPath("assembly/config/compat.ts"), "utf8");
  assert.match(text, /from "\.\/fields"/);
  assert.doesNotMatch(text, /export const \w+_FIELDS: string\[\] = \[/);
  const server = readFileSync(repoPath("assembly/config/parseserver.ts"), "utf8");
  assert.doesNotMatch(server, /"maxRequestBodyBytes", "maxResponseBodyBytes"/, "limit names are LIMIT_FIELDS");
});

/** converter/types.ts interface → contract object, and the schema fields the converter never emits (with why). */
const CONVERTER: Array<[string, string, Record<string, string>]> = [
  [
    "McpConfig",
    "root",
    { allowTools: "an allow-list is a deployment choice", _rules_: "per-route configs are a deployment choice" },
  ],
  [
    "ServerOut",
    "server",
    Object.fromEntries(
      [
        "version",
        "title",
        "instructions",
        "type",
        "defaultDownstreamSecurity",
        "defaultUpstreamSecurity",
        "allowPassthrough",
        "passthroughAuthHeader",
        "allowedOrigins",
        "baseUrl",
        "ttlMs",
        "cacheScope",
        "forwardHeaders",
        "limits",
      ].map((k) => [k, "deployment settings, not in an OpenAPI document (a --template supplies them)"]),
    ),
  ],
  [
    "SecuritySchemeOut",
    "scheme",
    {
      description: "not copied",
      bearerFormat: "descriptive only",
      flows: "tokenUrl is written flat",
      audience: "not in OpenAPI",
      resource: "not in OpenAPI",
      tokenEndpointAuthMethod: "not in OpenAPI (default client_secret_basic)",
      tokenTimeoutMs: "not in OpenAPI",
    },
  ],
  ["SecurityRequirementOut", "requirement", { audiences: "a deployment choice for passthrough" }],
  ["ToolOut", "tool", { inputSchema: "args carry the schema", annotations: "not derived from OpenAPI" }],
  ["ArgOut", "arg", { "x-mcp-header": "not in OpenAPI" }],
  ["RequestTemplateOut", "requestTemplate", {}],
  ["HeaderOut", "header", {}],
  ["ResponseTemplateOut", "responseTemplate", {}],
];

function interfaces(): Map<string, Map<string, string>> {
  const file = repoPath("converter/types.ts");
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Map<string, string>>();
  sf.forEachChild((n) => {
    if (!ts.isInterfaceDeclaration(n)) return;
    const props = new Map<string, string>();
    for (const m of n.members) {
      if (ts.isPropertySignature(m) && m.type) props.set(m.name.getText(sf).replace(/^"|"$/g, ""), m.type.getText(sf));
    }
    out.set(n.name.text, props);
  });
  return out;
}

/** JSON Schema type a TypeScript type text maps to ("" = not checked: unions, unknown). */
function jsonType(t: string): string {
  if (t === "string" || t === "boolean") return t;
  if (t === "number") return "number";
  if (t.endsWith("[]")) return "array";
  if (t === "JsonObject" || t.startsWith("{")) return "object";
  if (/^[A-Z]\w*Out$/.test(t)) return "object";
  return "";
}

test("converter/types.ts: every field it emits is in spec.yaml with its type; every other schema field is listed with the reason", () => {
  const ifs = interfaces();
  const problems: string[] = [];
  for (const [name, obj, notEmitted] of CONVERTER) {
    const props = ifs.get(name);
    if (!props) {
      problems.push(`${name}: interface missing`);
      continue;
    }
    const spec = OBJECTS[obj];
    for (const [k, t] of props) {
      const s = spec[k];
      if (!s) problems.push(`${name}.${k}: not in spec.yaml (${obj})`);
      else {
        const want = jsonType(t);
        const have = s.type ?? "";
        if (want && have && !(want === have || (want === "number" && have === "integer")))
          problems.push(`${name}.${k}: ${t} but spec.yaml says ${have}`);
      }
    }
    for (const k of Object.keys(spec)) {
      if (!props.has(k) && !(k in notEmitted))
        problems.push(`${obj}.${k}: in spec.yaml, not in ${name}, not listed as not emitted`);
      if (props.has(k) && k in notEmitted) problems.push(`${obj}.${k}: listed as not emitted, but ${name} has it`);
    }
    for (const k of Object.keys(notEmitted)) if (!(k in spec)) problems.push(`${obj}.${k}: listed, but not in spec.yaml`);
  }
  assert.deepEqual(problems, []);
});

/** First-column `names` of the first table starting at (or after) the line starting with `marker`. */
function readmeNames(readme: string[], marker: string): string[] {
  let i = readme.findIndex((l) => l.startsWith(marker));
  assert.ok(i >= 0, `README: ${marker} not found`);
  while (i < readme.length && !readme[i].startsWith("|")) i++;
  const names: string[] = [];
  for (i += 2; i < readme.length && readme[i].startsWith("|"); i++) {
    const first = readme[i].split("|")[1];
    for (const m of first.matchAll(/`([^`]+)`/g)) names.push(m[1].replace(/\[\]$/, ""));
  }
  return names;
}

test("README configuration tables name exactly spec.yaml's fields", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8").split("\n");
  const sorted = (l: string[]) => [...new Set(l)].sort();
  assert.deepEqual(sorted(readmeNames(readme, "### Top level")), sorted(Object.keys(OBJECTS.root)), "Top level");
  assert.deepEqual(sorted(readmeNames(readme, "### `server`")), sorted(Object.keys(OBJECTS.server)), "server");
  assert.deepEqual(sorted(readmeNames(readme, "`server.limits`:")), sorted(Object.keys(OBJECTS.limits)), "server.limits");
  assert.deepEqual(sorted(readmeNames(readme, "### `tools[]`")), sorted(Object.keys(OBJECTS.tool)), "tools[]");
  assert.deepEqual(
    sorted(readmeNames(readme, "`requestTemplate`:")),
    sorted(Object.keys(OBJECTS.requestTemplate)),
    "requestTemplate",
  );
  // the args[] row lists the argument fields in its description
  const argsRow = readme.find((l) => l.startsWith("| `args[]` |")) ?? "";
  const mentioned = new Set([...argsRow.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  assert.deepEqual(
    Object.keys(OBJECTS.arg).filter((k) => !mentioned.has(k)),
    [],
    "args[] row",
  );
});

test("docs/authentication.md tables name exactly spec.yaml's scheme and requirement fields", () => {
  const doc = readFileSync(repoPath("docs/authentication.md"), "utf8").split("\n");
  const sorted = (l: string[]) => [...new Set(l)].sort();
  assert.deepEqual(
    sorted(readmeNames(doc, "| Field | For | Meaning |")),
    sorted(Object.keys(OBJECTS.scheme)),
    "security schemes",
  );
  const start = doc.findIndex((l) => l.startsWith("| Where | Fields | Meaning |"));
  assert.ok(start >= 0);
  const named: string[] = [];
  for (let i = start + 2; i < doc.length && doc[i].startsWith("|"); i++) {
    for (const m of doc[i].split("|")[2].matchAll(/`([^`]+)`/g)) named.push(m[1]);
  }
  assert.deepEqual(sorted(named), sorted(Object.keys(OBJECTS.requirement)), "requirements");
});
