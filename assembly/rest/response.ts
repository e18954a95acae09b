// Backend response -> MCP CallToolResult (Higress's order of cases, with fixes):
//   status outside 2xx : errorResponseTemplate over the JSON body (non-empty
//                        output wins), else `backend returned HTTP <status>: <excerpt>`
//                        with the body excerpt scrubbed of secrets and cut at 512 chars
//   image/*            : image content (base64), templates ignored
//   empty body         : "success"
//   responseTemplate   : rendered over the JSON body (non-JSON body -> isError)
//   prepend/append     : prependBody + raw body + appendBody
//   otherwise          : raw body as text
//   structuredContent  : only with outputSchema and a JSON-object raw body (text copy kept)
import { decodeUtf8Lossy } from "../util/utf8";
import { scrubSecrets } from "./scrub";
import { validateJSON } from "json-as/assembly/util/validateJson";
import { PluginConfig, Tool } from "../config/types";
import { Template, TemplateEnv } from "../template/template";
import { base64Bytes } from "./encode";
import { jsonKind } from "../util/jsonscan";
import { imageResult, jsonObjectOrEmpty, textResult } from "./result";
import { jsonEscapeInner } from "../util/jsonstring";
import { seqLen } from "../util/utf8";
import { isSpace } from "util/string";

/** Maximum characters of a backend error body quoted in an isError text. */
export const EXCERPT_CHARS: i32 = 512;

/** CallToolResult for a failure without a backend response (reset, timeout, limit): isError with the given text. */
export function failureResult(text: string): string {
  return textResult(text, true, "");
}

/** Scrubbed excerpt of `text`: at most `limit` characters (+ "..." when cut), secrets redacted first. */
export function excerpt(text: string, secrets: string[], limit: i32): string {
  let longest = 0;
  for (let i = 0; i < secrets.length; i++) longest = max(longest, unchecked(secrets[i]).length * 3);
  const window = text.length > limit + longest + 16 ? text.substring(0, limit + longest + 16) : text;
  const s = scrubSecrets(window, secrets).trim();
  if (s.length <= limit && window.length == text.length) return s;
  if (s.length <= limit) return s + "...";
  let cut = limit;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.substring(0, cut) + "...";
}

/** Media type without parameters, lower-cased ("image/png; q=1" -> "image/png"). */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(";");
  return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
}

/** `text` as template data when it is a valid JSON object or array, else null. */
function jsonData(text: string): string | null {
  const k = jsonKind(text);
  if (k != "object" && k != "array") return null;
  if (!validateJSON(text)) return null;
  return text;
}

/**
 * Map a buffered backend response to CallToolResult JSON (the JSON-RPC "result" object), with every
 * credential used for the call scrubbed from it, success or not (issue 14: a backend echoing request
 * headers in a 2xx body must not hand the service credential to the MCP client).
 */
export function mapResponse(cfg: PluginConfig, tool: Tool, status: i32, contentType: string, body: ArrayBuffer, secrets: string[], env: TemplateEnv): string {
  const result = mapUnscrubbed(cfg, tool, status, contentType, body, secrets, env);
  if (secrets.length == 0) return result;
  const s = scrubSecrets(result, secrets);
  if (s.length == result.length && s == result) return result;
  // A redaction that spans JSON structure (a secret containing `","`) could break the result: withhold it.
  if (validateJSON(s)) return s;
  return textResult("the backend response contained a credential of this call; it was withheld", true, "");
}

function mapUnscrubbed(cfg: PluginConfig, tool: Tool, status: i32, contentType: string, body: ArrayBuffer, secrets: string[], env: TemplateEnv): string {
  const maxOut = <i32>cfg.limits.maxTemplateOutputBytes;
  if (status < 200 || status >= 300) return errorResult(tool, status, body, secrets, env, maxOut);
  const mime = mediaType(contentType);
  if (mime.startsWith("image/")) return imageResult(base64Bytes(body), mime);
  const text = decodeUtf8Lossy(body);
  if (text.trim().length == 0) return textResult("success", false, "");
  const rt = tool.responseTemplate;
  let out = text;
  if (rt.bodyCompiled !== null || rt.body.length > 0) {
    const data = jsonData(text);
    if (data === null) return textResult("response is not JSON; cannot apply responseTemplate", true, "");
    const tpl = rt.bodyCompiled;
    if (tpl !== null) {
      const r = renderOver(tpl, data, env, maxOut);
      if (!r.ok) return textResult("responseTemplate.body: " + r.text, true, "");
      out = r.text;
    } else out = rt.body;
  } else if (rt.prependBody.length > 0 || rt.appendBody.length > 0) {
    out = rt.prependBody + text + rt.appendBody;
  }
  if (out.length == 0) out = "success";
  const structured = tool.outputSchemaJson.length > 0 ? jsonObjectOrEmpty(text) : "";
  return textResult(out, false, structured);
}

/**
 * A CallToolResult that is the backend body as text, split around the body: `prefix` + the body's
 * bytes JSON-escaped (util/jsonutf8.ts) + `suffix` is exactly what mapResponse returns, UTF-8 encoded.
 */
export class RawTextParts {
  prefix: string = "";
  suffix: string = "";
}

/**
 * False when the lossy decoding of `body` is blank (`text.trim()` empty: every code point AS `isSpace`).
 * Stops at the first code point that is not a space, so a body pays for its leading blanks only.
 */
function hasText(body: ArrayBuffer): bool {
  const p = changetype<usize>(body);
  const n = <usize>body.byteLength;
  let i: usize = 0;
  while (i < n) {
    const c = <u32>load<u8>(p + i);
    if (c < 0x80) {
      if (!isSpace(c)) return true;
      i++;
      continue;
    }
    const k = seqLen(p, i, n);
    if (k == 0) return true; // U+FFFD is not a space
    // only 2- and 3-byte code points can be spaces (all are below U+10000)
    if (k == 4) return true;
    const b1 = <u32>load<u8>(p + i + 1) & 63;
    const cp = k == 2 ? ((c & 31) << 6) | b1 : ((c & 15) << 12) | (b1 << 6) | (<u32>load<u8>(p + i + 2) & 63);
    if (!isSpace(cp)) return true;
    i += <usize>k;
  }
  return false;
}

/**
 * The parts of mapResponse's result when it is the body as text (2xx, not an image, no response
 * template, no outputSchema, no secret to scrub, body not blank), else null: the caller then uses
 * mapResponse. prependBody/appendBody are escaped apart from the body, which gives the same text:
 * a decoded body neither starts with a low surrogate nor ends with a high one, so no pair spans a seam.
 * A blank body takes the general path ("success").
 */
export function rawTextParts(tool: Tool, status: i32, contentType: string, body: ArrayBuffer, secrets: string[]): RawTextParts | null {
  if (secrets.length > 0 || status < 200 || status >= 300) return null;
  if (tool.outputSchemaJson.length > 0) return null;
  const rt = tool.responseTemplate;
  if (rt.bodyCompiled !== null || rt.body.length > 0) return null;
  if (mediaType(contentType).startsWith("image/")) return null;
  if (!hasText(body)) return null;
  const r = new RawTextParts();
  r.prefix = "{\"content\":[{\"type\":\"text\",\"text\":\"" + jsonEscapeInner(rt.prependBody);
  r.suffix = jsonEscapeInner(rt.appendBody) + "\"}],\"isError\":false}";
  return r;
}

class Rendered {
  ok: bool = true;
  text: string = "";
}

function renderOver(tpl: Template, data: string, env: TemplateEnv, maxOut: i32): Rendered {
  const r = new Rendered();
  const out = tpl.renderRaw(data, env);
  r.ok = out.ok;
  r.text = out.ok ? out.toString() : out.error;
  return r;
}

function errorResult(tool: Tool, status: i32, body: ArrayBuffer, secrets: string[], env: TemplateEnv, maxOut: i32): string {
  const text = decodeUtf8Lossy(body);
  const tpl = tool.errorResponseCompiled;
  if (tpl !== null) {
    const data = jsonData(text);
    if (data !== null) {
      const r = renderOver(tpl, data, env, maxOut);
      if (r.ok && r.text.trim().length > 0) return textResult(scrubSecrets(r.text, secrets), true, "");
    }
  }
  const ex = excerpt(text, secrets, EXCERPT_CHARS);
  const msg = "backend returned HTTP " + status.toString() + (ex.length > 0 ? ": " + ex : "");
  return textResult(msg, true, "");
}
