// Redaction of credential values from any text that may reach a log line or
// an MCP result (backend error bodies echo headers surprisingly often).
import { formEncode } from "../rest/request";
import { base64Encode, base64UrlEncode } from "./base64";
import { addUnique } from "./util";

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** Shortest secret (in UTF-16 units) that is redacted; shorter ones would shred ordinary text. */
export const MIN_SECRET_LENGTH: i32 = 4;

/** Percent-encoding with %20 for space (encodeURIComponent style). */
function percentEncode(s: string): string {
  return formEncode(s).replaceAll("+", "%20");
}

/** Replace every occurrence of each secret (len >= 4) in text by "[REDACTED]"; also their base64/URL-encoded forms where cheap. */
export function scrubSecrets(text: string, secrets: string[]): string {
  const forms = new Array<string>();
  for (let i = 0; i < secrets.length; i++) {
    const s = unchecked(secrets[i]);
    if (s.length < MIN_SECRET_LENGTH) continue;
    addUnique(forms, s);
    addUnique(forms, base64Encode(s));
    addUnique(forms, base64UrlEncode(s));
    addUnique(forms, formEncode(s));
    addUnique(forms, percentEncode(s));
  }
  // Longest first, so a longer form is redacted whole before a substring of it.
  forms.sort((a: string, b: string): i32 => b.length - a.length);
  let out = text;
  for (let i = 0; i < forms.length; i++) {
    const f = unchecked(forms[i]);
    if (f.length >= MIN_SECRET_LENGTH && out.includes(f)) out = out.replaceAll(f, REDACTED);
  }
  return out;
}
