// Root and HTTP context base classes and the context registry. The host
// creates contexts by id; plugin code subclasses these and registers a root
// factory from its entry file.
import { HEADERS_CONTINUE, DATA_CONTINUE, TRAILERS_CONTINUE, LOG_WARN } from "./enums";
import { log } from "./host";

/** Per-VM/plugin context: configuration, HTTP call responses, stream factory. */
export class RootContext {
  id: u32;
  constructor(id: u32) {
    this.id = id;
  }
  /** VM start; return false to fail the VM. */
  onVmStart(vmConfigSize: u32): bool {
    return true;
  }
  /** New plugin configuration of `size` bytes; return false to reject it. */
  onConfigure(size: u32): bool {
    return true;
  }
  /** Create the context of a new HTTP stream. */
  createHttpContext(id: u32): HttpContext {
    return new HttpContext(id, this);
  }
  /** Periodic timer. */
  onTick(): void {}
  /** An http_call response arrived (headerCount 0 = timeout/reset); the root that dispatched it resumes its streams. Default: drop it. */
  onHttpCallResponse(token: u32, headerCount: u32, bodySize: u32): void {}
}

/** Per-stream context; default callbacks pass everything through. */
export class HttpContext {
  id: u32;
  root: RootContext;
  constructor(id: u32, root: RootContext) {
    this.id = id;
    this.root = root;
  }
  onRequestHeaders(headerCount: u32, endOfStream: bool): u32 {
    return HEADERS_CONTINUE;
  }
  onRequestBody(bodySize: u32, endOfStream: bool): u32 {
    return DATA_CONTINUE;
  }
  /** Request trailers: they end the request (the body callback saw no end_of_stream). */
  onRequestTrailers(trailerCount: u32): u32 {
    return TRAILERS_CONTINUE;
  }
  onResponseHeaders(headerCount: u32, endOfStream: bool): u32 {
    return HEADERS_CONTINUE;
  }
  onResponseBody(bodySize: u32, endOfStream: bool): u32 {
    return DATA_CONTINUE;
  }
  /** Response trailers: they end the response. */
  onResponseTrailers(trailerCount: u32): u32 {
    return TRAILERS_CONTINUE;
  }
  onDone(): void {}
  onLog(): void {}
  onDelete(): void {}
}

/** Factory for the root context, set by the plugin's entry file. */
let rootFactory: ((id: u32) => RootContext) | null = null;
const roots = new Map<u32, RootContext>();
const streams = new Map<u32, HttpContext>();

/** Register the plugin's root context factory (entry files call this once). */
export function registerRootFactory(f: (id: u32) => RootContext): void {
  rootFactory = f;
}

/** Create a root (parent 0) or stream context. */
export function createContext(id: u32, parent: u32): void {
  if (parent == 0) {
    const f = rootFactory;
    roots.set(id, f === null ? new RootContext(id) : f(id));
    return;
  }
  if (!roots.has(parent)) {
    log(LOG_WARN, "proxy: stream context " + id.toString() + " has unknown root " + parent.toString());
    return;
  }
  streams.set(id, roots.get(parent).createHttpContext(id));
}

/** Root context by id, or null. */
export function rootById(id: u32): RootContext | null {
  return roots.has(id) ? roots.get(id) : null;
}

/** Stream context by id, or null. */
export function streamById(id: u32): HttpContext | null {
  return streams.has(id) ? streams.get(id) : null;
}

/** Forget a context. */
export function deleteContext(id: u32): void {
  if (streams.has(id)) streams.delete(id);
  else if (roots.has(id)) roots.delete(id);
}

/** Route an http_call response to the root context that dispatched it. */
export function routeHttpCallResponse(rootId: u32, token: u32, headerCount: u32, bodySize: u32): void {
  const root = rootById(rootId);
  if (root !== null) root.onHttpCallResponse(token, headerCount, bodySize);
}
