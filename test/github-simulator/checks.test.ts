// Commit statuses and check runs: combined state, GitHub's size limits, appended annotations, latest per name, issues.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const owner = "kairos-io";
const name = "kairos-docs";
const repo = `${owner}/${name}`;
let sim: GitHubSimulator;
let octokit: Client;
let sha: string;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sha = sim.createRepo({ owner, name, files: { "a.md": "a" } }).head as string;
  octokit = await installationClient(sim, owner);
});

afterAll(() => sim.close());

const annotation = (line: number) => ({ path: ".github/workflows/test.yml", start_line: line, end_line: line, annotation_level: "failure" as const, message: `bad ${line}` });

describe("statuses", () => {
  it("keeps every status, combines the latest per context, and refuses descriptions over 140 characters", async () => {
    await octokit.rest.repos.createCommitStatus({ owner, repo: name, sha, state: "pending", context: "support-matrix" });
    await octokit.rest.repos.createCommitStatus({ owner, repo: name, sha, state: "failure", context: "support-matrix", description: "lint failed" });
    await octokit.rest.repos.createCommitStatus({ owner, repo: name, sha, state: "success", context: "other" });
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo: name, ref: "main" });
    expect(data).toMatchObject({ state: "failure", total_count: 2, sha });
    expect(sim.state.statuses(repo, sha).map((s) => s.state)).toEqual(["success", "failure", "pending"]);
    await expect(octokit.rest.repos.createCommitStatus({ owner, repo: name, sha, state: "success", description: "x".repeat(141) })).rejects.toMatchObject({
      response: { data: { errors: [{ field: "description", message: "description is too long (maximum is 140 characters)" }] } },
    });
  });
});

describe("check runs", () => {
  it("creates, appends annotations on update, and lists the latest run per name", async () => {
    const { data: run } = await octokit.rest.checks.create({
      owner,
      repo: name,
      name: "support-matrix",
      head_sha: sha,
      status: "in_progress",
      output: { title: "Linting", summary: "running", annotations: [annotation(1)] },
    });
    await octokit.rest.checks.update({
      owner,
      repo: name,
      check_run_id: run.id,
      conclusion: "failure",
      output: { title: "Lint failed", summary: "2 problems", annotations: [annotation(2)] },
    });
    const [view] = sim.state.checkRuns(repo, sha);
    expect(view).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Lint failed", summary: "2 problems" } });
    expect(view?.annotations.map((a) => a.start_line)).toEqual([1, 2]);
    await octokit.rest.checks.create({ owner, repo: name, name: "support-matrix", head_sha: sha, conclusion: "success" });
    const { data: list } = await octokit.rest.checks.listForRef({ owner, repo: name, ref: sha, check_name: "support-matrix" });
    expect(list.check_runs.map((r) => r.conclusion)).toEqual(["success"]);
    const { data: all } = await octokit.rest.checks.listForRef({ owner, repo: name, ref: sha, filter: "all" });
    expect(all.total_count).toBe(2);
  });

  it("enforces 50 annotations per request, summary ≤ 65535 bytes and a conclusion when completed", async () => {
    const base = { owner, repo: name, name: "limits", head_sha: sha };
    const many = Array.from({ length: 51 }, (_, i) => annotation(i + 1));
    await expect(octokit.rest.checks.create({ ...base, output: { title: "t", summary: "s", annotations: many } })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.checks.create({ ...base, output: { title: "t", summary: "é".repeat(40_000) } })).rejects.toMatchObject({
      response: { data: { errors: [{ resource: "CheckRun", field: "summary", message: "summary exceeds a maximum bytesize of 65535" }] } },
    });
    await expect(octokit.rest.checks.create({ ...base, status: "completed" })).rejects.toMatchObject({ status: 422 });
    expect(sim.state.checkRuns(repo, sha).some((r) => r.name === "limits")).toBe(false);
  });
});

describe("issues", () => {
  it("creates, finds by label and creator, and closes an issue", async () => {
    const { data } = await octokit.rest.issues.create({ owner, repo: name, title: "Matrix lint failed", body: "x", labels: ["support-matrix"] });
    const { data: found } = await octokit.rest.issues.listForRepo({ owner, repo: name, labels: "support-matrix", creator: sim.app.botLogin });
    expect(found.map((i) => i.number)).toEqual([data.number]);
    await octokit.rest.issues.update({ owner, repo: name, issue_number: data.number, state: "closed" });
    expect(sim.state.issues(repo, { state: "closed" }).map((i) => i.title)).toEqual(["Matrix lint failed"]);
    const { data: open } = await octokit.rest.issues.listForRepo({ owner, repo: name, labels: "support-matrix" });
    expect(open).toEqual([]);
  });
});
