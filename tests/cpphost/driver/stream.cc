// Filter-manager flow of one stream (mirrors host/stream.ts; Envoy decodeHeaders/decodeData/
// encodeHeaders/encodeData, commonContinue, sendLocalReply). The VM calls go through cpp-host's
// ContextBase::onRequestHeaders & co, so its status conversion applies.
#include "stream.h"

#include <cctype>

namespace driver {
using proxy_wasm::FilterDataStatus;
using proxy_wasm::FilterHeadersStatus;

static std::string lower(std::string s) {
  for (auto &c : s) c = std::tolower(static_cast<unsigned char>(c));
  return s;
}

StrPairs localReplyHeaders(const LocalReply &reply) {
  StrPairs out{{":status", std::to_string(reply.status)}};
  bool hasType = false;
  for (auto &[k, v] : reply.headers) {
    auto key = lower(k);
    if (key == ":status" || key == "content-length") continue;
    if (key == "content-type") hasType = true;
    out.emplace_back(key, v);
  }
  if (!reply.body.empty() && !hasType) out.emplace_back("content-type", "text/plain");
  out.emplace_back("content-length", std::to_string(reply.body.size()));
  return out;
}

int Stream::onHeaders(bool request, const StrPairs &headers, bool eos) {
  Direction &d = request ? req : resp;
  d.started = true;
  d.headers.clear();
  for (auto &[k, v] : headers) d.headers.emplace_back(lower(k), v);
  d.inputEnded = d.eosOnHeaders = eos;
  int stopAll = static_cast<int>(FilterHeadersStatus::StopAllIterationAndBuffer);
  if (stopped()) return stopAll;
  if (ctx_->isFailed()) return failStream(), stopAll;
  d.headersAvailable = true;
  auto n = static_cast<uint32_t>(d.headers.size());
  int status = static_cast<int>(request ? ctx_->onRequestHeaders(n, eos) : ctx_->onResponseHeaders(n, eos));
  if (ctx_->isFailed()) return failStream(), stopAll;
  if (!localRequested_ && !reset_) {
    if (status == int(FilterHeadersStatus::Continue) || status == int(FilterHeadersStatus::ContinueAndEndStream)) {
      d.sendHeaders();
      d.headersAvailable = false;
      if (eos || status == int(FilterHeadersStatus::ContinueAndEndStream)) d.inputEnded = d.outputEnded = true;
    } else if (status == int(FilterHeadersStatus::StopIteration)) {
      d.stopped = true;
    } else {
      d.stopAll = true;
    }
  }
  world().drain();
  return status;
}

std::optional<int> Stream::onBody(bool request, const std::string &chunk, bool eos) {
  Direction &d = request ? req : resp;
  d.inputEnded = eos;
  if (stopped()) return std::nullopt;
  if (ctx_->isFailed()) return failStream(), std::nullopt;
  d.pending += chunk;
  if ((d.stopAll || d.buffering) && d.pending.size() > d.limit) return overLimit(d), std::nullopt;
  if (d.stopAll) return world().drain(), std::nullopt;
  return deliverBody(d);
}

std::optional<int> Stream::deliverBody(Direction &d) {
  bool request = &d == &req;
  d.bodyAvailable = true;
  d.bodyDetached = false;
  auto len = static_cast<uint32_t>(d.pending.size());
  int status = static_cast<int>(request ? ctx_->onRequestBody(len, d.bodyEnded()) : ctx_->onResponseBody(len, d.bodyEnded()));
  if (ctx_->isFailed()) return failStream(), std::nullopt;
  if (!localRequested_ && !reset_) {
    if (status == int(FilterDataStatus::Continue)) {
      d.sendPending();
      d.bodyAvailable = false;
    } else if (status == int(FilterDataStatus::StopIterationNoBuffer)) {
      d.pending.clear();
      d.bodyAvailable = false;
    } else {
      d.buffering = true;
      if (d.pending.size() > d.limit) overLimit(d);
    }
    // Resumed from StopAll with trailers already received: Envoy commonContinue runs doTrailers after doData.
    if (d.trailers && !d.trailersDelivered && !stopped()) {
      deliverTrailers(d);
      return status;
    }
  }
  world().drain();
  return status;
}

// Envoy decodeTrailers/encodeTrailers: the trailers end the input; a filter under StopAll holds them
// with the body (they run after continue_stream, doData then doTrailers).
std::optional<int> Stream::onTrailers(bool request, const StrPairs &trailers) {
  Direction &d = request ? req : resp;
  d.inputEnded = true;
  d.trailers = StrPairs{};
  for (auto &[k, v] : trailers) d.trailers->emplace_back(lower(k), v);
  if (stopped()) return std::nullopt;
  if (ctx_->isFailed()) return failStream(), std::nullopt;
  if (d.stopAll) return world().drain(), std::nullopt;
  return deliverTrailers(d);
}

// cpp-host onRequestTrailers/onResponseTrailers (no export → Continue, else the conversion); Continue
// passes headers, held body and trailers on (commonHandleAfterTrailersCallback), StopIteration waits.
std::optional<int> Stream::deliverTrailers(Direction &d) {
  bool request = &d == &req;
  d.trailersDelivered = true;
  d.trailersAvailable = true;
  d.bodyAvailable = true; // Envoy getBuffer: the buffered body stays readable and replaceable,
  d.bodyDetached = !d.buffering; // else buffer_.set(nullptr): empty, copyFrom BadArgument
  auto n = static_cast<uint32_t>(d.trailers->size());
  int status = static_cast<int>(request ? ctx_->onRequestTrailers(n) : ctx_->onResponseTrailers(n));
  if (ctx_->isFailed()) return failStream(), std::nullopt;
  if (!localRequested_ && !reset_) {
    if (status == int(proxy_wasm::FilterTrailersStatus::Continue)) {
      d.sendTrailers();
      d.headersAvailable = false;
      d.bodyAvailable = false;
    } else {
      d.stopped = true;
    }
  }
  world().drain();
  return status;
}

void Stream::resume(Direction &d) {
  if (stopped() || d.outputEnded || !d.started) return;
  bool wasStopAll = d.stopAll;
  d.sendHeaders();
  if (d.eosOnHeaders) {
    d.outputEnded = true;
  } else if (wasStopAll && (!d.pending.empty() || d.inputEnded)) {
    // Envoy commonContinue: doData (end_stream only without trailers), then doTrailers.
    if (!d.pending.empty() || !d.trailers) deliverBody(d);
    else deliverTrailers(d);
  } else if (d.trailers && d.trailersDelivered) {
    d.sendTrailers();
  } else {
    d.sendPending();
  }
}

void Stream::overLimit(Direction &d) {
  bool isReq = &d == &req;
  LocalReply r = isReq ? LocalReply{413, "request_payload_too_large", "Payload Too Large", {}, -1}
                       : LocalReply{500, "response_payload_too_large", "Internal Server Error", {}, -1};
  emitLocal(r, !isReq);
}

void Stream::failStream() {
  if (stopped()) return;
  if (resp.headersSent) {
    reset_ = true;
    return;
  }
  emitLocal(LocalReply{503, "wasm_fail_stream", "", {}, 14}, resp.started);
}

void Stream::emitLocal(LocalReply reply, bool inResponse) {
  localRequested_ = true;
  local = reply;
  localInResponse_ = inResponse;
  localDirect_ = inResponse || ctx_->isFailed() || resp.started;
  req.freeze();
  resp.freeze();
  // A request-phase local reply travels the encoder path, through this filter's response callbacks.
  if (!localDirect_) {
    localRequested_ = false;
    onHeaders(false, localReplyHeaders(reply), reply.body.empty());
    if (!reply.body.empty() && !localDirect_) onBody(false, reply.body, true);
    localRequested_ = true;
  }
}

WasmResult Stream::sendLocal(LocalReply reply) {
  if (localRequested_ || reset_ || done_) return WasmResult::BadArgument;
  bool inResponse = resp.started;
  if (inResponse && resp.headersSent) {
    reset_ = true;
    return WasmResult::Ok;
  }
  localRequested_ = true;
  req.freeze();
  resp.freeze();
  world().afterCall.push_back([this, reply, inResponse] { emitLocal(reply, inResponse); });
  return WasmResult::Ok;
}

WasmResult Stream::continueStream(bool request) {
  Direction &d = request ? req : resp;
  d.freeze();
  world().afterCall.push_back([this, &d] { resume(d); });
  return WasmResult::Ok;
}

WasmResult Stream::closeStream() {
  reset_ = true;
  req.freeze();
  resp.freeze();
  return WasmResult::Ok;
}

void Stream::complete() {
  if (done_) return;
  done_ = true;
  req.freeze();
  resp.freeze();
  if (!ctx_->isFailed()) {
    ctx_->onDone();
    ctx_->onLog();
    ctx_->onDelete();
  }
  world().drain();
}

std::string Stream::stalledOr(const Direction &d) const {
  return d.inputEnded && world().pendingCalls.empty() && !ctx_->isFailed() ? "stalled" : "waiting";
}

std::string Stream::requestState() const {
  if (reset_) return "reset";
  if (local && !localInResponse_) return "local_reply";
  if (req.outputEnded) return "forwarded";
  return stalledOr(req);
}

std::string Stream::responseState() const {
  if (reset_) return "reset";
  if (local && localDirect_) return "local_reply";
  if (resp.outputEnded) return "forwarded";
  return stalledOr(resp);
}

} // namespace driver
