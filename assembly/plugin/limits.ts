// The per-stream buffer limit the plugin asks the gateway for. In Higress's Envoy fork both
// set_decoder_buffer_limit and set_encoder_buffer_limit set ONE per-stream limit
// (FilterManager::setBufferLimit, envoyproxy/envoy#23774; the last write wins), so one value must
// cover both directions; maxRequestBodyBytes is enforced by the plugin itself (filter.ts). The
// headroom (2 × the larger limit + 64 KiB) lets the plugin, not Envoy, see an oversized body and
// answer with a JSON-RPC error before Envoy's buffer overflows into a bare 413 / 500.
// Upstream Envoy ignores both properties: examples/demo/envoy.ts sets the same value as the
// listener's and clusters' per_connection_buffer_limit_bytes.
import { Limits } from "../config/types";

/** One buffer limit covering requests and responses, capped at u32. */
export function streamBufferLimit(l: Limits): u64 {
  const m = <u64>max(l.maxRequestBodyBytes, l.maxResponseBodyBytes);
  const v = m * 2 + 65536;
  return v > <u64>u32.MAX_VALUE ? <u64>u32.MAX_VALUE : v;
}
