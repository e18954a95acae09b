// Secret-leak scanner for integration tests. Collects every place a credential
// could surface — gateway log lines (captured at trace level), every header,
// path, query parameter, cookie and body the recording backend received, and
// every MCP response — and reports each secret found where it is not allowed.
// Encoded forms are found too: base64/base64url (also inside a larger base64
// blob such as `Basic base64(user:pass)`), percent- and form-encoding.
import assert from "node:assert/strict";
import type { RecordedRequest } from "./backend.js";

/** A secret to look for; a bare string is named by its position. */
export type SecretSpec = string | { name: string; value: string };

/**
 * A place where a secret may legitimately appear. `where` is an observation
 * label (see `observe`): "backend header authorization", "backend header x-api-key",
 * "backend query api_key", "backend cookie session". A RegExp matches labels.
 */
export interface AllowEntry {
  secret: string;
  where: string | RegExp;
  /** why it is allowed (documentation only) */
  reason?: string;
}

/** One piece of observed text and where it was seen. */
export interface Observation {
  where: string;
  text: string;
}

/** A secret found where it must not be. */
export interface Leak {
  secret: string;
  where: string;
  /** "raw" | "base64" | "url-encoded" | "decoded" ... */
  form: string;
  excerpt: string;
}

/** What to scan. Either pass `stack`/`backend` (everything they captured) or explicit `logs`/`requests`. */
export interface LeakScan {
  secrets: SecretSpec[];
  stack?: { logs: string[] };
  logs?: string[];
  backend?: { requests: RecordedRequest[] };
  requests?: RecordedRequest[];
  /** MCP responses (JSON-RPC objects, results or raw text) */
  responses?: unknown[];
  allow?: AllowEntry[];
}

/** Shortest secret scanned; shorter values would match ordinary text. */
export const MIN_SECRET_LENGTH = 4;

/** Observation labels for one backend request. */
export function observeRequest(r: RecordedRequest, prefix = "backend"): Observation[] {
  const out: Observation[] = [
    { where: `${prefix} path`, text: r.path },
    { where: `${prefix} method`, text: r.method },
  ];
  for (const [k, v] of r.query) out.push({ where: `${prefix} query ${k}`, text: `${k}=${v}` });
  for (let i = 0; i < r.rawHeaders.length; i += 2) {
    const name = r.rawHeaders[i].toLowerCase();
    const value = r.rawHeaders[i + 1];
    if (name === "cookie") {
      for (const part of value.split(";")) {
        const p = part.trim();
        if (!p) continue;
        const eq = p.indexOf("=");
        out.push({ where: `${prefix} cookie ${(eq < 0 ? p : p.slice(0, eq)).trim()}`, text: p });
      }
    } else {
      out.push({ where: `${prefix} header ${name}`, text: `${name}: ${value}` });
    }
  }
  if (r.body) out.push({ where: `${prefix} body`, text: r.body });
  return out;
}

/** Every string inside a JSON value, plus its serialization. */
function responseTexts(v: unknown): string[] {
  if (typeof v === "string") return [v];
  const out: string[] = [JSON.stringify(v) ?? ""];
  const walk = (x: unknown) => {
    if (typeof x === "string") out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") Object.entries(x).forEach(([k, y]) => (out.push(k), walk(y)));
  };
  walk(v);
  return out;
}

/** All observations of a scan (logs, backend requests, responses). */
export function observe(s: LeakScan): Observation[] {
  const out: Observation[] = [];
  for (const l of s.logs ?? s.stack?.logs ?? []) out.push({ where: "log", text: l });
  for (const r of s.requests ?? s.backend?.requests ?? []) out.push(...observeRequest(r));
  for (const r of s.responses ?? []) for (const t of responseTexts(r)) out.push({ where: "mcp response", text: t });
  return out;
}

function b64(s: string, url: boolean): string {
  const e = Buffer.from(s, "utf8").toString(url ? "base64url" : "base64");
  return e.replace(/=+$/, "");
}

/** Encoded forms of a secret that may appear verbatim in text. */
export function encodedForms(secret: string): Array<[string, string]> {
  const forms: Array<[string, string]> = [
    ["raw", secret],
    ["base64", b64(secret, false)],
    ["base64url", b64(secret, true)],
    ["url-encoded", encodeURIComponent(secret)],
    ["form-encoded", new URLSearchParams({ x: secret }).toString().slice(2)],
  ];
  const seen = new Set<string>();
  return forms.filter(([, f]) => f.length >= MIN_SECRET_LENGTH && !seen.has(f) && (seen.add(f), true));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** Decoded variants of a text: percent/form-decoded, and every base64-looking run decoded. */
export function decodedVariants(text: string): string[] {
  const out = [safeDecode(text), safeDecode(text.replace(/\+/g, " "))];
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{6,}={0,2}/g)) {
    for (let shift = 0; shift < 4; shift++) {
      const run = m[0].slice(shift).replace(/=+$/, "");
      if (run.length < 6) break;
      out.push(Buffer.from(run, "base64").toString("latin1"), Buffer.from(run, "base64").toString("utf8"));
    }
  }
  return out;
}

function matchesWhere(w: string | RegExp, where: string): boolean {
  return typeof w === "string" ? w.toLowerCase() === where.toLowerCase() : w.test(where);
}

function mask(s: string): string {
  return s.length <= 6 ? "***" : `${s.slice(0, 3)}…(${s.length} chars)`;
}

/** Find every secret occurrence not covered by the allow-list. */
export function findLeaks(s: LeakScan): Leak[] {
  const secrets = s.secrets
    .map((x, i) => (typeof x === "string" ? { name: `secret#${i}`, value: x } : x))
    .filter((x) => x.value.length >= MIN_SECRET_LENGTH);
  const leaks: Leak[] = [];
  for (const o of observe(s)) {
    let variants: string[] | undefined;
    for (const sec of secrets) {
      if ((s.allow ?? []).some((a) => a.secret === sec.value && matchesWhere(a.where, o.where))) continue;
      let form = "";
      for (const [name, f] of encodedForms(sec.value)) {
        if (o.text.includes(f)) {
          form = name;
          break;
        }
      }
      if (!form) {
        variants ??= decodedVariants(o.text);
        if (variants.some((v) => v.includes(sec.value))) form = "decoded";
      }
      if (form) leaks.push({ secret: sec.name, where: o.where, form, excerpt: o.text.slice(0, 160) });
    }
  }
  return leaks;
}

/** Fail (AssertionError) when a secret appears where it must not; the message masks secret values. */
export function assertNoLeaks(s: LeakScan, context = ""): void {
  const leaks = findLeaks(s);
  if (leaks.length === 0) return;
  const values = s.secrets.map((x) => (typeof x === "string" ? x : x.value)).filter((v) => v.length >= MIN_SECRET_LENGTH);
  const hide = (t: string) => values.reduce((acc, v) => acc.split(v).join(mask(v)), t);
  const lines = leaks.slice(0, 20).map((l) => `  ${l.secret} in ${l.where} (${l.form}): ${hide(l.excerpt)}`);
  assert.fail(`${context ? context + ": " : ""}${leaks.length} secret leak(s):\n${lines.join("\n")}`);
}

/** A random secret with a recognisable prefix (unique per run, never a substring of another). */
export function secret(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 8)}`;
}
