#!/usr/bin/env node
// Shim with Higress's openapi-to-mcp flags (-x v / --x=v, --input, --output,
// --server-name, --tool-prefix, --format, --validate, --template) onto our CLI.
import { main } from "../dist/converter/cli.js";

const argv = process.argv.slice(2);
if (argv[0] === "convert") argv.shift();
process.exitCode = await main(argv);
