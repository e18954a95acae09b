// Configure-time security rules of issue 14 ("close the config footguns"), each error naming its field:
//
// | rule                                   | rejected                                                        |
// |----------------------------------------|-----------------------------------------------------------------|
// | forwardHeaders (item 4)                | a header a client scheme of the server reads; `cookie` when one  |
// |                                        | reads a cookie (per-tool stripping would let it reach the other |
// |                                        | tools' backends)                                                |
// | userinfo in a tool URL (item 5)        | `scheme://user:pass@host` (use a basic scheme); never echoed    |
// | whole-host arguments (item 6)          | an argument not followed by a fixed `.suffix` in the host        |
// | header/cookie argument names (item 8)  | content-type, framing, hop-by-hop, pseudo, x-envoy-*, and any    |
// |                                        | header (or cookie) a security scheme of the tool writes         |
import { PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "./types";
import { Errs, fieldPath, indexPath } from "./reader";
import { downstreamRequirement, upstreamRequirement } from "./requirement";
import { hostArgProblemOf, hasUserinfo } from "./urlsplit";
import { urlPlanOf } from "./callcheck";

/** Headers no argument may set: body mode, framing, routing, hop-by-hop. */
const ARG_FORBIDDEN_HEADERS: string[] = [
  "content-type", "content-length", "content-encoding", "transfer-encoding", "host", "connection", "keep-alive",
  "proxy-connection", "te", "trailer", "upgrade", "expect",
];

/** Header a scheme reads from the client or writes to the backend ("" for query/cookie API keys). */
function schemeHeader(s: SecurityScheme): string {
  if (s.type == "apiKey") return s.in == "header" ? s.name.toLowerCase() : "";
  return "authorization"; // http basic/bearer, oauth2
}

function schemeCookie(s: SecurityScheme): string {
  return s.type == "apiKey" && s.in == "cookie" ? s.name : "";
}

function addTo(list: string[], s: string): void {
  if (s.length > 0 && !list.includes(s)) list.push(s);
}

function resolved(r: SecurityRequirement | null): SecurityScheme | null {
  return r !== null && r.id.length > 0 ? r.scheme : null;
}

/**
 * Records on cfg.server which headers the client schemes of the server read (for forward.ts), and
 * rejects forwardHeaders entries among them.
 */
export function checkForwardHeaders(cfg: PluginConfig, sp: string, errs: Errs): void {
  const s = cfg.server;
  s.clientHeaders = [];
  s.clientCookies = [];
  const downs = new Array<SecurityScheme>();
  const dd = resolved(s.defaultDownstreamSecurity);
  if (dd !== null) downs.push(dd);
  for (let i = 0; i < cfg.tools.length; i++) {
    const d = resolved(unchecked(cfg.tools[i]).security);
    if (d !== null) downs.push(d);
  }
  for (let i = 0; i < downs.length; i++) {
    addTo(s.clientHeaders, schemeHeader(unchecked(downs[i])));
    addTo(s.clientCookies, schemeCookie(unchecked(downs[i])));
  }
  for (let i = 0; i < s.forwardHeaders.length; i++) {
    const h = unchecked(s.forwardHeaders[i]);
    const p = indexPath(fieldPath(sp, "forwardHeaders"), i);
    if (s.clientHeaders.includes(h)) errs.add(p, "\"" + h + "\" carries a client credential read by a security scheme of this server; it cannot be forwarded");
    else if (h == "cookie" && s.clientCookies.length > 0) errs.add(p, "\"cookie\" carries a client credential (an apiKey cookie of this server); it cannot be forwarded");
  }
}

/** Tool URL rules (items 5 and 6) and header/cookie argument names (item 8). */
export function checkToolPolicy(cfg: PluginConfig, t: Tool, tp: string, errs: Errs): void {
  const url = t.requestTemplate.url;
  const up = fieldPath(tp, "requestTemplate.url");
  if (url.length > 0) {
    if (hasUserinfo(url)) errs.add(up, "must not contain userinfo (user:password@host); use a security scheme of type http, scheme basic");
    else {
      const hp = hostArgProblemOf(urlPlanOf(cfg, t));
      if (hp.length > 0) errs.add(up, hp);
    }
  }
  const writes = new Array<string>();
  const cookies = new Array<string>();
  // the effective requirements, as the request path picks them (config/requirement.ts), plus a security list's others
  const used = new Array<SecurityScheme>();
  const us = resolved(upstreamRequirement(cfg, t));
  if (us !== null) used.push(us);
  const extra = t.requestTemplate.extraSecurity;
  for (let i = 0; i < extra.length; i++) {
    const x = resolved(unchecked(extra[i]));
    if (x !== null) used.push(x);
  }
  const ds = resolved(downstreamRequirement(cfg, t));
  if (ds !== null) used.push(ds);
  for (let i = 0; i < used.length; i++) {
    addTo(writes, schemeHeader(unchecked(used[i])));
    addTo(cookies, schemeCookie(unchecked(used[i])));
  }
  for (let i = 0; i < t.args.length; i++) {
    const a = unchecked(t.args[i]);
    const ap = fieldPath(indexPath(fieldPath(tp, "args"), i), "name");
    if (a.position == "header") {
      const n = a.name.toLowerCase();
      if (n.startsWith(":") || n.startsWith("x-envoy-") || n.startsWith("proxy-") || ARG_FORBIDDEN_HEADERS.includes(n)) {
        errs.add(ap, "an argument cannot set the \"" + n + "\" header (body mode, framing, routing or credential)");
      } else if (writes.includes(n)) {
        errs.add(ap, "an argument cannot set the \"" + n + "\" header: a security scheme of this tool uses it");
      }
    } else if (a.position == "cookie" && cookies.includes(a.name)) {
      errs.add(ap, "an argument cannot set the \"" + a.name + "\" cookie: a security scheme of this tool uses it");
    }
  }
}
