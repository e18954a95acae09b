// Registry credentials: flags, then environment, then the Docker config file.
// Values are kept in memory only; nothing here prints them, and describe() names only the source.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from: "flags", "env", or the config file path. Never the values. */
  source: string;
}

export interface CredentialOptions {
  username?: string;
  password?: string;
  env?: NodeJS.ProcessEnv;
  /** Directory holding config.json (DOCKER_CONFIG); default ~/.docker. */
  dockerConfigDir?: string;
}

/** Environment variables read for credentials. */
export const ENV_USER = "REGISTRY_USERNAME";
export const ENV_PASSWORD = "REGISTRY_PASSWORD";

/** Credentials for `registry` (host[:port] as written in the reference), or undefined (anonymous). */
export async function findCredentials(registry: string, o: CredentialOptions = {}): Promise<Credentials | undefined> {
  const env = o.env ?? process.env;
  if (o.username !== undefined || o.password !== undefined) {
    if (!o.username || o.password === undefined)
      throw new Error("credentials: --username and a password (--password or --password-stdin) go together");
    return { username: o.username, password: o.password, source: "flags" };
  }
  const eu = env[ENV_USER];
  const ep = env[ENV_PASSWORD];
  if (eu || ep) {
    if (!eu || ep === undefined) throw new Error(`credentials: set both ${ENV_USER} and ${ENV_PASSWORD}`);
    return { username: eu, password: ep, source: "env" };
  }
  const dir = o.dockerConfigDir ?? env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), ".docker");
  return fromDockerConfig(join(dir, "config.json"), registry);
}

/** Keys under which `docker login` stores a registry in config.json `auths`. */
function authKeys(registry: string): string[] {
  if (registry === "docker.io") return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

async function fromDockerConfig(file: string, registry: string): Promise<Credentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined; // no config file: anonymous
  }
  let cfg: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  try {
    cfg = JSON.parse(text);
  } catch {
    throw new Error(`credentials: ${file} is not valid JSON`);
  }
  const auths = cfg.auths ?? {};
  for (const key of authKeys(registry)) {
    const e = auths[key];
    if (!e || typeof e !== "object") continue;
    if (typeof e.username === "string" && typeof e.password === "string" && e.username) {
      return { username: e.username, password: e.password, source: file };
    }
    if (typeof e.auth === "string" && e.auth) {
      const decoded = Buffer.from(e.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon <= 0) throw new Error(`credentials: ${file} auths["${key}"].auth is not base64 of user:password`);
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: file };
    }
  }
  return undefined;
}

/** The Basic authorization value. */
export function basicAuth(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, "utf8").toString("base64")}`;
}
