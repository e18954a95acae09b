// The host side of the scenario driver: Envoy-like WasmBase/ContextBase subclasses over
// proxy-wasm-cpp-host (the pattern of cpp-host's test/utility.h), plus the state Envoy keeps
// outside a VM (stats store, log sink, cluster manager, clock).
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "include/proxy-wasm/context.h"
#include "include/proxy-wasm/wamr.h"
#include "include/proxy-wasm/wasm.h"

namespace driver {

using proxy_wasm::WasmResult;
using StrPairs = std::vector<std::pair<std::string, std::string>>;

struct LogLine {
  uint32_t level;
  std::string message;
};

struct HttpCallRec {
  uint32_t token;
  std::string cluster;
  StrPairs headers;
  std::string body;
  int timeout;
};

struct MetricRec {
  uint32_t type; // 0 counter, 1 gauge, 2 histogram
  int64_t value = 0;
  std::vector<uint64_t> samples;
};

struct HttpCallResponse {
  StrPairs headers;
  std::string body;
  StrPairs trailers;
};

// Everything shared by the base, canary and worker VMs.
struct World {
  std::vector<LogLine> logs;
  std::vector<std::string> hostErrors; // cpp-host's own messages (load/link/ABI failures, traps)
  std::map<std::string, MetricRec> metrics;
  std::vector<std::string> metricOrder;
  std::vector<HttpCallRec> pendingCalls;
  std::vector<HttpCallRec> dispatchedCalls;
  uint32_t nextToken = 1;
  uint64_t now = 0;
  std::set<std::string> clusters;
  std::map<std::string, std::string> properties;
  bool allowStopIteration = false;
  std::optional<HttpCallResponse> callResponse; // visible during proxy_on_http_call_response
  std::deque<std::function<void()>> afterCall;  // the host's own after-VM-call queue (stream flow)
  void drain() {
    while (!afterCall.empty()) {
      auto f = std::move(afterCall.front());
      afterCall.pop_front();
      f();
    }
  }
};
World &world();

class Stream;

// A body buffer with Envoy's Buffer::copyFrom semantics (start 0: drain `length` and prepend;
// start >= size: append; otherwise BadArgument).
class BodyBuffer : public proxy_wasm::BufferBase {
public:
  explicit BodyBuffer(std::string *data) : data_ptr_(data) { set(*data_ptr_); }
  WasmResult copyFrom(size_t start, size_t length, std::string_view data) override;
  void refresh() { set(*data_ptr_); }

private:
  std::string *data_ptr_;
};

class DriverContext : public proxy_wasm::ContextBase {
public:
  using ContextBase::ContextBase;
  Stream *stream = nullptr; // set for stream contexts

  WasmResult log(uint32_t level, std::string_view message) override;
  uint32_t getLogLevel() override { return 0; }
  uint64_t getCurrentTimeNanoseconds() override { return world().now; }
  uint64_t getMonotonicTimeNanoseconds() override { return world().now; }
  std::string_view getConfiguration() override { return ""; }
  void error(std::string_view message) override { world().hostErrors.emplace_back(message); }
  WasmResult unimplemented() override { return WasmResult::Unimplemented; }

  proxy_wasm::BufferInterface *getBuffer(proxy_wasm::WasmBufferType type) override;
  WasmResult setBuffer(proxy_wasm::WasmBufferType type, size_t start, size_t length, std::string_view data) override;

  WasmResult getHeaderMapValue(proxy_wasm::WasmHeaderMapType type, std::string_view key, std::string_view *result) override;
  WasmResult addHeaderMapValue(proxy_wasm::WasmHeaderMapType type, std::string_view key, std::string_view value) override;
  WasmResult replaceHeaderMapValue(proxy_wasm::WasmHeaderMapType type, std::string_view key, std::string_view value) override;
  WasmResult removeHeaderMapValue(proxy_wasm::WasmHeaderMapType type, std::string_view key) override;
  WasmResult getHeaderMapPairs(proxy_wasm::WasmHeaderMapType type, proxy_wasm::Pairs *result) override;
  WasmResult setHeaderMapPairs(proxy_wasm::WasmHeaderMapType type, const proxy_wasm::Pairs &pairs) override;
  WasmResult getHeaderMapSize(proxy_wasm::WasmHeaderMapType type, uint32_t *result) override;

  WasmResult getProperty(std::string_view path, std::string *result) override;
  WasmResult setProperty(std::string_view key, std::string_view value) override;

  WasmResult sendLocalResponse(uint32_t code, std::string_view body, proxy_wasm::Pairs headers,
                               proxy_wasm::GrpcStatusCode grpc, std::string_view details) override;
  WasmResult continueStream(proxy_wasm::WasmStreamType type) override;
  WasmResult closeStream(proxy_wasm::WasmStreamType type) override;
  void clearRouteCache() override {}
  // cpp-host calls failStream from CHECK_FAIL_HTTP when the VM has failed; the stream model answers
  // 503 wasm_fail_stream itself (Envoy Context::failStream), so nothing is reset here.
  void failStream(proxy_wasm::WasmStreamType) override {}

  WasmResult httpCall(std::string_view cluster, const proxy_wasm::Pairs &headers, std::string_view body,
                      const proxy_wasm::Pairs &trailers, int timeout_ms, uint32_t *token) override;

  WasmResult defineMetric(uint32_t type, std::string_view name, uint32_t *id) override;
  WasmResult incrementMetric(uint32_t id, int64_t offset) override;
  WasmResult recordMetric(uint32_t id, uint64_t value) override;
  WasmResult getMetric(uint32_t id, uint64_t *value) override;

  // Envoy >= 1.35 allow_on_headers_stop_iteration (upstream cpp-host; not in the fork): pass a
  // header StopIteration through for 0.2.x modules.
  proxy_wasm::FilterHeadersStatus onRequestHeaders(uint32_t headers, bool end_of_stream) override;
  proxy_wasm::FilterHeadersStatus onResponseHeaders(uint32_t headers, bool end_of_stream) override;

  bool hasTempPlugin() const { return temp_plugin_ != nullptr; }
  const std::string &pluginConfiguration() const { return temp_plugin_->plugin_configuration_; }

private:
  proxy_wasm::FilterHeadersStatus headersAllowingStop(bool request, uint32_t headers, bool eos);
  StrPairs *headerMap(proxy_wasm::WasmHeaderMapType type);
  proxy_wasm::BufferBase const_buffer_;
  proxy_wasm::BufferBase absent_buffer_; // Envoy buffer_.set(nullptr): empty, copyFrom → BufferBase's BadArgument
  std::unique_ptr<BodyBuffer> body_buffer_;
  std::map<std::string, std::string> props_;
};

class DriverWasm : public proxy_wasm::WasmBase {
public:
  using WasmBase::WasmBase;
  proxy_wasm::ContextBase *createVmContext() override { return new DriverContext(this); }
  proxy_wasm::ContextBase *createRootContext(const std::shared_ptr<proxy_wasm::PluginBase> &plugin) override {
    return new DriverContext(this, plugin);
  }
  proxy_wasm::ContextBase *createContext(const std::shared_ptr<proxy_wasm::PluginBase> &plugin) override {
    return new DriverContext(this, plugin);
  }
  void error(std::string_view message) override { world().hostErrors.emplace_back(message); }
  std::map<uint32_t, std::string> metricNames; // Envoy: ids are per Wasm, stats shared by name
  uint32_t rawHeaders(proxy_wasm::ContextBase *c, bool request, uint32_t id, uint32_t n, bool eos, bool *abi02);
};

class DriverIntegration : public proxy_wasm::WasmVmIntegration {
public:
  proxy_wasm::WasmVmIntegration *clone() override { return new DriverIntegration{}; }
  proxy_wasm::LogLevel getLogLevel() override { return proxy_wasm::LogLevel::trace; }
  void error(std::string_view message) override { world().hostErrors.emplace_back(message); }
  void trace(std::string_view) override {}
  bool getNullVmFunction(std::string_view, bool, int, proxy_wasm::NullPlugin *, void *) override { return false; }
};

} // namespace driver
