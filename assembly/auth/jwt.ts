// Unverified JWT inspection for the passthrough audience guard. The signature
// is NOT checked: client authentication belongs to a gateway plugin in front
// of this one (jwt-auth, OAuth2); here we only refuse forwarding a token that
// was visibly issued for someone else (MCP spec, token passthrough rule).
import { JSON } from "json-as";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { base64DecodeString } from "./base64";

/** Decode a base64url JWT segment to a JSON object, or null. */
function segmentObject(seg: string): JSON.Obj | null {
  if (seg.length == 0) return null;
  const text = base64DecodeString(seg, true);
  if (text === null || !validateJSON(text)) return null;
  const v = JSON.parse<JSON.Value>(text);
  if (v.type != JSON.Types.Object) return null;
  return v.get<JSON.Obj>();
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
  if (aud.type == JSON.Types.String) {
    out.push(aud.get<string>());
  } else if (aud.type == JSON.Types.Array) {
    const arr = aud.get<JSON.Arr>();
    for (let i = 0; i < arr.length; i++) {
      const e = arr.at(i);
      if (e.type == JSON.Types.String) out.push(e.get<string>());
    }
  }
  return out;
}
