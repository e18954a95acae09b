// The Higress WasmPlugin resource for a published plugin (extensions.higress.io/v1alpha1).
// Placement matches Higress's own mcp-server plugin: UNSPECIFIED_PHASE, priority 30, after the
// AUTHN-phase client authentication plugins; FAIL_CLOSE so a bad config never lets MCP traffic
// through unprocessed; nothing enabled globally, one matchRules entry per MCP route.
import YAML from "yaml";

export interface MatchRule {
  /** Ingress names as "namespace/name" (Higress routes built from Ingresses). */
  ingress?: string[];
  /** Hosts ("api.example.com", "*.example.com"). */
  domain?: string[];
  /** Backend services ("name.namespace.svc.cluster.local"). */
  service?: string[];
  /** The plugin configuration for this route (Higress mcp-server format). */
  config: unknown;
}

export interface WasmPluginOptions {
  /** oci://… (pinned by digest when sha256 is set) or http(s)://…/higress.wasm. */
  url: string;
  /** For oci://: hex digest of the image manifest; for http(s): of the .wasm file. */
  sha256?: string;
  name?: string;
  namespace?: string;
  imagePullSecret?: string;
  rules: MatchRule[];
}

/** The WasmPlugin as a plain object (what `kubectl apply` reads). */
export function wasmPlugin(o: WasmPluginOptions): Record<string, unknown> {
  const spec: Record<string, unknown> = { url: o.url };
  if (o.sha256) spec.sha256 = o.sha256;
  spec.imagePullPolicy = "IfNotPresent";
  if (o.imagePullSecret) spec.imagePullSecret = o.imagePullSecret;
  spec.phase = "UNSPECIFIED_PHASE";
  spec.priority = 30;
  spec.failStrategy = "FAIL_CLOSE";
  spec.defaultConfigDisable = true;
  spec.matchRules = o.rules.map((r) => {
    const m: Record<string, unknown> = {};
    if (r.ingress) m.ingress = r.ingress;
    if (r.domain) m.domain = r.domain;
    if (r.service) m.service = r.service;
    m.configDisable = false;
    m.config = r.config;
    return m;
  });
  return {
    apiVersion: "extensions.higress.io/v1alpha1",
    kind: "WasmPlugin",
    metadata: { name: o.name ?? "mcp-rest", namespace: o.namespace ?? "higress-system" },
    spec,
  };
}

/** The WasmPlugin as YAML (YAML 1.1 quoting, as kubectl reads it). */
export function renderWasmPluginYaml(o: WasmPluginOptions): string {
  return YAML.stringify(wasmPlugin(o), { version: "1.1", lineWidth: 0, indentSeq: true });
}
