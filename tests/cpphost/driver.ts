// Locates the driver built by tests/cpphost/build.mjs (build/cpphost/paths.json).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./scenario.js";

/** Driver binary and the cpp-host source tree, or a reason they are missing. */
export function locate(): { driver: string; libs: string } | { missing: string } {
  const file = path.join(ROOT, "build/cpphost/paths.json");
  if (!existsSync(file)) return { missing: "build/cpphost/paths.json absent: run `npm run test:cpphost` (builds the driver)" };
  const p = JSON.parse(readFileSync(file, "utf8")) as { driver: string; libs: string };
  if (!existsSync(p.driver)) return { missing: `driver ${p.driver} absent: run \`npm run test:cpphost\`` };
  return p;
}
