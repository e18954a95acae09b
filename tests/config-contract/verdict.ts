// The two readers of a config: spec.yaml's JSON Schema (Ajv, as the Higress console checks it)
// and the built plugin (proxy_on_configure in the Node host). One Host is reused: Envoy-style
// reconfiguration builds a new root context per startPlugin call.
import { Ajv, ValidateFunction } from "ajv";
import { Host } from "../../host/vm.js";
import { isObj, readYaml, repoPath } from "../deploy/files.js";

const WARN = "[mcp-server] config warning: ";
const ERROR = "[mcp-server] config: ";

/** spec.yaml's config schema. */
export function specSchema(): Record<string, unknown> {
  const spec = readYaml("spec.yaml");
  if (!isObj(spec) || !isObj(spec.spec) || !isObj(spec.spec.configSchema))
    throw new Error("spec.yaml: spec.configSchema missing");
  return spec.spec.configSchema.openAPIV3Schema as Record<string, unknown>;
}

/** Ajv over spec.yaml (strict: false for the console's own keywords, as tests/deploy/schema.test.ts). */
export function schemaValidator(): (json: string) => Array<{ pointer: string; text: string }> {
  const validate: ValidateFunction = new Ajv({ strict: false, allErrors: true }).compile(specSchema());
  return (json: string) => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return [{ pointer: "", text: "(root) invalid JSON" }];
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = e.params && "additionalProperty" in e.params ? String(e.params.additionalProperty) : "";
      const pointer = extra ? `${e.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}` : e.instancePath;
      return { pointer, text: `${e.instancePath || "/"} ${e.message}${extra ? ` (${extra})` : ""}` };
    });
  };
}

export interface PluginVerdict {
  ok: boolean;
  errors: string[];
  warnings: string[];
}

/** The built plugin as configure-time judge. */
export async function pluginJudge(): Promise<(json: string) => PluginVerdict> {
  const host = await Host.load(repoPath("build/higress.wasm"), { logLevel: "info" });
  return (json: string) => {
    host.clearLogs();
    const ok = host.startPlugin(json);
    const logs = [...host.getLogs("warn"), ...host.getLogs("error")];
    return {
      ok,
      errors: logs.filter((l) => l.startsWith(ERROR)).map((l) => l.slice(ERROR.length)),
      warnings: logs.filter((l) => l.startsWith(WARN)).map((l) => l.slice(WARN.length)),
    };
  };
}
