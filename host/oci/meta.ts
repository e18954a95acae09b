// What goes into the image besides the module: the package's spec.yaml and README.md, and the
// org.opencontainers.image.* annotations (version, source, revision). All read from files, so
// the same checkout gives the same image.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The package root (two levels above dist/host/oci/). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  license?: string;
  repository?: string | { url?: string };
  homepage?: string;
}

export async function readPackageJson(root = PACKAGE_ROOT): Promise<PackageJson> {
  return JSON.parse(await readFile(join(root, "package.json"), "utf8")) as PackageJson;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    return undefined;
  }
}

/** The commit checked out at `root`, read from .git without running git (worktrees included). */
export async function gitRevision(root = PACKAGE_ROOT): Promise<string | undefined> {
  let gitDir = join(root, ".git");
  const file = await readText(gitDir); // a worktree's .git is a file "gitdir: <path>"
  if (file?.startsWith("gitdir:")) gitDir = file.slice(7).trim();
  const head = await readText(join(gitDir, "HEAD"));
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  if (!head.startsWith("ref:")) return undefined;
  const ref = head.slice(4).trim();
  const common = await readText(join(gitDir, "commondir"));
  const dirs = common ? [gitDir, join(gitDir, common)] : [gitDir];
  for (const d of dirs) {
    const v = await readText(join(d, ...ref.split("/")));
    if (v && /^[0-9a-f]{40,64}$/.test(v)) return v;
    const packed = await readText(join(d, "packed-refs"));
    for (const line of packed?.split("\n") ?? []) {
      const [sha, name] = line.split(" ");
      if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
    }
  }
  return undefined;
}

export interface AnnotationOptions {
  version?: string;
  source?: string;
  revision?: string;
  extra?: Record<string, string>;
}

/** org.opencontainers.image.* annotations; no timestamp (it would change the digest). */
export async function annotations(o: AnnotationOptions = {}, root = PACKAGE_ROOT): Promise<Record<string, string>> {
  const pkg = await readPackageJson(root);
  const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  const out: Record<string, string> = {
    "org.opencontainers.image.title": pkg.name,
    "org.opencontainers.image.version": o.version ?? pkg.version,
  };
  if (pkg.description) out["org.opencontainers.image.description"] = pkg.description;
  if (pkg.license) out["org.opencontainers.image.licenses"] = pkg.license;
  const source = o.source ?? repo?.replace(/^git\+/, "") ?? pkg.homepage;
  if (source) out["org.opencontainers.image.source"] = source;
  const revision = o.revision ?? (await gitRevision(root));
  if (revision) out["org.opencontainers.image.revision"] = revision;
  return { ...out, ...o.extra };
}
