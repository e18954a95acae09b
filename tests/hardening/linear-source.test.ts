// Issue 14 item 1 (regression guard): AssemblyScript's `Array<string>#join` concatenates with `+=` when
// the module is built with shrinkLevel ≥ 1 (our release builds), which made escape-heavy strings take
// quadratic time. assembly/ builds strings with util/strbuf.ts (StrBuf, joinStrings) only; this test
// fails when a `.join(` call comes back. (Timing is measured in `npm run bench`, never asserted.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../fuzz/harness.js";
import { sources } from "./sources.js";

test("no Array#join in assembly/ (quadratic in release builds): use joinStrings or StrBuf", () => {
  const hits: string[] = [];
  for (const f of sources(path.join(ROOT, "assembly"))) {
    readFileSync(f, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, "");
        if (/\.join\(/.test(code)) hits.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(hits, []);
});
