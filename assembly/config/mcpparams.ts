// `x-mcp-header` (2026-07-28, SEP-2243): tool parameters mirrored by the
// client into `Mcp-Param-{Name}` headers. Configure time: collect and check
// the annotations (token syntax, unique, primitive type, statically reachable,
// never on a secret-looking parameter). The request-time check is mcp/params.ts.
import { McpParam, Tool } from "./types";
import { JNode, J_OBJECT, J_STRING, parseJson } from "../util/jsonview";
import { isHeaderToken } from "../util/http";
import { joinStrings } from "../util/strbuf";

const MAX_DEPTH: i32 = 16;
const PARAM_TYPES: string[] = ["string", "integer", "boolean"];
/** Name fragments that mark a credential: the spec warns not to mirror secrets into headers. */
const SECRET_WORDS: string[] = [
  "token", "secret", "password", "passwd", "pwd", "apikey", "api_key", "api-key", "authorization", "credential",
  "cookie", "session", "bearer", "private", "signature",
];

/** True when a parameter or header name looks like it carries a credential. */
export function looksSecret(name: string): bool {
  const n = name.toLowerCase();
  for (let i = 0; i < SECRET_WORDS.length; i++) if (n.includes(unchecked(SECRET_WORDS[i]))) return true;
  return false;
}

/** Collect the annotations of `schemaJson`; problems are returned as messages (empty = fine). */
export function collectMcpParams(tool: Tool, schemaJson: string, errors: string[]): McpParam[] {
  const out = new Array<McpParam>();
  const root = parseJson(schemaJson);
  if (root === null || root.kind != J_OBJECT) return out;
  walk(root, [], out, errors, 0);
  // an annotation anywhere else (items, oneOf, $ref targets, …) makes the tool definition invalid
  if (countKey(schemaJson) != out.length + errors.length) {
    errors.push("x-mcp-header is only allowed on a property reachable from the schema root through \"properties\"");
  }
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < i; j++) {
      if (unchecked(out[j]).header == unchecked(out[i]).header) errors.push("duplicate x-mcp-header \"" + unchecked(out[i]).name + "\"");
    }
  }
  return out;
}

function walk(schema: JNode, path: string[], out: McpParam[], errors: string[], depth: i32): void {
  if (depth > MAX_DEPTH) return;
  const props = schema.get("properties");
  if (props === null || props.kind != J_OBJECT) return;
  const keys = props.keys();
  for (let i = 0; i < keys.length; i++) {
    const k = unchecked(keys[i]);
    const p = props.get(k);
    if (p === null || p.kind != J_OBJECT) continue;
    const sub = path.slice(0);
    sub.push(k);
    const h = p.get("x-mcp-header");
    if (h !== null) {
      const e = check(p, h, sub);
      if (e.length > 0) errors.push(e);
      else {
        const m = new McpParam();
        m.name = h.str();
        m.header = "mcp-param-" + m.name.toLowerCase();
        m.path = sub;
        m.type = p.get("type")!.str();
        out.push(m);
      }
    }
    walk(p, sub, out, errors, depth + 1);
  }
}

function check(prop: JNode, h: JNode, path: string[]): string {
  const where = "x-mcp-header of \"" + joinStrings(path, ".") + "\"";
  if (h.kind != J_STRING || h.str().length == 0 || !isHeaderToken(h.str())) return where + ": must be a non-empty HTTP header-name token";
  const ty = prop.get("type");
  if (ty === null || ty.kind != J_STRING || !PARAM_TYPES.includes(ty.str())) {
    return where + ": only string, integer or boolean parameters can be mirrored into a header";
  }
  if (looksSecret(path[path.length - 1]) || looksSecret(h.str())) {
    return where + ": looks like a credential; header values are visible to every intermediary, so secrets must not be mirrored";
  }
  return "";
}

/** Occurrences of the member name "x-mcp-header" in raw JSON text (escaped quotes inside strings excluded). */
function countKey(s: string): i32 {
  const key = "\"x-mcp-header\"";
  let n = 0;
  let at = s.indexOf(key);
  while (at >= 0) {
    if (at == 0 || s.charCodeAt(at - 1) != 0x5c) n++;
    at = s.indexOf(key, at + key.length);
  }
  return n;
}
