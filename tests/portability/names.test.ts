// File names on the Node side (host/, converter/, tests/, bench/, scripts/, examples/, bin/) are kebab-case:
// lower-case words joined by "-", then the extensions (`stream-base.ts`, `auth-matrix.test.ts`,
// `expected-failures.2026-07-28.yml`). Lower case also keeps two names from meeting on a case-insensitive
// file system (Windows, macOS). The AssemblyScript side keeps its own names: assembly/, tests/unit/ (as-pect
// specs), tests/fixtures/guests/ (named after the proxy-wasm ABI symbols, `guest_0_2_1.ts`) and bench/wasm/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const NODE_SIDE = ["host", "converter", "tests", "bench", "scripts", "examples", "bin"];
const ASSEMBLYSCRIPT = new Set(["tests/unit", "tests/fixtures/guests", "bench/wasm"]);
/** Names that tools look for as they are. */
const CONVENTIONAL = /^(README\.md|Dockerfile(\.dockerignore)?)$/;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;

/** The Node-side files (relative paths) whose names are not kebab-case. */
function oddNames(files: string[]): string[] {
  return files.filter((f) => {
    const base = path.posix.basename(f);
    return !CONVENTIONAL.test(base) && !KEBAB.test(base);
  });
}

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.name === "node_modules" || ASSEMBLYSCRIPT.has(rel)) continue;
    if (!KEBAB.test(e.name) && e.isDirectory()) out.push(rel);
    if (e.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

test("file names: the check flags snake_case, camelCase and upper case, and passes kebab-case", () => {
  assert.deepEqual(oddNames(["host/stream_base.ts", "host/streamBase.ts", "tests/Foo.test.ts", "x/a b.ts"]), [
    "host/stream_base.ts",
    "host/streamBase.ts",
    "tests/Foo.test.ts",
    "x/a b.ts",
  ]);
  assert.deepEqual(
    oddNames(["host/stream-base.ts", "tests/a/auth-matrix.test.ts", "t/expected-failures.2026-07-28.yml", "x/README.md"]),
    [],
  );
});

test("file names: every Node-side file and folder is kebab-case", () => {
  const files = NODE_SIDE.flatMap((d) => walk(d, []));
  assert.ok(files.includes("host/cli.ts"), "the walk found the sources");
  assert.deepEqual(oddNames(files), []);
});
