// Envoy route selection for the local gateway's Envoy mode: upstream Envoy re-routes a request after a
// Wasm filter changed its headers (ABI ≤ 0.2.1 clears the route cache, envoyproxy/envoy#36671), by the new
// :authority AND :path. Virtual host by domain (source/common/router/config_impl.cc
// RouteMatcher::findVirtualHost: exact, then suffix wildcards "*.x" longest first, then prefix wildcards
// "x*" longest first, then "*"), then the first route whose match fits (`path`: exact, query removed;
// `prefix`: start of :path). No match → Envoy's 404 (details route_not_found).

/** One route: an exact path or a prefix, and the base URL of its cluster. */
export interface GatewayRoute {
  path?: string;
  prefix?: string;
  /** Base URL of the route's cluster; the request path is appended. */
  upstream: string;
}

/** A virtual host: domains (Envoy syntax) and ordered routes. */
export interface GatewayVirtualHost {
  name?: string;
  domains: string[];
  routes: GatewayRoute[];
}

/** The virtual host Envoy picks for `authority`, or null. */
export function findVirtualHost(table: GatewayVirtualHost[], authority: string): GatewayVirtualHost | null {
  const host = authority.toLowerCase();
  let best: { vh: GatewayVirtualHost; rank: number; len: number } | null = null;
  for (const vh of table) {
    for (const raw of vh.domains) {
      const d = raw.toLowerCase();
      let rank = -1;
      if (d === host) rank = 3;
      else if (d === "*") rank = 0;
      else if (d.startsWith("*") && host.endsWith(d.slice(1)) && host.length > d.length - 1) rank = 2;
      else if (d.endsWith("*") && host.startsWith(d.slice(0, -1)) && host.length > d.length - 1) rank = 1;
      if (rank < 0) continue;
      if (!best || rank > best.rank || (rank === best.rank && d.length > best.len)) best = { vh, rank, len: d.length };
    }
  }
  return best?.vh ?? null;
}

/** The route Envoy picks for (authority, path), or null (404 route_not_found). */
export function matchRoute(table: GatewayVirtualHost[], authority: string, path: string): GatewayRoute | null {
  const vh = findVirtualHost(table, authority);
  if (!vh) return null;
  const bare = path.split("?")[0];
  for (const r of vh.routes) {
    if (r.path !== undefined && r.path === bare) return r;
    if (r.prefix !== undefined && path.startsWith(r.prefix)) return r;
  }
  return null;
}

type Json = { [key: string]: unknown };
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The route table of an envoy.yaml (parsed) first listener's HTTP connection manager, with each cluster
 * name mapped to a base URL by `clusterUrl` (throws for a cluster it does not know).
 */
export function routeTableFromEnvoy(envoy: unknown, clusterUrl: (cluster: string) => string): GatewayVirtualHost[] {
  const listeners = isObj(envoy) && isObj(envoy.static_resources) ? envoy.static_resources.listeners : undefined;
  const l0 = Array.isArray(listeners) && isObj(listeners[0]) ? listeners[0] : {};
  const fc = Array.isArray(l0.filter_chains) && isObj(l0.filter_chains[0]) ? l0.filter_chains[0] : {};
  const f0 = Array.isArray(fc.filters) && isObj(fc.filters[0]) ? fc.filters[0] : {};
  const hcm = isObj(f0.typed_config) ? f0.typed_config : {};
  const vhosts = isObj(hcm.route_config) && Array.isArray(hcm.route_config.virtual_hosts) ? hcm.route_config.virtual_hosts : [];
  return vhosts.filter(isObj).map((vh) => ({
    name: typeof vh.name === "string" ? vh.name : undefined,
    domains: Array.isArray(vh.domains) ? vh.domains.map(String) : [],
    routes: (Array.isArray(vh.routes) ? vh.routes : []).filter(isObj).map((r) => {
      const m = isObj(r.match) ? r.match : {};
      const cluster = isObj(r.route) ? String(r.route.cluster) : "";
      return {
        ...(typeof m.path === "string" ? { path: m.path } : {}),
        ...(typeof m.prefix === "string" ? { prefix: m.prefix } : {}),
        upstream: clusterUrl(cluster),
      };
    }),
  }));
}
