// The root (plugin) context: configuration buffers and plugin-wide properties.
import { BufferType, LogLevel, type MapType, type StreamType, WasmResult } from "./abi.js";
import type { BufferRef, HostContext, LocalResponse } from "./context.js";
import type { HeaderMap } from "./headers.js";
import { utf8 } from "./memory.js";
import { lookupProperty } from "./properties.js";
import type { Host } from "./vm.js";

/** Root context: one per plugin configuration (Envoy creates a new one on config reload). */
export class RootContext implements HostContext {
  /** PluginConfiguration bytes, set only while proxy_on_configure runs (Envoy temp_plugin_). */
  pluginConfiguration: Uint8Array | null = null;
  private readonly props = new Map<string, Uint8Array>();

  constructor(
    private readonly host: Host,
    readonly id: number,
  ) {}

  /** Root contexts have no header maps (the HttpCallResponse maps are handled by the hostcalls). */
  getMap(_type: MapType): HeaderMap | null {
    return null;
  }

  /** VmConfiguration always; PluginConfiguration only during configure. */
  getBuffer(type: BufferType): BufferRef | null {
    if (type === BufferType.VmConfiguration) return constBuffer(utf8(this.host.options.vmConfiguration ?? ""));
    if (type === BufferType.PluginConfiguration && this.pluginConfiguration) return constBuffer(this.pluginConfiguration);
    return null;
  }

  /** Own properties, then host properties and plugin builtins. */
  getProperty(path: string[]): Uint8Array | undefined {
    const key = path.join(".");
    return this.props.get(key) ?? lookupProperty(key, this.host.options.properties, {});
  }

  /** Stores a property on the root context. */
  setProperty(path: string[], value: Uint8Array): WasmResult {
    this.props.set(path.join("."), value);
    return WasmResult.Ok;
  }

  /** Envoy accepts the call but a root context has no stream to reply on: a no-op. */
  sendLocalResponse(_reply: LocalResponse): WasmResult {
    this.host.log(LogLevel.Debug, "host: proxy_send_local_response on the root context has no stream (ignored)", this.id);
    return WasmResult.Ok;
  }

  /** Envoy: no decoder callbacks on a root context, so nothing is continued. */
  continueStream(_type: StreamType): WasmResult {
    this.host.log(
      LogLevel.Debug,
      "host: proxy_continue_stream on the root context has no stream (ignored; call proxy_set_effective_context first)",
      this.id,
    );
    return WasmResult.Ok;
  }

  /** Nothing to close on a root context. */
  closeStream(_type: StreamType): WasmResult {
    return WasmResult.Ok;
  }
}

/** A read-only buffer (set_buffer_bytes → BadArgument, like Envoy const buffers). */
export function constBuffer(data: Uint8Array): BufferRef {
  return {
    get: () => data,
    set: () => {
      throw new ConstBufferError();
    },
  };
}

/** Thrown by set() of a read-only buffer. */
export class ConstBufferError extends Error {}
