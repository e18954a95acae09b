// Sequential tool calls of mixed sizes through one VM, sampling the guest's
// WebAssembly memory size (it only ever grows, so growth after warm-up = a leak).
import { FUZZ_CONFIG } from "./config.js";
import {
  InvariantError,
  checkRequestPhase,
  checkResponsePhase,
  loadPlugin,
  mcpHeaders,
  openStream,
  sendRequest,
  sendResponse,
  WASM,
} from "./harness.js";
import { hash32, Rng } from "./prng.js";
import type { Host } from "../../host/vm.js";

/** Result of memoryRun. */
export interface MemoryResult {
  calls: number;
  ms: number;
  /** memory.buffer.byteLength after the warm-up calls (10 %, at most 1,000). */
  warmBytes: number;
  endBytes: number;
  maxBytes: number;
}

/** Current size of the guest's linear memory in bytes. */
export function vmMemoryBytes(host: Host): number {
  return host.memory.bytes().byteLength;
}

const enc = new TextEncoder();
const TOOLS = ["query_tool", "json_body", "template_only", "response_tpl", "passthrough_tool", "body_template", "header_tool"];
const SIZES = [8, 8, 100, 1000, 10_000, 60_000];

/** One tools/call of a size picked by `rng`, answered by the backend; throws on a broken invariant. */
export function oneCall(host: Host, rng: Rng, i: number): void {
  const tool = rng.pick(TOOLS);
  const n = rng.pick(SIZES);
  // header values stay under maxHeaderValueBytes; template_only's b64enc is quadratic (known bug): keep it small
  const cap = tool === "header_tool" || tool === "body_template" ? 4000 : tool === "template_only" ? 1000 : n;
  const value = "v".repeat(Math.min(n, cap));
  const argsJson = tool === "header_tool" ? `{"x-s":"${value}"}` : `{"s":"${value}","i":${i},"a":["x","y"],"o":{"k":"v"}}`;
  const body = enc.encode(
    `{"jsonrpc":"2.0","id":${i},"method":"tools/call","params":{"name":"${tool}","arguments":${argsJson}}}`,
  );
  const s = openStream(host);
  sendRequest(s, mcpHeaders([["authorization", `Bearer tok-${i}`]]), [body]);
  const o = checkRequestPhase(host, s, `memory#${i}`);
  if (o.kind === "forwarded") {
    const resp = enc.encode(`{"items":[{"id":1,"name":"${"r".repeat(rng.pick(SIZES))}"}],"meta":{"total":1},"message":"m"}`);
    sendResponse(s, rng.chance(0.9) ? 200 : 500, [["content-type", "application/json"]], [resp]);
    checkResponsePhase(host, s, String(i), `memory#${i}`);
  } else if (o.status !== 200 || o.json?.result?.isError) {
    throw new InvariantError(`memory#${i}: ${tool} refused: ${o.body.slice(0, 200)}`);
  }
  s.complete();
}

/** Runs `calls` sequential calls and samples memory. */
export async function memoryRun(calls: number, seed = "memory", wasm: string = WASM.higress): Promise<MemoryResult> {
  const started = Date.now();
  const host = await loadPlugin(FUZZ_CONFIG, wasm ?? WASM.higress);
  const rng = new Rng(hash32(seed));
  const warm = Math.min(1000, Math.ceil(calls / 10));
  let warmBytes = 0;
  let maxBytes = 0;
  for (let i = 0; i < calls; i++) {
    oneCall(host, rng, i);
    if (i % 100 === 0) host.clearLogs();
    const b = vmMemoryBytes(host);
    if (b > maxBytes) maxBytes = b;
    if (i + 1 === warm) warmBytes = b;
  }
  return { calls, ms: Date.now() - started, warmBytes, endBytes: vmMemoryBytes(host), maxBytes };
}
