// Plugin-defined metrics (envoy source/extensions/common/wasm/context.cc defineMetric/incrementMetric/
// recordMetric/getMetric) and their Prometheus text rendering (Envoy admin /stats/prometheus).
import { MetricType, WasmResult } from "./abi.js";

/** Envoy's default histogram bucket bounds (source/common/stats/histogram_impl.cc). */
export const DEFAULT_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

/** One metric: counter/gauge value, or histogram samples summary. */
export interface Metric {
  id: number;
  name: string;
  type: MetricType;
  value: bigint;
  /** Histogram only: cumulative counts per DEFAULT_BUCKETS bound. */
  buckets: number[];
  sum: number;
  count: number;
}

/** A registry of metrics defined by the plugin. */
export class Metrics {
  private byId = new Map<number, Metric>();
  private byName = new Map<string, Metric>();
  /** Last id handed out per type (envoy wasm.h: next_*_metric_id_ starts at the type tag). */
  private lastId = [MetricType.Counter, MetricType.Gauge, MetricType.Histogram] as number[];

  /**
   * proxy_define_metric: ids are type-tagged (low 2 bits = type, step 4: envoy wasm.h kMetricTypeMask /
   * kMetricIdIncrement) and not de-duplicated: defining a name again returns a new id for the same stat.
   */
  define(type: MetricType, name: string): { status: WasmResult; id: number } {
    if (type !== MetricType.Counter && type !== MetricType.Gauge && type !== MetricType.Histogram) {
      return { status: WasmResult.BadArgument, id: 0 };
    }
    const existing = this.byName.get(name);
    if (existing && existing.type !== type) return { status: WasmResult.BadArgument, id: 0 };
    const id = (this.lastId[type] += 4);
    const m: Metric = existing ?? { id, name, type, value: 0n, buckets: DEFAULT_BUCKETS.map(() => 0), sum: 0, count: 0 };
    this.byId.set(id, m);
    this.byName.set(name, m);
    return { status: WasmResult.Ok, id };
  }

  /** proxy_increment_metric: counters only grow; histograms cannot be incremented. */
  increment(id: number, offset: bigint): WasmResult {
    const m = this.byId.get(id);
    if (!m) return WasmResult.NotFound;
    if (m.type === MetricType.Counter) {
      if (offset <= 0n) return WasmResult.BadArgument;
      m.value += offset;
      return WasmResult.Ok;
    }
    if (m.type === MetricType.Gauge) {
      m.value += offset;
      return WasmResult.Ok;
    }
    return WasmResult.BadArgument;
  }

  /** proxy_record_metric: counter adds, gauge sets, histogram records a sample. */
  record(id: number, value: bigint): WasmResult {
    const m = this.byId.get(id);
    if (!m) return WasmResult.NotFound;
    if (m.type === MetricType.Counter) m.value += value;
    else if (m.type === MetricType.Gauge) m.value = value;
    else {
      const v = Number(value);
      m.count++;
      m.sum += v;
      DEFAULT_BUCKETS.forEach((b, i) => {
        if (v <= b) m.buckets[i]++;
      });
    }
    return WasmResult.Ok;
  }

  /** proxy_get_metric: value of a counter or gauge (histograms: BadArgument). */
  get(id: number): { status: WasmResult; value: bigint } {
    const m = this.byId.get(id);
    if (!m) return { status: WasmResult.NotFound, value: 0n };
    if (m.type === MetricType.Histogram) return { status: WasmResult.BadArgument, value: 0n };
    return { status: WasmResult.Ok, value: m.value };
  }

  /** Every metric (once, however many ids it has), in definition order. */
  list(): Metric[] {
    return [...new Set(this.byId.values())];
  }

  /** Renders the metrics in the Prometheus text exposition format, like Envoy's admin endpoint. */
  toPrometheus(): string {
    const lines: string[] = [];
    const sorted = this.list().sort((a, b) => a.name.localeCompare(b.name));
    for (const m of sorted) {
      const name = sanitizeMetricName(m.name);
      if (m.type === MetricType.Histogram) {
        lines.push(`# TYPE ${name} histogram`);
        DEFAULT_BUCKETS.forEach((b, i) => lines.push(`${name}_bucket{le="${b}"} ${m.buckets[i]}`));
        lines.push(`${name}_bucket{le="+Inf"} ${m.count}`);
        lines.push(`${name}_sum{} ${m.sum}`);
        lines.push(`${name}_count{} ${m.count}`);
      } else {
        lines.push(`# TYPE ${name} ${m.type === MetricType.Counter ? "counter" : "gauge"}`);
        lines.push(`${name}{} ${m.value}`);
      }
    }
    return lines.length ? lines.join("\n") + "\n" : "";
  }
}

/** Maps a stat name to a Prometheus metric name (Envoy: every non [a-zA-Z0-9_:] character becomes "_"). */
export function sanitizeMetricName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_:]/g, "_");
  return /^[0-9]/.test(s) ? `_${s}` : s;
}
