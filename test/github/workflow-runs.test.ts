// Reading CI results over HTTP: newest completed default-branch runs with results, every job, conditional requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSupportMatrixOctokit } from "../../src/github/octokit.js";
import type { GitHubClient } from "../../src/github/github-client.js";
import { readRecentRuns, RunJobsMemory } from "../../src/github/workflow-runs.js";
import { createGitHubSimulator, type GitHubSimulator, type JobConclusion } from "../github-simulator/index.js";

const owner = "kairos-io";
const name = "kairos";
const repo = `${owner}/${name}`;
const workflow = ".github/workflows/master.yaml";
const query = { workflow, branch: "master", count: 2 };
let sim: GitHubSimulator;
let octokit: GitHubClient;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, defaultBranch: "master", files: { [workflow]: "name: master\n" } });
  const Octokit = createSupportMatrixOctokit();
  octokit = new Octokit({ auth: sim.installationToken(owner), baseUrl: sim.apiUrl }) as unknown as GitHubClient;
});

afterAll(() => sim.close());

const runs = (q = query) => readRecentRuns(octokit, { owner, repo: name }, q);

describe("reading recent runs", () => {
  it("finds nothing, at one call, for a workflow that has never run (GitHub lists zero runs)", async () => {
    const mark = sim.calls.mark();
    expect(await runs()).toEqual([]);
    expect(sim.calls.since(mark)).toHaveLength(1);
  });

  it("takes the newest completed push or schedule runs on the default branch, stepping over cancelled ones", async () => {
    const older = sim.runWorkflow({ repo, workflow, jobs: { "build (rpi4)": "success" } });
    const scheduled = sim.runWorkflow({ repo, workflow, event: "schedule", jobs: { "build (rpi4)": "failure" } });
    sim.runWorkflow({ repo, workflow, jobs: { "build (rpi4)": "cancelled" }, conclusion: "cancelled" });
    sim.createBranch({ repo, branch: "feature" });
    sim.runWorkflow({ repo, workflow, branch: "feature", jobs: { "build (rpi4)": "success" } });
    sim.runWorkflow({ repo, workflow, event: "pull_request", jobs: { "build (rpi4)": "success" } });
    sim.runWorkflow({ repo, workflow, jobs: { "build (rpi4)": null } });

    const found = await runs();
    expect(found.map((r) => [r.id, r.event, r.conclusion])).toEqual([
      [scheduled.id, "schedule", "failure"],
      [older.id, "push", "success"],
    ]);
    expect(found[0]?.jobs).toEqual([
      { name: "build (rpi4)", conclusion: "failure", url: expect.stringMatching(new RegExp(`/actions/runs/${scheduled.id}/job/\\d+$`)) },
    ]);
    expect(found[0]?.url).toBe(`${sim.url}/${repo}/actions/runs/${scheduled.id}`);
  });

  it("costs only 304s when nothing finished since the last read", async () => {
    await runs();
    const mark = sim.calls.mark();
    await runs();
    const calls = sim.calls.since(mark);
    expect(calls.map((c) => [c.route, c.status])).toEqual([
      ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", 304],
      ["GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", 304],
      ["GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", 304],
    ]);
  });

  it("reads every job of a 300-job run, and a re-run's latest attempt", async () => {
    const jobs: Record<string, JobConclusion> = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`qemu (${i})`, "success"]));
    jobs["qemu (7)"] = "failure";
    const big = sim.runWorkflow({ repo, workflow, jobs });
    const [first] = await runs({ ...query, count: 1 });
    expect(first?.jobs).toHaveLength(300);
    expect(first?.jobs.filter((j) => j.conclusion === "failure").map((j) => j.name)).toEqual(["qemu (7)"]);

    sim.rerunWorkflowRun({ repo, runId: big.id, jobs: { "qemu (7)": "success" } });
    const [again] = await runs({ ...query, count: 1 });
    expect(again).toMatchObject({ id: big.id, attempt: 2, conclusion: "success" });
    expect(again?.jobs.every((j) => j.conclusion === "success")).toBe(true);
  });

  it("with the jobs of read attempts remembered, lists runs only; a re-run is a new attempt and is read", async () => {
    const memory = new RunJobsMemory();
    const remembered = (q = query) => readRecentRuns(octokit, { owner, repo: name }, q, memory);
    const newest = sim.runWorkflow({ repo, workflow, jobs: { "build (rpi4)": "failure" } });
    const first = await remembered();
    const mark = sim.calls.mark();
    expect(await remembered()).toEqual(first);
    expect(sim.calls.since(mark).map((c) => [c.route, c.status])).toEqual([["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", 304]]);

    sim.rerunWorkflowRun({ repo, runId: newest.id, jobs: { "build (rpi4)": "success" } });
    const rerunMark = sim.calls.mark();
    const [rerun] = await remembered();
    expect(rerun).toMatchObject({ id: newest.id, attempt: 2, jobs: [{ name: "build (rpi4)", conclusion: "success" }] });
    expect(sim.calls.since(rerunMark).map((c) => c.route)).toEqual([
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
    ]);
  });
});
