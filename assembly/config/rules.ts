// `_rules_` selection per request: route name first, then domain (exact or
// `*.suffix`, port stripped, case-insensitive), then service (Envoy cluster
// name), else the global config. Within a kind, the first rule in order wins.
import { PluginConfig, RootConfig, RuleConfig } from "./types";
import { stripPort } from "../util/authority";

/** The config that applies to a request, or null (no global config and no rule matched). */
export function selectConfig(root: RootConfig, routeName: string, authority: string, clusterName: string): PluginConfig | null {
  const rules = root.rules;
  if (routeName.length > 0) {
    for (let i = 0; i < rules.length; i++) {
      const r = unchecked(rules[i]);
      if (r.kind == "route" && r.values.includes(routeName)) return r.config;
    }
  }
  const host = stripPort(authority).toLowerCase();
  if (host.length > 0) {
    for (let i = 0; i < rules.length; i++) {
      const r = unchecked(rules[i]);
      if (r.kind == "domain" && anyDomainMatch(r, host)) return r.config;
    }
  }
  if (clusterName.length > 0) {
    for (let i = 0; i < rules.length; i++) {
      const r = unchecked(rules[i]);
      if (r.kind == "service" && anyServiceMatch(r, clusterName)) return r.config;
    }
  }
  return root.global;
}

/** Domain pattern match: exact, `*` (any), or `*.suffix` (one or more labels before the suffix). */
export function domainMatches(pattern: string, host: string): bool {
  const p = stripPort(pattern).toLowerCase();
  if (p == "*") return true;
  if (p.startsWith("*.")) {
    const suffix = p.substring(1); // ".example.com"
    return host.length > suffix.length && host.endsWith(suffix);
  }
  return p == host;
}

function anyDomainMatch(r: RuleConfig, host: string): bool {
  for (let i = 0; i < r.values.length; i++) if (domainMatches(unchecked(r.values[i]), host)) return true;
  return false;
}

/**
 * Service match against an Envoy cluster name such as `outbound|80||svc.ns.svc.cluster.local`:
 * the value equals the cluster name, or the service host inside it, or `host:port`.
 */
export function serviceMatches(value: string, clusterName: string): bool {
  if (value == clusterName) return true;
  const parts = clusterName.split("|");
  if (parts.length != 4) return false;
  const port = unchecked(parts[1]);
  const host = unchecked(parts[3]).toLowerCase();
  const v = value.toLowerCase();
  if (v == host) return true;
  return port.length > 0 && v == host + ":" + port;
}

function anyServiceMatch(r: RuleConfig, clusterName: string): bool {
  for (let i = 0; i < r.values.length; i++) if (serviceMatches(unchecked(r.values[i]), clusterName)) return true;
  return false;
}
