// `npm run demo`: the whole bot offline — a simulated GitHub seeded with the bundled kairos snapshot, the real
// server, a push that adds a Raspberry Pi 5 build to kairos-io/kairos master.yaml, and the pull request the bot opens.
import pino from "pino";
import { createGitHubSimulator } from "../test/github-simulator/index.js";
import { SECRET, startAppAgainst, webhookUrlOf } from "../test/e2e/app-environment.js";
import { seedSnapshotWorld, withAddedBoard } from "../test/e2e/snapshot-world.js";
import { pageDiff } from "../src/docs-page/page-diff.js";

const sim = await createGitHubSimulator();
const { snapshot } = await seedSnapshotWorld(sim);
const { workflow, page } = snapshot;
const app = await startAppAgainst(sim, { log: pino({ level: "silent" }) });
console.log("support-matrix-bot demo: everything runs on this machine; no GitHub account is needed.\n");
console.log(`GitHub simulator  ${sim.apiUrl}  (${workflow.repository}, ${page.repository} from snapshot/)`);
console.log(`support-matrix-bot ${webhookUrlOf(app)}  (Probot 14, the same server as npm start)\n`);

const message = "ci: build Hadron for the Raspberry Pi 5";
const push = sim.push({ repo: workflow.repository, branch: workflow.branch, files: { [workflow.path]: withAddedBoard(workflow.text) }, message });
console.log(`1. A maintainer pushes ${push.after.slice(0, 7)} "${message}" to ${workflow.repository}@${workflow.branch} (${workflow.path}).`);

const mark = sim.calls.mark();
const started = performance.now();
const answer = await sim.deliverWebhook({ url: webhookUrlOf(app), secret: SECRET, event: "push", payload: push.payload });
console.log(`2. GitHub delivers the push webhook: answered ${answer.status} in ${answer.ms.toFixed(0)} ms.`);
await app.bot.idle();
const calls = sim.calls.since(mark);
console.log(
  `3. The bot reconciled in ${(performance.now() - started).toFixed(0)} ms with ${calls.length} GitHub API calls ` +
    `(${calls.filter((c) => c.method !== "GET").length} writes; a fresh process also fetches its token, config and identity once):`,
);
for (const call of calls) console.log(`     ${call.status} ${call.route}`);

const pull = sim.state.pulls(page.repository, { state: "open" })[0];
if (!pull) {
  console.error("No pull request was opened: run with LOG_LEVEL=debug to see why.");
  process.exitCode = 1;
} else {
  console.log(`\n4. Pull request #${pull.number} opened by ${pull.user}: ${pull.title}`);
  console.log(`   ${pull.headRef} → ${pull.baseRef}\n`);
  console.log("----- body -----");
  console.log((pull.body ?? "").replace(/<!-- support-matrix-bot:(generated|state)[^\n]*\n?/g, "").trim());
  console.log("\n----- diff -----");
  const before = sim.state.file(page.repository, page.path, pull.baseRef) ?? "";
  const after = sim.state.file(page.repository, page.path, pull.headSha) ?? "";
  console.log(pageDiff(page.path, before, after));
}
await app.stop();
await sim.close();
