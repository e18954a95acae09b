// Template data of one tools/call: `{"config": <server.config>, "args": <validated args>}`, the text
// every request template renders over (Template.renderRaw). Built only when a template needs it, in one
// allocation of its exact size (issue 19: the text holds every argument, 2 MB for a 1 MB call), and a
// template that only reads a `.config` path is rendered once per template and config text.
import { validateJSON } from "json-as/assembly/util/validateJson";
import { StrBuf } from "../util/strbuf";
import { RenderResult, Template, TemplateEnv } from "../template/template";
import { ArgsResult } from "./args";
import { FixedStr } from "./textout";

/** Template data `{"config": <server.config>, "args": <validated args>}` (config "null" if absent or invalid). */
export function templateData(configJson: string, argsJson: string): string {
  if (!validateJSON(argsJson)) return "{\"config\":null,\"args\":{}}";
  const cfg = configText(configJson);
  const out = new StrBuf(cfg.length + argsJson.length + 20);
  out.append("{\"config\":");
  out.append(cfg);
  out.append(",\"args\":");
  out.append(argsJson);
  out.appendCode(0x7d);
  return out.toString();
}

/** server.config as it goes into the data: trimmed, "null" when empty or invalid. */
function configText(configJson: string): string {
  const cfg = configJson.trim();
  return cfg.length == 0 || !validateJSON(cfg) ? "null" : cfg;
}

/**
 * templateData for validated arguments (an accepted call): they are not validated a second time
 * (validating the combined text was 10 % of a 1 MB tools/call), and the text is written in one
 * allocation of its exact size (no builder copies, the values copied once from their slices).
 */
export function argsData(configJson: string, args: ArgsResult): string {
  const cfg = configText(configJson);
  const names = args.quotedNames();
  const out = new FixedStr(10 + cfg.length + 8 + args.objectJsonLength(names) + 1);
  out.append("{\"config\":");
  out.append(cfg);
  out.append(",\"args\":");
  args.writeObjectJson(out, names);
  out.appendCode(0x7d);
  return out.done();
}

/** The data of one call, its text built on first use. */
export class TemplateData {
  configJson: string;
  args: ArgsResult;
  private text: string | null = null;
  constructor(configJson: string, args: ArgsResult) {
    this.configJson = configJson;
    this.args = args;
  }

  /** The data text (built once). */
  get(): string {
    let t = this.text;
    if (t === null) {
      t = argsData(this.configJson, this.args);
      this.text = t;
    }
    return t;
  }

  /** tpl.renderRaw(this.get(), env); a template that only reads a `.config` path from the cache (renderConfigPath). */
  render(tpl: Template, env: TemplateEnv): RenderResult {
    if (readsOnlyConfigPath(tpl.source)) return renderConfigPath(tpl, env, this.configJson);
    return tpl.renderRaw(this.get(), env);
  }
}

// A template that is only a path into `.config` prints the same for every call of a configuration: the
// data's first member is config, so the arguments cannot change what the path finds, and a field path
// calls no function (no clock, no randomness). Its result is kept per template and config text; entries
// hold the template and the text themselves, so identity cannot be confused with a later object; the
// cache is emptied when full.
const CACHE_CAP = 64;
const cachedTpl = new Array<Template>();
const cachedCfg = new Array<string>();
const cachedOut = new Array<RenderResult>();

/** What `tpl` (readsOnlyConfigPath) renders over any data of `configJson`: rendered over `{"config":…,"args":{}}` once. */
function renderConfigPath(tpl: Template, env: TemplateEnv, configJson: string): RenderResult {
  for (let i = 0; i < cachedTpl.length; i++) {
    if (unchecked(cachedTpl[i]) === tpl && changetype<usize>(unchecked(cachedCfg[i])) == changetype<usize>(configJson)) return unchecked(cachedOut[i]);
  }
  const out = tpl.renderRaw("{\"config\":" + configText(configJson) + ",\"args\":{}}", env);
  if (cachedTpl.length >= CACHE_CAP) {
    cachedTpl.length = 0;
    cachedCfg.length = 0;
    cachedOut.length = 0;
  }
  cachedTpl.push(tpl);
  cachedCfg.push(configJson);
  cachedOut.push(out);
  return out;
}

/** True for exactly `{{.config.a.b}}` (spaces allowed inside the braces; names of letters, digits and `_`). */
export function readsOnlyConfigPath(src: string): bool {
  const n = src.length;
  if (n < 12 || !src.startsWith("{{") || !src.endsWith("}}")) return false;
  let i = 2;
  while (i < n - 2 && src.charCodeAt(i) == 0x20) i++;
  if (src.substr(i, 7) != ".config") return false;
  i += 7;
  let end = n - 2;
  while (end > i && src.charCodeAt(end - 1) == 0x20) end--;
  if (i >= end) return false; // `.config` alone prints the whole object: rendered each time
  while (i < end) {
    if (src.charCodeAt(i) != 0x2e) return false;
    i++;
    const start = i;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f)) break;
      i++;
    }
    if (i == start) return false;
  }
  return true;
}
