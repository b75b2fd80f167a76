// A flaky GitHub (502s, secondary rate limits) never leaves a mess: the next trigger repairs what a reconcile gave up on.
import { afterEach, describe, expect, it } from "vitest";
import { DOCS, INIT, WORKFLOW, World } from "./world.js";
import { MATRIX_BRANCH as BRANCH, branchPushes, fedoraRow, withFedora } from "./tested-matrix-branch.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

/** The open bot pull request proposes `release` from source commit `sha`. */
function proposes(release: number, sha: string): boolean {
  const pulls = world.openBotPulls();
  if (pulls.length !== 1) return false;
  const page = world.pageOn(pulls[0]!.headSha) ?? "";
  return page.includes(fedoraRow(release)) && page.includes(`at commit [${sha.slice(0, 7)}]`) && pulls[0]!.body!.includes(sha.slice(0, 7));
}

/**
 * Delivers the push, then keeps triggering (as a redelivery or the periodic reconcile would) until the
 * pull request proposes it. Returns how many triggers it took.
 */
async function deliverUntilProposed(release: number, attempts = 8): Promise<number> {
  const { payload, after } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(release) }, message: `Test Fedora ${release}` });
  await world.deliver("push", payload);
  await world.settle();
  for (let triggers = 1; triggers < attempts; triggers++) {
    if (proposes(release, after)) return triggers;
    world.app.bot.trigger(`retry ${triggers}`);
    await world.settle();
  }
  expect(proposes(release, after), `PR for Fedora ${release} after ${attempts} triggers`).toBe(true);
  return attempts;
}

/** Whatever failed on the way, the end state is one clean pull request on a branch only the bot wrote. */
function expectOneCleanPullRequest(): void {
  expect(world.sim.state.pulls(DOCS, { state: "all" })).toHaveLength(1);
  expect(world.sim.state.branches(DOCS).sort()).toEqual([BRANCH, "main"].sort());
  const [pull] = world.openBotPulls();
  expect(world.sim.state.comments(DOCS, pull!.number)).toEqual([]);
  const branchCommits = world.sim.state.commits(DOCS, pull!.headSha).filter((c) => !world.sim.state.commits(DOCS, "main").some((m) => m.sha === c.sha));
  expect(branchCommits.map((c) => c.author.login)).toEqual(branchCommits.map(() => world.sim.app.botLogin));
  expect(branchPushes(world).filter((p) => p.forced)).toEqual([]);
  // No empty commit: every single-parent commit on the branch changes the tree.
  for (const commit of branchCommits.filter((c) => c.parents.length === 1)) {
    expect(commit.tree).not.toBe(world.sim.state.commit(DOCS, commit.parents[0]!)!.tree);
  }
}

describe("a flaky GitHub", () => {
  it("one call in five failing with 502 still converges to one correct pull request, through three changes", async () => {
    world = await World.start();
    const faults = world.sim.faults.failRandomly({ fraction: 0.2, status: 502, seed: 20260713 });
    await deliverUntilProposed(44);
    await deliverUntilProposed(45);
    await deliverUntilProposed(46);
    const failed = world.sim.calls.all.filter((c) => c.fault).length;
    faults.remove();
    expect(failed).toBeGreaterThan(5);
    expectOneCleanPullRequest();
  });

  it("without retries, reconciles die at every step of the way, and each next trigger picks up the pieces", async () => {
    world = await World.start({ env: { GITHUB_SERVER_ERROR_RETRIES: "0" } });
    const faults = world.sim.faults.failRandomly({ fraction: 0.2, status: 502, seed: 99 });
    const triggers = [await deliverUntilProposed(44, 20), await deliverUntilProposed(45, 20), await deliverUntilProposed(46, 20)];
    faults.remove();
    expect(triggers.some((n) => n > 1)).toBe(true);
    expectOneCleanPullRequest();
  });

  it("a secondary rate limit on a write is waited out when GitHub says how long", async () => {
    world = await World.start();
    const limit = world.sim.faults.secondaryRateLimit({ method: "POST", route: "/repos/{owner}/{repo}/pulls", retryAfter: 0, times: 2 });
    expect(await deliverUntilProposed(44)).toBe(1);
    expect(limit.hits).toBe(2);
    expectOneCleanPullRequest();
  });

  it("a reconcile that gives up on a long secondary rate limit leaves its branch, and the next trigger opens the pull request on it", async () => {
    world = await World.start({ env: { GITHUB_RATE_LIMIT_MAX_WAIT: "50ms" } });
    world.sim.faults.secondaryRateLimit({ method: "POST", route: "/repos/{owner}/{repo}/pulls", retryAfter: 60 });
    const { payload, after } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44) } });
    await world.deliver("push", payload);
    await world.settle();
    expect(world.openBotPulls()).toEqual([]);
    const stranded = world.sim.state.ref(DOCS, `heads/${BRANCH}`);
    expect(stranded).toBeDefined();
    const failure = world.logLines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } }).find((l) => l.level >= 50);
    expect(failure?.err?.message).toMatch(/secondary rate limit on POST .*\/pulls/);

    await world.deliver("push", payload, "redelivery");
    await world.settle();
    expect(proposes(44, after)).toBe(true);
    expect(world.openBotPulls()[0]!.headSha).toBe(stranded);
    expectOneCleanPullRequest();
  });

  it("a pull request edit that keeps failing after the branch moved: the next trigger fixes the text without an empty commit", async () => {
    world = await World.start();
    await deliverUntilProposed(44);
    const [pull] = world.openBotPulls();
    world.sim.faults.rule({ method: "PATCH", route: "/repos/{owner}/{repo}/pulls/{pull_number}", status: 500, times: 4 });
    const { payload, after } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(45) } });
    await world.deliver("push", payload);
    await world.settle();
    const moved = world.sim.state.ref(DOCS, `heads/${BRANCH}`)!;
    expect(world.pageOn(moved)).toContain(fedoraRow(45));
    expect(world.sim.state.pull(DOCS, pull!.number)!.body).not.toContain(after.slice(0, 7));

    world.app.bot.trigger("periodic");
    await world.settle();
    expect(proposes(45, after)).toBe(true);
    expect(world.sim.state.ref(DOCS, `heads/${BRANCH}`)).toBe(moved);
    expectOneCleanPullRequest();
  });

  it("20% 502s and a rate-limited write together: twenty concurrent pushes still end in one correct pull request", async () => {
    world = await World.start();
    world.sim.faults.failRandomly({ fraction: 0.2, status: 502, seed: 7 });
    world.sim.faults.secondaryRateLimit({ method: "PATCH", route: "/repos/{owner}/{repo}/git/refs/{ref*}", retryAfter: 0 });
    await deliverUntilProposed(44);
    const pushes = Array.from({ length: 20 }, (_, i) => world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(45 + i) } }));
    await Promise.all(pushes.map((p, i) => world.deliver("push", p.payload, `concurrent-${i}`)));
    await world.settle();
    for (let i = 0; i < 8 && !proposes(64, pushes.at(-1)!.after); i++) {
      world.app.bot.trigger(`retry ${i}`);
      await world.settle();
    }
    expect(proposes(64, pushes.at(-1)!.after)).toBe(true);
    expectOneCleanPullRequest();
  });
});
