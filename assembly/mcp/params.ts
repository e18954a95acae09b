// `x-mcp-header` (2026-07-28, SEP-2243): tool parameters mirrored by the
// client into `Mcp-Param-{Name}` headers. Request time: every annotated value
// present in the body must arrive in its header, decoded, and match. (The
// annotations are collected at configure time by config/mcpparams.ts.)
import { Tool } from "../config/types";
import { JNode, J_BOOL, J_NULL, J_NUMBER, J_OBJECT, J_STRING } from "../util/jsonview";
import { decodeHeaderValue } from "./headervalue";
import { joinStrings } from "../util/strbuf";

/** "" when every Mcp-Param header matches the arguments, else why not. `headerValue(name)` returns null when absent. */
export function checkMcpParams(tool: Tool, args: JNode | null, names: string[], values: string[]): string {
  const ps = tool.mcpParams;
  for (let i = 0; i < ps.length; i++) {
    const p = unchecked(ps[i]);
    const v = valueAt(args, p.path);
    const raw = lookup(names, values, p.header);
    const label = "Mcp-Param-" + p.name;
    if (v === null) {
      if (raw !== null) return label + " header present but the argument is absent";
      continue;
    }
    if (raw === null) return label + " header missing for argument \"" + joinStrings(p.path, ".") + "\"";
    const d = decodeHeaderValue(raw);
    if (!d.ok) return label + " header value is malformed";
    if (!matches(v, d.value)) return label + " header value does not match the argument";
  }
  return "";
}

function lookup(names: string[], values: string[], name: string): string | null {
  for (let i = 0; i < names.length; i++) if (unchecked(names[i]) == name) return unchecked(values[i]);
  return null;
}

function valueAt(args: JNode | null, path: string[]): JNode | null {
  let cur = args;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || cur.kind != J_OBJECT) return null;
    cur = cur.get(unchecked(path[i]));
  }
  if (cur !== null && cur.kind == J_NULL) return null;
  return cur;
}

function matches(v: JNode, h: string): bool {
  if (v.kind == J_STRING) return v.str() == h;
  if (v.kind == J_BOOL) return (v.bool() ? "true" : "false") == h;
  if (v.kind == J_NUMBER) {
    if (h.length == 0) return false;
    for (let i = 0; i < h.length; i++) {
      const c = h.charCodeAt(i);
      if (!((c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x2e || c == 0x2b || c == 0x65 || c == 0x45)) return false;
    }
    const a = F64.parseFloat(v.raw());
    const b = F64.parseFloat(h);
    return !isNaN(a) && a == b;
  }
  return false;
}
