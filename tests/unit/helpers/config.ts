// Parsed configurations for the specs that drive the request pipeline from plugin config text.
import { parseRootConfig } from "../../../assembly/config/parse";
import { PluginConfig, Tool } from "../../../assembly/config/types";

/** The global config of `text`; throws when it does not parse. */
export function globalConfig(text: string): PluginConfig {
  const r = parseRootConfig(text);
  if (!r.ok || r.config === null) throw new Error("config: " + r.errors.join("; "));
  return r.config!.global!;
}

/** The tool called `name` of `cfg`; throws when there is none. */
export function toolNamed(cfg: PluginConfig, name: string): Tool {
  const t = cfg.findTool(name);
  if (t === null) throw new Error("no tool " + name);
  return t!;
}

/** A config with one POST tool "t" (args JSON `args`, URL `url`, more requestTemplate members `rt`) and config.base. */
export function oneToolConfig(url: string, rt: string, args: string): PluginConfig {
  const r = parseRootConfig("{\"server\":{\"name\":\"s\",\"config\":{\"base\":\"http://b\"}},\"tools\":[{\"name\":\"t\",\"args\":" + args +
    ",\"requestTemplate\":{\"url\":\"" + url + "\",\"method\":\"POST\"" + rt + "}}]}");
  expect(r.ok).toBe(true, r.errors.join("\n"));
  return r.config!.global!;
}
