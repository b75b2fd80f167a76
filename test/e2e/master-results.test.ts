// Tested means passed for what Kairos CI runs today: master.yaml runs of 300 jobs through the real server, read page by page.
import { afterEach, describe, expect, it } from "vitest";
import { toSource } from "../../src/config/index.js";
import { expectedJobsOf } from "../../src/sync/tested-results.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { readFixture } from "../fixtures.js";
import { World } from "./world.js";

const KAIROS = "kairos-io/kairos";
const MASTER = ".github/workflows/master.yaml";
const MASTER_TEXT = readFixture("kairos", "workflows", "master.yaml");
const JOBS = ["build-iso", "build-iso-arm", "qemu-tests-*"];
const CONFIG = `sources:\n  - repository: ${KAIROS}\n    workflow: ${MASTER}\n    jobs: [${JOBS.map((j) => `"${j}"`).join(", ")}]\n`;

let world: World;
afterEach(async () => {
  await world?.close();
});

/** The caller segment GitHub gives each build and suite combination (pinned by the job-name unit tests). */
function callers(): string[] {
  const source = toSource({ repository: KAIROS, workflow: MASTER, jobs: JOBS });
  return expectedJobsOf(expandSource(snapshotOfSource(source, "0".repeat(40), MASTER_TEXT))).map((e) => e.prediction.name);
}

/**
 * 300 jobs as master.yaml's run lists them: each build-iso and qemu caller fans out through its reusable
 * workflow (`<caller> / <called job> / <nested job>`), plus jobs of unconfigured callers. The Raspberry Pi 4
 * build comes last, on the third page of 100, so only a complete read can see it.
 */
function masterRun(rpi4Build: "success" | "failure"): Record<string, "success" | "failure"> {
  const names = callers();
  const rpi4 = names.find((n) => n.includes("rpi4"))!;
  const jobs: [string, "success" | "failure"][] = [];
  for (const caller of names) {
    for (const nested of ["grype", "sbom", "upload", "test", "sign", "verify", "report", "publish"]) jobs.push([`${caller} / iso / ${nested}`, "success"]);
    if (caller !== rpi4) jobs.push([`${caller} / iso / build`, "success"]);
  }
  for (let i = 0; jobs.length < 299; i++) jobs.push([`unit-tests / test (${i})`, "success"]);
  jobs.push([`${rpi4} / iso / build`, rpi4Build]);
  return Object.fromEntries(jobs);
}

describe("master.yaml results through HTTP", () => {
  it("reads all 300 jobs page by page; the Raspberry Pi 4 build fails twice → that cell fails, linked; a passing re-run → back", async () => {
    world = await World.start({ docsFiles: { ".github/support-matrix-bot.yml": CONFIG } });
    world.sim.createRepo({ owner: "kairos-io", name: "kairos", defaultBranch: "master", files: { [MASTER]: MASTER_TEXT } });
    expect(Object.keys(masterRun("success"))).toHaveLength(300);
    // A running server has read its configuration (the startup reconcile), so it knows master.yaml is watched.
    world.app.bot.trigger("startup");
    await world.settle();

    const mark = world.sim.calls.mark();
    const first = world.sim.runWorkflow({ repo: KAIROS, workflow: MASTER, jobs: masterRun("success") });
    await world.finishRun(first);
    // 300 jobs at 100 a page: three reads of the run's jobs.
    expect(world.sim.calls.since(mark).filter((c) => c.route === "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs")).toHaveLength(3);
    const passing = world.botPullPage();
    expect(passing.text).toContain(`Results from run [\\#${first.run.run_number}](${first.run.html_url})`);
    expect(passing.text).toMatch(/core, Raspberry Pi 3, Raspberry Pi 4 · passed \|/);
    expect(passing.text).toContain("· 20/20 suites passed");
    expect(passing.text).not.toContain("failed");

    await world.finishRun(world.sim.runWorkflow({ repo: KAIROS, workflow: MASTER, jobs: masterRun("failure") }));
    const held = world.botPullPage();
    expect(held.text).not.toContain("· failed");
    expect(held.pull!.body).toContain("First failure, not shown on the page yet");

    const second = world.sim.runWorkflow({ repo: KAIROS, workflow: MASTER, jobs: masterRun("failure") });
    await world.finishRun(second);
    const failing = world.botPullPage();
    expect(failing.text).toMatch(new RegExp(`Raspberry Pi 4 · failed \\[Raspberry Pi 4\\]\\(http[^)]+/actions/runs/${second.id}/job/\\d+\\)`));
    expect(failing.text.match(/· failed/g)).toHaveLength(1);
    expect(failing.text).toMatch(/core, standard \(k3s\) · passed · 20\/20 suites passed/);
    // The body compares with the page on the default branch, which has no results until the PR is merged.
    expect(failing.pull!.body).toMatch(new RegExp(`Raspberry Pi 4: no result → failed \\(failed in 2 consecutive runs\\)\\]\\(http[^)]+/actions/runs/${second.id}/job/\\d+\\)`));

    const callerOfRpi4 = callers().find((n) => n.includes("rpi4"))!;
    await world.finishRun(world.sim.rerunWorkflowRun({ repo: KAIROS, runId: second.id, jobs: { [`${callerOfRpi4} / iso / build`]: "success" } }));
    const recovered = world.botPullPage();
    expect(recovered.text).not.toContain("· failed");
    expect(recovered.text).toMatch(/core, Raspberry Pi 3, Raspberry Pi 4 · passed \|/);
  });
});
