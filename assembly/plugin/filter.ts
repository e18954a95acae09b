// Per-stream MCP filter. Flow (README "How a request flows"):
//   request headers: pick the config (route/domain/service rules), check
//     method/Origin/MCP-Protocol-Version, pause (StopIteration);
//   request body (buffered): JSON-RPC dispatch → local reply, or for
//     tools/call: build the backend request (rest/), apply backend auth last
//     (auth/), write it over the current request, continue to the route;
//   response headers/body (buffered): map the backend response to a
//     CallToolResult and replace status, headers and body.
// Nothing here logs a credential, an argument value or a body.
import { HttpContext } from "../proxy/context";
import {
  getHeaderPairs, setHeaderPairs, getBufferBytes, replaceBuffer, getProperty, setProperty, log, nowNanos, sendLocalResponse,
  sendLocalResponseBytes,
} from "../proxy/host";
import { Pair } from "../proxy/pairs";
import {
  MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS, BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY, HEADERS_CONTINUE,
  HEADERS_STOP_ITERATION, DATA_CONTINUE, DATA_STOP_ITERATION_AND_BUFFER, LOG_INFO, LOG_WARN, LOG_DEBUG, STREAM_REQUEST,
} from "../proxy/enums";
import { continueStream } from "../proxy/host";
import { TOKEN_READY, TOKEN_WAIT } from "./oauth";
import { PluginConfig, Tool } from "../config/types";
import { selectConfig } from "../config/rules";
import { checkRequestHeaders } from "../mcp/http";
import { dispatch, OUTCOME_CALL } from "../mcp/dispatch";
import { resultResponse, errorResponse } from "../mcp/jsonrpc";
import { Header, BackendRequest } from "../rest/request";
import { buildRequest } from "../rest/build";
import { mapResponse, failureResult } from "../rest/response";
import { applyAuth, applyBearer, forwardedClientHeaders } from "../auth/auth";
import { HostTemplateEnv } from "./env";
import { toHeaders, findHeader, backendPairs } from "./headers";
import { replyRaw, replyToolResult, jsonHeaders } from "./reply";
import { StreamState, STATE_PASS, STATE_REQUEST, STATE_CALLING, STATE_DONE, STATE_TOKEN } from "./stream";
import { isValidUtf8 } from "../util/utf8";
import { logSafe } from "./logs";

/** The MCP filter for one HTTP stream. */
export class McpFilter extends StreamState {
  onRequestHeaders(headerCount: u32, endOfStream: bool): u32 {
    const root = this.mcpRoot;
    const rc = root.config;
    if (rc === null) return HEADERS_CONTINUE;
    this.clientHeaders = toHeaders(getHeaderPairs(MAP_REQUEST_HEADERS));
    const h = this.clientHeaders;
    const method = orEmpty(findHeader(h, ":method"));
    this.clientPath = orDefault(findHeader(h, ":path"), "/");
    this.authority = orEmpty(findHeader(h, ":authority"));
    this.scheme = orDefault(findHeader(h, ":scheme"), "http");
    this.requestId = logSafe(orEmpty(findHeader(h, "x-request-id")));
    const route = getProperty(["route_name"]);
    const cluster = getProperty(["cluster_name"]);
    const cfg = selectConfig(rc, orEmpty(route), this.authority, orEmpty(cluster));
    if (cfg === null) return HEADERS_CONTINUE;
    this.cfg = cfg;
    const d = checkRequestHeaders(cfg, method, this.authority, findHeader(h, "origin"), findHeader(h, "mcp-protocol-version"),
      findHeader(h, "content-type"), findHeader(h, "content-encoding"), endOfStream);
    if (!d.ok) {
      this.state = STATE_DONE;
      this.logRefusal(d.details);
      replyRaw(<u32>d.status, d.details, d.body, d.allowHeader);
      return HEADERS_STOP_ITERATION;
    }
    // Higress: keep the matched route after rewriting :path/:authority; buffer limits.
    setProperty(["clear_route_cache"], "off");
    setProperty(["set_decoder_buffer_limit"], cfg.limits.maxRequestBodyBytes.toString());
    // Headroom over our own limit: the plugin must see the oversized body and answer with an
    // isError result before Envoy's buffer overflows into a bare 500.
    const max = <u64>cfg.limits.maxResponseBodyBytes;
    const enc = max * 2 + 65536 > <u64>u32.MAX_VALUE ? <u64>u32.MAX_VALUE : max * 2 + 65536;
    setProperty(["set_encoder_buffer_limit"], enc.toString());
    this.state = STATE_REQUEST;
    return HEADERS_STOP_ITERATION;
  }

  onRequestBody(bodySize: u32, endOfStream: bool): u32 {
    if (this.state != STATE_REQUEST) return DATA_CONTINUE;
    const cfg = this.cfg!;
    if (bodySize > cfg.limits.maxRequestBodyBytes) {
      this.state = STATE_DONE;
      this.mcpRoot.metrics.request(cfg.server.name, "");
      this.logRefusal("mcp.request_too_large");
      replyRaw(413, "mcp.request_too_large", errorResponse("", -32600, "request body exceeds the limit of " +
        cfg.limits.maxRequestBodyBytes.toString() + " bytes (server.limits.maxRequestBodyBytes)"), "");
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    if (!endOfStream) return DATA_STOP_ITERATION_AND_BUFFER;
    const raw = getBufferBytes(BUFFER_HTTP_REQUEST_BODY, 0, bodySize);
    if (!isValidUtf8(raw)) {
      // JSON text must be UTF-8 (RFC 8259 §8.1); a lossy decode could change what the client meant.
      this.state = STATE_DONE;
      this.mcpRoot.metrics.request(cfg.server.name, "");
      replyRaw(400, "mcp.parse_error", errorResponse("null", -32700, "parse error: request body is not valid UTF-8"), "");
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    const body = String.UTF8.decode(raw);
    const allow = findHeader(this.clientHeaders, "x-envoy-allow-mcp-tools");
    const out = dispatch(cfg, body, allow);
    this.mcpRoot.metrics.request(cfg.server.name, out.method);
    if (out.kind != OUTCOME_CALL || out.tool === null) {
      this.state = STATE_DONE;
      this.logLocalReply(out.method, out.details);
      const bytes = out.bodyBytes;
      if (bytes !== null) sendLocalResponseBytes(<u32>out.status, out.details, bytes, jsonHeaders());
      else replyRaw(<u32>out.status, out.details, out.body, "");
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    this.tool = out.tool;
    this.idJson = out.idJson;
    if (this.debugOn()) log(LOG_DEBUG, this.prefix() + "tools/call dispatched");
    return this.callTool(cfg, out.tool!, out.argumentsJson, bodySize);
  }

  /** Build, authenticate and send the backend request, or answer with an isError result. */
  callTool(cfg: PluginConfig, tool: Tool, argumentsJson: string, bodySize: u32): u32 {
    const env = new HostTemplateEnv(orEmpty(findHeader(this.clientHeaders, "x-forwarded-for")));
    const base = forwardedClientHeaders(cfg, tool, this.clientHeaders);
    const b = buildRequest(cfg, tool, argumentsJson, base, env);
    if (!b.ok) return this.refuse("refused_input", b.reason, b.error);
    if (b.templateOnly) {
      this.state = STATE_DONE;
      this.mcpRoot.metrics.toolCall(cfg.server.name, tool.name, "ok");
      replyToolResult(this.idJson, b.resultJson, "mcp.tools_call.template");
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    const req = b.req;
    const a = applyAuth(cfg, tool, this.clientHeaders, this.clientPath, req);
    this.secrets = a.secrets;
    if (!a.ok) {
      return this.refuse("refused_auth", a.reason, a.error);
    }
    if (a.needsToken && a.scheme !== null) {
      const t = this.mcpRoot.tokens.request(this.id, a.scheme!, a.tokenCredential, a.subjectToken, a.tokenScopes);
      if (t.status == TOKEN_WAIT) {
        this.state = STATE_TOKEN;
        this.pendingReq = req;
        this.pendingBodySize = bodySize;
        return DATA_STOP_ITERATION_AND_BUFFER;
      }
      if (t.status != TOKEN_READY) return this.refuse("refused_auth", "token_unavailable", t.error);
      const err = applyBearer(req, t.token);
      if (err.length > 0) return this.refuse("refused_auth", "invalid_credential", err);
      this.secrets.push(t.token);
    }
    if (!this.writeBackend(req, bodySize)) return this.refuse("backend_error", "internal", "could not rewrite the request");
    if (bodySize > 262144) __collect(); // see finish(): keep linear memory from creeping up on large bodies
    return DATA_CONTINUE;
  }

  /** Write the backend request over the current (paused) request. */
  writeBackend(req: BackendRequest, bodySize: u32): bool {
    const bin = req.bodyBinary;
    const bodyBytes = bin !== null ? bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) : String.UTF8.encode(req.hasBody ? req.body : "");
    if (!setHeaderPairs(MAP_REQUEST_HEADERS, backendPairs(req, this.authority, this.scheme, bodyBytes.byteLength, this.cfg!.limits.backendTimeoutMs))) return false;
    replaceBuffer(BUFFER_HTTP_REQUEST_BODY, bodySize, bodyBytes);
    this.state = STATE_CALLING;
    this.startNanos = nowNanos();
    if (this.debugOn()) log(LOG_DEBUG, this.prefix() + "calling backend");
    return true;
  }

  /** The OAuth2 token this call waited for arrived: apply it and resume the request. */
  tokenReady(token: string): void {
    const req = this.pendingReq;
    if (this.state != STATE_TOKEN || req === null) return;
    this.pendingReq = null;
    this.secrets.push(token);
    const err = applyBearer(req, token);
    if (err.length > 0) {
      this.refuse("refused_auth", "invalid_credential", err);
      return;
    }
    if (!this.writeBackend(req, this.pendingBodySize)) {
      this.refuse("backend_error", "internal", "could not rewrite the request");
      return;
    }
    continueStream(STREAM_REQUEST);
  }

  /** The token fetch failed: answer with an isError result, nothing goes to the backend. */
  tokenFailed(error: string): void {
    if (this.state != STATE_TOKEN) return;
    this.pendingReq = null;
    this.refuse("refused_auth", "token_unavailable", error);
  }

  /** Answer a tools/call with an isError result; nothing reaches the backend. */
  refuse(outcome: string, reason: string, text: string): u32 {
    this.state = STATE_DONE;
    const cfg = this.cfg!;
    const tool = this.tool;
    if (tool !== null) this.mcpRoot.metrics.toolCall(cfg.server.name, tool.name, outcome);
    if (outcome == "refused_auth") this.mcpRoot.metrics.authRefusal(cfg.server.name, reason);
    log(LOG_INFO, this.prefix() + "tool call refused: " + outcome + " (" + reason + ")");
    replyToolResult(this.idJson, failureResult(text), "mcp.tools_call." + outcome);
    return DATA_STOP_ITERATION_AND_BUFFER;
  }

  onResponseHeaders(headerCount: u32, endOfStream: bool): u32 {
    if (this.state != STATE_CALLING) return HEADERS_CONTINUE;
    const h = toHeaders(getHeaderPairs(MAP_RESPONSE_HEADERS));
    this.backendStatus = I32.parseInt(orDefault(findHeader(h, ":status"), "0"));
    this.backendContentType = orEmpty(findHeader(h, "content-type"));
    if (endOfStream) {
      this.finish(new ArrayBuffer(0), true);
      return HEADERS_STOP_ITERATION;
    }
    return HEADERS_STOP_ITERATION;
  }

  onResponseBody(bodySize: u32, endOfStream: bool): u32 {
    if (this.state != STATE_CALLING) return DATA_CONTINUE;
    const cfg = this.cfg!;
    if (bodySize > cfg.limits.maxResponseBodyBytes) {
      this.state = STATE_DONE;
      const text = "backend response exceeds the limit of " + cfg.limits.maxResponseBodyBytes.toString() + " bytes";
      this.countOutcome("backend_error");
      this.mcpRoot.metrics.backendStatus(cfg.server.name, this.backendStatus);
      const el = nowNanos() - this.startNanos;
      this.mcpRoot.metrics.backendTiming(cfg.server.name, el > 0 ? <u64>(el / 1000000) : 0, <u64>bodySize);
      log(LOG_WARN, this.prefix() + "tool call failed: backend_error (response_too_large, backend HTTP " +
        this.backendStatus.toString() + ")");
      sendLocalResponse(200, "mcp.tools_call.response_too_large", resultResponse(this.idJson, failureResult(text)), jsonHeaders());
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    if (!endOfStream) return DATA_STOP_ITERATION_AND_BUFFER;
    this.finish(getBufferBytes(BUFFER_HTTP_RESPONSE_BODY, 0, bodySize), false);
    return DATA_CONTINUE;
  }

  /** Replace the backend response by the JSON-RPC response. */
  finish(body: ArrayBuffer, headersOnly: bool): void {
    const cfg = this.cfg!;
    const tool = this.tool!;
    const status = this.backendStatus;
    const m = this.mcpRoot.metrics;
    m.backendStatus(cfg.server.name, status);
    const elapsed = nowNanos() - this.startNanos;
    m.backendTiming(cfg.server.name, elapsed > 0 ? <u64>(elapsed / 1000000) : 0, <u64>body.byteLength);
    const env = new HostTemplateEnv(orEmpty(findHeader(this.clientHeaders, "x-forwarded-for")));
    const result = mapResponse(cfg, tool, status, this.backendContentType, body, this.secrets, env);
    const ok = status >= 200 && status < 300;
    const outcome = ok ? "ok" : (status == 504 ? "timeout" : "backend_error");
    this.countOutcome(outcome);
    const ms = elapsed > 0 ? elapsed / 1000000 : 0;
    if (!ok) {
      log(LOG_WARN, this.prefix() + "tool call failed: " + outcome + " (backend HTTP " + status.toString() + " after " + ms.toString() + " ms)");
    } else {
      if (this.debugOn()) log(LOG_DEBUG, this.prefix() + "backend answered HTTP " + status.toString() + " in " + ms.toString() + " ms, " +
        body.byteLength.toString() + " bytes");
    }
    const json = resultResponse(this.idJson, result);
    this.state = STATE_DONE;
    if (headersOnly) {
      sendLocalResponse(200, "mcp.tools_call.result", json, jsonHeaders());
      return;
    }
    const bytes = String.UTF8.encode(json);
    const pairs = new Array<Pair>();
    pairs.push(new Pair(":status", "200"));
    pairs.push(new Pair("content-type", "application/json"));
    pairs.push(new Pair("content-length", bytes.byteLength.toString()));
    setHeaderPairs(MAP_RESPONSE_HEADERS, pairs);
    replaceBuffer(BUFFER_HTTP_RESPONSE_BODY, <u32>body.byteLength, bytes);
    // A large body leaves megabytes of garbage; collect now so the next large one reuses the space
    // instead of growing linear memory (which never shrinks) towards Envoy's 1 GiB VM limit.
    if (body.byteLength > 262144) __collect();
  }
}

function orEmpty(s: string | null): string {
  return s === null ? "" : s;
}

function orDefault(s: string | null, d: string): string {
  return s === null ? d : s;
}
