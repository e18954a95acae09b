// Collect every credential value involved in a call, in the forms it may take
// (raw, without an auth-scheme word, decoded user:pass, password alone), so
// scrubSecrets can redact them from logs and error texts.
import { Header } from "../rest/request";
import { B64_STD, base64Utf8, decodeBase64Utf8 } from "../util/base64";
import { hasControlChar, startsWithIgnoreCase } from "./util";
import { addUnique } from "../util/strings";

/** Strip a leading "Bearer " / "Basic " (case-insensitive) and trim. */
export function withoutAuthWord(raw: string): string {
  const v = raw.trim();
  if (startsWithIgnoreCase(v, "bearer ")) return v.substring(7).trim();
  if (startsWithIgnoreCase(v, "basic ")) return v.substring(6).trim();
  return v;
}

/**
 * Add a user:pass pair, its base64 form (what an HTTP Basic header carries, so
 * a backend echoing its Authorization header is redacted too) and its password part.
 */
function addPair(list: string[], pair: string): void {
  addUnique(list, pair);
  addUnique(list, base64Utf8(pair));
  const colon = pair.indexOf(":");
  if (colon >= 0) addUnique(list, pair.substring(colon + 1));
}

/** Add `raw` and the forms derived from it to `list`. */
export function addSecret(list: string[], raw: string): void {
  const trimmed = raw.trim();
  if (trimmed.length == 0) return;
  addUnique(list, trimmed);
  const v = withoutAuthWord(trimmed);
  if (v.indexOf(":") >= 0) {
    addPair(list, v);
    return;
  }
  addUnique(list, v);
  const decoded = decodeBase64Utf8(v, B64_STD);
  if (decoded !== null && decoded.indexOf(":") > 0 && !hasControlChar(decoded)) addPair(list, decoded);
}

/** Add the credential part of every client Authorization header (whatever the schemes say). */
export function addClientAuthorization(list: string[], headers: Header[]): void {
  for (let i = 0; i < headers.length; i++) {
    const h = unchecked(headers[i]);
    if (h.name.toLowerCase() != "authorization") continue;
    const v = h.value.trim();
    const sp = v.indexOf(" ");
    addSecret(list, sp > 0 ? v.substring(sp + 1) : v);
  }
}
