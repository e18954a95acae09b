// Checks an Observed result against a scenario's Expect; returns the mismatches (empty = pass).
import type { Expect, Message, Observed, Pairs } from "./scenario.js";

const get = (pairs: Pairs | undefined, k: string): string | undefined => pairs?.find(([n]) => n === k)?.[1];

/** Deep partial match: every key of `want` must match in `got` (arrays by index, same length). */
export function partial(want: unknown, got: unknown, at: string, out: string[]): void {
  if (want === null || typeof want !== "object") {
    if (want !== got) out.push(`${at}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      out.push(`${at}: want array of ${want.length}, got ${JSON.stringify(got)?.slice(0, 200)}`);
      return;
    }
    want.forEach((w, i) => partial(w, got[i], `${at}[${i}]`, out));
    return;
  }
  if (got === null || typeof got !== "object") {
    out.push(`${at}: want object, got ${JSON.stringify(got)?.slice(0, 200)}`);
    return;
  }
  for (const [k, w] of Object.entries(want)) partial(w, (got as Record<string, unknown>)[k], `${at}.${k}`, out);
}

function headers(want: Record<string, string | null> | undefined, got: Pairs, at: string, out: string[]): void {
  for (const [k, v] of Object.entries(want ?? {})) {
    const g = get(got, k);
    if (v === null ? g !== undefined : g !== v)
      out.push(`${at} header ${k}: want ${JSON.stringify(v)}, got ${JSON.stringify(g)}`);
  }
}

function trailers(want: null | Record<string, string> | undefined, m: Message, at: string, out: string[]): void {
  if (want === undefined) return;
  // null: no trailer reaches the next hop (none passed on, or an emptied map: Envoy sends no trailer field).
  if (want === null) {
    if (m.trailers?.length) out.push(`${at} trailers: want none, got ${JSON.stringify(m.trailers)}`);
    return;
  }
  if (!m.trailers) out.push(`${at} trailers: want ${JSON.stringify(want)}, got none`);
  else headers(want, m.trailers, `${at} trailers`, out);
}

function body(want: { json?: unknown; bodyContains?: string; body?: string }, m: Message, at: string, out: string[]): void {
  if (want.body !== undefined && m.body !== want.body)
    out.push(`${at} body: want ${JSON.stringify(want.body)}, got ${JSON.stringify(m.body.slice(0, 300))}`);
  if (want.bodyContains !== undefined && !m.body.includes(want.bodyContains)) {
    out.push(`${at} body: want it to contain ${JSON.stringify(want.bodyContains)}, got ${JSON.stringify(m.body.slice(0, 300))}`);
  }
  if (want.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(m.body);
    } catch {
      out.push(`${at} body is not JSON: ${JSON.stringify(m.body.slice(0, 300))}`);
      return;
    }
    partial(want.json, parsed, `${at}.json`, out);
  }
}

/** Mismatches of `o` against `e`. */
export function check(e: Expect, o: Observed): string[] {
  const out: string[] = [];
  if (e.configOk !== undefined && o.configOk !== e.configOk) out.push(`configOk: want ${e.configOk}, got ${o.configOk}`);
  if (e.requestState !== undefined && o.requestState !== e.requestState)
    out.push(`requestState: want ${e.requestState}, got ${o.requestState}`);
  if (e.local !== undefined) {
    if (e.local === null) {
      if (o.local) out.push(`local: want none, got ${o.local.status} ${o.local.body.slice(0, 200)}`);
    } else if (!o.local) out.push("local: want a local reply, got none");
    else {
      if (e.local.status !== undefined && o.local.status !== e.local.status)
        out.push(`local.status: want ${e.local.status}, got ${o.local.status}`);
      if (e.local.details !== undefined && o.local.details !== e.local.details)
        out.push(`local.details: want ${e.local.details}, got ${o.local.details}`);
      if (e.local.bodyContains !== undefined && !o.local.body.includes(e.local.bodyContains))
        out.push(`local.body: want ${e.local.bodyContains}, got ${o.local.body.slice(0, 300)}`);
    }
  }
  if (e.upstream !== undefined) {
    if (e.upstream === null) {
      if (o.upstream) out.push(`upstream: want none, got ${get(o.upstream.headers, ":path")}`);
    } else if (!o.upstream) out.push("upstream: want a request upstream, got none");
    else {
      const u = o.upstream;
      for (const [k, h] of [
        ["method", ":method"],
        ["path", ":path"],
        ["authority", ":authority"],
      ] as const) {
        if (e.upstream[k] !== undefined && get(u.headers, h) !== e.upstream[k])
          out.push(`upstream ${h}: want ${e.upstream[k]}, got ${get(u.headers, h)}`);
      }
      headers(e.upstream.headers, u.headers, "upstream", out);
      body(e.upstream, u, "upstream", out);
      trailers(e.upstream.trailers, u, "upstream", out);
    }
  }
  if (e.downstream !== undefined) {
    if (e.downstream === null) {
      if (o.downstream) out.push("downstream: want none");
    } else if (!o.downstream) out.push("downstream: want a response, got none");
    else {
      const d = o.downstream;
      if (e.downstream.status !== undefined && get(d.headers, ":status") !== String(e.downstream.status)) {
        out.push(`downstream :status: want ${e.downstream.status}, got ${get(d.headers, ":status")}`);
      }
      headers(e.downstream.headers, d.headers, "downstream", out);
      body(e.downstream, d, "downstream", out);
      trailers(e.downstream.trailers, d, "downstream", out);
    }
  }
  if (e.calls !== undefined) {
    if (o.calls.length !== e.calls.length) out.push(`calls: want ${e.calls.length}, got ${o.calls.length}`);
    e.calls.forEach((w, i) => {
      const c = o.calls[i];
      if (!c) return;
      if (w.cluster !== undefined && c.cluster !== w.cluster)
        out.push(`calls[${i}].cluster: want ${w.cluster}, got ${c.cluster}`);
      if (w.method !== undefined && get(c.headers, ":method") !== w.method)
        out.push(`calls[${i}] :method: want ${w.method}, got ${get(c.headers, ":method")}`);
      if (w.path !== undefined && get(c.headers, ":path") !== w.path)
        out.push(`calls[${i}] :path: want ${w.path}, got ${get(c.headers, ":path")}`);
      headers(w.headers, c.headers, `calls[${i}]`, out);
      if (w.bodyContains !== undefined && !c.body.includes(w.bodyContains))
        out.push(`calls[${i}] body: want ${w.bodyContains}, got ${c.body}`);
    });
  }
  for (const [k, v] of Object.entries(e.metrics ?? {})) {
    if (o.metrics[k] !== v) out.push(`metric ${k}: want ${v}, got ${JSON.stringify(o.metrics[k])}`);
  }
  const logText = o.logs.map(([, m]) => m).join("\n");
  for (const s of e.logsContain ?? []) if (!logText.includes(s)) out.push(`logs: want a line containing ${JSON.stringify(s)}`);
  // What the MCP client and the logs see (the backend legitimately receives its own credential).
  const everything = [JSON.stringify(o.downstream ?? null), JSON.stringify(o.local ?? null), logText].join("\n");
  for (const s of e.absent ?? []) if (everything.includes(s)) out.push(`secret ${JSON.stringify(s)} appears in the output`);
  return out;
}
