// Case generators for the fuzz targets: JSON-RPC bodies, tool arguments, client
// credentials, backend bodies and plugin configs (all driven by the seeded Rng).
import { gzipSync } from "node:zlib";
import { FUZZ_CONFIG, FUZZ_TOOLS } from "./config.js";
import {
  INVALID_UTF8,
  NASTY_NUMBERS,
  NASTY_STRINGS,
  bytesOf,
  deepNesting,
  jsonStringLiteral,
  jsonValue,
  mutateBytes,
  randomString,
} from "./gen.js";
import { mcpHeaders } from "./harness.js";
import type { Pairs } from "../../host/memory.js";
import type { Rng } from "./prng.js";

export type ToolCfg = (typeof FUZZ_CONFIG.tools)[number] & { args?: Array<{ name: string; type: string; position?: string }> };
export const TOOLS = new Map<string, ToolCfg>(FUZZ_CONFIG.tools.map((t) => [t.name, t as ToolCfg]));
// ---------- generators ----------

/** A value of `type` (valid), or of a random other type. */
export function argValue(rng: Rng, type: string, valid: boolean): string {
  const t = valid ? type : rng.pick(["string", "number", "integer", "boolean", "array", "object", "null", "nasty"]);
  switch (t) {
    case "string":
      return jsonStringLiteral(rng, rng.chance(0.02) ? 5000 : 40);
    case "number":
      return rng.pick(NASTY_NUMBERS);
    case "integer":
      return rng.pick(["0", "1", "-7", "42", "2147483647", "9007199254740993", "1e3", "1.5", "-0"]);
    case "boolean":
      return rng.pick(["true", "false"]);
    case "array":
      return "[" + Array.from({ length: rng.size(5) }, () => jsonStringLiteral(rng, 20)).join(",") + "]";
    case "object":
      return rng.chance(0.5) ? `{"k":${jsonStringLiteral(rng, 20)}}` : jsonValue(rng, 3).replace(/^[^{].*$/s, "{}");
    case "null":
      return "null";
    default:
      return jsonValue(rng, 3);
  }
}

/** `arguments` for `tool`: each known argument maybe, with valid or wrong types, plus stray keys. */
export function argumentsFor(rng: Rng, tool: ToolCfg | undefined, validProb: number): string {
  const members: string[] = [];
  for (const a of tool?.args ?? []) {
    if (rng.chance(0.8)) members.push(JSON.stringify(a.name) + ":" + argValue(rng, a.type, rng.chance(validProb)));
  }
  if (rng.chance(0.1)) members.push(jsonStringLiteral(rng, 12) + ":" + jsonValue(rng, 2));
  if (rng.chance(0.05) && members.length) members.push(members[rng.int(members.length)]);
  for (let i = members.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [members[i], members[j]] = [members[j], members[i]];
  }
  return "{" + members.join(",") + "}";
}

/** Valid arguments for `tool`. */
export function validArguments(rng: Rng, tool: ToolCfg): string {
  const members: string[] = [];
  for (const a of tool.args ?? []) {
    if (a.name === "count") members.push('"count":' + rng.range(0, 99));
    else if (a.name === "mode") members.push('"mode":' + JSON.stringify(rng.pick(["short", "long"])));
    else if (a.type === "string") members.push(JSON.stringify(a.name) + ":" + JSON.stringify("v" + rng.int(1000)));
    else if (a.type === "number" || a.type === "integer") members.push(JSON.stringify(a.name) + ":" + rng.int(1000));
    else if (a.type === "boolean") members.push(JSON.stringify(a.name) + ":" + rng.pick(["true", "false"]));
    else if (a.type === "array") members.push(JSON.stringify(a.name) + ':["x","y"]');
    else members.push(JSON.stringify(a.name) + ':{"k":"v"}');
  }
  return "{" + members.join(",") + "}";
}

export function toolsCall(id: string, name: string, args: string | null): string {
  const a = args === null ? "" : `,"arguments":${args}`;
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":${JSON.stringify(name)}${a}}}`;
}

export const METHODS = [
  "initialize",
  "ping",
  "tools/list",
  "tools/call",
  "server/discover",
  "notifications/initialized",
  "resources/list",
  "x",
];

/** A JSON-RPC request body: well-formed, wrong types, mutated, deep, huge, batched, invalid UTF-8. */
export function rpcBody(rng: Rng, big: boolean): Uint8Array {
  const r = rng.int(12);
  const id = rng.chance(0.7) ? String(rng.int(1000)) : rng.chance(0.5) ? jsonStringLiteral(rng) : jsonValue(rng, 2);
  switch (r) {
    case 0:
    case 1:
    case 2: {
      const members: string[] = [];
      if (rng.chance(0.9)) members.push('"jsonrpc":' + (rng.chance(0.85) ? '"2.0"' : jsonValue(rng, 1)));
      if (rng.chance(0.9)) members.push('"id":' + id);
      if (rng.chance(0.95))
        members.push('"method":' + (rng.chance(0.85) ? JSON.stringify(rng.pick(METHODS)) : jsonValue(rng, 1)));
      if (rng.chance(0.8)) {
        const name = rng.chance(0.7) ? JSON.stringify(rng.pick(FUZZ_TOOLS)) : jsonValue(rng, 1);
        const p = rng.chance(0.85)
          ? `{"name":${name},"arguments":${rng.chance(0.8) ? argumentsFor(rng, TOOLS.get(JSON.parse(name)), 0.5) : jsonValue(rng, 3)}` +
            (rng.chance(0.1) ? ',"cursor":' + jsonValue(rng, 1) : "") +
            (rng.chance(0.05) ? ',"name":"x"' : "") +
            "}"
          : jsonValue(rng, 3);
        members.push('"params":' + p);
      }
      if (rng.chance(0.05)) members.push(rng.pick(['"id":2', '"method":"ping"', '"jsonrpc":"2.0"', '"result":{}', '"error":{}']));
      return bytesOf("{" + members.join(rng.chance(0.1) ? " , " : ",") + "}");
    }
    case 3:
      return bytesOf(jsonValue(rng, 6));
    case 4:
      return bytesOf(deepNesting(rng, big && rng.chance(0.1) ? 100_000 : 400));
    case 5: {
      const n = rng.chance(0.1) && big ? rng.range(100_000, 900_000) : rng.range(1000, 20_000);
      const fill = rng.pick(["x", "é", "\\n", "\\u0041", "😀"]).repeat(n / 4);
      // Not template_only: its b64enc/title/urlquery are quadratic (BUG in tests/hardening/limits.test.ts).
      const tool = n > 20_000 ? rng.pick(["query_tool", "json_body", "header_tool", fill.slice(0, 2000)]) : rng.pick(FUZZ_TOOLS);
      return bytesOf(toolsCall(id, tool, `{"s":"${fill}","x-s":"${fill}"}`));
    }
    case 6:
      return bytesOf(
        `{"jsonrpc":"2.0","id":${rng.pick(["1".repeat(rng.range(20, 5000)), "1e" + "9".repeat(rng.range(1, 400)), "-" + "0".repeat(300) + "1", "0." + "1".repeat(1000)])},"method":"ping"}`,
      );
    case 7: {
      const items = Array.from({ length: rng.range(0, 5) }, () => `{"jsonrpc":"2.0","id":${rng.int(9)},"method":"ping"}`);
      return bytesOf("[" + items.join(",") + "]");
    }
    case 8:
    case 9:
      return mutateBytes(
        rng,
        bytesOf(toolsCall(id, rng.pick(FUZZ_TOOLS), argumentsFor(rng, TOOLS.get(rng.pick(FUZZ_TOOLS)), 0.7))),
      );
    case 10: {
      const s = toolsCall(id, rng.pick(FUZZ_TOOLS), `{"s":"AAAA","x-s":"BBBB","cs":"CCCC"}`);
      const b = Array.from(bytesOf(s));
      const at = s.indexOf(rng.pick(["AAAA", "BBBB", "CCCC", "2.0", "tools"]));
      b.splice(at + 1, rng.int(2), ...rng.pick(INVALID_UTF8));
      return Uint8Array.from(b);
    }
    default:
      return bytesOf(rng.pick(["", " ", "\n\t ", "\ufeff{}", "null", "{}", "[]", '"x"', "0", "{", "}", "\u0000"]));
  }
}

/** A header value a client can send (Envoy's codec rejects CR, LF and NUL). */
export function headerText(rng: Rng, n: number): string {
  return randomString(rng, n).replace(/[\r\n\0]/g, "");
}

/** Mostly valid MCP headers; sometimes the method, Origin, protocol version or content type is off. */
export function requestHeaders(rng: Rng, extra: Pairs = []): Pairs {
  const h = mcpHeaders(extra);
  if (rng.chance(0.9)) return h;
  const r = rng.int(5);
  if (r === 0) h[0] = [":method", rng.pick(["GET", "DELETE", "PUT", "OPTIONS", "post", ""])];
  else if (r === 1)
    h.push(["origin", rng.pick(["https://evil.test", "null", "http://localhost", "https://mcp.test", headerText(rng, 30)])]);
  else if (r === 2)
    h.push(["mcp-protocol-version", rng.pick(["2025-06-18", "2025-03-26", "2024-11-05", "1999-01-01", "", headerText(rng, 20)])]);
  else if (r === 3)
    h[4] = [
      "content-type",
      rng.pick(["text/plain", "application/json; charset=utf-8", "application/foo+json", "", headerText(rng, 20)]),
    ];
  else h.push(["x-envoy-allow-mcp-tools", rng.pick(["", "*", "query_tool", "none,path_tool", headerText(rng, 20)])]);
  return h;
}

/** Client credential headers: none, a client bearer token, or junk. Returns [headers, token or ""]. */
export function clientAuth(rng: Rng): [Pairs, string] {
  const tok = "client-tok-" + rng.next().toString(36) + rng.next().toString(36);
  const r = rng.int(6);
  if (r === 0) return [[], ""];
  if (r <= 2) return [[["authorization", "Bearer " + tok]], tok];
  if (r === 3) return [[["authorization", rng.pick(["Bearer", "Bearer ", "Basic " + tok, "bearer " + tok + " x", tok])]], tok];
  if (r === 4)
    return [
      [
        ["authorization", "Bearer " + tok],
        ["authorization", "Bearer other-" + tok],
      ],
      tok,
    ];
  // Envoy's codec rejects CR, LF and NUL in header values, so a client cannot send them.
  return [
    [
      ["cookie", "session=" + tok],
      ["x-forwarded-for", headerText(rng, 20)],
    ],
    tok,
  ];
}

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "text/plain",
  "text/html",
  "image/png",
  "image/svg+xml",
  "application/octet-stream",
  "",
  "IMAGE/JPEG; q=1",
  "multipart/form-data; boundary=x",
];

/** A backend response body. */
export function backendBody(rng: Rng, big: boolean, secret: string): Uint8Array {
  switch (rng.int(10)) {
    case 0:
      return bytesOf(jsonValue(rng, 5));
    case 1:
      return bytesOf(
        '{"items":[' +
          Array.from({ length: rng.size(50) }, (_, i) => `{"id":${i},"name":${jsonStringLiteral(rng)}}`).join(",") +
          '],"meta":{"total":3},"message":' +
          jsonStringLiteral(rng) +
          "}",
      );
    case 2: {
      const t = bytesOf(jsonValue(rng, 5));
      return t.subarray(0, rng.int(t.length));
    }
    case 3:
      return mutateBytes(rng, bytesOf('{"error":{"message":"bad ' + secret + '","code":7}}'));
    case 4:
      return gzipSync(bytesOf(jsonValue(rng, 4)));
    case 5:
      return rng.bytes(rng.size(big ? 300_000 : 5000));
    case 6:
      return new Uint8Array(0);
    case 7:
      return bytesOf("error: " + secret + " " + "x".repeat(rng.size(2000)) + " " + secret);
    case 8:
      return bytesOf(
        big && rng.chance(0.05)
          ? '{"a":"' + "y".repeat(rng.range(1_000_000, 5_000_000)) + '"}'
          : '{"a":' + jsonValue(rng, 2) + "}",
      );
    default:
      return bytesOf(rng.pick(["null", "[]", "{}", "true", "1e999", '"s"', "<html><body>502</body></html>", "\ufeff{}"]));
  }
}

// ----- configs -----

export const TEMPLATE_JUNK = [
  "{{",
  "}}",
  "{{.args.x | nosuch}}",
  "{{range}}",
  "{{end}}",
  "{{if}}",
  '{{template "x"}}',
  '{{define "a"}}{{end}}',
  '{{printf "%d" .args}}',
  "{{index .args 99999999999}}",
  "{{slice .args.s 5 1}}",
  '{{repeat 999999999 "x"}}',
  "{{div 1 0}}",
  '{{fromJson "{"}}',
  '{{b64dec "!!"}}',
  "{{ $x := 1 }}{{ $x }}",
  "{{/* c */}}",
  "{{- .args -}}",
  "{{.config.a.b.c.d}}",
  '{{gjson ".."}}',
];

export function mutateConfig(rng: Rng, v: any, depth: number): any {
  if (depth > 6 || v === null || typeof v !== "object") {
    if (typeof v === "string" && rng.chance(0.5))
      return rng.pick([...TEMPLATE_JUNK, ...NASTY_STRINGS, v + rng.pick(TEMPLATE_JUNK)]);
    return JSON.parse(jsonValue(rng, 2));
  }
  const copy: any = Array.isArray(v) ? [...v] : { ...v };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const k = rng.pick(keys);
  const op = rng.int(6);
  if (op === 0) delete copy[k];
  else if (op === 1) copy[k] = JSON.parse(jsonValue(rng, 2));
  else if (op === 2 && Array.isArray(copy)) copy.push(copy[rng.int(copy.length)]);
  else if (op === 3 && !Array.isArray(copy))
    copy[rng.pick(["extra", "limits", "_rules_", "args", "security", "position", "type", "url", "id"])] = JSON.parse(
      jsonValue(rng, 2),
    );
  else copy[k] = mutateConfig(rng, copy[k], depth + 1);
  return copy;
}

export const LIMITS_JUNK = () => ({
  maxRequestBodyBytes: 0,
  maxJsonDepth: 999,
  maxArguments: -1,
  maxTemplateOutputBytes: "x",
  maxHeaderValueBytes: 1e30,
  nope: 1,
});

/** A config text: structural mutations of FUZZ_CONFIG, text mutations, or random JSON. */
export function configText(rng: Rng): string {
  const r = rng.int(10);
  if (r <= 4) {
    let c: any = FUZZ_CONFIG;
    for (let i = rng.range(1, 3); i > 0; i--) c = mutateConfig(rng, c, 0);
    if (rng.chance(0.1))
      c = {
        ...c,
        server: {
          ...(c.server ?? {}),
          limits: rng.chance(0.5) ? LIMITS_JUNK() : { maxJsonDepth: rng.range(1, 256), maxArguments: rng.range(1, 10) },
        },
      };
    if (rng.chance(0.1)) c = { ...c, _rules_: [{ _match_route_: ["mcp-route"], ...c }, { _match_domain_: [jsonValue(rng, 1)] }] };
    return JSON.stringify(c);
  }
  if (r <= 7) return new TextDecoder().decode(mutateBytes(rng, bytesOf(JSON.stringify(FUZZ_CONFIG))));
  if (r === 8) return jsonValue(rng, 5);
  return rng.pick([
    "",
    "{}",
    "null",
    "[]",
    '{"server":{}}',
    '{"server":{"name":"x"},"tools":[]}',
    "{".repeat(rng.range(1, 5000)),
    '{"server":{"name":"a","name":"b"}}',
  ]);
}
