// `npm run bench`: prints the figures the issues ask for; a script, never a test.
import { resolve } from "node:path";
import { benchAcknowledgement, benchPushCalls, benchWorkflowRunCalls, type Scenario } from "./github-calls.js";
import { benchHostilePreview, HOSTILE_CPU_LIMIT_MS } from "./hostile-preview.js";
import { benchOfflineCore } from "./offline-core.js";
import { benchReleaseCalls } from "./release-calls.js";
import { benchUnsignedRequests, PEAK_RSS_LIMIT_MB } from "./webhook-memory.js";

const fixturesDir = resolve(import.meta.dirname, "../test/fixtures");

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

/** Whether a figure meets the bound, said next to it. */
function verdict(value: number, limit: number, unit: string): string {
  return value < limit ? `under ${limit} ${unit}` : `OVER ${limit} ${unit}`;
}

function printScenario(scenario: Scenario): void {
  const writes = scenario.calls.filter((c) => c.method !== "GET").length;
  const notModified = scenario.calls.filter((c) => c.status === 304).length;
  console.log(`- ${scenario.name}: ${scenario.calls.length} calls (${writes} writes, ${notModified} answered 304: free on the rate limit)`);
  for (const call of scenario.calls) console.log(`    ${call.status} ${call.route}`);
}

console.log("## Offline core: expand + model + render + splice, per historical test.yml");
const core = await benchOfflineCore(fixturesDir);
console.log(`files: ${core.files}, rounds: ${core.rounds}`);
console.log(`median: ${fmt(core.medianMsPerFile)} per file, p99: ${fmt(core.p99MsPerFile)}, slowest: ${core.slowest.file} ${fmt(core.slowest.ms)}`);

console.log("\n## Hostile pull-request workflows (issue #12): CPU time of the whole preview (what the worker runs) of each");
for (const figure of await benchHostilePreview()) {
  console.log(
    `- ${figure.name} (${figure.kilobytes} KB): ${fmt(figure.cpuMs)} CPU (${verdict(figure.cpuMs, HOSTILE_CPU_LIMIT_MS, "ms")}); check run: ${figure.outcome}`,
  );
}

console.log("\n## GitHub API calls per push, counted at the simulator");
for (const scenario of await benchPushCalls()) printScenario(scenario);

console.log("\n## GitHub API calls per workflow_run (CI results in the cells)");
const runScenarios = await benchWorkflowRunCalls();
for (const scenario of runScenarios) printScenario(scenario);
const steady = runScenarios.find((s) => s.name.includes("steady state"));
if (steady) {
  const charged = steady.calls.filter((c) => c.status !== 304).length;
  console.log(`target (issue 10): a relevant workflow_run that changes nothing costs at most 3 calls apart from 304s; steady state: ${charged} (${steady.calls.length} with 304s)`);
}

console.log("\n## GitHub API calls per release action (GitHub sends several webhooks per action; the queue coalesces them)");
for (const scenario of await benchReleaseCalls()) {
  printScenario({ ...scenario, name: `${scenario.name} (${scenario.deliveries} deliveries → ${scenario.reconciles} reconciles)` });
}

console.log("\n## Webhook acknowledgement under a burst");
const ack = await benchAcknowledgement();
console.log(
  `${ack.deliveries} relevant push deliveries at once: median ${fmt(ack.medianMs)}, p99 ${fmt(ack.p99Ms)}, max ${fmt(ack.maxMs)}; ` +
    `they cost ${ack.reconciles} reconciles (the queue coalesces)`,
);

console.log("\n## Unsigned webhook requests: 4 concurrent 25 MiB bodies against `node dist/app/main.js` (run `npm run build` first)");
for (const figures of await benchUnsignedRequests()) {
  console.log(
    `- ${figures.name}: answered ${figures.statuses.join(", ")}; RSS ${figures.baselineMb.toFixed(0)} MB before, ` +
      `peak ${figures.peakMb.toFixed(0)} MB (${verdict(figures.peakMb, PEAK_RSS_LIMIT_MB, "MB")}); ${figures.logBytes} bytes of log`,
  );
}
