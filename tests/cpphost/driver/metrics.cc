// Metric hostcalls with Envoy's semantics (source/extensions/common/wasm/context.cc defineMetric &
// co): ids are allocated per Wasm (base, canary and worker VMs each have their own), the metric
// itself lives in one store shared by name, as Envoy's stats scope does.
#include "host.h"

namespace driver {

WasmResult DriverContext::defineMetric(uint32_t type, std::string_view name, uint32_t *id) {
  auto *w = static_cast<DriverWasm *>(wasm());
  if (type > 2) return WasmResult::BadArgument;
  uint32_t mid = type == 0 ? w->nextCounterMetricId() : type == 1 ? w->nextGaugeMetricId() : w->nextHistogramMetricId();
  std::string n(name);
  w->metricNames[mid] = n;
  if (!world().metrics.count(n)) {
    world().metrics[n] = MetricRec{type};
    world().metricOrder.push_back(n);
  }
  *id = mid;
  return WasmResult::Ok;
}

static MetricRec *metricById(proxy_wasm::WasmBase *wasm, uint32_t id) {
  auto *w = static_cast<DriverWasm *>(wasm);
  auto it = w->metricNames.find(id);
  return it == w->metricNames.end() ? nullptr : &world().metrics[it->second];
}

WasmResult DriverContext::incrementMetric(uint32_t id, int64_t offset) {
  auto *m = metricById(wasm(), id);
  if (!m) return WasmResult::NotFound;
  if (m->type == 0) {
    if (offset <= 0) return WasmResult::BadArgument;
    m->value += offset;
    return WasmResult::Ok;
  }
  if (m->type == 1) return m->value += offset, WasmResult::Ok;
  return WasmResult::BadArgument;
}

WasmResult DriverContext::recordMetric(uint32_t id, uint64_t value) {
  auto *m = metricById(wasm(), id);
  if (!m) return WasmResult::NotFound;
  if (m->type == 0) m->value += static_cast<int64_t>(value);
  else if (m->type == 1) m->value = static_cast<int64_t>(value);
  else m->samples.push_back(value);
  return WasmResult::Ok;
}

WasmResult DriverContext::getMetric(uint32_t id, uint64_t *value) {
  auto *m = metricById(wasm(), id);
  if (!m) return WasmResult::NotFound;
  if (m->type == 2) return WasmResult::BadArgument;
  *value = static_cast<uint64_t>(m->value);
  return WasmResult::Ok;
}

} // namespace driver
