// Actions: workflow runs filtered by branch and status, jobs paginated, re-run attempts, ETags, workflow_run webhooks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const owner = "kairos-io";
const name = "kairos";
const repo = `${owner}/${name}`;
const workflow = ".github/workflows/master.yaml";
let sim: GitHubSimulator;
let octokit: Client;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, defaultBranch: "master", files: { [workflow]: "name: master\n" } });
  octokit = await installationClient(sim, owner);
});

afterAll(() => sim.close());

const listCompleted = (extra: Record<string, unknown> = {}) =>
  octokit.rest.actions.listWorkflowRuns({ owner, repo: name, workflow_id: "master.yaml", branch: "master", status: "completed", ...extra });

describe("workflow runs", () => {
  it("lists a workflow's runs newest first, by file name or id, filtered by branch, event and status", async () => {
    const first = sim.runWorkflow({ repo, workflow, workflowName: "master", jobs: { build: "success" } });
    sim.createBranch({ repo, branch: "feature" });
    const fromPullRequest = sim.runWorkflow({ repo, workflow, branch: "feature", event: "pull_request", jobs: { build: "failure" } });
    const running = sim.runWorkflow({ repo, workflow, jobs: { build: null } });
    expect(running.completed).toBeNull();
    expect(running.payloads.map((p) => p.action)).toEqual(["requested", "in_progress"]);

    const { data } = await listCompleted();
    expect(data.total_count).toBe(1);
    expect(data.workflow_runs.map((r) => [r.id, r.head_branch, r.status, r.conclusion, r.event, r.name, r.path])).toEqual([
      [first.id, "master", "completed", "success", "push", "master", workflow],
    ]);
    const byId = await octokit.rest.actions.listWorkflowRuns({ owner, repo: name, workflow_id: data.workflow_runs[0]!.workflow_id });
    expect(byId.data.workflow_runs.map((r) => r.id)).toEqual([running.id, fromPullRequest.id, first.id]);
    expect(byId.data.total_count).toBe(3);

    const done = sim.finishWorkflowRun({ repo, runId: running.id, jobs: { build: "failure" } });
    expect(done.completed?.workflow_run.conclusion).toBe("failure");
    const after = await listCompleted({ per_page: 1 });
    expect(after.data.workflow_runs[0]?.id).toBe(running.id);
    expect(after.headers.link).toContain('rel="next"');
    const failures = await octokit.rest.actions.listWorkflowRuns({ owner, repo: name, workflow_id: "master.yaml", status: "failure" });
    expect(failures.data.workflow_runs.map((r) => r.event)).toEqual(["push", "pull_request"]);
  });

  it("answers a repeated list with 304 until a run changes, at no rate-limit cost", async () => {
    const first = await listCompleted();
    const etag = first.headers.etag as string;
    await expect(listCompleted({ headers: { "if-none-match": etag } })).rejects.toMatchObject({ status: 304 });
    expect(sim.calls.all.at(-1)).toMatchObject({ status: 304, conditional: true });
    sim.runWorkflow({ repo, workflow, jobs: { build: "success" } });
    const changed = await listCompleted({ headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
  });

  it("refuses an installation without actions:read, as GitHub does", async () => {
    sim.createRepo({ owner: "no-actions", name: "ci", files: { [workflow]: "on: push\n" } });
    sim.setInstallationPermissions("no-actions", { metadata: "read", contents: "read" });
    const run = sim.runWorkflow({ repo: "no-actions/ci", workflow, jobs: { build: "success" } });
    const res = await fetch(`${sim.apiUrl}/repos/no-actions/ci/actions/runs/${run.id}/jobs`, {
      headers: { authorization: `token ${sim.installationToken("no-actions")}` },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-accepted-github-permissions")).toBe("actions=read");
  });
});

describe("jobs of a run", () => {
  it("pages hundreds of jobs with link headers and a total count", async () => {
    const jobs = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`suite (${i})`, "success" as const]));
    const run = sim.runWorkflow({ repo, workflow, jobs });
    const mark = sim.calls.mark();
    const all = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, { owner, repo: name, run_id: run.id, filter: "latest", per_page: 100 });
    expect(all).toHaveLength(300);
    expect(new Set(all.map((j) => j.name)).size).toBe(300);
    expect(sim.calls.since(mark).map((c) => c.path)).toEqual([
      `/repos/${repo}/actions/runs/${run.id}/jobs?filter=latest&per_page=100`,
      `/repos/${repo}/actions/runs/${run.id}/jobs?filter=latest&per_page=100&page=2`,
      `/repos/${repo}/actions/runs/${run.id}/jobs?filter=latest&per_page=100&page=3`,
    ]);
    const page = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo: name, run_id: run.id, per_page: 2 });
    expect(page.data.total_count).toBe(300);
    expect(page.data.jobs[0]).toMatchObject({ run_id: run.id, run_attempt: 1, status: "completed", conclusion: "success", head_branch: "master" });
    expect(page.data.jobs[0]?.html_url).toBe(`${sim.url}/${repo}/actions/runs/${run.id}/job/${page.data.jobs[0]?.id}`);
  });

  it("re-runs failed jobs under a new attempt: latest shows the new result, all shows every execution", async () => {
    const run = sim.runWorkflow({ repo, workflow, jobs: { "build (rpi4)": "failure", "build (rpi3)": "success" } });
    expect(run.completed?.workflow_run.conclusion).toBe("failure");
    const again = sim.rerunWorkflowRun({ repo, runId: run.id, jobs: { "build (rpi4)": "success" } });
    expect(again.payloads.map((p) => p.action)).toEqual(["requested", "in_progress", "completed"]);
    expect(again.completed?.workflow_run).toMatchObject({ id: run.id, run_attempt: 2, conclusion: "success" });
    const latest = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo: name, run_id: run.id, filter: "latest" });
    expect(latest.data.jobs.map((j) => [j.name, j.conclusion, j.run_attempt])).toEqual([
      ["build (rpi4)", "success", 2],
      ["build (rpi3)", "success", 2],
    ]);
    const all = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo: name, run_id: run.id, filter: "all" });
    expect(all.data.total_count).toBe(4);
    const single = await octokit.rest.actions.getWorkflowRun({ owner, repo: name, run_id: run.id });
    expect(single.data).toMatchObject({ run_attempt: 2, previous_attempt_url: `${sim.apiUrl}/repos/${repo}/actions/runs/${run.id}/attempts/1` });
  });

  it("records workflow_run webhooks shaped as GitHub sends them, with the installation", () => {
    const mark = sim.webhooks.mark();
    const run = sim.runWorkflow({ repo, workflow, event: "schedule", jobs: { build: "cancelled" }, conclusion: "cancelled" });
    const sent = sim.webhooks.since(mark);
    expect(sent.map((w) => [w.event, w.action])).toEqual([
      ["workflow_run", "requested"],
      ["workflow_run", "in_progress"],
      ["workflow_run", "completed"],
    ]);
    expect(run.completed).toMatchObject({
      action: "completed",
      workflow: { path: workflow, name: "master" },
      workflow_run: { event: "schedule", head_branch: "master", conclusion: "cancelled", status: "completed", path: workflow },
      repository: { full_name: repo, default_branch: "master" },
      installation: { id: expect.any(Number) },
    });
  });
});
