// `npm run bench`: prints the figures the issues ask for; a script, never a test.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { benchOfflineCore } from "./offline-core.js";

const fixturesDir = [process.env.SUPPORT_MATRIX_FIXTURES, resolve(import.meta.dirname, "../../shared/fixtures"), "/work/shared/fixtures"]
  .filter((d): d is string => Boolean(d))
  .find((d) => existsSync(resolve(d, "README.md")));

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

if (!fixturesDir) {
  console.log("offline core: skipped (set SUPPORT_MATRIX_FIXTURES to the shared fixtures folder)");
} else {
  const core = await benchOfflineCore(fixturesDir);
  console.log("## Offline core: expand + model + render + splice, per historical test.yml");
  console.log(`files: ${core.files}, rounds: ${core.rounds}`);
  console.log(`median: ${fmt(core.medianMsPerFile)} per file, p99: ${fmt(core.p99MsPerFile)}, slowest: ${core.slowest.file} ${fmt(core.slowest.ms)}`);
}
