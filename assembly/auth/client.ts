// Passthrough checks on the client's credential: refuse rather than fall back.
// Returns "" when the credential may be forwarded, else a refusal (reason + text).
import { SecurityRequirement, SecurityScheme, Tool } from "../config/types";
import { EXTRACT_FOUND, EXTRACT_MISSING, EXTRACT_WRONG_KIND, Extraction, describeScheme } from "./extract";
import { jwtAudiences } from "./jwt";
import { hasControlChar } from "./util";

/** A refusal: machine reason and an isError text that never contains a credential. */
export class Refusal {
  reason: string;
  error: string;
  constructor(reason: string, error: string) {
    this.reason = reason;
    this.error = error;
  }
}

/** `tool "<name>"` for messages. */
export function toolLabel(tool: Tool): string {
  return 'tool "' + tool.name + '"';
}

function anyIn(have: string[], allowed: string[]): bool {
  for (let i = 0; i < have.length; i++) {
    for (let j = 0; j < allowed.length; j++) {
      if (unchecked(have[i]) == unchecked(allowed[j])) return true;
    }
  }
  return false;
}

/**
 * Why a passthrough tool must not run with this client credential, or null.
 *
 * | extraction     | result                                         |
 * |----------------|------------------------------------------------|
 * | scheme unknown | unsupported_scheme                             |
 * | MISSING        | missing_client_credential (never a fallback)   |
 * | WRONG_KIND     | wrong_client_credential                        |
 * | NONE/UNSUPP.   | unsupported_scheme                             |
 * | FOUND          | invalid_credential if it has control chars;    |
 * |                | audience_mismatch if audiences are configured  |
 * |                | and it is not a JWT or no `aud` matches        |
 */
export function checkPassthrough(tool: Tool, down: SecurityRequirement, scheme: SecurityScheme | null, ext: Extraction): Refusal | null {
  const t = toolLabel(tool);
  if (scheme === null) return new Refusal("unsupported_scheme", t + ': unknown client security scheme "' + down.id + '"');
  const what = 'the client credential "' + down.id + '" (' + describeScheme(scheme) + ")";
  if (ext.status == EXTRACT_MISSING) return new Refusal("missing_client_credential", t + " requires " + what + "; none was sent");
  if (ext.status == EXTRACT_WRONG_KIND) {
    return new Refusal("wrong_client_credential", t + " requires " + what + "; the Authorization header carries another kind of credential");
  }
  if (ext.status != EXTRACT_FOUND) {
    return new Refusal("unsupported_scheme", t + ": " + what + " cannot be passed through");
  }
  if (hasControlChar(ext.value)) return new Refusal("invalid_credential", t + ": " + what + " contains control characters");
  if (down.audiences.length > 0) {
    const aud = jwtAudiences(ext.value);
    if (aud === null) {
      return new Refusal("audience_mismatch", t + ": " + what + " is not a JWT, but passthrough requires one of the configured audiences");
    }
    if (!anyIn(aud, down.audiences)) {
      return new Refusal("audience_mismatch", t + ": " + what + " was not issued for any of the configured audiences");
    }
  }
  return null;
}
