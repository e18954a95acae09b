// Per-stream MCP filter: the host side of one MCP request. It moves bytes and keeps state; every
// decision about a tools/call is made by the pure pipeline (call/), see ARCHITECTURE.md.
//   request headers: pick the config (route/domain/service rules), check
//     method/Origin/MCP-Protocol-Version, pause (StopIteration);
//   request body (buffered): JSON-RPC dispatch → local reply, or for
//     tools/call: planCall → refuse / answer / fetch a token / write the backend
//     request over the current request and continue to the route;
//   request trailers end the request like end_of_stream (trailers dropped);
//   response side (response.ts): completeCall maps the backend response to a CallToolResult.
// Nothing here logs a credential, an argument value or a body.
import {
  getHeaderPairs, setHeaderPairs, getBufferBytes, replaceBuffer, getProperty, setProperty, log, nowNanos, sendLocalResponseBytes,
  bufferSize, continueStream,
} from "../proxy/host";
import { Pair } from "../proxy/pairs";
import {
  MAP_REQUEST_HEADERS, BUFFER_HTTP_REQUEST_BODY, HEADERS_CONTINUE, HEADERS_STOP_ITERATION, DATA_CONTINUE,
  DATA_STOP_ITERATION_AND_BUFFER, LOG_INFO, LOG_WARN, LOG_DEBUG, STREAM_REQUEST, MAP_REQUEST_TRAILERS, TRAILERS_CONTINUE,
  TRAILERS_STOP_ITERATION,
} from "../proxy/enums";
import { TOKEN_READY, TOKEN_WAIT } from "./oauth";
import { PluginConfig, RootConfig, Tool } from "../config/types";
import { selectConfig } from "../config/rules";
import { checkRequestHeaders, HeaderDecision, missingBody } from "../mcp/http";
import { OUTCOME_CALL } from "../mcp/dispatch";
import { dispatchHttp, mcpHeadersOf } from "../mcp/era";
import { intersectAllowHeaders } from "../mcp/allow";
import { errorResponse } from "../mcp/jsonrpc";
import { BackendRequest } from "../rest/request";
import { PLAN_NEEDS_TOKEN, PLAN_READY, PLAN_REFUSED, applyToken, planCallNode, refuseCall, refuseToken } from "../call/plan";
import { Utf8Source } from "../rest/textout";
import { JNode } from "../util/jsonview";
import { forgetValueEnds, noteValueEnds } from "../util/jsonmemo";
import { HostTemplateEnv } from "./env";
import { toHeaders, findHeader, headerValues, backendPairs } from "./headers";
import { replyRaw, replyToolResult, jsonHeaders } from "./reply";
import { STATE_PASS, STATE_REQUEST, STATE_CALLING, STATE_DONE, STATE_TOKEN } from "./stream";
import { McpResponse } from "./response";
import { decodeValidUtf8, encodeUtf8 } from "../util/utf8";
import { streamBufferLimit } from "./limits";
import { incompleteBody } from "./framing";

/** The MCP filter for one HTTP stream. */
export class McpFilter extends McpResponse {
  onRequestHeaders(headerCount: u32, endOfStream: bool): u32 {
    const rc = this.services.config;
    if (rc === null) return HEADERS_CONTINUE;
    this.clientHeaders = toHeaders(getHeaderPairs(MAP_REQUEST_HEADERS));
    const h = this.clientHeaders;
    const method = orEmpty(findHeader(h, ":method"));
    this.clientPath = orDefault(findHeader(h, ":path"), "/");
    this.authority = orEmpty(findHeader(h, ":authority"));
    this.scheme = orDefault(findHeader(h, ":scheme"), "http");
    this.requestIdRaw = orEmpty(findHeader(h, "x-request-id")); // made log-safe when a line is logged (prefix())
    // the route and cluster names are read only when a rule matches on them (two host calls saved otherwise)
    const route = hasRule(rc, "route") ? getProperty(["route_name"]) : null;
    const cluster = hasRule(rc, "service") ? getProperty(["cluster_name"]) : null;
    const cfg = selectConfig(rc, orEmpty(route), this.authority, orEmpty(cluster));
    if (cfg === null) return HEADERS_CONTINUE;
    this.cfg = cfg;
    const d = checkRequestHeaders(cfg, method, this.authority, findHeader(h, "origin"), findHeader(h, "mcp-protocol-version"),
      findHeader(h, "content-type"), findHeader(h, "content-encoding"), endOfStream, findHeader(h, "mcp-method"));
    if (!d.ok) {
      this.refuseRequest(d);
      return HEADERS_STOP_ITERATION;
    }
    // Higress: keep the matched route after rewriting :path/:authority; buffer limits.
    setProperty(["clear_route_cache"], "off");
    // One per-stream limit for both directions (see limits.ts); both names, same value, so order does not matter.
    const limit = streamBufferLimit(cfg.limits).toString();
    setProperty(["set_decoder_buffer_limit"], limit);
    setProperty(["set_encoder_buffer_limit"], limit);
    this.state = STATE_REQUEST;
    return HEADERS_STOP_ITERATION;
  }

  onRequestBody(bodySize: u32, endOfStream: bool): u32 {
    if (this.state != STATE_REQUEST) return DATA_CONTINUE;
    if (!this.checkRequestSize(bodySize)) return DATA_STOP_ITERATION_AND_BUFFER;
    if (!endOfStream) return DATA_STOP_ITERATION_AND_BUFFER;
    return this.endRequest(bodySize);
  }

  /**
   * Trailers end the request (HTTP/2, gRPC-style or chunked clients): the body callback never saw
   * end_of_stream, so the request is handled here. The client's trailers are dropped (they would
   * otherwise follow the rewritten request), and nothing continues unless it was rewritten.
   */
  onRequestTrailers(trailerCount: u32): u32 {
    if (this.state == STATE_PASS) return TRAILERS_CONTINUE;
    setHeaderPairs(MAP_REQUEST_TRAILERS, new Array<Pair>());
    if (this.state == STATE_REQUEST) {
      const size = bufferSize(BUFFER_HTTP_REQUEST_BODY);
      if (this.checkRequestSize(size) && this.endRequest(size) == DATA_CONTINUE && this.state == STATE_CALLING) return TRAILERS_CONTINUE;
      return TRAILERS_STOP_ITERATION;
    }
    // Already rewritten (cannot happen: rewriting needs the end of the request), else answered or waiting.
    return this.state == STATE_CALLING ? TRAILERS_CONTINUE : TRAILERS_STOP_ITERATION;
  }

  /** Answer a request refused by the HTTP checks (mcp/http.ts) with its local reply. */
  refuseRequest(d: HeaderDecision): void {
    this.state = STATE_DONE;
    this.logRefusal(d.details);
    replyRaw(<u32>d.status, d.details, d.body, d.allowHeader);
  }

  /** False (and a 413 sent) when the request body is over maxRequestBodyBytes. */
  checkRequestSize(bodySize: u32): bool {
    const cfg = this.cfg!;
    if (bodySize <= cfg.limits.maxRequestBodyBytes) return true;
    this.state = STATE_DONE;
    this.services.metrics.request(cfg.server.name, "");
    this.logRefusal("mcp.request_too_large");
    replyRaw(413, "mcp.request_too_large", errorResponse("", -32600, "request body exceeds the limit of " +
      cfg.limits.maxRequestBodyBytes.toString() + " bytes (server.limits.maxRequestBodyBytes)"), "");
    return false;
  }

  /** The whole request body is buffered: dispatch it (local reply, or rewrite for tools/call). */
  endRequest(bodySize: u32): u32 {
    const cfg = this.cfg!;
    if (bodySize == 0) {
      // An empty body (ended by an empty DATA frame or by trailers): the same answer as a bodiless POST.
      this.refuseRequest(missingBody());
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    const partial = incompleteBody("request body", findHeader(this.clientHeaders, "content-length"), bodySize);
    if (partial.length > 0) {
      this.state = STATE_DONE;
      this.services.metrics.request(cfg.server.name, "");
      log(LOG_WARN, this.prefix() + "request refused: mcp.request_incomplete (" + partial + ")");
      replyRaw(500, "mcp.request_incomplete", errorResponse("null", -32603, "internal error: " + partial), "");
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    const raw = getBufferBytes(BUFFER_HTTP_REQUEST_BODY, 0, bodySize);
    const text = decodeValidUtf8(raw); // checked and decoded in one pass
    if (text === null) {
      // JSON text must be UTF-8 (RFC 8259 §8.1); a lossy decode could change what the client meant.
      this.state = STATE_DONE;
      this.services.metrics.request(cfg.server.name, "");
      replyRaw(400, "mcp.parse_error", errorResponse("null", -32700, "parse error: request body is not valid UTF-8"), "");
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    const body: string = text;
    const allow = intersectAllowHeaders(headerValues(this.clientHeaders, "x-envoy-allow-mcp-tools"));
    noteValueEnds(body); // the envelope's nested scans reuse the container ends found by the first one
    const out = dispatchHttp(cfg, body, allow, mcpHeadersOf(this.clientHeaders));
    forgetValueEnds();
    this.modern = out.modern;
    this.services.metrics.request(cfg.server.name, out.method);
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
    return this.callTool(cfg, out.tool!, out.argsNode, new Utf8Source(body, raw), bodySize);
  }

  /**
   * Plan the call (call/plan.ts), fetch a token when it needs one, then act on the plan. `args` is
   * params.arguments as dispatch accepted it (validated, null = absent): planned without a second
   * validation, its JSON body built from the client's bytes (`source`: the body as text and bytes).
   */
  callTool(cfg: PluginConfig, tool: Tool, args: JNode | null, source: Utf8Source, bodySize: u32): u32 {
    const env = new HostTemplateEnv(orEmpty(findHeader(this.clientHeaders, "x-forwarded-for")));
    let plan = planCallNode(cfg, tool, this.clientHeaders, this.clientPath, args, source, this.modern, env);
    this.plan = plan;
    const scheme = plan.tokenScheme;
    if (plan.kind == PLAN_NEEDS_TOKEN && scheme !== null) {
      const t = this.services.tokens.request(this.id, scheme, plan.tokenCredential, plan.subjectToken, plan.tokenScopes);
      if (t.status == TOKEN_WAIT) {
        this.state = STATE_TOKEN;
        this.pendingBodySize = bodySize;
        return DATA_STOP_ITERATION_AND_BUFFER;
      }
      plan = t.status == TOKEN_READY ? applyToken(plan, t.token) : refuseToken(plan, t.error);
    }
    if (plan.kind != PLAN_READY) return this.answer();
    if (!this.writeBackend(plan.req, bodySize)) return this.rewriteFailed();
    if (bodySize > 262144) __collect(); // see finish(): keep linear memory from creeping up on large bodies
    return DATA_CONTINUE;
  }

  /** Write the backend request over the current (paused) request. */
  writeBackend(req: BackendRequest, bodySize: u32): bool {
    const bin = req.bodyBinary;
    const utf8 = req.bodyUtf8;
    const bodyBytes = bin !== null ? bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
      : utf8 !== null ? utf8 : req.hasBody && req.body.length > 0 ? encodeUtf8(req.body) : NO_BYTES;
    if (!setHeaderPairs(MAP_REQUEST_HEADERS, backendPairs(req, this.authority, this.scheme, bodyBytes.byteLength, this.cfg!.limits.backendTimeoutMs))) return false;
    replaceBuffer(BUFFER_HTTP_REQUEST_BODY, bodySize, bodyBytes);
    this.state = STATE_CALLING;
    this.startNanos = nowNanos();
    if (this.debugOn()) log(LOG_DEBUG, this.prefix() + "calling backend");
    return true;
  }

  /** The OAuth2 token this call waited for arrived: apply it and resume the request. */
  tokenReady(token: string): void {
    const plan = this.plan;
    if (this.state != STATE_TOKEN || plan === null || plan.kind != PLAN_NEEDS_TOKEN) return;
    if (applyToken(plan, token).kind != PLAN_READY) {
      this.answer();
      return;
    }
    if (!this.writeBackend(plan.req, this.pendingBodySize)) {
      this.rewriteFailed();
      return;
    }
    continueStream(STREAM_REQUEST);
  }

  /** The token fetch failed: answer with an isError result, nothing goes to the backend. */
  tokenFailed(error: string): void {
    const plan = this.plan;
    if (this.state != STATE_TOKEN || plan === null) return;
    refuseToken(plan, error);
    this.answer();
  }

  /** The request could not be rewritten: refuse the call. */
  rewriteFailed(): u32 {
    const plan = this.plan;
    if (plan !== null) refuseCall(plan, "backend_error", "internal", "could not rewrite the request");
    return this.answer();
  }

  /** Answer a planned call locally (a refusal or a result without backend); nothing reaches the backend. */
  answer(): u32 {
    this.state = STATE_DONE;
    const plan = this.plan;
    if (plan === null) return DATA_STOP_ITERATION_AND_BUFFER;
    this.account(plan.outcome, plan.reason, -1);
    if (plan.kind == PLAN_REFUSED) log(LOG_INFO, this.prefix() + "tool call refused: " + plan.outcome + " (" + plan.reason + ")");
    replyToolResult(this.idJson, plan.resultJson, plan.details);
    return DATA_STOP_ITERATION_AND_BUFFER;
  }
}

/** True when a `_rules_` entry of `kind` ("route", "domain", "service") exists. */
function hasRule(rc: RootConfig, kind: string): bool {
  const rules = rc.rules;
  for (let i = 0; i < rules.length; i++) if (unchecked(rules[i]).kind == kind) return true;
  return false;
}

/** The body of a bodiless backend request (the host copies it; never written). */
const NO_BYTES = new ArrayBuffer(0);

function orEmpty(s: string | null): string {
  return s === null ? "" : s;
}

function orDefault(s: string | null, d: string): string {
  return s === null ? d : s;
}
