#!/usr/bin/env node
// CLI shim: the implementation is host/cli.ts, compiled to dist/host/cli.js.
import { main } from "../dist/host/cli.js";

process.exitCode = await main(process.argv.slice(2));
