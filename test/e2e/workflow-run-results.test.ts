// Tested means passed: workflow_run deliveries through the real server, and what they cost on GitHub.
import { toSource } from "../../src/config/index.js";
import { afterEach, describe, expect, it } from "vitest";
import { expectedJobsOf } from "../../src/sync/tested-results.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { INIT, TODAY_WORKFLOW, WORKFLOW, World } from "./world.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

describe("workflow_run deliveries that cannot change a cell", () => {
  it("cost zero API calls: another workflow, a pull request run, requested, in_progress and a cancelled run", async () => {
    world = await World.start();
    const other = world.sim.runWorkflow({ repo: INIT, workflow: ".github/workflows/lint.yml", jobs: { lint: "failure" } });
    world.sim.createBranch({ repo: INIT, branch: "feature" });
    const fromPullRequest = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, branch: "feature", event: "pull_request", jobs: { build: "failure" } });
    const running = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, jobs: { build: null } });
    const cancelled = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, jobs: { build: "cancelled" }, conclusion: "cancelled" });
    const deliveries = [...other.payloads, ...fromPullRequest.payloads, ...running.payloads, ...cancelled.payloads];
    expect(deliveries.map((p) => p.action)).toEqual(expect.arrayContaining(["requested", "in_progress", "completed"]));

    const mark = world.sim.calls.mark();
    for (const payload of deliveries) await world.deliver("workflow_run", payload);
    await world.settle();
    expect(world.sim.calls.since(mark)).toEqual([]);
    expect(world.openBotPulls()).toEqual([]);
  });
});

/** The job names GitHub shows for today's kairos-init matrix (pinned by the unit tests of job-display-name). */
function jobNames(): string[] {
  const source = toSource({ repository: INIT, workflow: WORKFLOW });
  return expectedJobsOf(expandSource(snapshotOfSource(source, "0".repeat(40), TODAY_WORKFLOW))).map((e) => e.prediction.name);
}

describe("cells backed by the jobs CI ran", () => {
  it("pass, hold a first failure, fail on the second, recover on a re-run, and do not churn on an identical run", async () => {
    world = await World.start();
    const names = jobNames();
    const rpi4 = names.find((n) => n.includes("rpi4"))!;
    const jobs = (failing: string | null) => Object.fromEntries(names.map((n) => [n, n === failing ? "failure" : "success"] as const));

    const first = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, jobs: jobs(null) });
    await world.finishRun(first);
    const passing = world.botPullPage();
    // The link text's `#` is escaped so Markdown cannot read it as anything but text.
    expect(passing.text).toContain(`Results from run [\\#${first.run.run_number}](${first.run.html_url})`);
    expect(passing.text).toMatch(/ · passed \|/);
    expect(passing.text).not.toContain("· failed");

    const second = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, jobs: jobs(rpi4) });
    await world.finishRun(second);
    const held = world.botPullPage();
    expect(held.text).not.toContain("· failed");
    expect(held.pull!.headSha).toBe(passing.pull!.headSha);
    expect(held.pull!.body).toContain("First failure, not shown on the page yet");

    const third = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, jobs: jobs(rpi4) });
    await world.finishRun(third);
    const failing = world.botPullPage();
    expect(failing.text).toMatch(/· failed \[Raspberry Pi 4\]\(http[^)]+\/actions\/runs\/\d+\/job\/\d+\)/);
    expect(failing.text.match(/· failed/g)).toHaveLength(1);
    expect(failing.pull!.body).toMatch(/Raspberry Pi 4: no result → failed \(failed in 2 consecutive runs\)\]\(http[^)]+\/job\/\d+\)/);

    const rerun = world.sim.rerunWorkflowRun({ repo: INIT, runId: third.id, jobs: { [rpi4]: "success" } });
    await world.finishRun(rerun);
    const recovered = world.botPullPage();
    expect(recovered.text).not.toContain("· failed");

    const same = world.sim.runWorkflow({ repo: INIT, workflow: WORKFLOW, jobs: jobs(null) });
    await world.finishRun(same);
    expect(world.botPullPage().pull!.headSha).toBe(recovered.pull!.headSha);
  });
});
