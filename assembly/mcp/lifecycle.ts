// `initialize`: version negotiation and the InitializeResult.
import { PluginConfig } from "../config/types";
import { JNode, J_STRING } from "../util/jsonview";
import { quoteJson } from "../util/jsonstring";
import { isSupportedVersion, LATEST_VERSION } from "./versions";

/** The revision to answer: the client's when supported, else our latest. */
export function negotiateVersion(params: JNode | null): string {
  if (params === null) return LATEST_VERSION;
  const v = params.get("protocolVersion");
  if (v === null || v.kind != J_STRING) return LATEST_VERSION;
  const s = v.str();
  return isSupportedVersion(s) ? s : LATEST_VERSION;
}

/** InitializeResult JSON: protocolVersion, capabilities.tools, serverInfo, instructions?. */
export function initializeResult(cfg: PluginConfig, params: JNode | null): string {
  const s = cfg.server;
  let info = "{\"name\":" + quoteJson(s.name) + ",\"version\":" + quoteJson(s.version);
  if (s.title.length > 0) info += ",\"title\":" + quoteJson(s.title);
  info += "}";
  let r = "{\"protocolVersion\":" + quoteJson(negotiateVersion(params)) +
    ",\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":" + info;
  if (s.instructions.length > 0) r += ",\"instructions\":" + quoteJson(s.instructions);
  return r + "}";
}
