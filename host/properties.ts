// Property lookup (proxy_get_property). Paths arrive as NUL-separated segments and are looked up
// joined with "." (Envoy attributes: https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/advanced/attributes).
import { utf8 } from "./memory.js";

/** Property values: strings are returned as UTF-8, byte arrays as is. */
export type PropertyValues = Record<string, string | Uint8Array>;

/** Higress-only properties written with proxy_set_property (higress-group/wasm-go pkg/wrapper/plugin_wrapper.go). */
export const HIGRESS_CLEAR_ROUTE_CACHE = "clear_route_cache";
/** Sets the request body buffer limit in bytes. */
export const HIGRESS_DECODER_BUFFER_LIMIT = "set_decoder_buffer_limit";
/** Sets the response body buffer limit in bytes. */
export const HIGRESS_ENCODER_BUFFER_LIMIT = "set_encoder_buffer_limit";

/** Looks `key` up in the given layers, first hit wins; undefined when absent (NotFound). */
export function lookupProperty(key: string, ...layers: Array<PropertyValues | undefined>): Uint8Array | undefined {
  for (const layer of layers) {
    if (!layer || !Object.prototype.hasOwnProperty.call(layer, key)) continue;
    const v = layer[key];
    return typeof v === "string" ? utf8(v) : v;
  }
  return undefined;
}

/** Encodes an integer property like Envoy (int64 little-endian, e.g. source.port, response.code). */
export function int64Property(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(n), true);
  return out;
}
