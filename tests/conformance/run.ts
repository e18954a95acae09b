// `npm run conformance`: the official MCP conformance suite, two pinned
// versions (needs Node ≥ 22: the running Node when new enough, else the Node 22
// binary npm installed for this platform, see node.ts) against the local gateway
// running the built higress.wasm:
//   0.1.16 (@modelcontextprotocol/conformance): the legacy era, 2025-11-25;
//   0.2.0-alpha.12 (@modelcontextprotocol/conformance-next): the modern era,
//   2026-07-28, with a baseline of the checks that cannot apply.
// Prints one `N passed, N failed` line; exit 1 on failure. Without a Node ≥ 22
// it skips with one line (a failure with CI=true).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startGateway } from "../../host/gateway.js";
import { nodeFor } from "./node.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
interface Suite {
  label: string;
  cli: string;
  extra: string[];
  scenarios: string[];
}

const SUITES: Suite[] = [
  {
    label: "2025-11-25",
    cli: "node_modules/@modelcontextprotocol/conformance/dist/index.js",
    extra: [],
    scenarios: [
      "server-initialize",
      "ping",
      "tools-list",
      "dns-rebinding-protection",
      "tools-call-simple-text",
      "tools-call-error",
      "json-schema-2020-12",
    ],
  },
  {
    label: "2026-07-28",
    cli: "node_modules/@modelcontextprotocol/conformance-next/dist/index.js",
    extra: [
      "--spec-version",
      "2026-07-28",
      "--expected-failures",
      path.join(ROOT, "tests/conformance/expected-failures.2026-07-28.yml"),
    ],
    scenarios: [
      "server-stateless",
      "tools-list",
      "tools-call-simple-text",
      "tools-call-error",
      "json-schema-2020-12",
      "dns-rebinding-protection",
      "caching",
      "http-header-validation",
      "http-custom-header-server-validation",
      "server-sse-multiple-streams",
    ],
  },
];

async function main(): Promise<number> {
  const node = nodeFor("the MCP conformance suite", [22, 0]);
  if (!node.ok) {
    process.stdout.write(`conformance: ${process.env.CI === "true" ? "FAILED" : "skipped"}: ${node.message}\n`);
    return process.env.CI === "true" ? 1 : 0;
  }
  const failing = http.createServer((_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("backend failure"));
  await new Promise<void>((r) => failing.listen(0, "127.0.0.1", r));
  const failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
  const gw = await startGateway({
    config: readFileSync(path.join(ROOT, "tests/conformance/config.json"), "utf8"),
    wasm: path.join(ROOT, "build/higress.wasm"),
    port: 0,
    upstreams: { "failing-backend.test": failingUrl },
    logLevel: "error",
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const suite of SUITES) {
      const cli = path.join(ROOT, suite.cli);
      for (const scenario of suite.scenarios) {
        // async spawn: spawnSync would block the gateway running in this process
        const url = `http://localhost:${gw.port}/mcp`;
        const out = await run(node.path, [cli, "server", "--url", url, "--scenario", scenario, ...suite.extra]);
        const ok = out.code === 0;
        if (ok) passed++;
        else failed++;
        process.stdout.write(`${ok ? "ok" : "FAIL"} [${suite.label}] ${scenario}\n`);
        if (!ok)
          process.stdout.write(
            out.text
              .split("\n")
              .map((l) => `    ${l}`)
              .join("\n") + "\n",
          );
      }
    }
  } finally {
    await gw.close();
    await new Promise<void>((r) => failing.close(() => r()));
  }
  process.stdout.write(`conformance: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

async function run(cmd: string, args: string[]): Promise<{ code: number; text: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    p.stdout.on("data", (d) => (text += d));
    p.stderr.on("data", (d) => (text += d));
    p.on("close", (code) => resolve({ code: code ?? 1, text }));
  });
}

main().then(
  (c) => process.exit(c),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
