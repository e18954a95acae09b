// Shared helpers of the template specs: a deterministic TemplateEnv and a
// [template, data, expected] table runner.
import { compileTemplate, TemplateEnv } from "../../../assembly/template/template";

/** Fixed clock, deterministic randomness, fixed client IP. */
export class FakeEnv extends TemplateEnv {
  seed: u32 = 1;
  nowNanos(): i64 {
    return 1700000000123456789; // 2023-11-14T22:13:20.123456789Z
  }
  random32(): u32 {
    this.seed = this.seed * 1103515245 + 12345;
    return this.seed;
  }
  realIP(): string {
    return "203.0.113.7";
  }
}

/** Compile and render `src` over raw JSON `data`: the output, or "COMPILE: …" / "RENDER: …". */
export function render(src: string, data: string): string {
  const c = compileTemplate(src);
  if (c.template === null) return "COMPILE: " + c.error;
  const r = c.template!.renderRaw(data, new FakeEnv());
  if (!r.ok) return "RENDER: " + r.error;
  return r.toString();
}

/** Run a [template, data, expected] table; returns one line per mismatch ("" when all pass). */
export function runTable(t: string[]): string {
  let fails = "";
  for (let i = 0; i + 2 < t.length; i += 3) {
    const got = render(t[i], t[i + 1]);
    if (got != t[i + 2]) fails += t[i] + "\n  got:  " + got + "\n  want: " + t[i + 2] + "\n";
  }
  return fails;
}
