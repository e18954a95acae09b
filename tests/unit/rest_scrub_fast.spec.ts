// rest/scrub.ts with its fast paths (first-unit skip 4 units at a time, unescaped views written in
// place): a secret is found at every offset of a 4-unit block, raw and inside one, two and three
// levels of JSON escaping, next to filler made of its own first unit, and nothing else changes.
import { scrubSecrets } from "../../assembly/rest/scrub";

const SECRET = "svc-KEY-4242";

describe("scrubSecrets fast paths", () => {
  it("finds the secret at every offset, raw and escaped, with its first unit as filler", () => {
    const fillers = ["x", "s", "\\\\", "\\u0073"];
    for (let f = 0; f < fillers.length; f++) {
      for (let pre = 0; pre < 9; pre++) {
        for (let post = 0; post < 9; post += 4) {
          const a = fillers[f].repeat(pre);
          const b = fillers[f].repeat(post);
          expect(scrubSecrets(a + SECRET + b, [SECRET])).toBe(a + "[REDACTED]" + b);
          // one level of escaping: the secret spelled with \u escapes
          expect(scrubSecrets(a + "\\u0073vc-KEY-4242" + b, [SECRET])).toBe(a + "[REDACTED]" + b);
        }
      }
    }
  });

  it("finds the secret under three levels of escaping inside long text", () => {
    const pad = "abcdefghij\\\\n".repeat(50);
    const deep = '{\\\\\\"k\\\\\\":\\\\\\"svc-KEY\\\\\\\\\\\\\\/4242\\\\\\"}';
    const out = scrubSecrets(pad + deep + pad, ["svc-KEY/4242"]);
    expect(out.includes("KEY")).toBe(false);
    expect(out.startsWith(pad)).toBe(true);
    expect(out.endsWith(pad)).toBe(true);
    const clean = pad + "nothing here s s s svc-KEY-424 " + pad;
    expect(changetype<usize>(scrubSecrets(clean, [SECRET]))).toBe(changetype<usize>(clean));
  });
});
