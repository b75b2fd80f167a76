// Benchmark of GitHub API cost, counted at the simulator, and of webhook acknowledgement time under a burst.
import pino from "pino";
import type { RunningServer } from "../src/app/server.js";
import { createGitHubSimulator, type CallRecord, type GitHubSimulator } from "../test/github-simulator/index.js";
import { SECRET, startAppAgainst, webhookUrlOf } from "../test/e2e/app-environment.js";
import { seedComponentHistory } from "../test/e2e/release-history.js";
import { seedSnapshotWorld, withAddedBoard, type SnapshotWorld } from "../test/e2e/snapshot-world.js";
import { snapshotSource } from "../src/cli/preview-command.js";
import { expectedJobsOf } from "../src/sync/tested-results.js";
import { expandSource, snapshotOfSource } from "../src/sync/workflow-snapshot.js";

export interface Scenario {
  readonly name: string;
  readonly calls: readonly CallRecord[];
}

export interface AckFigures {
  readonly deliveries: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly reconciles: number;
}

interface Bench {
  readonly sim: GitHubSimulator;
  readonly app: RunningServer;
  readonly world: SnapshotWorld;
}

async function startBench(warm: boolean): Promise<Bench> {
  const sim = await createGitHubSimulator();
  const world = await seedSnapshotWorld(sim);
  // The component repositories exist too, as on GitHub: a release reconcile that cannot read them would
  // keep a problems issue open, and every reconcile would look at it.
  seedComponentHistory(sim);
  // Cold: not even the configuration read; with no configuration file the built-in sources are the right ones.
  const app = await startAppAgainst(sim, { log: pino({ level: "silent" }), readConfiguration: warm });
  if (warm) {
    // A running server has read its token, config and page once (the startup reconcile).
    app.bot.trigger("startup");
    await app.bot.idle();
  }
  return { sim, app, world };
}

async function measure(bench: Bench, name: string, files: Record<string, string>): Promise<Scenario> {
  const { sim, app, world } = bench;
  const push = sim.push({ repo: world.snapshot.workflow.repository, files, message: name });
  const mark = sim.calls.mark();
  await sim.deliverWebhook({ url: webhookUrlOf(app), secret: SECRET, event: "push", payload: push.payload });
  await app.bot.idle();
  return { name, calls: sim.calls.since(mark) };
}

async function close(bench: Bench): Promise<void> {
  await bench.app.stop();
  await bench.sim.close();
}

export async function benchPushCalls(): Promise<Scenario[]> {
  const warm = await startBench(true);
  const { workflow } = warm.world.snapshot;
  const scenarios = [
    await measure(warm, "irrelevant push (README of kairos-io/kairos)", { "README.md": "# kairos\n\nchanged\n" }),
    await measure(warm, "push that changes only kairos-init/.github/workflows/test.yml (a file GitHub never runs)", {
      "kairos-init/.github/workflows/test.yml": "name: test\n",
    }),
    await measure(warm, "steady push to master.yaml that changes nothing visible (a comment)", {
      [workflow.path]: `# builds and tests\n${workflow.text}`,
    }),
    await measure(warm, "push to master.yaml that opens a PR (adds Raspberry Pi 5), warm process", {
      [workflow.path]: withAddedBoard(`# builds and tests\n${workflow.text}`),
    }),
    await measure(warm, "push to master.yaml that updates the open PR (adds NVIDIA Jetson Orin Nano)", {
      [workflow.path]: withAddedBoard(withAddedBoard(`# builds and tests\n${workflow.text}`), "nvidia-jetson-orin-nano"),
    }),
  ];
  await close(warm);
  const cold = await startBench(false);
  scenarios.push(
    await measure(cold, "first push to master.yaml (adds Raspberry Pi 5), first event of a fresh process: opens the PR", {
      [cold.world.snapshot.workflow.path]: withAddedBoard(cold.world.snapshot.workflow.text),
    }),
  );
  await close(cold);
  return scenarios;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** 200 relevant pushes delivered at once: each answer's time, and how many reconciles they cost. */
export async function benchAcknowledgement(deliveries = 200): Promise<AckFigures> {
  const bench = await startBench(true);
  const { workflow } = bench.world.snapshot;
  const payloads = Array.from({ length: deliveries }, (_, i) =>
    bench.sim.push({ repo: workflow.repository, files: { [workflow.path]: `# burst ${i}\n${workflow.text}` } }).payload,
  );
  const mark = bench.sim.calls.mark();
  const answers = await Promise.all(
    payloads.map((payload) => bench.sim.deliverWebhook({ url: webhookUrlOf(bench.app), secret: SECRET, event: "push", payload })),
  );
  await bench.app.bot.idle();
  const reconciles = bench.sim.calls.since(mark).filter((c) => c.route === "GET /repos/{owner}/{repo}/branches/{branch}").length;
  await close(bench);
  const times = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { deliveries, medianMs: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: times.at(-1) ?? 0, reconciles };
}

async function measureRun(bench: Bench, name: string, payload: object): Promise<Scenario> {
  const mark = bench.sim.calls.mark();
  await bench.sim.deliverWebhook({ url: webhookUrlOf(bench.app), secret: SECRET, event: "workflow_run", payload });
  await bench.app.bot.idle();
  return { name, calls: bench.sim.calls.since(mark) };
}

/** What `workflow_run` deliveries cost: a relevant one that changes nothing, ones that hold and flip a cell, an irrelevant one. */
export async function benchWorkflowRunCalls(): Promise<Scenario[]> {
  const bench = await startBench(true);
  const { workflow } = bench.world.snapshot;
  const source = snapshotSource(bench.world.snapshot);
  const names = expectedJobsOf(expandSource(snapshotOfSource(source, workflow.sha, workflow.text))).map((e) => e.prediction.name);
  const failing = names.find((n) => n.includes("rpi4")) ?? names[0];
  const run = (failed: boolean) =>
    bench.sim.runWorkflow({
      repo: workflow.repository,
      workflow: workflow.path,
      jobs: Object.fromEntries(names.map((n) => [n, failed && n === failing ? "failure" : "success"] as const)),
    }).completed!;
  const scenarios = [
    await measureRun(bench, `first run with results (${names.length} jobs): opens the PR`, run(false)),
    await measureRun(bench, "relevant workflow_run, same results, right after the PR opened (nothing changes)", run(false)),
    await measureRun(bench, "relevant workflow_run, same results again, steady state (nothing changes)", run(false)),
    await measureRun(bench, "first failure of one job (held back: PR body only)", run(true)),
    await measureRun(bench, "second consecutive failure (flips the cell to failed)", run(true)),
    await measureRun(
      bench,
      "irrelevant workflow_run (another workflow)",
      bench.sim.runWorkflow({ repo: workflow.repository, workflow: ".github/workflows/lint.yml", jobs: { lint: "success" } }).completed!,
    ),
  ];
  await close(bench);
  return scenarios;
}
