// Body completeness at end of stream. Before Envoy 1.32 (envoyproxy/envoy#36411; Higress ≤ 2.1.x is on
// Envoy 1.27) the Wasm filter is called for the last DATA frame before that frame is added to the
// buffered body: with HTTP/2 the body read at end_of_stream misses the last frame, and a replaced
// body is followed by it. A Content-Length that differs from the buffered size at end of stream is
// that case (Envoy's codecs reject real mismatches): the plugin answers with a clear error instead
// of acting on half a body or producing corrupt JSON.

/** "" when `contentLength` (a header value or null) agrees with `size`; else the error text. */
export function incompleteBody(what: string, contentLength: string | null, size: u32): string {
  if (contentLength === null) return "";
  const cl = contentLength.trim();
  if (cl.length == 0 || cl.length > 15) return "";
  let n: u64 = 0;
  for (let i = 0; i < cl.length; i++) {
    const c = cl.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return "";
    n = n * 10 + <u64>(c - 0x30);
  }
  if (n == <u64>size) return "";
  return what + " incomplete: content-length is " + n.toString() + " but the gateway delivered " + size.toString() +
    " bytes at end of stream (Envoy before 1.32 drops the last HTTP/2 DATA frame; see README \"Deploying\")";
}
