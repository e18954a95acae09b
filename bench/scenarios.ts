// The benchmark scenarios: what each sends, through which config, and how its result is checked.
import { deepStrictEqual } from "node:assert/strict";
import type { HttpStream } from "../host/stream.js";
import { callConfig, catalogConfig, ECHO_TOOL, LOOKUP_TOOL, RANGE_TOOL, RAW_TOOL, STRING_TOOL, TEXT_TOOL } from "./configs.js";
import { type Check, downstreamText, headerOf } from "./driver.js";
import {
  bytes,
  INITIALIZE,
  itemsDocument,
  jsonArguments,
  LOOKUP_ARGS,
  PING,
  stringDocument,
  TOOLS_LIST,
  toolsCall,
} from "./payloads.js";

/** request: one MCP request lifetime; response: the backend response path; configure: a config (re)load. */
export type ScenarioKind = "request" | "response" | "configure";

/** One table row to measure. Payload builders are lazy (the 1 MB ones are only built when run). */
export interface Scenario {
  name: string;
  kind: ScenarioKind;
  /** Plugin configuration (JSON text). */
  config: () => string;
  /** MCP request body (request and response kinds). */
  request?: () => string;
  /** Backend response body (response kind). */
  response?: () => string;
  /** Checks the plugin's result (never timed). */
  check?: Check;
  /** Name of the same-size scenario without escapes; the report prints this row's ratio to it. */
  twin?: string;
}

/** 1 KB = 1,000 bytes; 1 MB = 1,000,000 bytes. */
const KB = 1000;
const MB = 1000 * 1000;

function rpcResult(s: HttpStream): any {
  const text = downstreamText(s);
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: text.slice(0, 200) };
  }
}

function expectResult(pred: (r: any) => boolean, what: string): Check {
  return (s) => {
    const j = rpcResult(s);
    return j && j.result !== undefined && pred(j.result) ? null : `expected ${what}, got ${JSON.stringify(j).slice(0, 300)}`;
  };
}

function forwardedBody(s: HttpStream): string | null {
  const up = s.getUpstreamRequest();
  return up && s.requestState === "forwarded" ? new TextDecoder().decode(up.body) : null;
}

function echoCheck(args: () => string): Check {
  return (s) => {
    const body = forwardedBody(s);
    if (body === null) return `tools/call not forwarded (${s.requestState}): ${downstreamText(s).slice(0, 200)}`;
    const path = headerOf(s.getUpstreamRequest()!.headers, ":path");
    if (path !== "/echo") return `unexpected :path ${path}`;
    try {
      deepStrictEqual(JSON.parse(body), JSON.parse(args()));
    } catch {
      return `backend body differs from the arguments (${body.length} bytes)`;
    }
    return null;
  };
}

const lookupCheck: Check = (s) => {
  if (forwardedBody(s) === null) return `tools/call not forwarded (${s.requestState}): ${downstreamText(s).slice(0, 200)}`;
  const h = s.getUpstreamRequest()!.headers;
  const path = headerOf(h, ":path") ?? "";
  const ok =
    path.startsWith("/users/u-12345/orders?") &&
    path.includes("status=open") &&
    path.includes("limit=25") &&
    path.includes("verbose=true") &&
    headerOf(h, "x-request-tag") === "bench" &&
    headerOf(h, "x-tenant") === "acme";
  return ok ? null : `unexpected backend request ${JSON.stringify(h)}`;
};

function rawCheck(doc: () => string): Check {
  return expectResult((r) => r.isError !== true && r.content?.[0]?.text === doc(), "the raw response as text");
}

const rangeCheck: Check = expectResult(
  (r) =>
    r.isError !== true &&
    typeof r.content?.[0]?.text === "string" &&
    r.content[0].text.startsWith("- 1 item-1 <user1@example.com>: "),
  "range template output",
);

function cached<T>(f: () => T): () => T {
  let v: T | undefined;
  return () => (v === undefined ? (v = f()) : v);
}

function callScenario(label: string, size: number): Scenario {
  const args = cached(() => jsonArguments(size));
  return {
    name: `tools/call json body, args ${label}`,
    kind: "request",
    config: cached(callConfig),
    request: cached(() => toolsCall(ECHO_TOOL, args())),
    check: echoCheck(args),
  };
}

function responseScenario(label: string, size: number, range: boolean): Scenario {
  const doc = cached(() => itemsDocument(size));
  return {
    name: `response ${range ? "range template" : "raw"} ${label}`,
    kind: "response",
    config: cached(callConfig),
    request: () => toolsCall(range ? RANGE_TOOL : RAW_TOOL, "{}"),
    response: doc,
    check: range ? rangeCheck : rawCheck(doc),
  };
}

/** tools/call of STRING_TOOL with a 1 MB `s` (escape-heavy or plain): linear time on hostile strings. */
function stringCallScenario(escapes: boolean): Scenario {
  const args = cached(() => stringDocument("s", MB, escapes));
  const want = cached(() => JSON.stringify({ text: JSON.parse(args()).s }));
  return {
    name: `tools/call string arg 1 MB${escapes ? ", escapes" : ""}`,
    kind: "request",
    config: cached(callConfig),
    request: cached(() => toolsCall(STRING_TOOL, args())),
    twin: escapes ? "tools/call string arg 1 MB" : undefined,
    check: (s) => {
      const body = forwardedBody(s);
      if (body === null) return `tools/call not forwarded (${s.requestState}): ${downstreamText(s).slice(0, 200)}`;
      return body === want() ? null : `backend body differs from the argument (${body.length} bytes)`;
    },
  };
}

/** A 1 MB backend `{"text":"…"}` (escape-heavy or plain) through the `{{.text}}` response template. */
function stringResponseScenario(escapes: boolean): Scenario {
  const doc = cached(() => stringDocument("text", MB, escapes));
  return {
    name: `response string template 1 MB${escapes ? ", escapes" : ""}`,
    kind: "response",
    config: cached(callConfig),
    request: () => toolsCall(TEXT_TOOL, "{}"),
    response: doc,
    twin: escapes ? "response string template 1 MB" : undefined,
    check: expectResult(
      (r) => r.isError !== true && r.content?.[0]?.text === JSON.parse(doc()).text,
      "the decoded string as text",
    ),
  };
}

function configureScenario(n: number): Scenario {
  return { name: `configure ${n.toLocaleString("en-US")} tools`, kind: "configure", config: cached(() => catalogConfig(n)) };
}

const config10 = cached(() => catalogConfig(10));
const config1000 = cached(() => catalogConfig(1000));

/** Every scenario, in table order. */
export const SCENARIOS: Scenario[] = [
  {
    name: "initialize",
    kind: "request",
    config: config10,
    request: () => INITIALIZE,
    check: expectResult((r) => typeof r.protocolVersion === "string", "an InitializeResult"),
  },
  {
    name: "ping",
    kind: "request",
    config: config10,
    request: () => PING,
    check: expectResult((r) => typeof r === "object" && Object.keys(r).length === 0, "an empty result"),
  },
  {
    name: "tools/list 10 tools",
    kind: "request",
    config: config10,
    request: () => TOOLS_LIST,
    check: expectResult((r) => r.tools?.length === 10, "10 tools"),
  },
  {
    name: "tools/list 1,000 tools",
    kind: "request",
    config: config1000,
    request: () => TOOLS_LIST,
    check: expectResult((r) => r.tools?.length === 1000, "1000 tools"),
  },
  callScenario("200 B", 200),
  callScenario("10 KB", 10 * KB),
  callScenario("1 MB", MB),
  {
    name: "tools/call path+query+header args",
    kind: "request",
    config: cached(callConfig),
    request: () => toolsCall(LOOKUP_TOOL, LOOKUP_ARGS),
    check: lookupCheck,
  },
  responseScenario("1 KB", KB, false),
  responseScenario("100 KB", 100 * KB, false),
  responseScenario("1 MB", MB, false),
  responseScenario("1 KB", KB, true),
  responseScenario("100 KB", 100 * KB, true),
  responseScenario("1 MB", MB, true),
  stringCallScenario(false),
  stringCallScenario(true),
  stringResponseScenario(false),
  stringResponseScenario(true),
  configureScenario(10),
  configureScenario(100),
  configureScenario(1000),
];

/** Names of every scenario row (the smoke test expects each one). */
export const SCENARIO_NAMES: string[] = SCENARIOS.map((s) => s.name);

/** Bytes the plugin receives in the timed phase (the JSON floor runs on exactly these). */
export function floorInput(s: Scenario): Uint8Array {
  if (s.kind === "configure") return bytes(s.config());
  if (s.kind === "response") return bytes(s.response!());
  return bytes(s.request!());
}
