// Unverified JWT inspection for the passthrough audience guard. The signature
// is NOT checked: client authentication belongs to a gateway plugin in front
// of this one (jwt-auth, OAuth2); here we only refuse forwarding a token that
// was visibly issued for someone else (MCP spec, token passthrough rule).
import { JNode, J_ARRAY, J_OBJECT, J_STRING, parseJson } from "../util/jsonview";
import { B64_URL, decodeBase64Utf8 } from "../util/base64";

/** Decode a base64url JWT segment to a JSON object (validated, lazily read), or null. */
function segmentObject(seg: string): JNode | null {
  if (seg.length == 0) return null;
  const text = decodeBase64Utf8(seg, B64_URL);
  if (text === null) return null;
  const v = parseJson(text);
  return v !== null && v.kind == J_OBJECT ? v : null;
}

/** Decode a JWT payload's "aud" (string or array) without verifying; returns null if not a JWT. */
export function jwtAudiences(token: string): string[] | null {
  const parts = token.trim().split(".");
  if (parts.length != 3) return null;
  if (segmentObject(unchecked(parts[0])) === null) return null;
  const payload = segmentObject(unchecked(parts[1]));
  if (payload === null) return null;
  const out = new Array<string>();
  const aud = payload.get("aud");
  if (aud === null) return out;
  if (aud.kind == J_STRING) {
    out.push(aud.str());
  } else if (aud.kind == J_ARRAY) {
    for (let i = 0; i < aud.length; i++) {
      const e = aud.at(i);
      if (e !== null && e.kind == J_STRING) out.push(e.str());
    }
  }
  return out;
}
