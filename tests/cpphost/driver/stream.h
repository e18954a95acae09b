// One HTTP stream through the filter, with the filter-manager model of the Node host
// (host/stream.ts, host/direction.ts): what cpp-host does not do itself (buffering, StopAll holding,
// resuming, local replies through the encoder path) is reproduced here so both hosts can be compared.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "host.h"

namespace driver {

struct Direction {
  bool started = false, eosOnHeaders = false, headersAvailable = false, headersSent = false;
  bool stopped = false, stopAll = false, bodyAvailable = false, buffering = false;
  bool inputEnded = false, outputEnded = false;
  StrPairs headers, sentHeaders;
  std::string pending, sent;
  // Trailers from the previous hop (their arrival ends the input), whether the filter may see them,
  // whether its trailers callback ran, and what was passed on.
  std::optional<StrPairs> trailers, sentTrailers;
  bool trailersAvailable = false, trailersDelivered = false;
  // Trailers callback without a buffered body: Envoy's body buffer has no instance (reads empty, set → BadArgument).
  bool bodyDetached = false;
  size_t limit = 1024 * 1024;

  void sendHeaders() {
    if (headersSent) return;
    headersSent = true;
    sentHeaders = headers;
    stopped = stopAll = false;
  }
  void sendPending() {
    sendHeaders();
    sent += pending;
    pending.clear();
    buffering = false;
    if (inputEnded && !trailers) outputEnded = true;
  }
  // Headers, held body and trailers go on: the end of this direction (Envoy commonHandleAfterTrailersCallback).
  void sendTrailers() {
    sendPending();
    if (trailers) sentTrailers = trailers;
    trailersAvailable = false;
    outputEnded = true;
  }
  // end_of_stream as the body callback sees it: with trailers it never comes.
  bool bodyEnded() const { return inputEnded && !trailers; }
  void freeze() { headersAvailable = bodyAvailable = trailersAvailable = false; }
};

struct LocalReply {
  uint32_t status;
  std::string details, body;
  StrPairs headers;
  int grpc;
};

class Stream {
public:
  explicit Stream(DriverContext *ctx) : ctx_(ctx) {}
  Direction req, resp;
  std::optional<LocalReply> local;

  int onHeaders(bool request, const StrPairs &headers, bool eos);
  std::optional<int> onBody(bool request, const std::string &chunk, bool eos);
  std::optional<int> onTrailers(bool request, const StrPairs &trailers);
  void complete();
  std::string requestState() const;
  std::string responseState() const;
  bool responseReplaced() const { return local && localDirect_; }

  // hostcall side
  WasmResult sendLocal(LocalReply reply);
  WasmResult continueStream(bool request);
  WasmResult closeStream();
  std::string *bodyOf(bool request) {
    Direction &d = request ? req : resp;
    return d.bodyAvailable ? &d.pending : nullptr;
  }
  bool bodyDetached(bool request) const { return (request ? req : resp).bodyDetached; }
  StrPairs *mapOf(bool request) {
    Direction &d = request ? req : resp;
    return d.headersAvailable ? &d.headers : nullptr;
  }
  StrPairs *trailersOf(bool request) {
    Direction &d = request ? req : resp;
    return d.trailersAvailable && d.trailers ? &*d.trailers : nullptr;
  }

private:
  DriverContext *ctx_;
  bool localInResponse_ = false, localDirect_ = false, localRequested_ = false, reset_ = false, done_ = false;
  std::optional<int> deliverBody(Direction &d);
  std::optional<int> deliverTrailers(Direction &d);
  void resume(Direction &d);
  void overLimit(Direction &d);
  void failStream();
  void emitLocal(LocalReply reply, bool inResponse);
  bool stopped() const { return localRequested_ || reset_ || done_; }
  std::string stalledOr(const Direction &d) const;
};

StrPairs localReplyHeaders(const LocalReply &reply);

} // namespace driver
