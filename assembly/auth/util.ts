// Small pure helpers for auth/: header, query and cookie lookup on the client
// request, prefix tests and the credential character check. Never trap.
import { Header, formDecode } from "../rest/request";

/** True when `s` starts with `prefix`, ASCII case-insensitively. */
export function startsWithIgnoreCase(s: string, prefix: string): bool {
  if (s.length < prefix.length) return false;
  return s.substring(0, prefix.length).toLowerCase() == prefix.toLowerCase();
}

/**
 * True when `s` holds a character that must never reach a header, query or
 * cookie: any C0 control (CR, LF, NUL, tab, ...) or DEL. Tab is refused too:
 * no credential format uses it and it is a header-folding/splitting hazard.
 */
export function hasControlChar(s: string): bool {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

/** First value of client header `name` (case-insensitive), or null. */
export function findHeader(headers: Header[], name: string): string | null {
  const n = name.toLowerCase();
  for (let i = 0; i < headers.length; i++) {
    const h = unchecked(headers[i]);
    if (h.name.toLowerCase() == n) return h.value;
  }
  return null;
}

/** First value of query parameter `name` (form-decoded) in a `:path`, or null. */
export function findQueryParam(path: string, name: string): string | null {
  const q = path.indexOf("?");
  if (q < 0) return null;
  let query = path.substring(q + 1);
  const hash = query.indexOf("#");
  if (hash >= 0) query = query.substring(0, hash);
  const parts = query.split("&");
  for (let i = 0; i < parts.length; i++) {
    const p = unchecked(parts[i]);
    if (p.length == 0) continue;
    const eq = p.indexOf("=");
    const key = formDecode(eq < 0 ? p : p.substring(0, eq));
    if (key == name) return eq < 0 ? "" : formDecode(p.substring(eq + 1));
  }
  return null;
}

/** Value of cookie `name` across every client `cookie` header (surrounding quotes removed), or null. */
export function findCookie(headers: Header[], name: string): string | null {
  for (let i = 0; i < headers.length; i++) {
    const h = unchecked(headers[i]);
    if (h.name.toLowerCase() != "cookie") continue;
    const parts = h.value.split(";");
    for (let j = 0; j < parts.length; j++) {
      const p = unchecked(parts[j]).trim();
      const eq = p.indexOf("=");
      if (eq < 0 || p.substring(0, eq).trim() != name) continue;
      let v = p.substring(eq + 1).trim();
      if (v.length >= 2 && v.charCodeAt(0) == 0x22 && v.charCodeAt(v.length - 1) == 0x22) {
        v = v.substring(1, v.length - 1);
      }
      return v;
    }
  }
  return null;
}
