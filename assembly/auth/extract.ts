// Client-side (downstream) credential extraction: where a scheme says the MCP
// client presents its credential, and the value found there. Pure, never traps.
import { SecurityScheme } from "../config/types";
import { Header } from "../rest/request";
import { findCookie, findHeader, findQueryParam, startsWithIgnoreCase } from "./util";

/** Nothing configured: no downstream scheme. */
export const EXTRACT_NONE: i32 = 0;
/** The credential was found; `value` holds it. */
export const EXTRACT_FOUND: i32 = 1;
/** A scheme is configured but the client sent nothing there. */
export const EXTRACT_MISSING: i32 = 2;
/** The Authorization header carries another kind (e.g. Basic where Bearer is expected). */
export const EXTRACT_WRONG_KIND: i32 = 3;
/** The scheme cannot carry a client credential (unknown type, apiKey without name, ...). */
export const EXTRACT_UNSUPPORTED: i32 = 4;

/** Scheme kinds, decided once from type/scheme/in. */
export const KIND_UNSUPPORTED: i32 = 0;
/** http bearer */
export const KIND_BEARER: i32 = 1;
/** http basic */
export const KIND_BASIC: i32 = 2;
/** apiKey in header */
export const KIND_API_HEADER: i32 = 3;
/** apiKey in query */
export const KIND_API_QUERY: i32 = 4;
/** apiKey in cookie */
export const KIND_API_COOKIE: i32 = 5;
/** oauth2 (client side: a bearer token; backend side: token from a token endpoint) */
export const KIND_OAUTH2: i32 = 6;

/** Result of reading the client's credential. */
export class Extraction {
  /** one of EXTRACT_* */
  status: i32 = EXTRACT_NONE;
  /** the credential (token, base64 of user:pass, or API key) when status == EXTRACT_FOUND */
  value: string = "";
  constructor(status: i32 = EXTRACT_NONE, value: string = "") {
    this.status = status;
    this.value = value;
  }
}

/** Classify a scheme into one of KIND_*. */
export function schemeKind(s: SecurityScheme): i32 {
  const type = s.type.toLowerCase();
  if (type == "http") {
    const sc = s.scheme.toLowerCase();
    if (sc == "bearer") return KIND_BEARER;
    if (sc == "basic") return KIND_BASIC;
    return KIND_UNSUPPORTED;
  }
  if (type == "apikey") {
    if (s.name.length == 0) return KIND_UNSUPPORTED;
    if (s.in == "header") return KIND_API_HEADER;
    if (s.in == "query") return KIND_API_QUERY;
    if (s.in == "cookie") return KIND_API_COOKIE;
    return KIND_UNSUPPORTED;
  }
  if (type == "oauth2") return KIND_OAUTH2;
  return KIND_UNSUPPORTED;
}

/** Lower-case header name of an apiKey-in-header scheme. */
export function apiKeyHeaderName(s: SecurityScheme): string {
  return s.headerName.length > 0 ? s.headerName : s.name.toLowerCase();
}

/** True when the client presents this scheme's credential in the Authorization header. */
export function readsAuthorization(s: SecurityScheme): bool {
  const k = schemeKind(s);
  return k == KIND_BEARER || k == KIND_BASIC || k == KIND_OAUTH2 || (k == KIND_API_HEADER && apiKeyHeaderName(s) == "authorization");
}

/** Human description of where a scheme's credential lives (never a value). */
export function describeScheme(s: SecurityScheme): string {
  const k = schemeKind(s);
  if (k == KIND_BEARER) return "http bearer in the Authorization header";
  if (k == KIND_BASIC) return "http basic in the Authorization header";
  if (k == KIND_API_HEADER) return 'api key in the "' + s.name + '" header';
  if (k == KIND_API_QUERY) return 'api key in the "' + s.name + '" query parameter';
  if (k == KIND_API_COOKIE) return 'api key in the "' + s.name + '" cookie';
  if (k == KIND_OAUTH2) return "oauth2 bearer token in the Authorization header";
  return 'unsupported type "' + s.type + '"';
}

/** Credential after an auth-scheme word ("Bearer", "Basic") in the Authorization header. */
function fromAuthorization(headers: Header[], word: string): Extraction {
  const raw = findHeader(headers, "authorization");
  if (raw === null) return new Extraction(EXTRACT_MISSING);
  const v = raw.trim();
  if (v.length == 0 || v.toLowerCase() == word) return new Extraction(EXTRACT_MISSING);
  if (!startsWithIgnoreCase(v, word + " ")) return new Extraction(EXTRACT_WRONG_KIND);
  const token = v.substring(word.length + 1).trim();
  if (token.length == 0) return new Extraction(EXTRACT_MISSING);
  return new Extraction(EXTRACT_FOUND, token);
}

function found(v: string | null): Extraction {
  if (v === null || v.length == 0) return new Extraction(EXTRACT_MISSING);
  return new Extraction(EXTRACT_FOUND, v);
}

/**
 * Extract the client's credential per scheme: bearer (and oauth2) -> token after
 * "Bearer " (case-insensitive, trimmed); basic -> the base64 part after "Basic ",
 * undecoded; apiKey -> header value, query value (from `clientPath`, decoded) or
 * cookie value. Only the first Authorization / named header is considered.
 */
export function extractClientCredential(scheme: SecurityScheme, clientHeaders: Header[], clientPath: string): Extraction {
  const k = schemeKind(scheme);
  if (k == KIND_BEARER || k == KIND_OAUTH2) return fromAuthorization(clientHeaders, "bearer");
  if (k == KIND_BASIC) return fromAuthorization(clientHeaders, "basic");
  if (k == KIND_API_HEADER) {
    const h = findHeader(clientHeaders, apiKeyHeaderName(scheme));
    return found(h === null ? null : h.trim());
  }
  if (k == KIND_API_QUERY) return found(findQueryParam(clientPath, scheme.name));
  if (k == KIND_API_COOKIE) return found(findCookie(clientHeaders, scheme.name));
  return new Extraction(EXTRACT_UNSUPPORTED);
}
