// External tools the publish tests drive, and the one-line skip when they are missing.
// Outside CI a missing tool skips the suite; with CI=true it fails (.ci/run installs them).
import { spawn, spawnSync } from "node:child_process";
import { ROOT } from "../deploy/files.js";
import { join } from "node:path";

/** Debian packages providing the tools: docker-registry, skopeo, htpasswd (apache2-utils), openssl. */
export const TOOLS: Record<string, string> = {
  "docker-registry": "docker-registry",
  skopeo: "skopeo",
  htpasswd: "apache2-utils",
  openssl: "openssl",
};

function has(cmd: string): boolean {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0;
}

/** undefined when every tool is there; otherwise the skip line. Throws under CI=true. */
export function missingTools(): string | undefined {
  const missing = Object.keys(TOOLS).filter((t) => !has(t));
  if (missing.length === 0) return undefined;
  const line = `publish tests need ${missing.join(", ")} (apt-get install ${[...new Set(missing.map((m) => TOOLS[m]))].join(" ")})`;
  if (process.env.CI === "true") throw new Error(`CI: ${line}`);
  return line;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, with optional stdin. */
export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    p.stdin.on("error", () => {}); // a tool that exits without reading its stdin
    p.stdin.end(opts.input ?? "");
  });
}

/** Runs this package's CLI (bin/higress-mcp-rest.js). */
export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  return run(process.execPath, [join(ROOT, "bin", "higress-mcp-rest.js"), ...args], opts);
}

/** Runs a tool and fails with its stderr when it exits non-zero. */
export async function must(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.code}\n${r.stderr}`);
  return r.stdout;
}
