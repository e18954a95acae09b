// Higress compatibility: what Higress's Go plugin loads, this plugin loads too,
// with a warning line wherever it reads the text differently or more strictly
// (rules and the Go source line each follows: docs/compatibility.md).
//
// Two ways Higress reads a config: `server.*`, `tools`, `allowTools` with gjson
// (lenient: a single object is a one-item list, scalars are stringified), and
// every tool, scheme and requirement with Go's encoding/json (strict types,
// unknown fields ignored, field names matched case-insensitively).
import { JNode, J_ARRAY, J_BOOL, J_NULL, J_NUMBER, J_OBJECT, J_STRING } from "../util/jsonview";
import { ArrayItem, Errs, fieldPath, indexPath, member, objectItems } from "./reader";
import { SecurityScheme } from "./types";

// The known-field lists are derived from spec.yaml (the one source of the config contract).
import {
  ARG_FIELDS, HEADER_FIELDS, LIMIT_FIELDS, REQUEST_FIELDS, REQUIREMENT_FIELDS, RESPONSE_FIELDS, ROOT_FIELDS, RULE_FIELDS, SCHEME_FIELDS, SERVER_FIELDS, TOOL_FIELDS,
} from "./fields";
export { LIMIT_FIELDS, REQUIREMENT_FIELDS, ROOT_FIELDS, RULE_FIELDS, SCHEME_FIELDS, SERVER_FIELDS };

/**
 * Go's encoding/json matches member names case-insensitively (exact first): a
 * case variant of a known field is renamed to it (warning); an unknown field
 * is ignored, as Go does (warning). Returns the unknown names.
 */
export function foldKeys(obj: JNode, known: string[], path: string, errs: Errs): string[] {
  const unknown = new Array<string>();
  if (obj.kind != J_OBJECT) return unknown;
  const n = obj.length;
  for (let i = 0; i < n; i++) {
    if (obj.keyIndexIn(i, known) >= 0) continue; // compared in the source: no string per key
    const j = obj.keyIndexInIgnoreCase(i, known);
    const k = obj.keyAt(i);
    if (j >= 0) {
      const hit = unchecked(known[j]);
      obj.renameKey(i, hit);
      errs.warn(fieldPath(path, k), "read as \"" + hit + "\" (field names are matched case-insensitively, as Higress does)");
    } else {
      unknown.push(k);
    }
  }
  return unknown;
}

/**
 * The top level, `_rules_[]` entries and `server` are read by gjson path (case-sensitively), so a
 * member outside `known` is one Higress never reads: `unknown field, ignored` (Higress is silent).
 * `toolSet` and `_match_*` names are errors reported by the parsers, not repeated here.
 */
export function warnUnknown(obj: JNode, known: string[], path: string, errs: Errs): void {
  if (obj.kind != J_OBJECT) return;
  const n = obj.length;
  for (let i = 0; i < n; i++) {
    if (obj.keyIndexIn(i, known) >= 0) continue;
    const k = obj.keyAt(i);
    if (k == "toolSet" || k.startsWith("_match_")) continue;
    errs.warn(fieldPath(path, k), "unknown field, ignored");
  }
}

/** foldKeys plus one `unknown field, ignored` warning per unknown member. */
export function foldKnown(obj: JNode, known: string[], path: string, errs: Errs): void {
  const u = foldKeys(obj, known, path, errs);
  for (let i = 0; i < u.length; i++) errs.warn(fieldPath(path, unchecked(u[i])), "unknown field, ignored");
}

/** True when some member name of obj is not exactly one of `known` (compared in place: no allocation). */
function needsFold(obj: JNode | null, known: string[]): bool {
  if (obj === null || obj.kind != J_OBJECT) return false;
  const n = obj.length;
  for (let i = 0; i < n; i++) if (obj.keyIndexIn(i, known) < 0) return true;
  return false;
}

/**
 * Fold the field names of one tool and everything Go decodes inside it. Paths (and foldKnown's list) are made only
 * for an object with a name outside its known list: most tools have none, and these were allocations per argument.
 */
export function foldTool(t: JNode, path: string, errs: Errs): void {
  if (needsFold(t, TOOL_FIELDS)) foldKnown(t, TOOL_FIELDS, path, errs);
  const args = member(t, "args");
  if (args !== null && args.kind == J_ARRAY) {
    for (let i = 0; i < args.length; i++) {
      const a = args.at(i);
      if (needsFold(a, ARG_FIELDS)) foldKnown(a!, ARG_FIELDS, indexPath(fieldPath(path, "args"), i), errs);
    }
  }
  const rq = member(t, "requestTemplate");
  if (rq !== null && rq.kind == J_OBJECT) {
    if (needsFold(rq, REQUEST_FIELDS)) foldKnown(rq, REQUEST_FIELDS, fieldPath(path, "requestTemplate"), errs);
    const hs = member(rq, "headers");
    if (hs !== null && hs.kind == J_ARRAY) {
      for (let i = 0; i < hs.length; i++) {
        const h = hs.at(i);
        if (needsFold(h, HEADER_FIELDS)) foldKnown(h!, HEADER_FIELDS, indexPath(fieldPath(fieldPath(path, "requestTemplate"), "headers"), i), errs);
      }
    }
    const s = member(rq, "security");
    if (needsFold(s, REQUIREMENT_FIELDS)) foldKnown(s!, REQUIREMENT_FIELDS, fieldPath(fieldPath(path, "requestTemplate"), "security"), errs);
  }
  const rs = member(t, "responseTemplate");
  if (needsFold(rs, RESPONSE_FIELDS)) foldKnown(rs!, RESPONSE_FIELDS, fieldPath(path, "responseTemplate"), errs);
  const sec = member(t, "security");
  if (needsFold(sec, REQUIREMENT_FIELDS)) foldKnown(sec!, REQUIREMENT_FIELDS, fieldPath(path, "security"), errs);
}

/**
 * gjson's `.Array()` (plugin.go reads `server.securitySchemes`, `tools` and
 * `allowTools` with it): an array is itself, JSON null is empty, any other value
 * is a one-item list (warning). Returns the items, or null when `node` is absent.
 */
export function gjsonItems(node: JNode | null, path: string, errs: Errs): ArrayItem[] | null {
  if (node === null) return null;
  if (node.kind == J_ARRAY) return objectItems(node, path);
  const out = new Array<ArrayItem>();
  if (node.kind == J_NULL) return out;
  errs.warn(path, "a single " + (node.kind == J_OBJECT ? "object" : "value") + " instead of a list: read as a list of one (as Higress does)");
  out.push(new ArrayItem(node, 0, indexPath(path, 0)));
  return out;
}

/**
 * MCP's tool-name rule (1-128 of A-Z a-z 0-9 _ - .): Higress registers any name, so a
 * name outside it loads with a warning (strict clients may refuse the whole tools/list).
 */
export function warnToolName(name: string, path: string, errs: Errs): void {
  let ok = name.length >= 1 && name.length <= 128;
  for (let i = 0; ok && i < name.length; i++) {
    const c = name.charCodeAt(i);
    ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c == 0x2d || c == 0x2e;
  }
  if (!ok) errs.warn(path, "\"" + name + "\" is not an MCP tool name (1-128 of A-Z a-z 0-9 _ - .): strict clients may refuse the tools/list");
}

/** `annotations` are echoed as they are: MCP's hints are booleans and `title` a string (a warning each, as in R20). */
export function warnAnnotations(node: JNode, path: string, errs: Errs): void {
  const ks = node.keys();
  for (let i = 0; i < ks.length; i++) {
    const k = unchecked(ks[i]);
    const v = node.get(k);
    if (v === null) continue;
    if (k == "title" && v.kind != J_STRING) errs.warn(fieldPath(path, k), "not a string (MCP's ToolAnnotations): echoed as is, strict clients may refuse the tools/list");
    else if (k.endsWith("Hint") && v.kind != J_BOOL) errs.warn(fieldPath(path, k), "not a boolean (MCP's ToolAnnotations): echoed as is, strict clients may refuse the tools/list");
  }
}

/** A `null` list entry (YAML `- ` with nothing after it): skipped with a warning (Go decodes it as an empty entry). */
export function skipNull(it: ArrayItem, what: string, errs: Errs): bool {
  const n = it.node;
  if (n === null || n.kind != J_NULL) return false;
  errs.warn(it.path, "empty " + what + " (null), skipped");
  return true;
}

/** gjson's `.String()`: strings decoded, numbers and booleans as written, objects and arrays as raw JSON. */
export function gjsonString(n: JNode): string {
  if (n.kind == J_STRING) return n.str();
  if (n.kind == J_NULL) return "";
  return n.raw();
}

/**
 * gjson's `.Bool()` (plugin.go reads `server.passthroughAuthHeader` with it):
 * true, a non-zero number, or a string Go's strconv.ParseBool reads as true
 * ("1", "t", "true", any case). Anything else is false. A non-boolean warns.
 */
export function gjsonBool(node: JNode | null, path: string, errs: Errs): bool {
  if (node === null || node.kind == J_NULL) return false;
  if (node.kind == J_BOOL) return node.bool();
  let v = false;
  if (node.kind == J_STRING) {
    const s = node.str().toLowerCase();
    v = s == "1" || s == "t" || s == "true";
    if (!v && s != "0" && s != "f" && s != "false") {
      errs.warn(path, "\"" + node.str() + "\" is not a boolean: read as false (as Higress does)");
      return false;
    }
  } else if (node.kind == J_NUMBER) {
    v = parseFloat(node.raw()) != 0;
  } else {
    errs.warn(path, "not a boolean: read as false (as Higress does)");
    return false;
  }
  errs.warn(path, "expected boolean: " + node.raw() + " read as " + (v ? "true" : "false") + " (as Higress does)");
  return v;
}

/** Errors found in a scheme count only when a requirement uses it (Higress fails such a scheme only at call time). */
export function useScheme(s: SecurityScheme, errs: Errs): void {
  if (s.referenced) return;
  s.referenced = true;
  for (let i = 0; i < s.problems.length; i++) errs.list.push(unchecked(s.problems[i]));
}

/** A scheme with errors that no requirement uses loads with a warning per error (and can never be applied). */
export function warnUnusedSchemes(schemes: SecurityScheme[], errs: Errs): void {
  for (let i = 0; i < schemes.length; i++) {
    const s = unchecked(schemes[i]);
    if (s.referenced) continue;
    for (let j = 0; j < s.problems.length; j++) errs.warnings.push(unchecked(s.problems[j]) + " (scheme unused: ignored)");
  }
}
