// proxy_http_call cluster names → base URLs for the local gateway.

/**
 * Base URL of cluster `name`: an explicit entry (`--cluster NAME=URL`) wins;
 * otherwise a name in the form Higress's Go SDK gives an FQDN, static-IP or DNS
 * service (`outbound|<port>||<host>`, with `.static` / `.dns` after the host;
 * higress-group/wasm-go pkg/wrapper cluster_wrapper.go) is dialled directly at
 * `http://<host>:<port>` (`https` for port 443), as Envoy would reach it.
 * Anything else is unknown (undefined), like a cluster Envoy does not have.
 */
export function resolveCluster(clusters: Record<string, string>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(clusters, name)) return clusters[name];
  const m = /^outbound\|(\d{1,5})\|\|(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+?)(?:\.static|\.dns)?$/.exec(name);
  if (!m) return undefined;
  const port = Number(m[1]);
  if (port < 1 || port > 65535) return undefined;
  return `${port === 443 ? "https" : "http"}://${m[2]}:${port}`;
}
