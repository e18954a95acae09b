// Configure-time refusal of what would fail every call (issue 17 item 2), each
// error naming its field path: a URL whose scheme/host/port holds anything but
// `{{.config.x}}` values and one plain argument in the host (whose value must
// be one DNS label, checked per call in rest/url.ts); a backend scheme with no
// credential for a tool that uses configured credentials (also the later
// requirements of a security list); an oauth2 client credential without ":".
import { PluginConfig, SecurityScheme, Tool } from "./types";
import { Errs, fieldPath, indexPath } from "./reader";
import { actionBody, analyzeUrl, PIECE_LITERAL, PIECE_TRUSTED, UrlPiece, UrlPlan } from "./urlsplit";
import { downstreamRequirement, upstreamRequirement } from "./requirement";

/** Check every tool of cfg; `path` prefixes error paths. */
export function checkCalls(cfg: PluginConfig, path: string, errs: Errs): void {
  for (let i = 0; i < cfg.tools.length; i++) {
    const t = unchecked(cfg.tools[i]);
    if (t.requestTemplate.url.length == 0) continue; // direct response: nothing goes upstream
    const tp = indexPath(fieldPath(path, "tools"), t.index);
    const plan = urlPlanOf(cfg, t);
    checkUrl(plan, fieldPath(tp, "requestTemplate.url"), errs);
    checkCredential(cfg, t, tp, fieldPath(path, "server"), errs);
    checkListCredentials(cfg, t, tp, errs);
  }
}

/**
 * The tool's analysed URL, made once with the config's output limit and kept on the tool (the URL part of its call
 * plan: request handlers only render it); config/policy.ts and checkCalls share it. Only for a tool with a URL.
 */
export function urlPlanOf(cfg: PluginConfig, t: Tool): UrlPlan {
  const rt = t.requestTemplate;
  const seen = rt.urlPlan;
  if (seen !== null) return seen;
  const plan = analyzeUrl(rt.url, <i32>min<u32>(cfg.limits.maxTemplateOutputBytes, <u32>i32.MAX_VALUE));
  rt.urlPlan = plan;
  return plan;
}

/** The scheme/host/port part may hold literals, `{{.config.x}}` values and one plain `{{.args.x}}` in the host. */
export function checkUrl(p: UrlPlan, path: string, errs: Errs): void {
  if (!p.ok) {
    errs.add(path, p.error);
    return;
  }
  const pieces = p.prefix;
  let args = 0;
  let lit = "";
  for (let k = 0; k < pieces.length; k++) {
    const pc = unchecked(pieces[k]);
    if (pc.kind == PIECE_LITERAL) {
      lit += pc.text;
      continue;
    }
    if (pc.kind == PIECE_TRUSTED) {
      lit += "x"; // a config value: trusted
      continue;
    }
    const why = argumentProblem(pieces, k, lit);
    if (why.length > 0) {
      errs.add(path, pc.text + " in the scheme/host/port part: " + why +
        " (allowed there: {{.config.x}} values and one plain argument in the host whose value is one DNS label, such as https://{{.args.region}}.api.example.com)");
      return;
    }
    args++;
    if (args > 1) {
      errs.add(path, pc.text + " in the scheme/host/port part: only one argument may appear in the host");
      return;
    }
    lit += "x";
  }
}

function argumentProblem(pieces: UrlPiece[], k: i32, before: string): string {
  const body = actionBody(unchecked(pieces[k]).text);
  if (!isArgPath(body)) return "only a plain {{.args.name}} may appear, not functions, pipelines or other values";
  const sep = before.indexOf("://");
  if (sep < 0) return "an argument cannot choose the scheme";
  const host = before.substring(sep + 3);
  if (host.indexOf(":") >= 0) return "an argument cannot choose the port";
  // Where it lands in the host is free (`box-{{.args.id}}.example.com`): its value must be one DNS label (rest/url.ts).
  return "";
}

function isArgPath(body: string): bool {
  if (!body.startsWith(".args.") || body.length == 6) return false;
  for (let i = 6; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c == 0x2d;
    if (!ok) return false;
  }
  return true;
}

/**
 * A tool that sends configured credentials (not plain passthrough) needs one for its
 * backend scheme, and for oauth2 it must be clientId:clientSecret. The path named is
 * where the effective credential is (or would be) configured.
 */
function checkCredential(cfg: PluginConfig, t: Tool, tp: string, sp: string, errs: Errs): void {
  const up = upstreamRequirement(cfg, t); // as the request path picks it
  if (up === null) return;
  const def = cfg.server.defaultUpstreamSecurity;
  const upPath = up === t.requestTemplate.security ? fieldPath(tp, "requestTemplate.security") : fieldPath(sp, "defaultUpstreamSecurity");
  const scheme = up.scheme;
  if (scheme === null) return; // unknown id: reported by validateSecurity
  const down = downstreamRequirement(cfg, t);
  if (down !== null && down.passthrough && down.passthroughMode != "exchange") return; // the client's credential is used
  let cred = "";
  let credPath = "";
  if (up.credential.length > 0) {
    cred = up.credential;
    credPath = fieldPath(upPath, "credential");
  } else if (def !== null && def.id == up.id && def.credential.length > 0) {
    cred = def.credential;
    credPath = fieldPath(sp, "defaultUpstreamSecurity.credential");
  } else if (scheme.defaultCredential.length > 0) {
    cred = scheme.defaultCredential;
    credPath = fieldPath(scheme.path, "defaultCredential");
  }
  const who = upPath == fieldPath(tp, "requestTemplate.security") ? upPath : tp + " (backend requirement from " + upPath + ")";
  if (cred.length == 0) {
    errs.add(who, "no credential for backend security scheme \"" + scheme.id +
      "\": set requestTemplate.security.credential, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential" + kindHint(scheme));
    return;
  }
  if (scheme.type == "oauth2" && cred.indexOf(":") <= 0) {
    errs.add(credPath, "the oauth2 credential of scheme \"" + scheme.id + "\" must be clientId:clientSecret");
  }
}

/**
 * The requirements after the first of a `requestTemplate.security` list are applied with their
 * configured credentials only (auth/auth.ts applyExtraRequirements): an oauth2 scheme there, or
 * one without a credential, would refuse every call.
 */
function checkListCredentials(cfg: PluginConfig, t: Tool, tp: string, errs: Errs): void {
  const extra = t.requestTemplate.extraSecurity;
  const def = cfg.server.defaultUpstreamSecurity;
  for (let j = 0; j < extra.length; j++) {
    const e = unchecked(extra[j]);
    const scheme = e.scheme;
    if (scheme === null) continue; // unknown id: reported by validateSecurity
    const ep = fieldPath(tp, "requestTemplate.security[" + (j + 1).toString() + "]");
    if (scheme.type == "oauth2") {
      errs.add(ep, "oauth2 scheme \"" + scheme.id + "\" can only be the first requirement of a security list");
      continue;
    }
    const has = e.credential.length > 0 || (def !== null && def.id == e.id && def.credential.length > 0) || scheme.defaultCredential.length > 0;
    if (!has) {
      errs.add(ep, "no credential for backend security scheme \"" + scheme.id + "\": set its credential here, server.defaultUpstreamSecurity.credential or the scheme's defaultCredential");
    }
  }
}

function kindHint(s: SecurityScheme): string {
  return s.type == "oauth2" ? " (clientId:clientSecret)" : "";
}
