// Build step of `npm run bench`:
//   1. the two floor modules bench/wasm/{noop,jsonfloor}.ts -> build/bench/*.wasm (asc with bench/wasm/asconfig.json:
//      O3 s1, incremental runtime, like the plugin);
//   2. the release plugin builds build/higress.wasm and build/envoy.wasm, only when missing or older than assembly/;
//   3. the runner (bench/ + host/) -> dist/ with tsc (bench/tsconfig.json).
// Flags: --wasm-only (step 1 only), --no-plugin (skip step 2),
//        --names (also build build/bench/higress.names.wasm: the release build plus a name section, for
//        `node --cpu-prof dist/bench/run.js --wasm build/bench/higress.names.wasm`).
import asc from "assemblyscript/asc";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(root, "build", "bench");
const flags = new Set(process.argv.slice(2));
const rel = (p) => relative(root, p);

const FLOORS = [
  { name: "noop", extra: ["--use", "abort=noop_abort"] },
  { name: "jsonfloor", extra: ["--use", "abort=floor_abort", "--transform", "json-as"] },
];

async function buildFloors() {
  mkdirSync(out, { recursive: true });
  for (const f of FLOORS) {
    const args = [
      rel(join(here, "wasm", `${f.name}.ts`)),
      "--outFile",
      rel(join(out, `${f.name}.wasm`)),
      "--config",
      rel(join(here, "wasm", "asconfig.json")),
      ...f.extra,
    ];
    const { error } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
    if (error) throw new Error(`bench: building ${f.name}.wasm failed: ${error.message}`);
  }
}

function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function buildPlugin() {
  const src = newestMtime(join(root, "assembly"));
  for (const target of ["higress", "envoy"]) {
    const file = join(root, "build", `${target}.wasm`);
    if (existsSync(file) && statSync(file).mtimeMs >= src) continue;
    console.error(`bench: building build/${target}.wasm (missing or older than assembly/)`);
    const { error } = await asc.main([`assembly/${target}.ts`, "--target", target], {
      stdout: process.stdout,
      stderr: process.stderr,
    });
    if (!error) continue;
    if (!existsSync(file)) throw new Error(`bench: building ${target}.wasm failed: ${error.message}`);
    console.error(`bench: WARNING: rebuilding ${target}.wasm failed (${error.message}); measuring the older build`);
  }
}

async function buildNamed() {
  const args = ["assembly/higress.ts", "--target", "higress", "--debug", "--outFile", "build/bench/higress.names.wasm"];
  const { error } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
  if (error) throw new Error(`bench: building higress.names.wasm failed: ${error.message}`);
}

function compileRunner() {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", rel(join(here, "tsconfig.json"))], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("bench: tsc -p bench/tsconfig.json failed");
}

process.chdir(root);
try {
  await buildFloors();
  if (!flags.has("--wasm-only")) {
    if (!flags.has("--no-plugin")) await buildPlugin();
    if (flags.has("--names")) await buildNamed();
    compileRunner();
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
