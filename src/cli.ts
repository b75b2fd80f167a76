#!/usr/bin/env node
// The `support-matrix-bot` executable: runs the command line and exits with its code.
import { main } from "./cli/command-line.js";

// `support-matrix-bot preview | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
