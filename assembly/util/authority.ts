// Authority (host[:port]) helpers shared by rule selection, the loopback
// check of the HTTP transport and the environment (peer address).

/** Host part of an authority: `host`, `host:port`, `[v6]`, `[v6]:port` -> host (brackets kept for IPv6). */
export function stripPort(authority: string): string {
  const a = authority.trim();
  if (a.startsWith("[")) {
    const close = a.indexOf("]");
    return close < 0 ? a : a.substring(0, close + 1);
  }
  const colon = a.lastIndexOf(":");
  if (colon < 0) return a;
  if (a.indexOf(":") != colon) return a; // bare IPv6 without brackets: keep as is
  return a.substring(0, colon);
}
