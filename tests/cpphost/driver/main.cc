// Scenario driver: loads a plugin the way Envoy does (base VM → canary clone started and configured
// → per-worker clone started and configured again) on proxy-wasm-cpp-host + WAMR, runs one stream
// described by a plan (JSON, see tests/cpphost/scenario.ts) and prints what is observable as JSON.
//   driver run <plan.json>     one scenario
//   driver load <module.wasm>  load + start only (negative guests): prints {ok, hostErrors}
#include <fstream>
#include <iostream>
#include <sstream>

#include "json.h"
#include "stream.h"

using namespace driver;
using proxy_wasm::PluginBase;
using proxy_wasm::PluginHandleBase;
using proxy_wasm::WasmHandleBase;

namespace {

std::string readFile(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::unique_ptr<proxy_wasm::WasmVm> newVm() {
  auto vm = proxy_wasm::createWamrVm();
  vm->integration() = std::make_unique<DriverIntegration>();
  return vm;
}

StrPairs pairsOf(const Json *j) {
  StrPairs out;
  if (!j) return out;
  for (auto &p : j->items) out.emplace_back(p.items.at(0).s, p.items.at(1).s);
  return out;
}

Json pairsJson(const StrPairs &pairs) {
  Json a = Json::array();
  for (auto &[k, v] : pairs) {
    Json p = Json::array();
    p.push(Json::str(k));
    p.push(Json::str(v));
    a.push(p);
  }
  return a;
}

Json metricsJson() {
  Json o = Json::object();
  for (auto &name : world().metricOrder) {
    auto &m = world().metrics[name];
    if (m.type == 2) {
      Json h = Json::object();
      h.set("count", Json::num(m.samples.size()));
      double sum = 0;
      for (auto v : m.samples) sum += double(v);
      h.set("sum", Json::num(sum));
      o.set(name, h);
    } else {
      o.set(name, Json::num(double(m.value)));
    }
  }
  return o;
}

Json logsJson(size_t from, size_t to) {
  Json a = Json::array();
  for (size_t i = from; i < to && i < world().logs.size(); i++) {
    Json l = Json::array();
    l.push(Json::num(world().logs[i].level));
    l.push(Json::str(world().logs[i].message));
    a.push(l);
  }
  return a;
}

Json stringsJson(const std::vector<std::string> &v) {
  Json a = Json::array();
  for (auto &s : v) a.push(Json::str(s));
  return a;
}

struct Loaded {
  std::shared_ptr<WasmHandleBase> base;
  std::shared_ptr<PluginHandleBase> plugin;
  size_t canaryLogEnd = 0;
  Json canaryMetrics;
};

// Envoy: createWasm (base VM: load, link, _initialize; canary clone: start + configure), then
// getOrCreateThreadLocalPlugin on the worker (clone: start + configure again).
Loaded load(const std::string &code, const std::string &config) {
  Loaded out;
  auto plugin = std::make_shared<PluginBase>("mcp-rest", "", "vm", "wamr", config, false, "key");
  auto wasmFactory = [](std::string_view vm_key) -> std::shared_ptr<WasmHandleBase> {
    auto wasm = std::make_shared<DriverWasm>(newVm(), "vm", "", vm_key, std::unordered_map<std::string, std::string>{},
                                             proxy_wasm::AllowedCapabilitiesMap{});
    return std::make_shared<WasmHandleBase>(wasm);
  };
  auto cloneFactory = [](std::shared_ptr<WasmHandleBase> base) -> std::shared_ptr<WasmHandleBase> {
    auto wasm = std::make_shared<DriverWasm>(base, [] { return newVm(); });
    return std::make_shared<WasmHandleBase>(wasm);
  };
  auto pluginFactory = [](std::shared_ptr<WasmHandleBase> wh, std::shared_ptr<PluginBase> p) {
    return std::make_shared<PluginHandleBase>(wh, p);
  };
  out.base = proxy_wasm::createWasm(proxy_wasm::makeVmKey("vm", "", code), code, plugin, wasmFactory, cloneFactory, false);
  out.canaryLogEnd = world().logs.size();
  out.canaryMetrics = metricsJson();
  if (!out.base) return out;
  out.plugin = proxy_wasm::getOrCreateThreadLocalPlugin(out.base, plugin, cloneFactory, pluginFactory);
  return out;
}

Json messageJson(const StrPairs &headers, const std::string &body, bool complete, const std::optional<StrPairs> &trailers = {}) {
  Json m = Json::object();
  m.set("headers", pairsJson(headers));
  m.set("body", Json::str(body));
  m.set("complete", Json::boolean(complete));
  if (trailers) m.set("trailers", pairsJson(*trailers));
  return m;
}

Json run(const Json &plan) {
  auto &w = world();
  w.now = uint64_t(plan.getNumber("nowMs", 1.7e12)) * 1000000ULL;
  w.allowStopIteration = plan.getBool("allowStopIteration");
  if (auto *c = plan.get("clusters")) for (auto &x : c->items) w.clusters.insert(x.s);
  if (auto *p = plan.get("properties")) for (auto &[k, v] : p->fields) w.properties[k] = v.s;
  Loaded l = load(readFile(plan.getString("wasm")), plan.getString("config"));
  Json out = Json::object();
  bool ok = l.plugin != nullptr;
  out.set("configOk", Json::boolean(ok));
  out.set("canaryLogs", logsJson(0, l.canaryLogEnd));
  out.set("canaryMetrics", l.canaryMetrics);
  Json statuses = Json::array();
  auto status = [&](const char *name, std::optional<int> s) {
    Json p = Json::array();
    p.push(Json::str(name));
    p.push(s ? Json::num(*s) : Json());
    statuses.push(p);
  };
  if (ok) {
    auto *root = l.plugin->wasm()->getRootContext(l.plugin->plugin(), false);
    auto *ctx = new DriverContext(l.plugin->wasm().get(), root->id(), l.plugin);
    Stream s(ctx);
    ctx->stream = &s;
    ctx->onCreate();
    const Json &req = *plan.get("request");
    auto *chunks = req.get("chunks");
    size_t n = chunks ? chunks->items.size() : 0;
    auto *rt = req.get("trailers");
    bool reqTrailers = rt && rt->kind == Json::Array;
    status("request_headers", s.onHeaders(true, pairsOf(req.get("headers")), n == 0 && !reqTrailers));
    for (size_t i = 0; i < n; i++) status("request_body", s.onBody(true, chunks->items[i].s, i + 1 == n && !reqTrailers));
    if (reqTrailers) status("request_trailers", s.onTrailers(true, pairsOf(rt)));
    // http calls answered in dispatch order, one answer each, while answers remain
    if (auto *answers = plan.get("calls")) {
      for (auto &a : answers->items) {
        if (w.pendingCalls.empty()) break;
        auto call = w.pendingCalls.front();
        w.pendingCalls.erase(w.pendingCalls.begin());
        std::string kind = a.getString("kind");
        uint32_t nh = 0, nb = 0;
        if (kind == "respond") {
          w.callResponse = HttpCallResponse{pairsOf(a.get("headers")), a.getString("body"), {}};
          for (auto &h : w.callResponse->headers) for (auto &c : h.first) c = std::tolower(static_cast<unsigned char>(c));
        } else if (kind == "timeout" || kind == "fail") {
          // Envoy: the async client's router answers a timeout (504) or a connection failure (503) with a
          // local reply, which reaches Context::onSuccess as a response; only a reset is (token, 0, 0, 0).
          std::string body = kind == "timeout" ? "upstream request timeout"
                                               : "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
          w.callResponse = HttpCallResponse{{{":status", kind == "timeout" ? "504" : "503"},
                                             {"content-length", std::to_string(body.size())},
                                             {"content-type", "text/plain"}},
                                            body, {}};
        }
        if (w.callResponse) {
          nh = w.callResponse->headers.size();
          nb = w.callResponse->body.size();
        }
        if (!root->isFailed()) root->onHttpCallResponse(call.token, nh, nb, 0);
        w.callResponse.reset();
        w.drain();
      }
    }
    for (int t = 0, n = int(plan.getNumber("ticks")); t < n; t++) {
      root->onTick(0);
      w.drain();
    }
    auto *resp = plan.get("response");
    if (resp && resp->kind == Json::Object && !s.local && s.req.outputEnded) {
      auto *rc = resp->get("chunks");
      size_t rn = rc ? rc->items.size() : 0;
      auto *tt = resp->get("trailers");
      bool respTrailers = tt && tt->kind == Json::Array;
      status("response_headers", s.onHeaders(false, pairsOf(resp->get("headers")), rn == 0 && !respTrailers));
      for (size_t i = 0; i < rn; i++) status("response_body", s.onBody(false, rc->items[i].s, i + 1 == rn && !respTrailers));
      if (respTrailers) status("response_trailers", s.onTrailers(false, pairsOf(tt)));
    }
    std::string reqState = s.requestState(), respState = s.responseState();
    s.complete();
    out.set("requestState", Json::str(reqState));
    out.set("responseState", Json::str(respState));
    out.set("upstream", !s.local && s.req.headersSent ? messageJson(s.req.sentHeaders, s.req.sent, s.req.outputEnded, s.req.sentTrailers) : Json());
    if (s.local) {
      Json lj = Json::object();
      lj.set("status", Json::num(s.local->status));
      lj.set("details", Json::str(s.local->details));
      lj.set("headers", pairsJson(s.local->headers));
      lj.set("body", Json::str(s.local->body));
      out.set("local", lj);
    } else {
      out.set("local", Json());
    }
    if (s.responseReplaced()) out.set("downstream", messageJson(localReplyHeaders(*s.local), s.local->body, true));
    else out.set("downstream", s.resp.headersSent ? messageJson(s.resp.sentHeaders, s.resp.sent, s.resp.outputEnded, s.resp.sentTrailers) : Json());
  }
  out.set("statuses", statuses);
  Json calls = Json::array();
  for (auto &c : w.dispatchedCalls) {
    Json cj = Json::object();
    cj.set("cluster", Json::str(c.cluster));
    cj.set("headers", pairsJson(c.headers));
    cj.set("body", Json::str(c.body));
    cj.set("timeout", Json::num(c.timeout));
    calls.push(cj);
  }
  out.set("calls", calls);
  out.set("pendingCalls", Json::num(w.pendingCalls.size()));
  out.set("metrics", metricsJson());
  out.set("logs", logsJson(ok ? l.canaryLogEnd : 0, w.logs.size()));
  out.set("hostErrors", stringsJson(w.hostErrors));
  return out;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::cerr << "usage: driver run <plan.json> | driver load <module.wasm>\n";
    return 2;
  }
  std::string mode = argv[1];
  try {
    Json out;
    if (mode == "run") {
      out = run(parseJson(readFile(argv[2])));
    } else if (mode == "load") {
      Loaded l = load(readFile(argv[2]), argc > 3 ? argv[3] : "{}");
      out = Json::object();
      out.set("ok", Json::boolean(l.plugin != nullptr));
      out.set("hostErrors", stringsJson(world().hostErrors));
    } else {
      std::cerr << "unknown mode " << mode << "\n";
      return 2;
    }
    std::cout << writeJson(out) << "\n";
    std::cout.flush();
    std::_Exit(0); // skip VM teardown: nothing observable happens after the output
  } catch (const std::exception &e) {
    std::cerr << "driver: " << e.what() << "\n";
    return 1;
  }
}
