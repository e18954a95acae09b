// Cross-field checks that need the whole config: scheme references and the
// passthrough rule (a passthrough tool without an upstream requirement would
// drop the client's credential silently).
import { PluginConfig, Tool } from "./types";
import { downstreamRequirement, upstreamRequirement } from "../auth/requirement";
import { Errs, fieldPath, indexPath } from "./reader";
import { resolveRequirement } from "./parsesecurity";
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
    resolveRequirement(t.requestTemplate.security, schemes, fieldPath(tp, "requestTemplate.security"), errs);
    checkPassthrough(cfg, t, tp, sp, errs);
  }
  warnUnusedSchemes(schemes, errs);
}

function checkPassthrough(cfg: PluginConfig, t: Tool, tp: string, sp: string, errs: Errs): void {
  if (t.requestTemplate.url.length == 0) return; // direct response: nothing goes upstream
  // The same policy the request path uses (auth/requirement.ts): a tool-level id replaces the server default.
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
