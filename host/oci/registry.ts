// OCI distribution API client for pushing one image: blob existence check, upload (monolithic or
// chunked), manifest PUT. Authentication as registries ask for it: anonymous first; on 401 the
// WWW-Authenticate challenge decides — Basic (credentials on every request) or Bearer (token from
// the realm, with Basic credentials when we have them). Authorization is sent only to the
// registry's own origin and to the token realm; errors never carry header values.
import { basicAuth, type Credentials } from "./creds.js";
import { parseChallenges } from "./challenge.js";
import type { Blob, Image } from "./image.js";
import { isLoopback, type ImageRef } from "./ref.js";

export interface RegistryOptions {
  credentials?: Credentials;
  /** Use http:// (always allowed for loopback hosts). */
  plainHttp?: boolean;
  /** Upload blobs in chunks of this many bytes (PATCH); default: one monolithic PUT. */
  chunkSize?: number;
}

/** An error from the registry, with the HTTP status and the registry's error codes. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class RegistryClient {
  readonly origin: string;
  private authorization: string | undefined;
  private readonly scope: string;

  constructor(
    readonly ref: ImageRef,
    private readonly opts: RegistryOptions = {},
  ) {
    const plain = opts.plainHttp === true || isLoopback(ref.apiHost);
    this.origin = `${plain ? "http" : "https"}://${ref.apiHost}`;
    this.scope = `repository:${ref.repository}:pull,push`;
  }

  /** Pushes every blob (skipping those already there), then the manifest under `reference`. */
  async push(image: Image, reference: string): Promise<{ digest: string; uploaded: number }> {
    let uploaded = 0;
    for (const b of image.blobs) {
      if (await this.hasBlob(b.digest)) continue;
      await this.uploadBlob(b);
      uploaded++;
    }
    const res = await this.send("PUT", `/v2/${this.ref.repository}/manifests/${reference}`, {
      headers: { "content-type": image.mediaType },
      body: image.manifest,
    });
    await this.expect(res, [201], `PUT manifest ${reference}`);
    const got = res.headers.get("docker-content-digest");
    if (got && got !== image.digest)
      throw new RegistryError(`PUT manifest: registry computed ${got}, expected ${image.digest}`, res.status);
    return { digest: image.digest, uploaded };
  }

  async hasBlob(digest: string): Promise<boolean> {
    const res = await this.send("HEAD", `/v2/${this.ref.repository}/blobs/${digest}`);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    await this.expect(res, [200, 404], `HEAD blob ${digest}`);
    return false;
  }

  async uploadBlob(b: Blob): Promise<void> {
    const start = await this.send("POST", `/v2/${this.ref.repository}/blobs/uploads/`);
    await this.expect(start, [202], "start upload");
    let location = this.location(start);
    const chunk = this.opts.chunkSize;
    if (chunk && chunk > 0 && b.size > chunk) {
      for (let off = 0; off < b.size; off += chunk) {
        const part = b.data.subarray(off, Math.min(b.size, off + chunk));
        const res = await this.send("PATCH", location, {
          headers: {
            "content-type": "application/octet-stream",
            "content-range": `${off}-${off + part.length - 1}`,
          },
          body: part,
        });
        await this.expect(res, [202], `PATCH upload of ${b.digest}`);
        location = this.location(res);
      }
      const done = await this.send("PUT", withDigest(location, b.digest));
      await this.expect(done, [201], `finish upload of ${b.digest}`);
      return;
    }
    const res = await this.send("PUT", withDigest(location, b.digest), {
      headers: { "content-type": "application/octet-stream" },
      body: b.data,
    });
    await this.expect(res, [201], `upload ${b.digest}`);
  }

  private location(res: Response): string {
    const loc = res.headers.get("location");
    if (!loc) throw new RegistryError("registry: upload response without Location", res.status);
    return new URL(loc, this.origin).href;
  }

  /** One request, authenticating once on 401. */
  private async send(
    method: string,
    pathOrUrl: string,
    init: { headers?: Record<string, string>; body?: Buffer } = {},
  ): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...init.headers };
      if (this.authorization && url.origin === this.origin) headers.authorization = this.authorization;
      const body = init.body as unknown as BodyInit | undefined; // undici sends Buffers as they are
      const res = await fetch(url, { method, headers, body, redirect: "manual" }).catch((e: Error) => {
        throw new RegistryError(`${this.ref.registry}: ${method} ${url.origin}${url.pathname}: ${reason(e)}`, 0);
      });
      if (res.status !== 401 || attempt > 0 || url.origin !== this.origin) return res;
      const challenge = res.headers.get("www-authenticate") ?? "";
      await res.body?.cancel();
      await this.authenticate(challenge);
    }
  }

  private async authenticate(header: string): Promise<void> {
    const creds = this.opts.credentials;
    const challenges = parseChallenges(header);
    const bearer = challenges.find((c) => c.scheme === "bearer");
    if (bearer) {
      this.authorization = `Bearer ${await this.token(bearer.params)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === "basic")) {
      if (!creds)
        throw new RegistryError(
          `${this.ref.registry}: authentication required (Basic); give credentials (--username/--password-stdin, REGISTRY_USERNAME/REGISTRY_PASSWORD, or docker login)`,
          401,
        );
      this.authorization = basicAuth(creds);
      return;
    }
    throw new RegistryError(`${this.ref.registry}: 401 with an unsupported authentication challenge`, 401);
  }

  /** The Bearer token flow (distribution token spec): GET realm?service=…&scope=… */
  private async token(params: Record<string, string>): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(params.realm ?? "");
    } catch {
      throw new RegistryError(`${this.ref.registry}: Bearer challenge without a valid realm`, 401);
    }
    if (realm.protocol !== "https:" && realm.protocol !== "http:")
      throw new RegistryError(`${this.ref.registry}: token realm must be http(s)`, 401);
    if (params.service) realm.searchParams.set("service", params.service);
    realm.searchParams.append("scope", this.scope);
    if (params.scope && params.scope !== this.scope) realm.searchParams.append("scope", params.scope);
    const headers: Record<string, string> = {};
    const creds = this.opts.credentials;
    // Credentials go to the realm only over https, or in plain http to the registry's own host name.
    if (creds && (realm.protocol === "https:" || realm.hostname === new URL(this.origin).hostname))
      headers.authorization = basicAuth(creds);
    const res = await fetch(realm, { headers, redirect: "manual" }).catch((e: Error) => {
      throw new RegistryError(`${this.ref.registry}: token request to ${realm.origin}${realm.pathname}: ${reason(e)}`, 0);
    });
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new RegistryError(
        `${this.ref.registry}: token request to ${realm.origin}${realm.pathname} failed with HTTP ${res.status}${creds ? "" : " (no credentials given)"}`,
        res.status,
      );
    }
    const body = (await res.json().catch(() => ({}))) as { token?: unknown; access_token?: unknown };
    const t = typeof body.token === "string" ? body.token : typeof body.access_token === "string" ? body.access_token : "";
    if (!t) throw new RegistryError(`${this.ref.registry}: token response without a token`, res.status);
    return t;
  }

  private async expect(res: Response, ok: number[], what: string): Promise<void> {
    if (ok.includes(res.status)) {
      if (res.status !== 201 && res.status !== 202) await res.body?.cancel();
      else await res.arrayBuffer();
      return;
    }
    const text = (await res.text().catch(() => "")).slice(0, 2048);
    let detail = "";
    try {
      const errs = (JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> }).errors ?? [];
      detail = errs
        .map((e) => `${e.code ?? "?"}: ${e.message ?? ""}`)
        .join("; ")
        .slice(0, 300);
    } catch {
      /* not JSON */
    }
    const hint = res.status === 401 || res.status === 403 ? " (check the credentials and their push rights)" : "";
    throw new RegistryError(`${this.ref.registry}: ${what}: HTTP ${res.status}${detail ? ` ${detail}` : ""}${hint}`, res.status);
  }
}

function withDigest(location: string, digest: string): string {
  const u = new URL(location);
  u.searchParams.set("digest", digest);
  return u.href;
}

/** Why a connection failed (fetch hides it in `cause`). */
function reason(e: Error): string {
  const c = (e as { cause?: { code?: string; message?: string } }).cause;
  return c?.code ?? c?.message ?? e.message;
}
