// The `env` and `wasi_snapshot_preview1` imports: one function per ABI hostcall.
// Spec: https://github.com/proxy-wasm/spec/tree/main/abi-versions/v0.2.1 ; behaviour from
// proxy-wasm-cpp-host src/exports.cc and envoy source/extensions/common/wasm/context.cc.
import { resolveCluster } from "./cluster.js";
import { webcrypto } from "node:crypto";
import { BufferType, ENVOY_ENV_FUNCTIONS, HIGRESS_ENV_FUNCTIONS, MapType, type MetricType, WasmResult } from "./abi.js";
import type { HostContext } from "./context.js";
import { decodePairs, encodePairs, fromUtf8, GuestMemoryError, splitPath, utf8 } from "./memory.js";
import { ConstBufferError } from "./root.js";
import type { Host } from "./vm.js";

/** Thrown by WASI proc_exit: like Envoy, it ends the VM (treated as a trap). */
export class ProcExit extends Error {}

type Fn = (...args: any[]) => number | void;

/** Builds the complete import object (before instantiation, so a start section sees every function). */
export function buildImports(host: Host): WebAssembly.Imports {
  const env: Record<string, Fn> = {};
  for (const name of [...ENVOY_ENV_FUNCTIONS, ...HIGRESS_ENV_FUNCTIONS]) env[name] = () => WasmResult.Unimplemented;
  Object.assign(env, guard(envCalls(host)));
  return { env, wasi_snapshot_preview1: guard(wasiCalls(host), 21 /* __WASI_ERRNO_FAULT */) };
}

/** Maps an out-of-bounds guest pointer to InvalidMemoryAccess instead of a host exception. */
function guard(fns: Record<string, Fn>, onBadMemory: number = WasmResult.InvalidMemoryAccess): Record<string, Fn> {
  const out: Record<string, Fn> = {};
  for (const [name, fn] of Object.entries(fns)) {
    out[name] = (...args: unknown[]) => {
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof GuestMemoryError) return onBadMemory;
        throw e;
      }
    };
  }
  return out;
}

function envCalls(host: Host): Record<string, Fn> {
  const m = () => host.memory;
  const ctx = (): HostContext | undefined => host.effective();
  const str = (p: number, n: number) => m().readString(p, n);
  /** HttpCallResponse maps come from the root context's current call (readable after set_effective_context). */
  const map = (type: number) => {
    if (type === MapType.HttpCallResponseHeaders) return host.httpCallResponse?.headers ?? null;
    if (type === MapType.HttpCallResponseTrailers) return host.httpCallResponse?.trailers ?? null;
    return ctx()?.getMap(type) ?? null;
  };
  const buffer = (type: number) => {
    if (type === BufferType.HttpCallResponseBody) {
      const r = host.httpCallResponse;
      return r
        ? {
            get: () => r.body,
            set: (b: Uint8Array) => {
              r.body = b;
            },
          }
        : null;
    }
    return ctx()?.getBuffer(type) ?? null;
  };
  return {
    // proxy_log(level, message_data, message_size)
    proxy_log: (level: number, p: number, n: number) => {
      if (level < 0 || level > 5) return WasmResult.BadArgument;
      host.log(level, str(p, n));
      return WasmResult.Ok;
    },
    // proxy_get_log_level(return_level)
    proxy_get_log_level: (ret: number) => {
      m().writeU32(ret, ["trace", "debug", "info", "warn", "error", "critical"].indexOf(host.options.logLevel ?? "info"));
      return WasmResult.Ok;
    },
    // proxy_get_property(path_data, path_size, return_value_data, return_value_size)
    proxy_get_property: (p: number, n: number, retP: number, retN: number) => {
      const v = ctx()?.getProperty(splitPath(m().read(p, n)));
      if (v === undefined) return WasmResult.NotFound;
      m().returnBytes(retP, retN, v);
      return WasmResult.Ok;
    },
    // proxy_set_property(path_data, path_size, value_data, value_size)
    proxy_set_property: (p: number, n: number, vp: number, vn: number) =>
      ctx()?.setProperty(splitPath(m().read(p, n)), m().read(vp, vn)) ?? WasmResult.BadArgument,
    // proxy_send_local_response(status, details, body, headers pairs, grpc_status)
    proxy_send_local_response: (
      status: number,
      dp: number,
      dn: number,
      bp: number,
      bn: number,
      hp: number,
      hn: number,
      grpc: number,
    ) => {
      const headers = decodePairs(m().read(hp, hn));
      if (!headers) return WasmResult.SerializationFailure;
      // cpp-host exports.cc send_local_response: the context's result is ignored, the filter stops whatever it returns.
      ctx()?.sendLocalResponse({ status, details: str(dp, dn), body: m().read(bp, bn), headers, grpcStatus: grpc });
      host.stopNextIteration = true;
      return WasmResult.Ok;
    },
    // proxy_get_header_map_value(map_type, key, return_value_data, return_value_size): NotFound when missing (0.2.x)
    proxy_get_header_map_value: (t: number, kp: number, kn: number, retP: number, retN: number) => {
      const hm = map(t);
      if (!hm) return WasmResult.BadArgument;
      const v = hm.get(str(kp, kn));
      if (v === undefined) return WasmResult.NotFound;
      m().returnBytes(retP, retN, utf8(v));
      return WasmResult.Ok;
    },
    // proxy_add_header_map_value(map_type, key, value): Envoy addCopy
    proxy_add_header_map_value: (t: number, kp: number, kn: number, vp: number, vn: number) => {
      const hm = map(t);
      if (!hm) return WasmResult.BadArgument;
      hm.add(str(kp, kn), str(vp, vn));
      return WasmResult.Ok;
    },
    // proxy_replace_header_map_value(map_type, key, value): Envoy setCopy
    proxy_replace_header_map_value: (t: number, kp: number, kn: number, vp: number, vn: number) => {
      const hm = map(t);
      if (!hm) return WasmResult.BadArgument;
      hm.replace(str(kp, kn), str(vp, vn));
      return WasmResult.Ok;
    },
    // proxy_remove_header_map_value(map_type, key)
    proxy_remove_header_map_value: (t: number, kp: number, kn: number) => {
      const hm = map(t);
      if (!hm) return WasmResult.BadArgument;
      hm.remove(str(kp, kn));
      return WasmResult.Ok;
    },
    // proxy_get_header_map_pairs(map_type, return_map_data, return_map_size): an unavailable map is Ok with no
    // pairs (envoy context.cc getHeaderMapPairs → headerMapToPairs(nullptr) = {}); no pairs → (0, 0) without
    // malloc (cpp-host exports.cc get_header_map_pairs: copyToPointerSize("")).
    proxy_get_header_map_pairs: (t: number, retP: number, retN: number) => {
      if (t < 0 || t > MapType.HttpCallResponseTrailers) return WasmResult.BadArgument;
      const pairs = map(t)?.toPairs() ?? [];
      if (pairs.length === 0) {
        m().writeU32(retP, 0);
        m().writeU32(retN, 0);
      } else m().returnBytesAlloc(retP, retN, encodePairs(pairs));
      return WasmResult.Ok;
    },
    // proxy_set_header_map_pairs(map_type, map_data, map_size): replaces the whole map
    proxy_set_header_map_pairs: (t: number, p: number, n: number) => {
      const hm = map(t);
      if (!hm) return WasmResult.BadArgument;
      const pairs = decodePairs(m().read(p, n));
      if (!pairs) return WasmResult.SerializationFailure;
      hm.setPairs(pairs);
      return WasmResult.Ok;
    },
    // proxy_get_header_map_size(map_type, return_size): Envoy HeaderMap::byteSize
    proxy_get_header_map_size: (t: number, ret: number) => {
      const hm = map(t);
      if (!hm) return WasmResult.BadArgument;
      m().writeU32(ret, hm.byteSize());
      return WasmResult.Ok;
    },
    // proxy_get_buffer_status(buffer_type, return_buffered_data_size, return_flags)
    proxy_get_buffer_status: (t: number, retLen: number, retFlags: number) => {
      const b = buffer(t);
      if (!b) return WasmResult.NotFound;
      m().writeU32(retLen, b.get().length);
      m().writeU32(retFlags, 0);
      return WasmResult.Ok;
    },
    // proxy_get_buffer_bytes(buffer_type, start, max_size, return_data, return_size): like cpp-host
    // (exports.cc get_buffer_bytes), a zero-length read returns Ok and writes 0 to both return slots
    proxy_get_buffer_bytes: (t: number, start: number, max: number, retP: number, retN: number) => {
      const b = buffer(t);
      if (!b) return WasmResult.NotFound;
      const data = b.get();
      const s = start >>> 0;
      const len = Math.max(0, Math.min(max >>> 0, data.length - s));
      if (len > 0) m().returnBytes(retP, retN, data.slice(s, s + len));
      else {
        m().writeU32(retP, 0);
        m().writeU32(retN, 0);
      }
      return WasmResult.Ok;
    },
    // proxy_set_buffer_bytes(buffer_type, start, size, data): start=0 → drain `size`, prepend;
    // start ≥ length → append; otherwise BadArgument (envoy Buffer::copyFrom)
    proxy_set_buffer_bytes: (t: number, start: number, size: number, p: number, n: number) => {
      const b = buffer(t);
      if (!b) return WasmResult.NotFound;
      const data = m().read(p, n);
      const cur = b.get();
      const s = start >>> 0;
      let next: Uint8Array;
      if (s === 0) next = concat(data, cur.subarray(Math.min(size >>> 0, cur.length)));
      else if (s >= cur.length) next = concat(cur, data);
      else return WasmResult.BadArgument;
      try {
        b.set(next);
      } catch (e) {
        if (e instanceof ConstBufferError) return WasmResult.BadArgument;
        throw e;
      }
      return WasmResult.Ok;
    },
    // proxy_http_call(upstream, headers, body, trailers, timeout_ms, return_token): via the root context
    proxy_http_call: (
      up: number,
      upn: number,
      hp: number,
      hn: number,
      bp: number,
      bn: number,
      tp: number,
      tn: number,
      timeout: number,
      retToken: number,
    ) => {
      const cluster = str(up, upn);
      const headers = decodePairs(m().read(hp, hn));
      const trailers = decodePairs(m().read(tp, tn));
      if (!headers || !trailers) return WasmResult.SerializationFailure;
      if (resolveCluster(host.options.clusters ?? {}, cluster) === undefined) return WasmResult.BadArgument;
      const names = new Set(headers.map(([k]) => k.toLowerCase()));
      if (!names.has(":method") || !names.has(":path") || !names.has(":authority")) return WasmResult.BadArgument;
      // timeout_ms is a signed 32-bit value in Envoy (std::chrono::milliseconds from int): larger → BadArgument.
      if ((timeout | 0) < 0) return WasmResult.BadArgument;
      const token = host.addHttpCall({
        cluster,
        headers: headers.map(([k, v]) => [k.toLowerCase(), v]),
        body: m().read(bp, bn),
        trailers,
        timeoutMs: timeout >>> 0,
      });
      m().writeU32(retToken, token);
      return WasmResult.Ok;
    },
    // proxy_set_effective_context(context_id)
    proxy_set_effective_context: (id: number) => (host.setEffective(id) ? WasmResult.Ok : WasmResult.BadArgument),
    // proxy_get_current_time_nanoseconds(return_time)
    proxy_get_current_time_nanoseconds: (ret: number) => {
      m().writeU64(ret, now(host));
      return WasmResult.Ok;
    },
    // proxy_set_tick_period_milliseconds(period)
    proxy_set_tick_period_milliseconds: (period: number) => {
      host.tickPeriodMs = period >>> 0;
      return WasmResult.Ok;
    },
    // proxy_define_metric(metric_type, name, return_metric_id)
    proxy_define_metric: (type: number, p: number, n: number, ret: number) => {
      const r = host.metrics.define(type as MetricType, str(p, n));
      if (r.status === WasmResult.Ok) m().writeU32(ret, r.id);
      return r.status;
    },
    // proxy_increment_metric(metric_id, offset: i64)
    proxy_increment_metric: (id: number, offset: bigint) => host.metrics.increment(id >>> 0, BigInt(offset)),
    // proxy_record_metric(metric_id, value: u64)
    proxy_record_metric: (id: number, value: bigint) => host.metrics.record(id >>> 0, BigInt.asUintN(64, BigInt(value))),
    // proxy_get_metric(metric_id, return_value: u64)
    proxy_get_metric: (id: number, ret: number) => {
      const r = host.metrics.get(id >>> 0);
      if (r.status === WasmResult.Ok) m().writeU64(ret, r.value);
      return r.status;
    },
    // proxy_get_shared_data(key, return_value_data, return_value_size, return_cas)
    proxy_get_shared_data: (kp: number, kn: number, retP: number, retN: number, retCas: number) => {
      const e = host.sharedData.get(str(kp, kn));
      if (!e) return WasmResult.NotFound;
      m().returnBytes(retP, retN, e.value);
      m().writeU32(retCas, e.cas);
      return WasmResult.Ok;
    },
    // proxy_set_shared_data(key, value, cas): cas 0 = unconditional
    proxy_set_shared_data: (kp: number, kn: number, vp: number, vn: number, cas: number) => {
      const key = str(kp, kn);
      const e = host.sharedData.get(key);
      if (cas !== 0 && e && e.cas !== cas >>> 0) return WasmResult.CasMismatch;
      host.sharedData.set(key, { value: m().read(vp, vn), cas: (e?.cas ?? 0) + 1 });
      return WasmResult.Ok;
    },
    // proxy_continue_stream(stream_type)
    proxy_continue_stream: (t: number) => ctx()?.continueStream(t) ?? WasmResult.BadArgument,
    // proxy_close_stream(stream_type)
    proxy_close_stream: (t: number) => ctx()?.closeStream(t) ?? WasmResult.BadArgument,
    // proxy_done(): root context finished its shutdown work
    proxy_done: () => WasmResult.Ok,
    // proxy_call_foreign_function(name, args, return_results): no foreign functions registered
    proxy_call_foreign_function: () => WasmResult.NotFound,
    // proxy_get_status(return_code, return_message): only meaningful for gRPC, which is not implemented
    proxy_get_status: () => WasmResult.Unimplemented,
  };
}

function wasiCalls(host: Host): Record<string, Fn> {
  const m = () => host.memory;
  const OK = 0,
    BADF = 8,
    NOSYS = 52;
  return {
    fd_write: (fd: number, iovs: number, iovsLen: number, retN: number) => {
      if (fd !== 1 && fd !== 2) return BADF;
      const parts: Uint8Array[] = [];
      for (let i = 0; i < iovsLen; i++) {
        const dv = new DataView(m().read(iovs + i * 8, 8).buffer);
        parts.push(m().read(dv.getUint32(0, true), dv.getUint32(4, true)));
      }
      const data = parts.reduce((a, b) => concat(a, b), new Uint8Array(0));
      host.log(fd === 1 ? 2 : 4, fromUtf8(data).replace(/\n$/, ""));
      m().writeU32(retN, data.length);
      return OK;
    },
    fd_read: () => NOSYS,
    fd_close: () => NOSYS,
    fd_seek: () => NOSYS,
    fd_fdstat_get: (fd: number, buf: number) => {
      if (fd !== 1 && fd !== 2) return BADF;
      const st = new Uint8Array(24);
      st[0] = 2; // __WASI_FILETYPE_CHARACTER_DEVICE
      m().write(buf, st);
      return OK;
    },
    fd_prestat_get: () => BADF,
    fd_prestat_dir_name: () => NOSYS,
    clock_time_get: (_id: number, _precision: bigint, ret: number) => {
      m().writeU64(ret, now(host));
      return OK;
    },
    random_get: (p: number, n: number) => {
      const out = new Uint8Array(n >>> 0);
      for (let i = 0; i < out.length; i += 65536) webcrypto.getRandomValues(out.subarray(i, i + 65536));
      m().write(p, out);
      return OK;
    },
    environ_get: () => OK,
    environ_sizes_get: (cnt: number, size: number) => {
      m().writeU32(cnt, 0);
      m().writeU32(size, 0);
      return OK;
    },
    args_get: () => OK,
    args_sizes_get: (cnt: number, size: number) => {
      m().writeU32(cnt, 0);
      m().writeU32(size, 0);
      return OK;
    },
    proc_exit: (code: number) => {
      throw new ProcExit(`proc_exit(${code})`);
    },
    sched_yield: () => OK,
    poll_oneoff: () => NOSYS,
  };
}

function now(host: Host): bigint {
  return host.options.now ? host.options.now() : BigInt(Date.now()) * 1_000_000n;
}

/** Concatenates two byte arrays. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
