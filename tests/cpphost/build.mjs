#!/usr/bin/env node
// Builds the second test host: Higress's proxy-wasm-cpp-host (fork) + WAMR (fast interpreter) and
// the scenario driver (tests/cpphost/driver/*.cc). Third-party sources are pinned archives, taken from
// $CPPHOST_SOURCES or ../shared/vendor/proxy-wasm/ (tarballs), else downloaded from their pinned URLs.
// Outputs are cached by content hash under $CPPHOST_CACHE (default ~/.cache/higress-mcp-rest/cpphost),
// so a warm rebuild only hashes inputs. Prints the driver path on stdout's last line.
// Exit 2 (with one line on stderr) when the toolchain or the sources are missing.
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  copyFileSync,
  cpSync,
  statSync,
} from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const SOURCES = [
  {
    key: "host",
    file: "proxy-wasm-cpp-host-913c1b0.tar.xz",
    url: "https://github.com/higress-group/proxy-wasm-cpp-host/archive/913c1b02cbbdba00682ac29787b0986d85890a54.tar.gz",
  },
  {
    key: "sdk",
    file: "proxy-wasm-cpp-sdk-0ceca8c.tar.xz",
    url: "https://github.com/higress-group/proxy-wasm-cpp-sdk/archive/0ceca8c81dddc4c9875cf0cb997454764905658c.tar.gz",
  },
  {
    key: "wamr",
    file: "wasm-micro-runtime-2.1.1.tar.xz",
    url: "https://github.com/bytecodealliance/wasm-micro-runtime/archive/refs/tags/WAMR-2.1.1.tar.gz",
  },
];
// The fork's bazel/external/wamr.BUILD, default (interpreter) branch.
const WAMR_FLAGS = [
  "INTERP=1",
  "FAST_INTERP=1",
  "AOT=0",
  "JIT=0",
  "SIMD=0",
  "BULK_MEMORY=1",
  "REF_TYPES=1",
  "TAIL_CALL=1",
  "LIBC_WASI=0",
  "LIBC_BUILTIN=0",
  "MULTI_MODULE=0",
  "CUSTOM_NAME_SECTION=1",
  "LOAD_CUSTOM_SECTION=1",
  "DUMP_CALL_STACK=1",
  "WASM_CACHE=0",
  "STATIC=1",
  "SHARED=0",
].map((f) => `-DWAMR_BUILD_${f}`);
const HOST_SRCS = [
  "bytecode_util",
  "context",
  "exports",
  "hash",
  "pairs_util",
  "shared_data",
  "shared_queue",
  "signature_util",
  "vm_id_handle",
  "wasm",
]
  .map((n) => `src/${n}.cc`)
  .concat(["src/wamr/wamr.cc"]);
// WAMR 2.1 renamed WASM_ANYREF to WASM_EXTERNREF; the fork's wamr.cc still says WASM_ANYREF.
const DEFINES = ["-DPROXY_WASM_HAS_RUNTIME_WAMR", "-DPROXY_WASM_HOST_ENGINE_WAMR", "-DWASM_ANYREF=WASM_EXTERNREF"];
const CXXFLAGS = ["-std=c++17", "-O1", "-w", ...DEFINES];
const LDFLAGS = ["-lcrypto", "-lpthread", "-lm", "-ldl", "-Wl,-z,noexecstack"];
const JOBS = process.env.CPPHOST_JOBS ?? "2";

function missing(msg) {
  process.stderr.write(msg + "\n");
  process.exit(2);
}
/** A command on PATH (looked up here, no shell). */
function has(cmd) {
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE").split(";") : [""];
  return (process.env.PATH ?? "").split(delimiter).some(
    (d) =>
      d !== "" &&
      exts.some((e) => {
        try {
          return statSync(join(d, cmd + e)).isFile();
        } catch {
          return false;
        }
      }),
  );
}
function log(msg) {
  process.stderr.write(`[cpphost] ${msg}\n`);
}
const sha = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex").slice(0, 16);
};

export function sourceDir() {
  if (process.env.CPPHOST_SOURCES) return resolve(process.env.CPPHOST_SOURCES);
  return resolve(root, "../shared/vendor/proxy-wasm");
}
export function cacheDir() {
  return resolve(
    process.env.CPPHOST_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "higress-mcp-rest/cpphost"),
  );
}

function fetchArchives(cache) {
  const dir = sourceDir();
  const out = {};
  for (const s of SOURCES) {
    const local = join(dir, s.file);
    if (existsSync(local)) {
      out[s.key] = local;
      continue;
    }
    const dl = join(cache, "downloads", s.url.replace(/[^A-Za-z0-9.]+/g, "_"));
    if (!existsSync(dl)) {
      if (process.env.CPPHOST_OFFLINE || !has("curl"))
        missing(`cpp-host sources not found in ${dir} (set CPPHOST_SOURCES, or allow downloading ${s.url} with curl)`);
      mkdirSync(dirname(dl), { recursive: true });
      log(`downloading ${s.url}`);
      try {
        execFileSync("curl", ["-fsSL", "--max-time", "300", "-o", dl + ".part", s.url], { stdio: "inherit" });
      } catch {
        missing(
          `cpp-host sources not found in ${dir} and downloading ${s.url} failed (set CPPHOST_SOURCES to the directory of the tarballs)`,
        );
      }
      renameSync(dl + ".part", dl);
    }
    out[s.key] = dl;
  }
  return out;
}

function extract(archive, dest) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  execFileSync("tar", [archive.endsWith(".xz") ? "-xJf" : "-xzf", archive, "-C", dest]);
  const entries = readdirSync(dest);
  // GitHub archives wrap the tree in one top-level directory; the vendored tarballs do not.
  if (entries.length === 1 && statSync(join(dest, entries[0])).isDirectory()) return join(dest, entries[0]);
  return dest;
}

function run(cmd, args, opts = {}) {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });
    p.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.slice(0, 3).join(" ")}… exited ${code}`))));
    p.on("error", fail);
  });
}
async function parallel(tasks, n) {
  const queue = tasks.slice();
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (queue.length) await queue.shift()();
    }),
  );
}

async function buildLibs(archives, cache) {
  const key = sha(
    ...SOURCES.map((s) => readFileSync(archives[s.key])),
    WAMR_FLAGS.join(" "),
    CXXFLAGS.join(" "),
    HOST_SRCS.join(" "),
  );
  const out = join(cache, `libs-${key}`);
  if (existsSync(join(out, "done"))) return out;
  const work = join(cache, `work-${key}`);
  const t0 = Date.now();
  const src = {};
  for (const s of SOURCES) src[s.key] = extract(archives[s.key], join(work, s.key));
  log(`building WAMR (cmake + ninja, -j${JOBS})`);
  const wb = join(work, "wamr-build");
  mkdirSync(wb, { recursive: true });
  await run("cmake", ["-S", src.wamr, "-B", wb, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", ...WAMR_FLAGS], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  await run("ninja", ["-C", wb, `-j${JOBS}`, "iwasm_static"], { stdio: ["ignore", "ignore", "inherit"] });
  log(`building proxy-wasm-cpp-host (${HOST_SRCS.length} files, g++ -j${JOBS})`);
  const objs = join(work, "obj");
  mkdirSync(objs, { recursive: true });
  const inc = ["-I", src.host, "-I", src.sdk, "-I", join(src.wamr, "core/iwasm/include")];
  await parallel(
    HOST_SRCS.map(
      (f) => () => run("g++", [...CXXFLAGS, ...inc, "-c", join(src.host, f), "-o", join(objs, f.replace(/\//g, "_") + ".o")]),
    ),
    Number(JOBS),
  );
  mkdirSync(out + ".tmp", { recursive: true });
  execFileSync("ar", ["rcs", join(out + ".tmp", "libproxy_wasm.a"), ...readdirSync(objs).map((o) => join(objs, o))]);
  copyFileSync(join(wb, "libvmlib.a"), join(out + ".tmp", "libvmlib.a"));
  // Headers and the sources the signature test parses stay next to the libraries.
  for (const k of ["host", "sdk"]) cpSync(src[k], join(out + ".tmp", k), { recursive: true });
  cpSync(join(src.wamr, "core/iwasm/include"), join(out + ".tmp", "wamr-include"), { recursive: true });
  writeFileSync(join(out + ".tmp", "done"), `${(Date.now() - t0) / 1000}s\n`);
  rmSync(out, { recursive: true, force: true });
  renameSync(out + ".tmp", out);
  rmSync(work, { recursive: true, force: true });
  log(`libraries built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return out;
}

async function buildDriver(libs, cache) {
  const ddir = join(here, "driver");
  const files = readdirSync(ddir)
    .filter((f) => /\.(cc|h)$/.test(f))
    .sort();
  const ccs = files.filter((f) => f.endsWith(".cc"));
  const headers = files.filter((f) => f.endsWith(".h")).map((f) => f + readFileSync(join(ddir, f)));
  const key = sha(libs, CXXFLAGS.join(" "), LDFLAGS.join(" "), ...files.map((f) => f + readFileSync(join(ddir, f))));
  const bin = join(cache, `driver-${key}`);
  if (existsSync(bin)) return bin;
  const t0 = Date.now();
  const inc = ["-I", join(libs, "host"), "-I", join(libs, "sdk"), "-I", join(libs, "wamr-include"), "-I", ddir];
  // One cached object per source (keyed by it and every driver header): editing one file recompiles one file.
  const objDir = join(cache, "driver-obj");
  mkdirSync(objDir, { recursive: true });
  const objs = ccs.map((f) =>
    join(objDir, `${f}-${sha(libs, CXXFLAGS.join(" "), f, readFileSync(join(ddir, f)), ...headers)}.o`),
  );
  const todo = ccs.map((f, i) => [f, objs[i]]).filter(([, o]) => !existsSync(o));
  log(`building driver (${todo.length} of ${ccs.length} files)`);
  await parallel(
    todo.map(([f, o]) => async () => {
      await run("g++", [...CXXFLAGS, ...inc, "-c", join(ddir, f), "-o", o + ".tmp"]);
      renameSync(o + ".tmp", o);
    }),
    Number(JOBS),
  );
  await run("g++", [
    "-o",
    bin + ".tmp",
    ...objs,
    "-Wl,--whole-archive",
    join(libs, "libproxy_wasm.a"),
    "-Wl,--no-whole-archive",
    join(libs, "libvmlib.a"),
    ...LDFLAGS,
  ]);
  renameSync(bin + ".tmp", bin);
  log(`driver built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return bin;
}

export function toolchainMissing() {
  const need = ["cmake", "ninja", "g++", "ar", "tar", "xz"].filter((c) => !has(c));
  if (need.length) return `missing tools: ${need.join(", ")}`;
  if (!existsSync("/usr/include/openssl/sha.h")) return "missing OpenSSL headers (libssl-dev)";
  return null;
}

export async function build() {
  const why = toolchainMissing();
  if (why) missing(`${why} (apt-get install -y cmake ninja-build g++ libssl-dev xz-utils)`);
  const cache = cacheDir();
  mkdirSync(cache, { recursive: true });
  const libs = await buildLibs(fetchArchives(cache), cache);
  const bin = await buildDriver(libs, cache);
  mkdirSync(join(root, "build/cpphost"), { recursive: true });
  // Stable paths for the test suite.
  writeFileSync(join(root, "build/cpphost/paths.json"), JSON.stringify({ driver: bin, libs }, null, 2) + "\n");
  return { driver: bin, libs };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().then(
    (r) => console.log(r.driver),
    (e) => {
      console.error(`[cpphost] build failed: ${e.message}`);
      process.exit(1);
    },
  );
}
