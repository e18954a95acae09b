// Image references as Docker and Istio read them: [oci://]REGISTRY/REPOSITORY[:TAG][@sha256:HEX].
// The first path component is the registry when it has a "." or ":" or is "localhost";
// otherwise the registry is Docker Hub (and a one-component repository is under library/).

export interface ImageRef {
  /** Registry host[:port] as written ("docker.io" for Docker Hub). */
  registry: string;
  /** Where the API is: host[:port] ("registry-1.docker.io" for Docker Hub). */
  apiHost: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$/;

/** Parses a reference; throws with the reason. */
export function parseRef(input: string): ImageRef {
  let s = input.startsWith("oci://") ? input.slice(6) : input;
  if (s.length === 0 || s.length > 512) throw new Error(`image reference: empty or too long`);
  let digest: string | undefined;
  const at = s.indexOf("@");
  if (at >= 0) {
    digest = s.slice(at + 1);
    s = s.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`image reference ${input}: digest must be sha256:<64 hex>`);
  }
  let tag: string | undefined;
  const lastSlash = s.lastIndexOf("/");
  const colon = s.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = s.slice(colon + 1);
    s = s.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`image reference ${input}: invalid tag "${tag}"`);
  }
  const parts = s.split("/");
  let registry = "docker.io";
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) {
    registry = parts.shift() as string;
    if (!HOST.test(registry)) throw new Error(`image reference ${input}: invalid registry "${registry}"`);
  }
  if (registry === "docker.io" && parts.length === 1) parts.unshift("library");
  for (const p of parts) {
    if (!COMPONENT.test(p)) throw new Error(`image reference ${input}: invalid repository component "${p}"`);
  }
  const apiHost = registry === "docker.io" ? "registry-1.docker.io" : registry;
  return { registry, apiHost, repository: parts.join("/"), tag, digest };
}

/** True for localhost, 127.0.0.0/8 and ::1 (where Docker, too, allows plain HTTP). */
export function isLoopback(hostPort: string): boolean {
  const host = hostPort.startsWith("[") ? hostPort.slice(1, hostPort.indexOf("]")) : hostPort.replace(/:\d+$/, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The reference as written in a WasmPlugin url, pinned by digest. */
export function pinnedUrl(ref: ImageRef, digest: string): string {
  return `oci://${ref.registry}/${ref.repository}@${digest}`;
}
