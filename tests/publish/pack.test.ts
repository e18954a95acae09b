// `npm pack` gives a usable package: installed from the tarball into an empty project, its bins
// run (--help, validate, serve with the demo config answering MCP, image) with the prebuilt .wasm.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "../deploy/files.js";
import { must, run } from "./tools.js";

// The npm running `npm test` (npm_execpath), not node_modules/.bin/npm (an old npm some dependency
// brings along); its npm_* variables stay out, or the child npm would act on this repository.
const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const tool = (name: "npm" | "npx", args: string[]): [string, string[]] =>
  npmCli
    ? [process.execPath, [name === "npm" ? npmCli : join(dirname(npmCli), "npx-cli.js"), ...args]]
    : [process.platform === "win32" ? `${name}.cmd` : name, args];
const npm = (args: string[], cwd: string) => must(...tool("npm", args), { cwd, env });
const npx = (args: string[]) => run(...tool("npx", ["--no", "--", ...args]), { cwd: join(dir, "app"), env });
let dir: string;
let pkg: string; // the installed package

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "pack-"));
  const out = JSON.parse(await npm(["pack", "--json", "--pack-destination", dir], ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const tarball = join(dir, out[0].filename);
  const app = join(dir, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  // --prefer-offline: the dependencies come from npm's cache when `npm ci` already put them there
  await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], app);
  pkg = join(app, "node_modules", "higress-mcp-rest");
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("the tarball holds the prebuilt modules, dist/ and the examples, and no tests or sources maps", async () => {
  for (const f of [
    "build/higress.wasm",
    "build/envoy.wasm",
    "dist/host/cli.js",
    "dist/host/oci/commands.js",
    "dist/converter/cli.js",
    "dist/examples/demo/start.js",
    "examples/demo/config.yaml",
    "spec.yaml",
    "README.md",
  ]) {
    assert.ok(existsSync(join(pkg, f)), f);
  }
  assert.ok(!existsSync(join(pkg, "dist", "tests")), "dist/tests packed");
  assert.ok(!existsSync(join(pkg, "assembly")), "assembly/ packed");
  assert.ok(!(await readdir(join(pkg, "dist", "host"))).some((f) => f.endsWith(".map")), "source maps packed");
});

test("npx higress-mcp-rest --help and openapi-to-mcp --help run from the install", async () => {
  const h = await npx(["higress-mcp-rest", "--help"]);
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, /^usage: higress-mcp-rest/m);
  assert.match(h.stdout, /^  push REF/m);
  const c = await npx(["openapi-to-mcp", "--help"]);
  assert.equal(c.code, 0, c.stderr);
});

test("validate loads the demo config in the packed higress.wasm", async () => {
  const r = await npx(["higress-mcp-rest", "validate", join(pkg, "examples", "demo", "config.yaml")]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ok: \d+ tools$/m);
});

test("serve runs the demo config and answers MCP initialize and tools/list", async () => {
  const [cmd, args] = tool("npx", [
    "--no",
    "--",
    "higress-mcp-rest",
    "serve",
    "--config",
    join(pkg, "examples", "demo", "config.yaml"),
    "--port",
    "0",
  ]);
  const p = spawn(cmd, args, { cwd: join(dir, "app"), env, stdio: ["ignore", "ignore", "pipe"], detached: true });
  try {
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      p.stderr!.on("data", (d) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      p.on("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const post = async (body: unknown) => {
      const res = await fetch(`${url}/mcp`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
        },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200);
      return (await res.json()) as { result: Record<string, unknown> };
    };
    const init = await post({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pack-test", version: "1" } },
    });
    assert.equal((init.result.serverInfo as { name: string }).name, "demo-notes");
    const list = await post({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    assert.ok((list.result.tools as unknown[]).length > 0);
  } finally {
    if (p.pid) process.kill(-p.pid, "SIGTERM");
  }
});

test("image builds from the installed package (the packed build/higress.wasm)", async () => {
  const r = await npx(["higress-mcp-rest", "image", "--output", join(dir, "img.tar")]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^sha256:[0-9a-f]{64}$/m);
});
