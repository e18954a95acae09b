// Entry for Higress: ABI marker 0_2_100 (Higress passes header StopIteration
// through only for this marker). Registration only; no logic.
export * from "./proxy/exports";
import "./proxy/abort";
import { registerPlugin } from "./plugin/register";

/** proxy-wasm ABI marker understood by Higress's proxy-wasm-cpp-host fork. */
export function proxy_abi_version_0_2_100(): void {}

registerPlugin();
