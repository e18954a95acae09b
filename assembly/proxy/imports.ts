// Raw host functions of the proxy-wasm ABI 0.2.x, as Envoy registers them
// (proxy-wasm/spec abi-versions/v0.2.1/README.md; proxy-wasm-cpp-host
// src/exports.cc). Only assembly/proxy/ may use these; plugin code goes
// through host.ts. Every one here is in Envoy's registered set.

// https://github.com/proxy-wasm/spec/tree/main/abi-versions/v0.2.1#proxy_log
@external("env", "proxy_log")
export declare function proxy_log(level: u32, ptr: usize, len: usize): u32;
// #proxy_get_log_level
@external("env", "proxy_get_log_level")
export declare function proxy_get_log_level(retLevel: usize): u32;
// #proxy_get_current_time_nanoseconds
@external("env", "proxy_get_current_time_nanoseconds")
export declare function proxy_get_current_time_nanoseconds(retTime: usize): u32;
// #proxy_set_effective_context
@external("env", "proxy_set_effective_context")
export declare function proxy_set_effective_context(contextId: u32): u32;
// #proxy_get_property
@external("env", "proxy_get_property")
export declare function proxy_get_property(pathPtr: usize, pathLen: usize, retData: usize, retSize: usize): u32;
// #proxy_set_property
@external("env", "proxy_set_property")
export declare function proxy_set_property(pathPtr: usize, pathLen: usize, valPtr: usize, valLen: usize): u32;
// #proxy_get_buffer_bytes
@external("env", "proxy_get_buffer_bytes")
export declare function proxy_get_buffer_bytes(bufferType: u32, start: u32, maxSize: u32, retData: usize, retSize: usize): u32;
// #proxy_get_buffer_status
@external("env", "proxy_get_buffer_status")
export declare function proxy_get_buffer_status(bufferType: u32, retLength: usize, retFlags: usize): u32;
// #proxy_set_buffer_bytes
@external("env", "proxy_set_buffer_bytes")
export declare function proxy_set_buffer_bytes(bufferType: u32, start: u32, size: u32, dataPtr: usize, dataLen: usize): u32;
// #proxy_get_header_map_pairs
@external("env", "proxy_get_header_map_pairs")
export declare function proxy_get_header_map_pairs(mapType: u32, retData: usize, retSize: usize): u32;
// #proxy_set_header_map_pairs
@external("env", "proxy_set_header_map_pairs")
export declare function proxy_set_header_map_pairs(mapType: u32, ptr: usize, len: usize): u32;
// #proxy_get_header_map_value
@external("env", "proxy_get_header_map_value")
export declare function proxy_get_header_map_value(mapType: u32, keyPtr: usize, keyLen: usize, retData: usize, retSize: usize): u32;
// #proxy_replace_header_map_value
@external("env", "proxy_replace_header_map_value")
export declare function proxy_replace_header_map_value(mapType: u32, keyPtr: usize, keyLen: usize, valPtr: usize, valLen: usize): u32;
// #proxy_remove_header_map_value
@external("env", "proxy_remove_header_map_value")
export declare function proxy_remove_header_map_value(mapType: u32, keyPtr: usize, keyLen: usize): u32;
// #proxy_send_local_response
@external("env", "proxy_send_local_response")
export declare function proxy_send_local_response(status: u32, detailsPtr: usize, detailsLen: usize, bodyPtr: usize, bodyLen: usize, headersPtr: usize, headersLen: usize, grpcStatus: i32): u32;
// #proxy_continue_stream
@external("env", "proxy_continue_stream")
export declare function proxy_continue_stream(streamType: u32): u32;
// #proxy_http_call (dispatch_http_call)
@external("env", "proxy_http_call")
export declare function proxy_http_call(upstreamPtr: usize, upstreamLen: usize, headersPtr: usize, headersLen: usize, bodyPtr: usize, bodyLen: usize, trailersPtr: usize, trailersLen: usize, timeoutMs: u32, retToken: usize): u32;
// #proxy_define_metric
@external("env", "proxy_define_metric")
export declare function proxy_define_metric(metricType: u32, namePtr: usize, nameLen: usize, retId: usize): u32;
// #proxy_increment_metric
@external("env", "proxy_increment_metric")
export declare function proxy_increment_metric(metricId: u32, offset: i64): u32;
// #proxy_record_metric
@external("env", "proxy_record_metric")
export declare function proxy_record_metric(metricId: u32, value: u64): u32;
