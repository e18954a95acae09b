// Fuzz targets. Each case is a pure function of (seed, target, index): its Rng is
// derived from them, so any failing case can be replayed (also on build/debug.wasm).
import type { Host } from "../../host/vm.js";
import type { HttpStream } from "../../host/stream.js";
import type { Pairs } from "../../host/memory.js";
import { CONFIG_SECRETS, FUZZ_CONFIG, FUZZ_TOOLS } from "./config.js";
import { bytesOf, jsonValue, randomString } from "./gen.js";
import {
  CONTENT_TYPES,
  TOOLS,
  argumentsFor,
  backendBody,
  clientAuth,
  configText,
  rpcBody,
  requestHeaders,
  toolsCall,
  validArguments,
} from "./cases.js";
import {
  check,
  checkNoSecret,
  checkRequestPhase,
  checkResponsePhase,
  fakeClock,
  headerOf,
  loadPlugin,
  mcpHeaders,
  openStream,
  sendRequest,
  sendResponse,
  type Outcome,
} from "./harness.js";
import { Rng, splitAt } from "./prng.js";

/** State shared by the cases of one target (one VM). */
export interface TargetState {
  host: Host;
  wasm: string;
  /** What the current case fed the VM (for the reproducer). */
  trace: unknown[];
}

/** A fuzz target. */
export interface Target {
  name: string;
  /** Loads a VM for this target. */
  setup(wasm: string): Promise<TargetState>;
  /** Runs one case; throws on a broken invariant (a trap shows up as host.failed). */
  run(st: TargetState, rng: Rng, index: number): void;
}

const BACKEND_TOOLS = FUZZ_TOOLS.filter((n) => n !== "template_only");
/** Where each tool's secret may appear in the forwarded request. */
const SECRET_OF: Record<string, string> = {
  basic_tool: "Basic " + Buffer.from("svc-user:svc-pass").toString("base64"),
  bearer_tool: "static-bearer-secret-1",
  query_key_tool: "query-key-secret-2",
  cookie_key_tool: "cookie-key-secret-3",
};
const ALL_SECRET_FORMS = [...CONFIG_SECRETS, SECRET_OF.basic_tool.slice(6)];

async function setupWith(wasm: string, clockStepMs = 1): Promise<TargetState> {
  const host = await loadPlugin(FUZZ_CONFIG, wasm, { now: fakeClock(clockStepMs) });
  return { host, wasm, trace: [] };
}

// ---------- drivers ----------

/** Answers pending token calls of `s` (valid tokens unless `rng` fuzzes them). Returns tokens handed out. */
function answerTokenCalls(st: TargetState, s: HttpStream, rng: Rng, fuzz: boolean): string[] {
  const given: string[] = [];
  for (let guard = 0; guard < 4 && s.requestState === "waiting"; guard++) {
    const calls = st.host.getHttpCalls();
    if (calls.length === 0) break;
    for (const c of calls) {
      const tok = "tok-" + rng.next().toString(36);
      const r = fuzz ? rng.int(10) : 0;
      st.trace.push({ tokenCall: c.token, answer: r });
      if (r === 8) st.host.timeoutHttpCall(c.token);
      else if (r === 9) st.host.resetHttpCall(c.token);
      else {
        const status = r <= 3 ? 200 : rng.pick([200, 400, 401, 500, 503, 0, 302]);
        const body =
          r <= 3
            ? JSON.stringify({ access_token: tok, token_type: "Bearer", expires_in: rng.pick([1, 60, 3600, 0, -1]) })
            : rng.pick([
                jsonValue(rng, 3),
                '{"access_token":' + jsonValue(rng, 1) + "}",
                '{"access_token":"a\\r\\nb"}',
                '{"error":"invalid_client"}',
                "",
                "<html>",
              ]);
        given.push(tok);
        st.host.respondToHttpCall(c.token, { ":status": String(status), "content-type": "application/json" }, body);
      }
    }
  }
  return given;
}

/** Checks where the credentials ended up in a forwarded tools/call. */
function checkCredentials(tool: string, o: Outcome, clientToken: string, what: string): void {
  if (o.kind !== "forwarded") return;
  const all = o.headers.map(([k, v]) => `${k}: ${v}`).join("\n") + "\n" + new TextDecoder().decode(o.body);
  check(headerOf(o.headers, ":authority") === "api.test", `${what}: forwarded to ${headerOf(o.headers, ":authority")}`);
  if (clientToken) {
    if (tool === "passthrough_tool") {
      check(
        (headerOf(o.headers, "x-backend-key") ?? "").includes(clientToken),
        `${what}: passthrough credential not in x-backend-key`,
      );
      const rest =
        o.headers
          .filter(([k]) => k !== "x-backend-key")
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n") + new TextDecoder().decode(o.body);
      check(!rest.includes(clientToken), `${what}: client credential forwarded outside x-backend-key`);
    } else check(!all.includes(clientToken), `${what}: client credential forwarded by a non-passthrough tool`);
  }
  for (const [t, secret] of Object.entries(SECRET_OF)) {
    if (t !== tool) check(!all.includes(secret), `${what}: ${t}'s credential forwarded by ${tool}`);
  }
  if (tool in SECRET_OF) check(all.includes(SECRET_OF[tool]), `${what}: ${tool} forwarded without its credential`);
  // Whatever the token endpoint answered with 200 (it is trusted), as a Bearer token without spaces or controls.
  if (tool === "oauth_tool")
    check(/^Bearer [\x21-\x7e]+$/.test(headerOf(o.headers, "authorization") ?? ""), `${what}: oauth tool without its token`);
}

/** One request through a fresh stream; answers token calls; returns the stream and its checked outcome. */
function request(
  st: TargetState,
  rng: Rng,
  headers: Pairs,
  body: Uint8Array,
  chunks: Uint8Array[] | null,
  what: string,
  fuzzTokens = false,
): [HttpStream, Outcome] {
  const s = openStream(st.host);
  st.trace.push({ headers, body: Buffer.from(body).toString("base64"), chunks: chunks?.map((c) => c.length) });
  sendRequest(s, headers, chunks ?? (body.length ? [body] : []));
  if (s.requestState === "waiting") answerTokenCalls(st, s, rng, fuzzTokens);
  return [s, checkRequestPhase(st.host, s, what, ALL_SECRET_FORMS)];
}

/** A plain 200 JSON backend answer, then the response-phase checks. */
function answerOk(st: TargetState, s: HttpStream, idJson: string | undefined, what: string): void {
  sendResponse(s, 200, [["content-type", "application/json"]], [bytesOf('{"ok":true,"items":[{"id":1,"name":"a"}]}')]);
  checkResponsePhase(st.host, s, idJson ?? "null", what, ALL_SECRET_FORMS);
}

/** The request id as raw JSON, as Node reads the body ("null" when it cannot). */
function idOfBody(body: Uint8Array): string | undefined {
  try {
    // Invalid UTF-8: the plugin decodes it lossily (known bug), Node differently: no id check.
    const v = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body))?.id;
    return v === undefined ? "null" : JSON.stringify(v);
  } catch {
    return undefined;
  }
}

// ---------- targets ----------

const jsonrpc: Target = {
  name: "jsonrpc",
  setup: (wasm) => setupWith(wasm),
  run(st, rng, index) {
    const what = `jsonrpc#${index}`;
    const body = rpcBody(rng, true);
    const headers = requestHeaders(rng);
    const [s, o] = request(st, rng, headers, body, null, what);
    if (o.kind === "forwarded") {
      sendResponse(s, 200, [["content-type", "application/json"]], [bytesOf('{"ok":true}')]);
      checkResponsePhase(st.host, s, idOfBody(body), what, ALL_SECRET_FORMS);
    }
    s.complete();
  },
};

const args: Target = {
  name: "arguments",
  setup: (wasm) => setupWith(wasm),
  run(st, rng, index) {
    const what = `arguments#${index}`;
    const name = rng.chance(0.97) ? rng.pick(FUZZ_TOOLS) : rng.pick(["nope", "", "PATH_TOOL", "path_tool\u0000"]);
    const tool = TOOLS.get(name);
    const argText = rng.chance(0.95) ? argumentsFor(rng, tool, 0.6) : rng.pick(["null", "[]", '"x"', "1", jsonValue(rng, 2)]);
    const id = String(index);
    const [auth, token] = clientAuth(rng);
    const [s, o] = request(
      st,
      rng,
      requestHeaders(rng, auth),
      bytesOf(toolsCall(id, name, rng.chance(0.03) ? null : argText)),
      null,
      what,
    );
    if (o.kind === "local") {
      checkNoSecret(o.body, token ? [token] : [], what);
    } else {
      checkCredentials(name, o, token, what);
      check(!o.headers.some(([k]) => k === "x-injected"), `${what}: header injection`);
      answerOk(st, s, id, what);
    }
    s.complete();
  },
};

const responses: Target = {
  name: "responses",
  setup: (wasm) => setupWith(wasm, 700),
  run(st, rng, index) {
    const what = `responses#${index}`;
    const name = rng.pick(BACKEND_TOOLS);
    const id = String(index);
    const token = "client-tok-" + rng.next().toString(36);
    const [s, o] = request(
      st,
      rng,
      mcpHeaders([["authorization", "Bearer " + token]]),
      bytesOf(toolsCall(id, name, validArguments(rng, TOOLS.get(name)!))),
      null,
      what,
      true,
    );
    if (o.kind === "local") return void s.complete();
    checkCredentials(name, o, token, what);
    const secret =
      name === "passthrough_tool"
        ? token
        : name in SECRET_OF
          ? name === "basic_tool"
            ? "svc-user:svc-pass"
            : SECRET_OF[name]
          : "no-secret";
    const status = rng.pick([200, 200, 200, 201, 204, 299, 300, 304, 400, 401, 403, 404, 429, 500, 502, 503, 504, 100, 0, 999]);
    const headers: Pairs = [];
    const ct = rng.pick(CONTENT_TYPES);
    if (ct) headers.push(["content-type", ct]);
    const body = backendBody(rng, true, secret);
    if (rng.chance(0.2)) headers.push(["content-encoding", "gzip"]);
    if (rng.chance(0.3)) headers.push(["content-length", String(body.length)]);
    if (rng.chance(0.1)) headers.push(["set-cookie", "a=b"], ["x-" + rng.int(9), randomString(rng, 10).replace(/[\r\n\0]/g, "")]);
    const chunks = body.length === 0 && rng.chance(0.5) ? [] : splitAt(body, rng.splitPoints(body.length, 6));
    st.trace.push({
      status,
      headers,
      body: body.length > 100_000 ? `${body.length} bytes` : Buffer.from(body).toString("base64"),
      chunks: chunks.map((c) => c.length),
    });
    sendResponse(s, status, headers, chunks);
    const tooBig = body.length > 4 * 1024 * 1024;
    if (tooBig && s.responseState === "local_reply" && s.getLocalResponse()?.details === "response_payload_too_large") {
      // Envoy's own encoder-buffer overflow (chunked and over the limit): see docs/failure-modes.md, not JSON-RPC.
      check(!st.host.failed, `${what}: VM failed`);
    } else {
      // A 2xx body is the backend's own answer and passed on verbatim; an error body is quoted scrubbed.
      const ok2xx = status >= 200 && status < 300;
      const echoed = new TextDecoder().decode(body);
      const b64 = Buffer.from(body).toString("base64");
      const secrets = [...ALL_SECRET_FORMS, secret === "no-secret" ? "" : secret].filter(
        (x) => !ok2xx || (!echoed.includes(x) && !b64.includes(x)),
      );
      const msg = checkResponsePhase(st.host, s, id, what, secrets);
      if (status < 200 || status >= 300) check(msg.result.isError === true, `${what}: HTTP ${status} not isError`);
      if (tooBig) check(msg.result.isError === true, `${what}: oversized response not isError`);
    }
    s.complete();
  },
};

const chunking: Target = {
  name: "chunking",
  setup: (wasm) => setupWith(wasm),
  run(st, rng, index) {
    const what = `chunking#${index}`;
    const tools = BACKEND_TOOLS.filter((t) => t !== "oauth_tool");
    const name = rng.pick([...tools, "template_only"]);
    let body = rng.chance(0.6)
      ? bytesOf(
          toolsCall(
            String(index),
            name,
            rng.chance(0.5) ? validArguments(rng, TOOLS.get(name)!) : argumentsFor(rng, TOOLS.get(name), 0.7),
          ),
        )
      : rpcBody(rng, false);
    // oauth_tool gets a fresh random token per request: the two runs would differ legitimately.
    const text = Buffer.from(body).toString("latin1");
    if (text.includes("oauth_tool")) body = Uint8Array.from(Buffer.from(text.replaceAll("oauth_tool", "query_tool"), "latin1"));
    const auth: Pairs = [["authorization", "Bearer client-tok-fixed"]];
    const [a, oa] = request(st, rng, mcpHeaders(auth), body, null, what + "/whole");
    const [b, ob] = request(st, rng, mcpHeaders(auth), body, splitAt(body, rng.splitPoints(body.length, 12)), what + "/chunked");
    if (body.length === 0) return void (a.complete(), b.complete()); // no body vs empty chunks: different requests
    check(oa.kind === ob.kind, `${what}: whole=${oa.kind} chunked=${ob.kind}`);
    if (oa.kind === "local" && ob.kind === "local") {
      check(
        oa.status === ob.status && oa.body === ob.body,
        `${what}: chunked body got another reply (${oa.status} vs ${ob.status})`,
      );
    } else if (oa.kind === "forwarded" && ob.kind === "forwarded") {
      check(JSON.stringify(oa.headers) === JSON.stringify(ob.headers), `${what}: chunked body forwarded other headers`);
      check(Buffer.compare(oa.body, ob.body) === 0, `${what}: chunked body forwarded another body`);
      const resp = backendBody(rng, false, "no-secret");
      const status = rng.pick([200, 200, 404, 500]);
      const hs: Pairs = [["content-type", rng.pick(CONTENT_TYPES)]];
      sendResponse(a, status, hs, resp.length ? [resp] : []);
      sendResponse(b, status, hs, splitAt(resp, rng.splitPoints(resp.length, 12)));
      const ra = checkResponsePhase(st.host, a, idOfBody(body), what + "/whole");
      const rb = checkResponsePhase(st.host, b, idOfBody(body), what + "/chunked");
      check(JSON.stringify(ra) === JSON.stringify(rb), `${what}: chunked response mapped differently`);
    }
    a.complete();
    b.complete();
  },
};

const configs: Target = {
  name: "configs",
  setup: (wasm) => setupWith(wasm),
  run(st, rng, index) {
    const what = `configs#${index}`;
    const text = configText(rng);
    st.trace.push({ config: text });
    st.host.clearLogs();
    const ok = st.host.startPlugin(text);
    check(typeof ok === "boolean", `${what}: startPlugin returned ${ok}`);
    check(!st.host.failed, `${what}: configure trapped: ${String(st.host.failure)}`);
    if (!ok) {
      const errs = st.host.getLogs("error").filter((l) => !l.startsWith("host:"));
      check(errs.length > 0 && errs.every((l) => l.length < 20_000), `${what}: rejected without an error message`);
      checkNoSecret(errs.join("\n"), ALL_SECRET_FORMS, what);
    }
    // The VM keeps serving with whatever config is active (the new one, or the previous one when rejected).
    const [s1] = request(st, rng, mcpHeaders(), bytesOf('{"jsonrpc":"2.0","id":1,"method":"tools/list"}'), null, what + "/list");
    s1.complete();
    const name = rng.pick(FUZZ_TOOLS.filter((t) => t !== "oauth_tool"));
    const [s2, o2] = request(
      st,
      rng,
      mcpHeaders(),
      bytesOf(toolsCall("2", name, argumentsFor(rng, TOOLS.get(name), 0.8))),
      null,
      what + "/call",
    );
    if (o2.kind === "forwarded") answerOk(st, s2, "2", what + "/call");
    s2.complete();
    if (index % 50 === 49) st.host.startPlugin(JSON.stringify(FUZZ_CONFIG));
  },
};

/** Every target by name. */
export const TARGETS: Record<string, Target> = { jsonrpc, arguments: args, responses, chunking, configs };
