// Test tiers. `npm test` = `node scripts/test-tier.mjs fast`; `npm run test:slow` = `... slow`.
//   fast: the release builds + units (as-pect; a compiler warning fails them too), host, integration, converter,
//         deploy, portability, conformance
//   slow: the debug build + fuzz, memory soaks, bench smoke, and any `*.slow.test.ts`
// Suites are found, not listed: every tests/**/*.test.ts is in the fast tier unless it lies under
// tests/fuzz/ or tests/bench/ or is named *.slow.test.ts. The fast tier also runs these npm scripts when
// package.json has them: `typecheck` (tsc --noEmit over all TypeScript and the .mjs scripts), `format:check`
// (prettier), `conformance`, `conformance:*` and `test:cpphost`.
// Builds run two at a time and only when an output is missing or older than its inputs (--rebuild: always).
// The node suites run with one test process per core, beside a lane running the other suites one by one.
// Flags: --rebuild, --no-build, --only=units|node|scripts (one part of the tier). Exit 1 when anything failed.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const tier = args.find((a) => !a.startsWith("-")) ?? "fast";
const flag = (name) => args.includes(`--${name}`);
const only = args.findLast((a) => a.startsWith("--only="))?.slice(7);
if (!["fast", "slow", "all"].includes(tier)) {
  process.stderr.write(`usage: node scripts/test-tier.mjs fast|slow|all [--rebuild] [--no-build] [--only=units|node|scripts]\n`);
  process.exit(2);
}
const cores = Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts ?? {};

/** Newest mtime of the files under `paths` (directories walked; node_modules, dist and build skipped). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    const full = join(root, p);
    if (!existsSync(full)) continue;
    const st = statSync(full);
    if (!st.isDirectory()) t = Math.max(t, st.mtimeMs);
    else
      for (const e of readdirSync(full))
        if (!["node_modules", "dist", "build"].includes(e)) t = Math.max(t, newest([join(p, e)]));
  }
  return t;
}
const oldest = (outs) => Math.min(...outs.map((o) => (existsSync(join(root, o)) ? statSync(join(root, o)).mtimeMs : 0)));

const WASM_IN = ["assembly", "asconfig.json", "package-lock.json"];
const NODE_IN = ["host", "converter", "tests", "bench", "examples", "tsconfig.json", "package-lock.json"];
const GUESTS = [
  "guest_0_2_1",
  "guest_0_2_100",
  "guest_0_3_0",
  "bad_import",
  "guest_trailers_0_2_100",
  "guest_trailers_0_2_1",
].map((g) => join("build", "guests", `${g}.wasm`));
/** Build steps: npm script, inputs, outputs. */
const BUILDS = {
  higress: { script: "build:higress", inputs: WASM_IN, outputs: [join("build", "higress.wasm")] },
  envoy: { script: "build:envoy", inputs: WASM_IN, outputs: [join("build", "envoy.wasm")] },
  debug: { script: "build:debug", inputs: WASM_IN, outputs: [join("build", "debug.wasm")] },
  guests: { script: "build:guests", inputs: [join("tests", "fixtures", "guests"), "package-lock.json"], outputs: GUESTS },
  node: { script: "build:node", inputs: NODE_IN, outputs: [join("dist", ".built")] },
};

/** Runs a command; resolves with its exit code and (when `quiet`) its output. */
function run(cmd, argv, quiet) {
  return new Promise((resolve) => {
    const p = spawn(cmd, argv, {
      cwd: root,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      shell: cmd === "npm" && process.platform === "win32",
    });
    let out = "";
    if (quiet) {
      p.stdout.on("data", (d) => (out += d));
      p.stderr.on("data", (d) => (out += d));
    }
    p.on("error", (e) => resolve({ code: 1, out: `${out}${e.message}\n` }));
    p.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

/** `npm run <script>` with the npm that runs this script (npm_execpath), else the npm on PATH. */
function npmRun(script, quiet) {
  const npm = process.env.npm_execpath;
  if (npm && /\.c?js$/.test(npm)) return run(process.execPath, [npm, "run", "--silent", script], quiet);
  return run("npm", ["run", "--silent", script], quiet);
}

const results = [];
async function timed(name, fn) {
  const t0 = performance.now();
  const ok = await fn();
  results.push({ name, ok, s: (performance.now() - t0) / 1000 });
  return ok;
}

/** Runs `tasks` (functions returning promises) at most `n` at a time; resolves with their results in order. */
async function pool(tasks, n) {
  const out = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}

async function build(names) {
  const stale = names.filter((n) => flag("rebuild") || oldest(BUILDS[n].outputs) < newest(BUILDS[n].inputs));
  if (!stale.length) {
    process.stdout.write(`build: up to date (${names.join(", ")})\n`);
    return true;
  }
  const oks = await pool(
    stale.map(
      (n) => () =>
        timed(`build ${n}`, async () => {
          const r = await npmRun(BUILDS[n].script, true);
          process.stdout.write(r.out);
          if (r.code === 0 && n === "node") writeFileSync(join(root, "dist", ".built"), `${new Date().toISOString()}\n`);
          process.stdout.write(`build ${n}: ${r.code === 0 ? "ok" : "FAILED"}\n`);
          return r.code === 0;
        }),
    ),
    cores,
  );
  return oks.every(Boolean);
}

/** tests/**\/*.test.ts of this tier, as the compiled paths under dist/ (sources decide: stale dist files are ignored). */
function testFiles(which) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!["unit", "fixtures"].includes(e.name) || dir !== "tests") walk(p);
      } else if (e.name.endsWith(".test.ts")) files.push(p);
    }
  };
  walk("tests");
  const slow = (f) => {
    const rel = relative("tests", f).split(sep);
    return ["fuzz", "bench"].includes(rel[0]) || f.endsWith(".slow.test.ts");
  };
  return files
    .filter((f) => (which === "slow") === slow(f))
    .sort()
    .map((f) => join("dist", f.replace(/\.ts$/, ".js")));
}

/** The fast tier's extra npm scripts: the checks first, then the others in package.json order. */
const extraScripts = () => [
  ...["typecheck", "format:check"].filter((s) => s in scripts),
  ...Object.keys(scripts).filter((s) => /^conformance(:|$)/.test(s) || s === "test:cpphost"),
];

async function main() {
  const builds =
    tier === "fast"
      ? ["higress", "envoy", "guests", "node"]
      : tier === "slow"
        ? ["higress", "envoy", "guests", "node", "debug"]
        : ["higress", "envoy", "guests", "node", "debug"];
  if (!flag("no-build") && !(await build(builds))) return report();
  const tiers = tier === "all" ? ["fast", "slow"] : [tier];
  for (const t of tiers) {
    const files = testFiles(t);
    // side lane: suites that are one process each, one after the other, output printed when each ends
    const lane = async () => {
      if (t === "fast" && (!only || only === "units"))
        await timed("units (as-pect)", async () => {
          const r = await npmRun("test:unit", true);
          process.stdout.write(`\n${r.out}`);
          // a compiler warning fails the step too: the unit build stays warning-free
          const warnings = r.out.match(/^WARNING AS\d+: .*$/gm) ?? [];
          if (warnings.length)
            process.stdout.write(`units: ${warnings.length} compiler warning(s) (see above), e.g. ${warnings[0]}\n`);
          return r.code === 0 && !warnings.length;
        });
      if (t === "fast" && (!only || only === "scripts")) {
        for (const s of extraScripts())
          await timed(`npm run ${s}`, async () => {
            const r = await npmRun(s, true);
            process.stdout.write(`\n${r.out}`);
            return r.code === 0;
          });
      }
    };
    const node = async () => {
      if ((only && only !== "node") || !files.length) return;
      const concurrency = t === "fast" ? Math.max(1, cores - 1) : cores;
      await timed(
        `node --test (${t}: ${files.length} files)`,
        async () => (await run(process.execPath, ["--test", `--test-concurrency=${concurrency}`, ...files], false)).code === 0,
      );
    };
    await Promise.all([lane(), node()]);
  }
  return report();
}

function report() {
  process.stdout.write(`\ntest tier ${tier}:\n`);
  for (const r of results)
    process.stdout.write(`  ${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(40)} ${r.s.toFixed(1).padStart(6)} s\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(failed ? `${failed} failed\n` : "all passed\n");
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  },
);
