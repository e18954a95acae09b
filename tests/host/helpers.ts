// Shared helpers for host tests: guest paths and a started host.
import { fileURLToPath } from "node:url";
import { Host, type HostOptions } from "../../host/vm.js";

/** Path of a compiled test guest (build/guests/<name>.wasm, built by tests/fixtures/guests/build.mjs). */
export function guestPath(name: "guest_0_2_1" | "guest_0_2_100" | "guest_0_3_0" | "bad_import"): string {
  return fileURLToPath(new URL(`../../../build/guests/${name}.wasm`, import.meta.url));
}

/** Loads a guest and starts it with `script`; fails the test if the config is rejected. */
export async function started(
  script: string,
  options: HostOptions = {},
  name: Parameters<typeof guestPath>[0] = "guest_0_2_100",
): Promise<Host> {
  const host = await Host.load(guestPath(name), options);
  if (!host.startPlugin(script)) throw new Error(`config rejected: ${host.getLogs("error").join("; ")}`);
  return host;
}

/** Request headers of a POST with a body. */
export const POST: Array<[string, string]> = [
  [":method", "POST"],
  [":path", "/mcp"],
  [":authority", "localhost:8080"],
  [":scheme", "http"],
  ["content-type", "application/json"],
  ["content-length", "11"],
];

/** Header value from pairs. */
export function header(pairs: Array<[string, string]> | null | undefined, key: string): string | undefined {
  return pairs?.find(([k]) => k === key)?.[1];
}

/** UTF-8 decode. */
export function text(b: Uint8Array | undefined): string {
  return new TextDecoder().decode(b ?? new Uint8Array(0));
}
