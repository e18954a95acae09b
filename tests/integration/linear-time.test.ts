// Issue 14 item 1 (regression): escape-heavy strings took quadratic time. AssemblyScript's
// `Array<string>#join` falls back to `+=` concatenation in builds with shrinkLevel ≥ 1 (ours), so
// decoding or re-encoding a string of N JSON escapes cost O(N²): 400k escapes took > 2 minutes.
// These sizes (600k escapes) take well under a second when linear and about five minutes when quadratic: the
// test's timeout is what fails on quadratic code; no wall-clock value is asserted.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startBackend, type RecordingBackend } from "./backend.js";
import { callTool, resultText, startStack, type Stack } from "./harness.js";

const MiB = 1024 * 1024;
const ESCAPES = 600_000;

describe("linear time on escape-heavy strings (issue 14 item 1)", () => {
  let backend: RecordingBackend;
  let stack: Stack;

  before(async () => {
    backend = await startBackend();
    stack = await startStack({
      config: {
        server: {
          name: "linear",
          limits: { maxRequestBodyBytes: 8 * MiB, maxResponseBodyBytes: 8 * MiB, maxTemplateOutputBytes: 8 * MiB },
        },
        tools: [
          {
            name: "post_text",
            args: [{ name: "s", type: "string", required: true }],
            requestTemplate: { url: `http://${backend.authority}/echo`, method: "POST", body: '{"text":"{{.args.s}}"}' },
            responseTemplate: { body: "{{.ok}}" },
          },
          {
            name: "get_text",
            args: [],
            requestTemplate: { url: `http://${backend.authority}/text`, method: "GET" },
            responseTemplate: { body: "{{.text | len}} {{.text | quote | len}}" },
          },
        ],
      },
    });
  });
  after(async () => {
    await stack?.close();
    await backend?.close();
  });

  test("a 1.2 MB argument of \\n escapes is decoded and re-escaped into a JSON body template", { timeout: 30_000 }, async () => {
    backend.on("/echo", { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":"yes"}' });
    const s = "\n".repeat(ESCAPES - 2) + "\u0000x";
    const r = await callTool(stack.mcpUrl, "post_text", { s });
    assert.equal(resultText(r.result), "yes", JSON.stringify(r).slice(0, 300));
    const sent = backend.requests.at(-1)!;
    assert.equal(JSON.parse(sent.body).text, s);
  });

  test(
    "a 1.2 MB backend string of \\n escapes goes through a response template (decode + quote)",
    { timeout: 30_000 },
    async () => {
      backend.on("/text", {
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "\n".repeat(ESCAPES) }),
      });
      const r = await callTool(stack.mcpUrl, "get_text", {});
      assert.equal(resultText(r.result), `${ESCAPES} ${2 * ESCAPES + 2}`, JSON.stringify(r).slice(0, 300));
    },
  );
});
