// Response side of the MCP filter: hand the backend response of a tools/call (buffered, or ended by
// trailers) to the pure pipeline (call/complete.ts) and replace status, headers and body with the
// JSON-RPC result. The request side (filter.ts) extends this class.
import {
  getHeaderPairs, setHeaderPairs, getBufferBytes, replaceBuffer, log, sendLocalResponse, bufferSize,
} from "../proxy/host";
import { Pair } from "../proxy/pairs";
import {
  MAP_RESPONSE_HEADERS, MAP_RESPONSE_TRAILERS, BUFFER_HTTP_RESPONSE_BODY, HEADERS_CONTINUE, HEADERS_STOP_ITERATION,
  DATA_CONTINUE, DATA_STOP_ITERATION_AND_BUFFER, TRAILERS_CONTINUE, TRAILERS_STOP_ITERATION, LOG_WARN, LOG_DEBUG,
} from "../proxy/enums";
import { resultResponse } from "../mcp/jsonrpc";
import { backendOutcome, completeCall, completeCallUtf8, failCall } from "../call/complete";
import { toHeaders, findHeader } from "./headers";
import { jsonHeaders } from "./reply";
import { StreamState, STATE_PASS, STATE_CALLING, STATE_DONE } from "./stream";
import { incompleteBody } from "./framing";

/** Response callbacks of the MCP filter. */
export class McpResponse extends StreamState {
  onResponseHeaders(headerCount: u32, endOfStream: bool): u32 {
    if (this.state != STATE_CALLING) return HEADERS_CONTINUE;
    const h = toHeaders(getHeaderPairs(MAP_RESPONSE_HEADERS));
    this.backendStatus = I32.parseInt(orDefault(findHeader(h, ":status"), "0"));
    this.backendContentType = orEmpty(findHeader(h, "content-type"));
    // 204/304/1xx may announce a length they do not carry
    const st = this.backendStatus;
    this.backendContentLength = st == 204 || st == 304 || st < 200 ? null : findHeader(h, "content-length");
    if (endOfStream) {
      this.finish(new ArrayBuffer(0), true);
      return HEADERS_STOP_ITERATION;
    }
    return HEADERS_STOP_ITERATION;
  }

  onResponseBody(bodySize: u32, endOfStream: bool): u32 {
    if (this.state != STATE_CALLING) return DATA_CONTINUE;
    if (!this.checkResponseSize(bodySize)) return DATA_STOP_ITERATION_AND_BUFFER;
    if (!endOfStream) return DATA_STOP_ITERATION_AND_BUFFER;
    const partial = incompleteBody("backend response", this.backendContentLength, bodySize);
    if (partial.length > 0) {
      // Replacing the body would be followed by the missing frame: answer with a local reply instead.
      this.state = STATE_DONE;
      this.account("backend_error", "", -1);
      log(LOG_WARN, this.prefix() + "tool call failed: backend_error (response_incomplete)");
      sendLocalResponse(200, "mcp.tools_call.response_incomplete", resultResponse(this.idJson, failCall(this.plan!, partial)), jsonHeaders());
      return DATA_STOP_ITERATION_AND_BUFFER;
    }
    this.finish(getBufferBytes(BUFFER_HTTP_RESPONSE_BODY, 0, bodySize), false);
    return DATA_CONTINUE;
  }

  /**
   * Backend trailers end the response: map it here and drop the trailers (they would follow the
   * rebuilt response). A response of headers and trailers only has no body buffer to replace, so
   * the result goes out as a local reply.
   */
  onResponseTrailers(trailerCount: u32): u32 {
    if (this.state == STATE_PASS) return TRAILERS_CONTINUE;
    setHeaderPairs(MAP_RESPONSE_TRAILERS, new Array<Pair>());
    if (this.state != STATE_CALLING) return TRAILERS_STOP_ITERATION;
    const size = bufferSize(BUFFER_HTTP_RESPONSE_BODY);
    if (!this.checkResponseSize(size)) return TRAILERS_STOP_ITERATION;
    if (size == 0) {
      this.finish(new ArrayBuffer(0), true);
      return TRAILERS_STOP_ITERATION;
    }
    this.finish(getBufferBytes(BUFFER_HTTP_RESPONSE_BODY, 0, size), false);
    return TRAILERS_CONTINUE;
  }

  /** False (and an isError result sent) when the backend response is over maxResponseBodyBytes. */
  checkResponseSize(bodySize: u32): bool {
    const cfg = this.cfg!;
    if (bodySize > cfg.limits.maxResponseBodyBytes) {
      this.state = STATE_DONE;
      const text = "backend response exceeds the limit of " + cfg.limits.maxResponseBodyBytes.toString() + " bytes";
      this.account("backend_error", "", <i64>bodySize);
      log(LOG_WARN, this.prefix() + "tool call failed: backend_error (response_too_large, backend HTTP " +
        this.backendStatus.toString() + ")");
      sendLocalResponse(200, "mcp.tools_call.response_too_large", resultResponse(this.idJson, failCall(this.plan!, text)), jsonHeaders());
      return false;
    }
    return true;
  }

  /** Replace the backend response by the JSON-RPC response. */
  finish(body: ArrayBuffer, headersOnly: bool): void {
    const status = this.backendStatus;
    const outcome = backendOutcome(status);
    const ms = this.account(outcome, "", <i64>body.byteLength);
    if (outcome != "ok") {
      log(LOG_WARN, this.prefix() + "tool call failed: " + outcome + " (backend HTTP " + status.toString() + " after " + ms.toString() + " ms)");
    } else {
      if (this.debugOn()) log(LOG_DEBUG, this.prefix() + "backend answered HTTP " + status.toString() + " in " + ms.toString() + " ms, " +
        body.byteLength.toString() + " bytes");
    }
    this.state = STATE_DONE;
    if (headersOnly) {
      const json = resultResponse(this.idJson, completeCall(this.plan!, status, this.backendContentType, body));
      sendLocalResponse(200, "mcp.tools_call.result", json, jsonHeaders());
      return;
    }
    const bytes = completeCallUtf8(this.plan!, this.idJson, status, this.backendContentType, body);
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
