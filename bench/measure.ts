// Measures one scenario three ways: the plugin, the no-op filter floor and the json-as floor.
import type { HttpStream } from "../host/stream.js";
import { Host, type HostOptions } from "../host/vm.js";
import { type Check, mcpHeaders, timeConfigure, timeRequest, timeResponse } from "./driver.js";
import { JsonFloor } from "./floors.js";
import { bytes } from "./payloads.js";
import { floorInput, type Scenario } from "./scenarios.js";
import { sample, type SamplePlan, summarize, type Summary } from "./stats.js";

/** Host options for every VM: a 16 MiB default buffer limit (the no-op filter sets none), logs kept at warn. */
export const HOST_OPTIONS: HostOptions = { bufferLimit: 16 * 1024 * 1024, logLevel: "warn" };

/** Compiled inputs shared by all scenarios. */
export interface Modules {
  plugin: Uint8Array;
  noop: Uint8Array;
  json: JsonFloor;
}

/** One measured row. */
export interface Row {
  name: string;
  plugin: Summary | null;
  noop: Summary | null;
  json: Summary | null;
  /** noop median + json median (ms) */
  floor: number;
  /** plugin median / floor */
  ratio: number;
  /** plugin VM linear memory after the scenario (bytes) */
  vmBytes: number;
  /** bytes the plugin receives in the timed phase */
  inputBytes: number;
  error?: string;
}

/** Builds the operation for one VM: returns a function timing one run (ns), checking results on the first call. */
function operation(host: Host, s: Scenario, check: Check | undefined): () => bigint {
  let first = true;
  const use = () => {
    const c = first ? (check ?? null) : null;
    first = false;
    return c;
  };
  if (s.kind === "configure") {
    const cfg = s.config();
    return () => timeConfigure(host, cfg);
  }
  const body = bytes(s.request!());
  const headers = mcpHeaders(body.length);
  if (s.kind === "request") return () => timeRequest(host, headers, body, use());
  const response = bytes(s.response!());
  return () => timeResponse(host, headers, body, response, use());
}

/** The no-op filter must hand the body on unchanged. */
function noopCheck(s: Scenario): Check {
  const want = s.kind === "response" ? s.response!() : s.request!();
  return (st: HttpStream) => {
    const m = s.kind === "response" ? st.getDownstreamResponse() : st.getUpstreamRequest();
    const got = m ? new TextDecoder().decode(m.body) : "";
    return got === want ? null : `no-op filter changed the body (${got.length} vs ${want.length} bytes)`;
  };
}

async function startedHost(wasm: Uint8Array, config: string, what: string): Promise<Host> {
  const host = await Host.load(wasm, HOST_OPTIONS);
  if (!host.startPlugin(config))
    throw new Error(`${what}: configuration rejected: ${host.getLogs("error").slice(0, 3).join("; ")}`);
  host.clearLogs();
  return host;
}

/** Measures a scenario (and its floors unless `floors` is false); a failure (rejected config, failed check, trap) becomes the row's error. */
export async function measure(s: Scenario, m: Modules, plan: SamplePlan, floors = true): Promise<Row> {
  const row: Row = { name: s.name, plugin: null, noop: null, json: null, floor: NaN, ratio: NaN, vmBytes: 0, inputBytes: 0 };
  try {
    const input = floorInput(s);
    row.inputBytes = input.length;
    const plugin = await startedHost(m.plugin, s.config(), "plugin");
    row.plugin = summarize(sample(operation(plugin, s, s.check), plan));
    row.vmBytes = plugin.memory.bytes().byteLength;
    if (!floors) return row;
    const noop = await startedHost(m.noop, s.config(), "no-op filter");
    row.noop = summarize(sample(operation(noop, s, s.kind === "configure" ? undefined : noopCheck(s)), plan));
    row.json = summarize(sample(() => m.json.time(input), plan));
    row.floor = row.noop.median + row.json.median;
    row.ratio = row.plugin.median / row.floor;
  } catch (e) {
    row.error = e instanceof Error ? e.message : String(e);
  }
  return row;
}
