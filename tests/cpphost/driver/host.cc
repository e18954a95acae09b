// Hostcall overrides of the driver's ContextBase: Envoy's behaviour (source/extensions/common/wasm/
// context.cc) for the parts cpp-host leaves to the embedder, kept as close to the Node host as the
// model allows so that differences come from cpp-host itself.
#include "host.h"

#include <cctype>

#include "stream.h"

namespace driver {
using proxy_wasm::FilterHeadersStatus;
using proxy_wasm::WasmBufferType;
using proxy_wasm::WasmHeaderMapType;

World &world() {
  static World w;
  return w;
}

static std::string lower(std::string_view s) {
  std::string out(s);
  for (auto &c : out) c = std::tolower(static_cast<unsigned char>(c));
  return out;
}

WasmResult BodyBuffer::copyFrom(size_t start, size_t length, std::string_view data) {
  std::string &b = *data_ptr_;
  if (start == 0) {
    b.erase(0, std::min(length, b.size()));
    b.insert(0, data);
  } else if (start >= b.size()) {
    b.append(data);
  } else {
    return WasmResult::BadArgument;
  }
  refresh();
  return WasmResult::Ok;
}

WasmResult DriverContext::log(uint32_t level, std::string_view message) {
  world().logs.push_back({level, std::string(message)});
  return WasmResult::Ok;
}

proxy_wasm::BufferInterface *DriverContext::getBuffer(WasmBufferType type) {
  switch (type) {
  case WasmBufferType::PluginConfiguration:
    if (!hasTempPlugin()) return nullptr; // Envoy: only while temp_plugin_ is set (configure)
    return const_buffer_.set(pluginConfiguration());
  case WasmBufferType::VmConfiguration:
    return const_buffer_.set(wasm()->vm_configuration());
  case WasmBufferType::HttpCallResponseBody:
    if (!world().callResponse) return nullptr;
    return const_buffer_.set(world().callResponse->body);
  case WasmBufferType::HttpRequestBody:
  case WasmBufferType::HttpResponseBody: {
    if (!stream) return nullptr;
    bool request = type == WasmBufferType::HttpRequestBody;
    auto *body = stream->bodyOf(request);
    if (!body) return nullptr;
    if (stream->bodyDetached(request)) return &absent_buffer_;
    body_buffer_ = std::make_unique<BodyBuffer>(body);
    return body_buffer_.get();
  }
  default:
    return nullptr;
  }
}

// The fork's proxy_set_buffer_bytes calls setBuffer (upstream calls getBuffer()->copyFrom).
WasmResult DriverContext::setBuffer(WasmBufferType type, size_t start, size_t length, std::string_view data) {
  auto *buffer = getBuffer(type);
  if (!buffer) return WasmResult::NotFound;
  return buffer->copyFrom(start, length, data);
}

StrPairs *DriverContext::headerMap(WasmHeaderMapType type) {
  switch (type) {
  case WasmHeaderMapType::RequestHeaders:
    return stream ? stream->mapOf(true) : nullptr;
  case WasmHeaderMapType::ResponseHeaders:
    return stream ? stream->mapOf(false) : nullptr;
  case WasmHeaderMapType::HttpCallResponseHeaders:
    return world().callResponse ? &world().callResponse->headers : nullptr;
  case WasmHeaderMapType::HttpCallResponseTrailers:
    return world().callResponse ? &world().callResponse->trailers : nullptr;
  case WasmHeaderMapType::RequestTrailers:
    return stream ? stream->trailersOf(true) : nullptr;
  case WasmHeaderMapType::ResponseTrailers:
    return stream ? stream->trailersOf(false) : nullptr;
  default:
    return nullptr;
  }
}

WasmResult DriverContext::getHeaderMapValue(WasmHeaderMapType type, std::string_view key, std::string_view *result) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::BadArgument;
  auto k = lower(key);
  for (auto &[mk, mv] : *m) {
    if (mk == k) {
      *result = mv;
      return WasmResult::Ok;
    }
  }
  return WasmResult::NotFound;
}

WasmResult DriverContext::addHeaderMapValue(WasmHeaderMapType type, std::string_view key, std::string_view value) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::BadArgument;
  m->emplace_back(lower(key), std::string(value));
  return WasmResult::Ok;
}

WasmResult DriverContext::replaceHeaderMapValue(WasmHeaderMapType type, std::string_view key, std::string_view value) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::BadArgument;
  auto k = lower(key);
  StrPairs out;
  bool placed = false;
  for (auto &p : *m) {
    if (p.first != k) out.push_back(p);
    else if (!placed) out.emplace_back(k, std::string(value)), placed = true;
  }
  if (!placed) out.emplace_back(k, std::string(value));
  *m = std::move(out);
  return WasmResult::Ok;
}

WasmResult DriverContext::removeHeaderMapValue(WasmHeaderMapType type, std::string_view key) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::BadArgument;
  auto k = lower(key);
  StrPairs out;
  for (auto &p : *m) if (p.first != k) out.push_back(p);
  *m = std::move(out);
  return WasmResult::Ok;
}

// Envoy Context::getHeaderMapPairs: headerMapToPairs(nullptr) is {} — an unavailable map is Ok with no pairs.
WasmResult DriverContext::getHeaderMapPairs(WasmHeaderMapType type, proxy_wasm::Pairs *result) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::Ok;
  for (auto &[k, v] : *m) result->emplace_back(k, v);
  return WasmResult::Ok;
}

WasmResult DriverContext::setHeaderMapPairs(WasmHeaderMapType type, const proxy_wasm::Pairs &pairs) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::BadArgument;
  StrPairs out;
  for (auto &[k, v] : pairs) out.emplace_back(lower(k), std::string(v));
  *m = std::move(out);
  return WasmResult::Ok;
}

WasmResult DriverContext::getHeaderMapSize(WasmHeaderMapType type, uint32_t *result) {
  auto *m = headerMap(type);
  if (!m) return WasmResult::BadArgument;
  uint32_t n = 0;
  for (auto &[k, v] : *m) n += k.size() + v.size();
  *result = n;
  return WasmResult::Ok;
}

WasmResult DriverContext::getProperty(std::string_view path, std::string *result) {
  std::string key(path);
  for (auto &c : key) if (c == '\0') c = '.';
  while (!key.empty() && key.back() == '.') key.pop_back();
  auto it = props_.find(key);
  if (it != props_.end()) return *result = it->second, WasmResult::Ok;
  auto wit = world().properties.find(key);
  if (wit != world().properties.end()) return *result = wit->second, WasmResult::Ok;
  return WasmResult::NotFound;
}

WasmResult DriverContext::setProperty(std::string_view key, std::string_view value) {
  std::string k(key);
  for (auto &c : k) if (c == '\0') c = '.';
  while (!k.empty() && k.back() == '.') k.pop_back();
  std::string v(value);
  // Higress's Envoy fork: both properties set ONE per-stream limit (FilterManager::setBufferLimit, the last
  // write wins for both directions); upstream Envoy (ABI 0_2_0/0_2_1 here) has no such property and keeps
  // the listener's per_connection_buffer_limit_bytes (1 MiB).
  bool higress = wasm()->abiVersion() == proxy_wasm::AbiVersion::ProxyWasm_0_2_100;
  if (stream && higress && (k == "set_decoder_buffer_limit" || k == "set_encoder_buffer_limit")) {
    if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos) return WasmResult::BadArgument;
    stream->req.limit = stream->resp.limit = std::stoull(v);
  }
  props_[k] = v;
  return WasmResult::Ok;
}

WasmResult DriverContext::sendLocalResponse(uint32_t code, std::string_view body, proxy_wasm::Pairs headers,
                                            proxy_wasm::GrpcStatusCode grpc, std::string_view details) {
  if (!stream) return WasmResult::BadArgument;
  LocalReply r{code, std::string(details), std::string(body), {}, static_cast<int>(grpc)};
  for (auto &[k, v] : headers) r.headers.emplace_back(std::string(k), std::string(v));
  return stream->sendLocal(std::move(r));
}

WasmResult DriverContext::continueStream(proxy_wasm::WasmStreamType type) {
  if (!stream) return WasmResult::BadArgument;
  if (type != proxy_wasm::WasmStreamType::Request && type != proxy_wasm::WasmStreamType::Response) return WasmResult::BadArgument;
  return stream->continueStream(type == proxy_wasm::WasmStreamType::Request);
}

WasmResult DriverContext::closeStream(proxy_wasm::WasmStreamType type) {
  if (!stream) return WasmResult::BadArgument;
  if (type != proxy_wasm::WasmStreamType::Request && type != proxy_wasm::WasmStreamType::Response) return WasmResult::BadArgument;
  return stream->closeStream();
}

// Envoy Context::httpCall: the cluster must exist; :method, :path and :authority are required.
WasmResult DriverContext::httpCall(std::string_view cluster, const proxy_wasm::Pairs &headers, std::string_view body,
                                   const proxy_wasm::Pairs &, int timeout_ms, uint32_t *token) {
  if (!world().clusters.count(std::string(cluster))) return WasmResult::BadArgument;
  HttpCallRec rec{0, std::string(cluster), {}, std::string(body), timeout_ms};
  bool method = false, path = false, authority = false;
  for (auto &[k, v] : headers) {
    auto key = lower(k);
    method |= key == ":method";
    path |= key == ":path";
    authority |= key == ":authority";
    rec.headers.emplace_back(key, std::string(v));
  }
  if (!method || !path || !authority) return WasmResult::BadArgument;
  rec.token = world().nextToken++;
  world().pendingCalls.push_back(rec);
  world().dispatchedCalls.push_back(rec);
  *token = rec.token;
  return WasmResult::Ok;
}

uint32_t DriverWasm::rawHeaders(proxy_wasm::ContextBase *c, bool request, uint32_t id, uint32_t n, bool eos, bool *abi02) {
  *abi02 = on_request_headers_abi_02_ != nullptr;
  if (request && on_request_headers_abi_02_) return on_request_headers_abi_02_(c, id, n, eos).u64_;
  if (request && on_request_headers_abi_03_) return on_request_headers_abi_03_(c, id, n, eos).u64_;
  if (!request && on_response_headers_abi_02_) return on_response_headers_abi_02_(c, id, n, eos).u64_;
  return 0;
}

FilterHeadersStatus DriverContext::headersAllowingStop(bool request, uint32_t headers, bool eos) {
  uint32_t raw;
  bool abi02;
  {
    proxy_wasm::DeferAfterCallActions actions(this);
    raw = static_cast<DriverWasm *>(wasm())->rawHeaders(this, request, id_, headers, eos, &abi02);
    if (isFailed()) return FilterHeadersStatus::StopAllIterationAndWatermark;
    // Same as the fork's convertVmCallResultToFilterHeadersStatus, minus the StopIteration rewrite.
    if (wasm()->isNextIterationStopped() || raw > uint32_t(FilterHeadersStatus::StopAllIterationAndWatermark)) {
      raw = uint32_t(FilterHeadersStatus::StopAllIterationAndWatermark);
    }
  }
  return static_cast<FilterHeadersStatus>(raw);
}

FilterHeadersStatus DriverContext::onRequestHeaders(uint32_t headers, bool end_of_stream) {
  if (!world().allowStopIteration || isFailed()) return ContextBase::onRequestHeaders(headers, end_of_stream);
  return headersAllowingStop(true, headers, end_of_stream);
}

FilterHeadersStatus DriverContext::onResponseHeaders(uint32_t headers, bool end_of_stream) {
  if (!world().allowStopIteration || isFailed()) return ContextBase::onResponseHeaders(headers, end_of_stream);
  return headersAllowingStop(false, headers, end_of_stream);
}

} // namespace driver
