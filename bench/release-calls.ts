// Benchmark of what release events cost on GitHub's API, counted at the simulator, on the real Kairos release history.
import pino from "pino";
import type { RunningServer } from "../src/app/server.js";
import { createGitHubSimulator, type CallRecord, type GitHubSimulator, type ReleaseResult } from "../test/github-simulator/index.js";
import { SECRET, startAppAgainst, webhookUrlOf } from "../test/e2e/app-environment.js";
import { seedComponentHistory } from "../test/e2e/release-history.js";
import { seedSnapshotWorld } from "../test/e2e/snapshot-world.js";

export interface ReleaseScenario {
  readonly name: string;
  /** Every API request the app made for it, in order. */
  readonly calls: readonly CallRecord[];
  /** Release webhooks GitHub sends for the action (created, published, released…). */
  readonly deliveries: number;
  /** Reconciles those deliveries cost after the queue coalesced them. */
  readonly reconciles: number;
}

const DOCS = "kairos-io/kairos-docs";
const RELEASE_BRANCH = "support-matrix-bot/release-changelog";

interface Bench {
  readonly sim: GitHubSimulator;
  readonly app: RunningServer;
}

/**
 * A running server the day after its first release pull request was merged: main carries the generated
 * changelog, and the process has read its token, config, page and every release list once (ETags warm).
 */
async function startBench(): Promise<Bench> {
  const sim = await createGitHubSimulator();
  await seedSnapshotWorld(sim);
  seedComponentHistory(sim);
  const app = await startAppAgainst(sim, { log: pino({ level: "silent" }) });
  app.bot.trigger("startup");
  await app.bot.idle();
  const [pull] = sim.state.pulls(DOCS, { state: "open", head: RELEASE_BRANCH });
  if (!pull) throw new Error("bench: the startup reconcile opened no release pull request");
  const merged = sim.mergePullRequest(DOCS, pull.number);
  await sim.deliverWebhook({ url: webhookUrlOf(app), secret: SECRET, event: "push", payload: merged.push });
  await app.bot.idle();
  return { sim, app };
}

async function measure(bench: Bench, name: string, act: () => ReleaseResult): Promise<ReleaseScenario> {
  const { sim, app } = bench;
  const result = act();
  const mark = sim.calls.mark();
  for (const payload of result.payloads) {
    await sim.deliverWebhook({ url: webhookUrlOf(app), secret: SECRET, event: "release", payload });
  }
  await app.bot.idle();
  const calls = sim.calls.since(mark);
  // Every reconcile starts by reading the docs default branch head.
  const reconciles = calls.filter((c) => c.route === "GET /repos/{owner}/{repo}/branches/{branch}").length;
  return { name, calls, deliveries: result.payloads.length, reconciles };
}

/** (a) releases that change the changelog table, (b) releases that do not, each as GitHub delivers it. */
export async function benchReleaseCalls(): Promise<ReleaseScenario[]> {
  const bench = await startBench();
  const { sim } = bench;
  const release = (repo: string, tag: string, date: string, prerelease = false) => () =>
    sim.createRelease({ repo, tag, createdAt: date, prerelease });
  try {
    return [
      await measure(bench, "release that changes the table (provider-kairos v2.16.5): opens the release PR", release("kairos-io/provider-kairos", "v2.16.5", "2026-08-20T09:30:00Z")),
      await measure(bench, "release that changes the table (immucore v0.20.5): updates the open release PR", release("kairos-io/immucore", "v0.20.5", "2026-08-20T10:30:00Z")),
      await measure(bench, "prerelease that changes nothing (provider-kairos v2.17.0-rc1)", release("kairos-io/provider-kairos", "v2.17.0-rc1", "2026-08-21T09:30:00Z", true)),
      await measure(bench, "older patch that changes nothing (provider-kairos v2.15.9)", release("kairos-io/provider-kairos", "v2.15.9", "2026-08-21T10:30:00Z")),
    ];
  } finally {
    await bench.app.stop();
    await sim.close();
  }
}
