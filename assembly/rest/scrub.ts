// Redaction of credential values from any text that may reach a log line or
// an MCP result (backend bodies echo headers surprisingly often: error pages,
// httpbin-style /headers endpoints).
//
// Every form a credential can take is found (issue 14): raw, base64, base64url,
// form- and percent-encoded, and each of those inside JSON text with any
// escaping (`\/` as PHP's json_encode writes it, `\uXXXX`, `\"`, `\\`). The text is
// matched twice, as is and through a JSON-unescaping view whose units map back
// to raw offsets; every matched raw range becomes one "[REDACTED]". Matching is
// KMP (linear per form), ranges are merged with a difference array (linear).
import { formEncode } from "./form";
import { StrBuf } from "../util/strbuf";
import { jsonEscapeAt } from "../util/jsonstring";
import { base64Utf8, base64UrlUtf8 } from "../util/base64";
import { addUnique } from "../util/strings";

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** Shortest secret (in UTF-16 units) that is redacted; shorter ones would shred ordinary text. */
export const MIN_SECRET_LENGTH: i32 = 4;

/** Percent-encoding with %20 for space (encodeURIComponent style). */
function percentEncode(s: string): string {
  return formEncode(s).replaceAll("+", "%20");
}

/** Every encoded form of every secret (len >= MIN_SECRET_LENGTH), deduplicated. */
function secretForms(secrets: string[]): string[] {
  const forms = new Array<string>();
  for (let i = 0; i < secrets.length; i++) {
    const s = unchecked(secrets[i]);
    if (s.length < MIN_SECRET_LENGTH) continue;
    addUnique(forms, s);
    addUnique(forms, base64Utf8(s));
    addUnique(forms, base64UrlUtf8(s));
    addUnique(forms, formEncode(s));
    addUnique(forms, percentEncode(s));
  }
  return forms;
}

/** `text` with JSON escapes decoded; starts[k] = raw offset of decoded unit k, starts[len] = raw length. */
class View {
  text: string;
  starts: Int32Array;
  constructor(text: string, starts: Int32Array) {
    this.text = text;
    this.starts = starts;
  }
}

function decodeView(raw: string): View {
  const n = raw.length;
  const starts = new Int32Array(n + 1);
  // The view never holds more units than the raw text: sized once, written in place, trimmed.
  // `out` is a raw pointer the collector does not see: nothing may allocate until it is a string.
  const out = __new(<usize>n << 1, idof<string>());
  let q = out;
  let k = 0;
  let i = 0;
  const rp = changetype<usize>(raw);
  // k <= i < n throughout (each decoded unit takes at least one raw unit): starts[k] is in range
  const sp = starts.dataStart;
  while (i < n) {
    if (load<u16>(rp + (<usize>i << 1)) != 0x5c) {
      // a run without escapes: copied whole
      const j = i;
      while (i < n && load<u16>(rp + (<usize>i << 1)) != 0x5c) {
        store<i32>(sp + (<usize>k << 2), i);
        k++;
        i++;
      }
      const run = <usize>(i - j) << 1;
      memory.copy(q, rp + (<usize>j << 1), run);
      q += run;
      continue;
    }
    const esc = jsonEscapeAt(raw, i, n);
    store<i32>(sp + (<usize>k << 2), i);
    k++;
    if (esc == 0) {
      store<u16>(q, 0x5c);
      i++;
    } else {
      store<u16>(q, <u16>(esc >>> 8));
      i += esc & 0xff;
    }
    q += 2;
  }
  unchecked((starts[k] = n));
  const text = changetype<string>(__renew(out, q - out));
  return new View(text, starts);
}

/** True when `s` holds a backslash. */
function hasBackslash(s: string): bool {
  const p = changetype<usize>(s);
  const end = p + (<usize>s.length << 1);
  for (let a = p; a < end; a += 2) if (load<u16>(a) == 0x5c) return true;
  return false;
}

/** Deepest JSON nesting unescaped: a result quotes a body that quotes a JSON document (PHP `\\/` inside). */
const MAX_VIEWS: i32 = 3;

/** Successive JSON-unescaped views of text (each one level deeper), offsets mapped back to the raw text. */
function unescapedViews(text: string): View[] {
  const views = new Array<View>();
  let cur = text;
  let starts: Int32Array | null = null;
  while (views.length < MAX_VIEWS && hasBackslash(cur)) {
    const v = decodeView(cur);
    if (v.text.length == cur.length) break;
    if (starts !== null) {
      // compose: this view's offsets point into the previous view, whose offsets point into the raw text
      // v.starts[k] is an offset into cur (0..cur.length) and prev has cur.length + 1 entries
      const pp = starts.dataStart;
      const vp = v.starts.dataStart;
      for (let k = 0; k <= v.text.length; k++) {
        const at = vp + (<usize>k << 2);
        store<i32>(at, load<i32>(pp + (<usize>load<i32>(at) << 2)));
      }
    }
    views.push(v);
    cur = v.text;
    starts = v.starts;
  }
  return views;
}

const L16: u64 = 0x0001000100010001;
const H16: u64 = 0x8000800080008000;

/** KMP failure table of `p`. */
function failureTable(p: string): Int32Array {
  const m = p.length;
  const f = new Int32Array(m);
  let k = 0;
  for (let i = 1; i < m; i++) {
    while (k > 0 && p.charCodeAt(i) != p.charCodeAt(k)) k = unchecked(f[k - 1]);
    if (p.charCodeAt(i) == p.charCodeAt(k)) k++;
    unchecked((f[i] = k));
  }
  return f;
}

/** Add +1/-1 to diff over the raw range of every occurrence of p in t; returns true when one was found. */
function markMatches(t: string, starts: Int32Array | null, rawLen: i32, p: string, f: Int32Array, diff: Int32Array): bool {
  // Raw u16 loads: this runs once per secret form and view over up to the whole response.
  const tp = changetype<usize>(t);
  const pp = changetype<usize>(p);
  const n = t.length;
  const m = p.length;
  const first = load<u16>(pp);
  const firsts = L16 * <u64>first;
  let k = 0;
  let found = false;
  let i = 0;
  while (i < n) {
    if (k == 0) {
      // skip to the next unit equal to the pattern's first, 4 units at a time (exact zero-lane test)
      while (i + 4 <= n) {
        const x = load<u64>(tp + (<usize>i << 1)) ^ firsts;
        if (((x - L16) & ~x & H16) != 0) break;
        i += 4;
      }
      while (i < n && load<u16>(tp + (<usize>i << 1)) != first) i++;
      if (i >= n) break;
    }
    const c = load<u16>(tp + (<usize>i << 1));
    while (k > 0 && c != load<u16>(pp + (<usize>k << 1))) k = unchecked(f[k - 1]);
    if (c == load<u16>(pp + (<usize>k << 1))) k++;
    if (k == m) {
      const a = i - m + 1;
      const from = starts === null ? a : unchecked(starts[a]);
      const to = starts === null ? i + 1 : unchecked(starts[i + 1]);
      if (from < to && to <= rawLen) {
        unchecked((diff[from] += 1));
        unchecked((diff[to] -= 1));
        found = true;
      }
      k = unchecked(f[k - 1]);
    }
    i++;
  }
  return found;
}

/** Replace every occurrence of each secret (len >= 4), in any encoded or JSON-escaped form, by "[REDACTED]". */
export function scrubSecrets(text: string, secrets: string[]): string {
  const n = text.length;
  if (n == 0) return text;
  const forms = secretForms(secrets);
  if (forms.length == 0) return text;
  const views = unescapedViews(text);
  const diff = new Int32Array(n + 1);
  let found = false;
  for (let i = 0; i < forms.length; i++) {
    const p = unchecked(forms[i]);
    const f = failureTable(p);
    if (markMatches(text, null, n, p, f, diff)) found = true;
    for (let v = 0; v < views.length; v++) {
      const view = unchecked(views[v]);
      if (markMatches(view.text, view.starts, n, p, f, diff)) found = true;
    }
  }
  if (!found) return text;
  const out = new StrBuf(n);
  let depth = 0;
  let seg = 0;
  for (let i = 0; i < n; i++) {
    const before = depth;
    depth += unchecked(diff[i]);
    if (before == 0 && depth > 0) out.appendRange(text, seg, i);
    else if (before > 0 && depth == 0) {
      out.append(REDACTED);
      seg = i;
    }
  }
  if (depth > 0) out.append(REDACTED);
  else out.appendRange(text, seg, n);
  return out.toString();
}
