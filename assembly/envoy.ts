// Entry for upstream Envoy ≥ 1.35: ABI marker 0_2_1 (the Wasm filter needs
// `allow_on_headers_stop_iteration: true`). Registration only; no logic.
export * from "./proxy/exports";
import "./proxy/abort";
import { registerPlugin } from "./plugin/register";

/** proxy-wasm ABI marker understood by upstream Envoy. */
export function proxy_abi_version_0_2_1(): void {}

registerPlugin();
