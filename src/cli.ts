#!/usr/bin/env node
// The `support-matrix-bot` executable: runs the command line and exits with its code.
import { main } from "./cli/command-line.js";

process.exitCode = await main(process.argv.slice(2));
