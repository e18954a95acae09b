// Differential test of the config contract: every config case of the test suite (corpus.ts)
// goes through spec.yaml's JSON Schema (Ajv) and through the built plugin's proxy_on_configure,
// and both must give the same verdict. Where they legitimately differ, the reason is listed
// below, as a pattern over the plugin's message; a listed difference no case needs fails too.
//   plugin rejects, schema accepts   → each plugin error is one the schema cannot express
//   plugin warns,   schema accepts   → each warning is one the schema cannot express
//   plugin loads,   schema rejects   → each schema error sits where the plugin warned
//                                      (a Higress-tolerated form) or reads a null as absent
import { test } from "node:test";
import assert from "node:assert/strict";
import { allCases, ConfigCase } from "./corpus.js";
import { pluginJudge, PluginVerdict, schemaValidator } from "./verdict.js";

/** Plugin errors on configs the schema accepts: rules JSON Schema cannot state. */
const SCHEMA_BLIND_ERRORS: Array<[RegExp, string]> = [
  [
    /: duplicate key "/,
    "JSON.parse keeps one of two equal member names, so the schema never sees the duplicate; the plugin rejects it (two readers would disagree)",
  ],
  [/\.id: unknown scheme "/, "cross-reference: a requirement's id must name one of server.securitySchemes[].id"],
  [
    /passthrough needs an upstream requirement/,
    "cross-field: a passthrough tool needs an upstream requirement, its own or server.defaultUpstreamSecurity",
  ],
  [
    /no credential for backend security scheme/,
    "cross-field: the credential may come from the requirement, server.defaultUpstreamSecurity or the scheme",
  ],
  [
    /a relative URL with a backend credential needs server\.baseUrl/,
    "cross-field: relative url × backend credential × server.baseUrl",
  ],
  [
    /security\.credential: the oauth2 credential of scheme/,
    "cross-reference: a credential's format depends on the type of the scheme its id names (a scheme's own defaultCredential is in the schema)",
  ],
  [/can only be the first requirement of a security list/, "cross-reference: the type of the scheme an id names"],
  [
    /an argument cannot set the ".*" (header|cookie): a security scheme of this tool uses it/,
    "cross-reference: an argument's name against the header or cookie of the schemes its requirements name",
  ],
  [/: template: \d+:\d+: /, "template syntax takes the template parser"],
  [
    /x-mcp-header of ".*": looks like a credential/,
    "a deny-list of credential-like names is semantics, kept in one place (mcp/params.ts)",
  ],
  [
    /credential passthrough is disabled by server\.allowPassthrough: false/,
    "cross-field: a server switch against each tool's requirement",
  ],
  [
    /requestTemplate\.url: (.* in the scheme\/host\/port part|control actions and variables are not allowed)/,
    "template semantics: which actions the scheme/host/port of a url holds takes the template parser",
  ],
];

/** Plugin warnings on configs the schema accepts. */
const SCHEMA_BLIND_WARNINGS: Array<[RegExp, string]> = [
  [
    /: duplicate (tool|argument|scheme) "/,
    "uniqueness of a member across list items (tools[].name, args[].name, securitySchemes[].id) is not expressible",
  ],
  [
    /^(.*\.)?tools: no tools: /,
    "a server without tools is a valid Higress config (Higress serves a pre-registered Go server of that name); the schema keeps tools optional",
  ],
];

/** Schema errors where the plugin loads without a warning at that place. */
const SCHEMA_STRICTER: Array<[(value: unknown) => boolean, string]> = [
  [
    (v) => v === null,
    "R25: a YAML empty value or ~ is null, which the plugin (like Go's zero value) reads as absent; the schema asks for the type",
  ],
];

/** `/tools/0/args` → `tools[0].args` */
function dotted(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const s of pointer.split("/").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[s.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return v;
}

/** A message's field path: the text before the first ": ". */
const pathOf = (m: string): string => m.slice(0, Math.max(0, m.indexOf(": ")));

function related(a: string, b: string): boolean {
  const under = (x: string, y: string) =>
    x === y || (y !== "" && (x.startsWith(`${y}.`) || x.startsWith(`${y}[`) || x.startsWith(`${y} `)));
  return under(a, b) || under(b, a);
}

const used = new Set<string>();

function explain<T>(list: Array<[T, string]>, hit: (k: T) => boolean): string | null {
  for (const [k, why] of list) {
    if (hit(k)) {
      used.add(why);
      return why;
    }
  }
  return null;
}

/** "" when the two verdicts agree (or differ for a listed reason), else what is wrong. */
function disagreement(c: ConfigCase, schema: Array<{ pointer: string; text: string }>, p: PluginVerdict): string {
  const value: unknown = (() => {
    try {
      return JSON.parse(c.json);
    } catch {
      return undefined;
    }
  })();
  if (!p.ok) {
    if (schema.length > 0) return "";
    const unexplained = p.errors.filter((e) => explain(SCHEMA_BLIND_ERRORS, (re) => re.test(e)) === null);
    return unexplained.length ? `the plugin rejects, the schema accepts:\n  ${unexplained.join("\n  ")}` : "";
  }
  if (schema.length === 0) {
    const unexplained = p.warnings.filter((w) => explain(SCHEMA_BLIND_WARNINGS, (re) => re.test(w)) === null);
    return unexplained.length ? `the plugin warns, the schema accepts:\n  ${unexplained.join("\n  ")}` : "";
  }
  const warned = p.warnings.map(pathOf);
  const unexplained = schema.filter((e) => {
    const at = dotted(e.pointer);
    if (warned.some((w) => related(w, at))) return false;
    return explain(SCHEMA_STRICTER, (f) => f(valueAt(value, e.pointer))) === null;
  });
  return unexplained.length
    ? `the schema rejects what the plugin loads without a warning there:\n  ${unexplained.map((e) => e.text).join("\n  ")}\n  plugin warnings: ${p.warnings.join(" | ") || "none"}`
    : "";
}

const cases = await allCases();
const schema = schemaValidator();
const plugin = await pluginJudge();

test("the corpus holds the suite's config cases (as-pect tables, fixtures, examples, converter outputs, corpus.yaml)", () => {
  for (const from of [
    "config_errors.spec.ts#",
    "config_compat.spec.ts#",
    "tests/fixtures/configs/",
    "tests/fixtures/openapi/",
    "converted tests/fixtures/openapi/realworld/",
    "examples/",
    "corpus.yaml: ",
  ]) {
    assert.ok(cases.filter((c) => c.name.startsWith(from)).length > 0, from);
  }
  assert.ok(cases.length >= 150, String(cases.length));
});

test("spec.yaml's schema and the .wasm parser give the same verdict on every config case", () => {
  const problems: string[] = [];
  const tally = { agreeOk: 0, agreeRejected: 0, listed: 0 };
  for (const c of cases) {
    const s = schema(c.json);
    const p = plugin(c.json);
    const d = disagreement(c, s, p);
    if (d) problems.push(`${c.name}: ${d}\n  config: ${c.json.slice(0, 400)}`);
    else if (p.ok && s.length === 0 && p.warnings.length === 0) tally.agreeOk++;
    else if (!p.ok && s.length > 0) tally.agreeRejected++;
    else tally.listed++;
  }
  assert.deepEqual(problems, []);
  // both directions are exercised
  assert.ok(tally.agreeOk >= 20 && tally.agreeRejected >= 40 && tally.listed > 0, JSON.stringify(tally));
});

test("every listed difference is needed by some case (the lists stay tight)", () => {
  const all = [...SCHEMA_BLIND_ERRORS, ...SCHEMA_BLIND_WARNINGS, ...SCHEMA_STRICTER].map(([, why]) => why);
  assert.deepEqual(
    all.filter((why) => !used.has(why)),
    [],
  );
});
