// A readable account of what each tool of a loaded config does per call (issue 17 item 1:
// "the plan is plain data, so a unit test can print it"): method and URL plan, where each
// argument goes, body mode, client and backend requirements with the source of the backend
// credential (never its value), response mode and limits. Pure; never traps.
import { PluginConfig, SecurityRequirement, SecurityScheme, Tool } from "./types";
import { PIECE_LITERAL, PIECE_TRUSTED } from "./urlsplit";
import { downstreamRequirement, upstreamRequirement } from "./requirement";
import { StrBuf } from "../util/strbuf";

/** One block per tool, in config order. */
export function explainConfig(cfg: PluginConfig): string {
  const b = new StrBuf(256);
  for (let i = 0; i < cfg.tools.length; i++) explainTool(cfg, unchecked(cfg.tools[i]), b);
  return b.toString();
}

function line(b: StrBuf, label: string, text: string): void {
  b.append("  ");
  b.append(label);
  b.append(": ");
  b.append(text);
  b.append("\n");
}

function explainTool(cfg: PluginConfig, t: Tool, b: StrBuf): void {
  b.append("tool ");
  b.append(t.name);
  b.append("\n");
  const rt = t.requestTemplate;
  if (rt.url.length == 0) {
    line(b, "call", "none (direct response from responseTemplate.body)");
  } else {
    line(b, "call", rt.method + " " + rt.url);
    line(b, "destination", destination(cfg, t));
  }
  const args = new StrBuf(64);
  for (let i = 0; i < t.args.length; i++) {
    const a = unchecked(t.args[i]);
    if (i > 0) args.append(", ");
    args.append(a.name);
    args.append(" → ");
    args.append(a.position.length > 0 ? a.position : unpositioned(t));
    if (a.required) args.append(" (required)");
  }
  line(b, "arguments", t.args.length > 0 ? args.toString() : "none");
  if (rt.url.length > 0) line(b, "body", bodyMode(t));
  const down = downstreamRequirement(cfg, t);
  line(b, "client", down === null ? "no credential read" : requirementText(down) + (down.passthrough ? (down.passthroughMode == "exchange" ? ", exchanged for a backend token" : ", passed through to the backend") : ", stripped"));
  if (rt.url.length > 0) {
    const up = upstreamRequirement(cfg, t);
    line(b, "backend", up === null ? "no credential applied" : requirementText(up) + ", credential from " + credentialSource(cfg, t, up, down));
    for (let i = 0; i < rt.extraSecurity.length; i++) {
      const e = unchecked(rt.extraSecurity[i]);
      line(b, "and", requirementText(e) + ", credential from " + credentialSource(cfg, t, e, null));
    }
  }
  const rs = t.responseTemplate;
  const mode = rs.body.length > 0 ? "responseTemplate.body" : rs.prependBody.length > 0 || rs.appendBody.length > 0 ? "prependBody + body + appendBody" : "the body as text";
  line(b, "response", mode + (t.outputSchemaJson.length > 0 ? ", structuredContent for a JSON object" : "") + (t.errorResponseTemplate.length > 0 ? "; errors through errorResponseTemplate" : ""));
  const l = cfg.limits;
  line(b, "limits", "template output " + l.maxTemplateOutputBytes.toString() + " B, response " + l.maxResponseBodyBytes.toString() + " B, timeout " + l.backendTimeoutMs.toString() + " ms");
}

/** Where the request goes: the URL plan's scheme/host part, or the relative rule. */
function destination(cfg: PluginConfig, t: Tool): string {
  const p = t.requestTemplate.urlPlan;
  if (p === null) return "not planned";
  if (!p.ok) return "invalid: " + p.error;
  const rest = p.rest;
  const path = rest !== null ? rest.source : "";
  if (p.relative) {
    const s = cfg.server;
    if (s.baseAuthority.length > 0) return s.baseScheme + "://" + s.baseAuthority + " (server.baseUrl), path " + s.basePath + path;
    return "the route's host (relative url), path " + path;
  }
  const host = new StrBuf(64);
  for (let i = 0; i < p.prefix.length; i++) {
    const pc = unchecked(p.prefix[i]);
    if (pc.kind == PIECE_LITERAL) host.append(pc.text);
    else if (pc.kind == PIECE_TRUSTED) host.append(pc.text + " (config)");
    else host.append(pc.text + " (one DNS label)");
  }
  return host.toString() + ", path " + path;
}

function unpositioned(t: Tool): string {
  const rt = t.requestTemplate;
  if (rt.hasBody) return "body template only";
  if (rt.argsToJsonBody) return "JSON body";
  if (rt.argsToFormBody) return "form body";
  if (rt.argsToUrlParam) return "query";
  return "templates only";
}

function bodyMode(t: Tool): string {
  const rt = t.requestTemplate;
  if (rt.hasBody) return "body template" + (rt.bodyEncoding == "base64" ? ", sent base64-decoded" : "");
  if (rt.argsToJsonBody) return "arguments as a JSON object (application/json)";
  if (rt.argsToFormBody) return "arguments as a form (application/x-www-form-urlencoded)";
  return "none";
}

function schemeText(s: SecurityScheme | null): string {
  if (s === null) return "unknown scheme";
  if (s.type == "http") return "http " + s.scheme;
  if (s.type == "apiKey") return "apiKey in " + s.in + " " + s.name;
  return s.type;
}

function requirementText(r: SecurityRequirement): string {
  return "scheme " + r.id + " (" + schemeText(r.scheme) + ")";
}

/** Which configured place the backend credential comes from (the value is never shown). */
function credentialSource(cfg: PluginConfig, t: Tool, up: SecurityRequirement, down: SecurityRequirement | null): string {
  if (down !== null && down.passthrough) return down.passthroughMode == "exchange" ? "token exchange of the client's credential" : "the client (passthrough)";
  const s = up.scheme;
  const oauth = s !== null && s.type == "oauth2" ? " (the oauth2 client, for the token endpoint)" : "";
  if (up.credential.length > 0) return (up === t.requestTemplate.security ? "requestTemplate.security" : "the requirement") + ".credential" + oauth;
  const def = cfg.server.defaultUpstreamSecurity;
  if (def !== null && def.id == up.id && def.credential.length > 0) return "server.defaultUpstreamSecurity.credential" + oauth;
  if (s !== null && s.defaultCredential.length > 0) return "the scheme's defaultCredential" + oauth;
  return "nowhere (calls are refused)";
}
