// `npm start`: build first when build/higress.wasm or dist/host/cli.js is missing, then run the demo
// (the `higress-mcp-rest demo` command) in this process. Plain Node, so it runs the same on Windows.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "host", "cli.js");

if (!existsSync(join(root, "build", "higress.wasm")) || !existsSync(cli)) {
  // npm sets npm_execpath to its own entry script when it runs a script; otherwise use the npm on PATH
  const npm = process.env.npm_execpath;
  const r =
    npm && /\.c?js$/.test(npm)
      ? spawnSync(process.execPath, [npm, "run", "build"], { cwd: root, stdio: "inherit" })
      : spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) {
    process.stderr.write(`npm start: the build failed (${r.error?.message ?? `exit ${r.status}`})\n`);
    process.exit(1);
  }
}

const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(["demo", ...process.argv.slice(2)]);
