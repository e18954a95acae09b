// The backend request being built for one tool call. Pure data + helpers, no
// host calls. rest/ fills it from templates and arguments; auth/ applies the
// backend credential last; plugin/ writes it onto the stream.
import { formEncode } from "./form";
import { StrBuf } from "../util/strbuf";
import { lowerName } from "./encode";
export { formEncode };

/** A header (name lower-case). */
export class Header {
  name: string;
  value: string;
  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
}

/** A query parameter, decoded (encoded when serialized). */
export class QueryParam {
  name: string;
  value: string;
  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
}

/** The outgoing request. `path` is already percent-encoded and has no query. */
export class BackendRequest {
  method: string = "GET";
  /** "http" | "https" (from config only) */
  scheme: string = "";
  /** host[:port] from config; "" = keep the route's :authority */
  authority: string = "";
  /** encoded path, starting with "/" */
  path: string = "/";
  /** raw query string from the URL template, already safely encoded ("" = none), kept before `query` params */
  rawQuery: string = "";
  /** extra query parameters (decoded; form-encoded when serialized) */
  query: QueryParam[] = [];
  headers: Header[] = [];
  body: string = "";
  hasBody: bool = false;
  /** our addition: the body as bytes (requestTemplate.bodyEncoding base64); wins over `body` when set */
  bodyBinary: Uint8Array | null = null;
  /**
   * the body as the UTF-8 bytes to send (rest/build.ts; lone surrogates as U+FFFD): encoded from `body`, or a JSON
   * argument body built directly from the client's bytes (then `body` is "")
   */
  bodyUtf8: ArrayBuffer | null = null;

  /** The body text, whichever form it is held in. */
  bodyText(): string {
    const u = this.bodyUtf8;
    return u !== null ? String.UTF8.decode(u) : this.body;
  }

  /** Replace every header named `name` (case-insensitive) by one value. */
  setHeader(name: string, value: string): void {
    const n = lowerName(name);
    this.removeHeader(n);
    this.headers.push(new Header(n, value));
  }

  /** Remove every header named `name` (case-insensitive). */
  removeHeader(name: string): void {
    const n = lowerName(name);
    let found = false;
    for (let i = 0; i < this.headers.length; i++) if (unchecked(this.headers[i]).name == n) found = true;
    if (!found) return; // nothing to remove: the list stays (no copy)
    const kept = new Array<Header>();
    for (let i = 0; i < this.headers.length; i++) {
      const h = unchecked(this.headers[i]);
      if (h.name != n) kept.push(h);
    }
    this.headers = kept;
  }

  /** First value of header `name`, or null. */
  getHeader(name: string): string | null {
    const n = lowerName(name);
    for (let i = 0; i < this.headers.length; i++) {
      const h = unchecked(this.headers[i]);
      if (h.name == n) return h.value;
    }
    return null;
  }

  /** Replace every query parameter named `name` (also in rawQuery) by one value. */
  setQuery(name: string, value: string): void {
    this.removeQuery(name);
    this.query.push(new QueryParam(name, value));
  }

  /** Remove query parameter `name` from `query` and `rawQuery` (rawQuery keys compared after decoding). */
  removeQuery(name: string): void {
    const kept = new Array<QueryParam>();
    for (let i = 0; i < this.query.length; i++) {
      const q = unchecked(this.query[i]);
      if (q.name != name) kept.push(q);
    }
    this.query = kept;
    if (this.rawQuery.length == 0) return;
    const parts = this.rawQuery.split("&");
    const out = new StrBuf(this.rawQuery.length);
    for (let i = 0; i < parts.length; i++) {
      const p = unchecked(parts[i]);
      if (p.length == 0) continue;
      const eq = p.indexOf("=");
      const key = formDecode(eq < 0 ? p : p.substring(0, eq));
      if (key == name) continue;
      if (out.length > 0) out.appendCode(0x26);
      out.append(p);
    }
    this.rawQuery = out.toString();
  }

  /** Set cookie `name` in the Cookie header, replacing a same-named cookie. */
  setCookie(name: string, value: string): void {
    const existing = this.getHeader("cookie");
    const out = existing === null ? "" : removeCookie(existing, name);
    this.setHeader("cookie", (out.length > 0 ? out + "; " : "") + name + "=" + value);
  }

  /** `:path` value: path + "?" + rawQuery & encoded query params. */
  pathWithQuery(): string {
    const q = new StrBuf(this.path.length + this.rawQuery.length + 16);
    q.append(this.path);
    q.appendCode(0x3f);
    q.append(this.rawQuery);
    for (let i = 0; i < this.query.length; i++) {
      const p = unchecked(this.query[i]);
      if (q.length > this.path.length + 1) q.appendCode(0x26);
      q.append(formEncode(p.name));
      q.appendCode(0x3d);
      q.append(formEncode(p.value));
    }
    return q.length > this.path.length + 1 ? q.toString() : this.path;
  }
}

/** A Cookie header value without cookie `name` ("" when nothing is left). */
export function removeCookie(value: string, name: string): string {
  const parts = value.split(";");
  const out = new StrBuf(value.length);
  for (let i = 0; i < parts.length; i++) {
    const p = unchecked(parts[i]).trim();
    if (p.length == 0) continue;
    const eq = p.indexOf("=");
    const key = eq < 0 ? p : p.substring(0, eq).trim();
    if (key == name) continue;
    if (out.length > 0) out.append("; ");
    out.append(p);
  }
  return out.toString();
}

function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** Decode a form-encoded component ("+" = space); invalid escapes are kept literally. Never traps. */
export function formDecode(s: string): string {
  const src = Uint8Array.wrap(String.UTF8.encode(s));
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const b = unchecked(src[i]);
    if (b == 0x2b) {
      unchecked((out[n++] = 0x20));
    } else if (b == 0x25 && i + 2 < src.length + 0 && i + 2 <= src.length - 1 + 0) {
      const h = hexVal(unchecked(src[i + 1]));
      const l = hexVal(unchecked(src[i + 2]));
      if (h >= 0 && l >= 0) {
        unchecked((out[n++] = <u8>((h << 4) | l)));
        i += 2;
      } else {
        unchecked((out[n++] = b));
      }
    } else {
      unchecked((out[n++] = b));
    }
  }
  return String.UTF8.decodeUnsafe(out.dataStart, n);
}
