// `npm ci` for another platform, without that machine: `npm ci --dry-run --os=… --cpu=…` on a scratch copy of
// package.json, the lockfile and tools/node22 must install the Node 22 binary of that platform and nothing
// that declares another platform (no linux-x64 binary on a Mac or on Windows).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { binaryPackage } from "../conformance/node.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const TARGETS = [
  ["darwin", "arm64"],
  ["darwin", "x64"],
  ["linux", "arm64"],
  ["win32", "x64"],
  ["linux", "x64"],
] as const;

interface LockEntry {
  os?: string | string[];
  cpu?: string | string[];
  optional?: boolean;
  link?: boolean;
}
type Lock = { packages: Record<string, LockEntry> };

/** True when a package.json os/cpu value or list (with "!x" negations) admits `value`. */
export function admits(field: string | string[] | undefined, value: string): boolean {
  const list = typeof field === "string" ? [field] : field;
  if (!list || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const positive = list.filter((v) => !v.startsWith("!"));
  return positive.length === 0 || positive.includes(value);
}

/** Packages in `added` whose lock entry declares a platform other than `platform`-`arch`. */
export function foreign(added: string[], lock: Lock, platform: string, arch: string): string[] {
  return added.filter((name) => {
    const e = lock.packages[`node_modules/${name}`];
    return e !== undefined && !(admits(e.os, platform) && admits(e.cpu, arch));
  });
}

/** The npm to run: npm_execpath (the npm running `npm test`), else the first npm on PATH outside node_modules. */
function findNpm(): { cmd: string; args: string[]; version: string } | null {
  const candidates: Array<{ cmd: string; args: string[] }> = [];
  const execpath = process.env.npm_execpath;
  if (execpath && /\.c?js$/.test(execpath) && existsSync(execpath)) candidates.push({ cmd: process.execPath, args: [execpath] });
  const exe = process.platform === "win32" ? "npm.cmd" : "npm";
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || dir.includes("node_modules") || !existsSync(path.join(dir, exe))) continue;
    candidates.push({ cmd: path.join(dir, exe), args: [] });
  }
  for (const c of candidates) {
    const r = spawnSync(c.cmd, [...c.args, "--version"], {
      encoding: "utf8",
      shell: process.platform === "win32" && c.args.length === 0,
    });
    const [major, minor] = (r.stdout ?? "").trim().split(".").map(Number);
    // --os/--cpu appeared in npm 10.1
    if (r.status === 0 && (major > 10 || (major === 10 && minor >= 1))) return { ...c, version: r.stdout.trim() };
  }
  return null;
}

describe("npm ci for other platforms (dry run)", () => {
  const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as Lock;
  const npm = findNpm();
  const missing = npm ? "" : "npm ≥ 10.1 (for --os/--cpu) not found";
  if (missing && process.env.CI === "true") test("npm ≥ 10.1 is available", () => assert.fail(missing));
  if (missing) {
    test(`skipped: ${missing}`, { skip: missing }, () => {});
    return;
  }
  let dir = "";
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "mcp-rest-npm-ci-"));
    copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
    copyFileSync(path.join(ROOT, "package-lock.json"), path.join(dir, "package-lock.json"));
    // local packages (file: links) the lockfile refers to
    for (const [key, e] of Object.entries(lock.packages)) {
      if (key === "" || key.startsWith("node_modules/") || key.includes("/node_modules/") || e.link) continue;
      mkdirSync(path.join(dir, key), { recursive: true });
      copyFileSync(path.join(ROOT, key, "package.json"), path.join(dir, key, "package.json"));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the lockfile holds every platform's Node 22 package as optional, and nothing else platform-specific is required", () => {
    for (const [platform, arch] of TARGETS) {
      const e = lock.packages[`node_modules/${binaryPackage(platform, arch)}`];
      assert.ok(e, `${binaryPackage(platform, arch)} is in the lockfile at the top level`);
      assert.equal(e.optional, true);
    }
    for (const [key, e] of Object.entries(lock.packages)) {
      if ((e.os || e.cpu) && !e.optional)
        assert.fail(`${key} declares os/cpu but is not optional: npm ci fails on other platforms`);
    }
  });

  test("foreign() flags a package built for another platform", () => {
    const fake: Lock = {
      packages: { "node_modules/a": { os: "linux", cpu: ["x64"] }, "node_modules/b": { os: ["!win32"] }, "node_modules/c": {} },
    };
    assert.deepEqual(foreign(["a", "b", "c"], fake, "darwin", "arm64"), ["a"]);
    assert.deepEqual(foreign(["a", "b", "c"], fake, "win32", "x64"), ["a", "b"]);
    assert.deepEqual(foreign(["a", "b", "c"], fake, "linux", "x64"), []);
  });

  for (const [platform, arch] of TARGETS) {
    test(`${platform}-${arch}: installs ${binaryPackage(platform, arch)} and nothing for another platform`, () => {
      const r = spawnSync(
        npm!.cmd,
        [...npm!.args, "ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund", `--os=${platform}`, `--cpu=${arch}`],
        { cwd: dir, encoding: "utf8", shell: process.platform === "win32" && npm!.args.length === 0, timeout: 120_000 },
      );
      assert.equal(r.status, 0, `npm ${npm!.version} ci --dry-run failed:\n${r.stdout}\n${r.stderr}`);
      const added = [...r.stdout.matchAll(/^add (\S+) \S+$/gm)].map((m) => m[1]);
      assert.ok(added.length > 50, `npm listed what it would add:\n${r.stdout.slice(0, 2000)}`);
      assert.deepEqual(foreign(added, lock, platform, arch), [], "packages for another platform");
      const binaries = added.filter((n) => /^node-(bin-)?(linux|darwin|win)-/.test(n));
      assert.deepEqual(binaries, [binaryPackage(platform, arch)]);
    });
  }
});
