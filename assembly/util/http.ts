// HTTP header-name checks shared by config validation, auth and the request
// builder (so config/ needs nothing from auth/ or rest/ for them).

/** True when `name` is a non-empty RFC 9110 token (a valid header name, any case). */
export function isHeaderToken(name: string): bool {
  if (name.length == 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ||
      c == 0x21 || c == 0x23 || c == 0x24 || c == 0x25 || c == 0x26 || c == 0x27 || c == 0x2a ||
      c == 0x2b || c == 0x2d || c == 0x2e || c == 0x5e || c == 0x5f || c == 0x60 || c == 0x7c || c == 0x7e;
    if (!ok) return false;
  }
  return true;
}

/** Headers the backend request cannot carry a credential in: set by the proxy (host, content-length) or hop-by-hop. */
const UNSENDABLE_HEADERS: string[] = [
  "host", "content-length", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
];

/** True when a credential put in header `name` would never reach the backend (so the call would go unauthenticated). */
export function isUnsendableHeader(name: string): bool {
  const n = name.toLowerCase();
  for (let i = 0; i < UNSENDABLE_HEADERS.length; i++) {
    if (unchecked(UNSENDABLE_HEADERS[i]) == n) return true;
  }
  return false;
}
