// Cross-field checks that need the whole config: scheme references and the
// passthrough rule (a passthrough tool without an upstream requirement would
// drop the client's credential silently).
import { PluginConfig, Tool } from "./types";
import { downstreamRequirement, upstreamRequirement } from "./requirement";
import { Errs, fieldPath, indexPath } from "./reader";
import { resolveRequirement } from "./parsesecurity";
import { checkForwardHeaders, checkToolPolicy } from "./policy";
import { warnUnusedSchemes } from "./compat";

/** Resolve every requirement's scheme and check the passthrough rule; `path` prefixes every error. */
export function validateSecurity(cfg: PluginConfig, path: string, errs: Errs): void {
  const s = cfg.server;
  const schemes = s.securitySchemes;
  const sp = fieldPath(path, "server");
  resolveRequirement(s.defaultDownstreamSecurity, schemes, fieldPath(sp, "defaultDownstreamSecurity"), errs);
  resolveRequirement(s.defaultUpstreamSecurity, schemes, fieldPath(sp, "defaultUpstreamSecurity"), errs);
  for (let i = 0; i < cfg.tools.length; i++) {
    const t = unchecked(cfg.tools[i]);
    const tp = indexPath(fieldPath(path, "tools"), t.index);
    resolveRequirement(t.security, schemes, fieldPath(tp, "security"), errs);
    const extra = t.requestTemplate.extraSecurity;
    resolveRequirement(t.requestTemplate.security, schemes, extra.length > 0 ? fieldPath(tp, "requestTemplate.security[0]") : fieldPath(tp, "requestTemplate.security"), errs);
    for (let j = 0; j < extra.length; j++) {
      resolveRequirement(unchecked(extra[j]), schemes, fieldPath(tp, "requestTemplate.security[" + (j + 1).toString() + "]"), errs);
    }
    checkPassthrough(cfg, t, tp, sp, errs);
    checkRelativeUrl(cfg, t, tp, errs);
    checkToolPolicy(cfg, t, tp, errs);
  }
  checkForwardHeaders(cfg, sp, errs);
  warnUnusedSchemes(schemes, errs);
}

/** True when the tool's backend request carries a credential the plugin applies. */
export function hasBackendCredential(cfg: PluginConfig, t: Tool): bool {
  return upstreamRequirement(cfg, t) !== null;
}

/** True for a tool URL that names no scheme and host (it would keep the client's :authority). */
export function isRelativeUrl(url: string): bool {
  return url.trimStart().startsWith("/");
}

// Issue 14: a relative URL keeps the request's :authority, which the client chose (Host). Upstream Envoy
// re-selects the route by it and the local gateway routes by it: the credential would follow the client.
// A credentialed tool therefore needs its destination from configuration: server.baseUrl.
function checkRelativeUrl(cfg: PluginConfig, t: Tool, tp: string, errs: Errs): void {
  if (!isRelativeUrl(t.requestTemplate.url) || cfg.server.baseAuthority.length > 0) return;
  if (!hasBackendCredential(cfg, t)) return;
  errs.add(fieldPath(tp, "requestTemplate.url"), "a relative URL with a backend credential needs server.baseUrl (the credential must not go where the client's Host header points)");
}

function checkPassthrough(cfg: PluginConfig, t: Tool, tp: string, sp: string, errs: Errs): void {
  if (t.requestTemplate.url.length == 0) return; // direct response: nothing goes upstream
  // The same policy the request path uses (config/requirement.ts): a tool-level id replaces the server default.
  const down = downstreamRequirement(cfg, t);
  if (down === null || !down.passthrough) return;
  const where = down === t.security ? fieldPath(tp, "security.passthrough") : tp + " (passthrough from " + fieldPath(sp, "defaultDownstreamSecurity") + ")";
  if (!cfg.server.allowPassthrough && down.passthroughMode != "exchange") {
    // Token exchange stays allowed: it forwards a token issued for the backend, not the client's.
    errs.add(where, "credential passthrough is disabled by server.allowPassthrough: false (use passthrough: exchange or a backend credential)");
    return;
  }
  if (upstreamRequirement(cfg, t) !== null) return;
  errs.add(where, "passthrough needs an upstream requirement (requestTemplate.security or server.defaultUpstreamSecurity) naming how the backend takes the credential");
}
