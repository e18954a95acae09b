// Cross-field checks that need the whole config: scheme references and the
// passthrough rule (a passthrough tool without an upstream requirement would
// drop the client's credential silently).
import { PluginConfig, SecurityRequirement, Tool } from "./types";
import { Errs, fieldPath, indexPath } from "./reader";
import { resolveRequirement } from "./parsesecurity";

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
  }
}

function configured(r: SecurityRequirement | null): bool {
  return r !== null && r.id.length > 0;
}

function checkPassthrough(cfg: PluginConfig, t: Tool, tp: string, sp: string, errs: Errs): void {
  if (t.requestTemplate.url.length == 0) return; // direct response: nothing goes upstream
  let down: SecurityRequirement | null = null;
  let where = "";
  if (configured(t.security)) {
    down = t.security;
    where = fieldPath(tp, "security.passthrough");
  } else if (configured(cfg.server.defaultDownstreamSecurity)) {
    down = cfg.server.defaultDownstreamSecurity;
    where = tp + " (passthrough from " + fieldPath(sp, "defaultDownstreamSecurity") + ")";
  }
  if (down === null || !down.passthrough) return;
  if (!cfg.server.allowPassthrough && down.passthroughMode != "exchange") {
    // Token exchange stays allowed: it forwards a token issued for the backend, not the client's.
    errs.add(where, "credential passthrough is disabled by server.allowPassthrough: false (use passthrough: exchange or a backend credential)");
    return;
  }
  if (configured(t.requestTemplate.security) || configured(cfg.server.defaultUpstreamSecurity)) return;
  errs.add(where, "passthrough needs an upstream requirement (requestTemplate.security or server.defaultUpstreamSecurity) naming how the backend takes the credential");
}
