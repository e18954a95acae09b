// Plugin configuration: JSON text (as Higress delivers it) -> validated,
// precomputed RootConfig, or every error found. Pure; never traps.
//
// `_rules_` entries carry their own full config. A rule that omits `server`
// inherits the global `server`; a rule that omits `tools` inherits the global
// `tools` and, unless it sets its own, the global `allowTools` (a rule with its
// own tools never inherits allowTools). Each rule is then parsed and validated
// as a complete config (templates compiled again with that config's limits).
import { PluginConfig, RootConfig, RuleConfig } from "./types";
import { JNode, J_ARRAY, J_BOOL, J_NULL, J_NUMBER, J_OBJECT, J_STRING, parseJson } from "../util/jsonview";
import { foldTool, gjsonItems, warnToolName, warnUnknown, ROOT_FIELDS, RULE_FIELDS } from "./compat";
import { Errs, fieldPath, indexPath, member, getStringArray, checkDuplicateKeys, kindName, objectItems } from "./reader";
import { parseServer } from "./parseserver";
import { clearTemplateCache, parseTool } from "./parsetool";
import { validateSecurity } from "./validate";
import { checkCalls } from "./callcheck";
import { shareUrlPieces } from "./urlsplit";
import { argsInputSchema, listEntry, ListBuilder } from "./schema";
import { collectMcpParams } from "./mcpparams";

/** Result of parseRootConfig: ok + config, or every error (one line each). */
export class ConfigResult {
  ok: bool = false;
  config: RootConfig | null = null;
  errors: string[] = [];
  /** loaded, with a difference worth a log line (docs/compatibility.md) */
  warnings: string[] = [];
}

const MATCH_KEYS: string[] = ["_match_route_", "_match_domain_", "_match_service_"];
const MATCH_KINDS: string[] = ["route", "domain", "service"];

/** Parse and validate the whole plugin configuration. */
export function parseRootConfig(json: string): ConfigResult {
  clearTemplateCache();
  shareUrlPieces(true);
  const res = parseRoot(json);
  shareUrlPieces(false);
  clearTemplateCache();
  return res;
}

function parseRoot(json: string): ConfigResult {
  const res = new ConfigResult();
  const errs = new Errs();
  const root = parseJson(json);
  if (root === null) {
    errs.add("(root)", "invalid JSON");
    res.errors = errs.list;
    return res;
  }
  if (root.kind != J_OBJECT) {
    errs.add("(root)", "expected object, got " + kindName(root));
    res.errors = errs.list;
    return res;
  }
  checkDuplicateKeys(root, "", errs);
  warnUnknown(root, ROOT_FIELDS, "", errs);
  if (member(root, "toolSet") !== null) errs.add("toolSet", "composed tool sets are not supported");
  const rc = new RootConfig();
  const gServer = member(root, "server");
  const gTools = member(root, "tools");
  const gAllow = root.get("allowTools"); // null is not "absent" here: Higress denies all (parseAllowTools)
  const hasGlobal = gServer !== null || gTools !== null || (gAllow !== null && gAllow.kind != J_NULL);
  if (hasGlobal) rc.global = parsePluginConfig(gServer, gTools, gAllow, "", errs);
  const globalErrors = errs.list.length;
  const globalWarnings = errs.warnings.length;
  const rules = member(root, "_rules_");
  if (rules !== null) {
    if (rules.kind != J_ARRAY) errs.add("_rules_", "expected array");
    else {
      for (let i = 0; i < rules.length; i++) {
        const r = parseRule(rules.at(i), indexPath("_rules_", i), gServer, gTools, gAllow, errs, globalErrors, globalWarnings);
        if (r !== null) rc.rules.push(r);
      }
    }
  }
  if (!hasGlobal && rc.rules.length == 0 && errs.list.length == 0) {
    errs.add("server", "required (or _rules_ entries with their own server)");
  }
  res.errors = errs.list;
  res.warnings = errs.warnings;
  res.ok = errs.list.length == 0;
  if (res.ok) res.config = rc;
  return res;
}

function parseRule(
  node: JNode | null, path: string, gServer: JNode | null, gTools: JNode | null, gAllow: JNode | null, errs: Errs, globalErrors: i32, globalWarnings: i32,
): RuleConfig | null {
  if (node === null || node.kind != J_OBJECT) {
    errs.add(path, "expected object");
    return null;
  }
  checkDuplicateKeys(node, path, errs);
  warnUnknown(node, RULE_FIELDS, path, errs);
  const rule = new RuleConfig();
  let matchers = 0;
  for (let k = 0; k < MATCH_KEYS.length; k++) {
    const key = unchecked(MATCH_KEYS[k]);
    if (member(node, key) === null) continue;
    matchers++;
    const vals = getStringArray(node, key, path, errs);
    if (vals === null) continue;
    if (vals.length == 0) errs.add(fieldPath(path, key), "must not be empty");
    rule.kind = unchecked(MATCH_KINDS[k]);
    rule.values = vals;
  }
  const ks = node.keys();
  for (let i = 0; i < ks.length; i++) {
    const key = unchecked(ks[i]);
    if (key.startsWith("_match_") && !MATCH_KEYS.includes(key)) errs.add(fieldPath(path, key), "unsupported matcher");
  }
  if (matchers == 0) errs.add(path, "needs one of _match_route_, _match_domain_, _match_service_");
  else if (matchers > 1) errs.add(path, "only one of _match_route_, _match_domain_, _match_service_ may be set");
  if (member(node, "toolSet") !== null) errs.add(fieldPath(path, "toolSet"), "composed tool sets are not supported");
  let server = member(node, "server");
  let tools = member(node, "tools");
  let allow = node.get("allowTools");
  const inherits = server === null || tools === null;
  if (server === null) server = gServer;
  if (tools === null) {
    tools = gTools;
    if (allow === null) allow = gAllow;
  }
  const local = new Errs();
  rule.config = parsePluginConfig(server, tools, allow, path, local);
  for (let i = 0; i < local.list.length; i++) {
    const e = unchecked(local.list[i]);
    // An inherited part that is broken was already reported once for the global config.
    if (inherits && isGlobalError(errs.list, globalErrors, e.substring(path.length + 1))) continue;
    errs.list.push(e);
  }
  for (let i = 0; i < local.warnings.length; i++) {
    const w = unchecked(local.warnings[i]);
    if (inherits && isGlobalError(errs.warnings, globalWarnings, w.substring(path.length + 1))) continue;
    errs.warnings.push(w);
  }
  return rule;
}

function isGlobalError(list: string[], n: i32, e: string): bool {
  for (let i = 0; i < n && i < list.length; i++) if (unchecked(list[i]) == e) return true;
  return false;
}

/** Parse one complete config from its three top-level parts; `path` prefixes error paths. */
export function parsePluginConfig(server: JNode | null, tools: JNode | null, allow: JNode | null, path: string, errs: Errs): PluginConfig {
  const cfg = new PluginConfig();
  parseServer(server, fieldPath(path, "server"), errs, cfg);
  const tp = fieldPath(path, "tools");
  if (tools !== null && tools.kind != J_ARRAY && tools.kind != J_OBJECT && tools.kind != J_NULL) errs.add(tp, "expected array");
  else {
    const items = gjsonItems(tools, tp, errs);
    if (items !== null) {
      const list = new ListBuilder();
      for (let k = 0; k < items.length; k++) {
        const it = unchecked(items[k]);
        if (!it.isObject(errs)) continue;
        const ep = it.path;
        foldTool(it.obj, ep, errs);
        const pt = parseTool(it.obj, it.index, ep, errs, cfg.limits.maxTemplateOutputBytes);
        // Its JSON tree is read: let it go (a rule inheriting these tools scans and folds it again, same result),
        // so the trees of all tools are not alive together (a parse peak of ~5 MiB for 1,000 tools).
        it.obj.release();
        const t = pt.tool;
        if (t.name.length == 0) continue; // reported by parseTool (a warning: Higress loads it)
        warnToolName(t.name, fieldPath(ep, "name"), errs);
        if (cfg.toolIndex.has(t.name)) {
          // base_server.go AddMCPTool: the first tool of a name wins, later ones are logged and dropped.
          errs.warn(fieldPath(ep, "name"), "duplicate tool \"" + t.name + "\": ignored, the first one wins (as in Higress)");
          continue;
        }
        const schema = pt.inputSchemaJson.length > 0 ? pt.inputSchemaJson : argsInputSchema(t.args);
        list.add(t, listEntry(t, schema));
        const perr = new Array<string>();
        // Without the key's literal text and without any escape, the schema has no x-mcp-header: skip its re-parse.
        if (schema.includes("x-mcp-header") || schema.includes("\\")) t.mcpParams = collectMcpParams(t, schema, perr);
        for (let e = 0; e < perr.length; e++) errs.add(fieldPath(ep, "inputSchema"), unchecked(perr[e]));
        cfg.toolIndex.set(t.name, cfg.tools.length);
        cfg.tools.push(t);
      }
      cfg.toolsListUtf8 = list.finish();
    }
  }
  if (cfg.tools.length == 0 && server !== null && server.kind == J_OBJECT) {
    errs.warn(tp, "no tools: Higress would serve a pre-registered Go server named \"" + cfg.server.name + "\"; this plugin serves REST tools only");
  }
  if (allow !== null) parseAllowTools(allow, fieldPath(path, "allowTools"), errs, cfg);
  validateSecurity(cfg, path, errs);
  checkCalls(cfg, path, errs);
  return cfg;
}

/** plugin.go reads allowTools with gjson: null is an empty list (deny all), a scalar a list of one, items stringified. */
function parseAllowTools(allow: JNode, path: string, errs: Errs, cfg: PluginConfig): void {
  cfg.hasAllowTools = true;
  if (allow.kind == J_NULL) {
    errs.warn(path, "null: an empty allow-list, every tool denied (as Higress does)");
    return;
  }
  if (allow.kind == J_OBJECT) {
    errs.warn(path, "an object, not a list of names: every tool denied");
    return;
  }
  const items = gjsonItems(allow, path, errs);
  if (items === null) return;
  for (let i = 0; i < items.length; i++) {
    const e = unchecked(items[i]).node;
    if (e === null) continue;
    if (e.kind == J_STRING) cfg.allowTools.add(e.str());
    else if (e.kind == J_NUMBER || e.kind == J_BOOL) {
      errs.warn(indexPath(path, i), "expected string: read as \"" + e.raw() + "\" (as Higress does)");
      cfg.allowTools.add(e.raw());
    } else errs.warn(indexPath(path, i), "not a tool name: ignored");
  }
}
