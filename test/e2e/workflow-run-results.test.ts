// Tested means passed: workflow_run deliveries through the real server, and what they cost on GitHub.
import { afterEach, describe, expect, it } from "vitest";
import { INIT, WORKFLOW, World } from "./world.js";

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
