// Pull requests and conversations: GitHub's 422s, head filters, forks, merges, humans on the bot's branch, comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const owner = "kairos-io";
const name = "kairos-docs";
const repo = `${owner}/${name}`;
const branch = "support-matrix-bot/update";
let sim: GitHubSimulator;
let octokit: Client;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, files: { "docs/reference/image_matrix.md": "old\n" } });
  sim.push({ repo, branch, files: { "docs/reference/image_matrix.md": "new\n" }, author: sim.app.botLogin, message: "docs: matrix" });
  octokit = await installationClient(sim, owner);
});

afterAll(() => sim.close());

describe("creating pull requests", () => {
  it("opens one as the bot, then refuses a duplicate with GitHub's message", async () => {
    const { data } = await octokit.rest.pulls.create({ owner, repo: name, head: branch, base: "main", title: "Update the matrix", body: "b" });
    expect(data).toMatchObject({ number: 1, state: "open", user: { login: sim.app.botLogin, type: "Bot" }, head: { ref: branch }, base: { ref: "main" } });
    await expect(octokit.rest.pulls.create({ owner, repo: name, head: branch, base: "main", title: "again" })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${owner}:${branch}.` }] } },
    });
    expect(sim.webhooks.all.at(-1)).toMatchObject({ event: "pull_request", action: "opened", cause: "request" });
  });

  it("refuses a branch with no commits, an unknown head and a body over 65536 characters", async () => {
    sim.createBranch({ repo, branch: "empty" });
    await expect(octokit.rest.pulls.create({ owner, repo: name, head: "empty", base: "main", title: "t" })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: "No commits between main and empty" }] } },
    });
    await expect(octokit.rest.pulls.create({ owner, repo: name, head: "ghost", base: "main", title: "t" })).rejects.toMatchObject({
      response: { data: { errors: [{ field: "head", code: "invalid" }] } },
    });
    sim.push({ repo, branch: "long", files: { "x.md": "x" } });
    await expect(octokit.rest.pulls.create({ owner, repo: name, head: "long", base: "main", title: "t", body: "x".repeat(65537) })).rejects.toMatchObject({
      response: { data: { errors: [{ field: "body", message: "body is too long (maximum is 65536 characters)" }] } },
    });
  });
});

describe("finding and updating pull requests", () => {
  it("filters by owner:branch, and ignores a bare branch name as GitHub does", async () => {
    const { data: mine } = await octokit.rest.pulls.list({ owner, repo: name, head: `${owner}:${branch}`, state: "open" });
    expect(mine.map((p) => p.number)).toEqual([1]);
    sim.push({ repo, branch: "other", files: { "o.md": "o" } });
    sim.openPullRequest({ repo, head: "other", title: "someone else's" });
    const { data: bare } = await octokit.rest.pulls.list({ owner, repo: name, head: branch, state: "open" });
    expect(bare).toHaveLength(2);
  });

  it("updates title and body, requests reviewers and labels through the issues API", async () => {
    sim.setPermission(repo, "maintainer", "maintain");
    await octokit.rest.pulls.update({ owner, repo: name, pull_number: 1, title: "New title", body: "New body" });
    await octokit.rest.pulls.requestReviewers({ owner, repo: name, pull_number: 1, reviewers: ["maintainer"] });
    await octokit.rest.issues.addLabels({ owner, repo: name, issue_number: 1, labels: ["documentation"] });
    expect(sim.state.pull(repo, 1)).toMatchObject({ title: "New title", body: "New body", requestedReviewers: ["maintainer"], labels: ["documentation"] });
    await expect(octokit.rest.pulls.requestReviewers({ owner, repo: name, pull_number: 1, reviewers: ["stranger"] })).rejects.toMatchObject({ status: 422 });
    expect(sim.webhooks.all.some((w) => w.event === "pull_request" && w.action === "edited")).toBe(true);
  });
});

describe("what people do", () => {
  it("a human commit on the bot's branch moves the pull request head and sends synchronize", () => {
    const { after, payload, pullRequests } = sim.push({ repo, branch, files: { "docs/reference/image_matrix.md": "human\n" }, author: "maintainer" });
    expect(payload.sender.login).toBe("maintainer");
    expect(pullRequests).toHaveLength(1);
    expect(pullRequests[0]).toMatchObject({ action: "synchronize", number: 1, after, pull_request: { head: { sha: after } } });
    expect(sim.state.commit(repo, after)?.author.login).toBe("maintainer");
  });

  it("merging makes a merge commit on main and closes the pull request as merged", () => {
    const before = sim.state.ref(repo, "main") as string;
    const head = sim.state.pull(repo, 1)?.headSha as string;
    const { sha, push, pullRequest } = sim.mergePullRequest(repo, 1, { by: "maintainer" });
    expect(sim.state.commit(repo, sha)?.parents).toEqual([before, head]);
    expect(push).toMatchObject({ ref: "refs/heads/main", before, after: sha });
    expect(pullRequest).toMatchObject({ action: "closed", pull_request: { merged: true, state: "closed", merged_by: { login: "maintainer" } } });
    expect(sim.state.file(repo, "docs/reference/image_matrix.md")).toBe("human\n");
    expect(sim.state.branches(repo)).toContain(branch);
  });

  it("with 'delete head branches' on, merging also deletes the head branch", () => {
    sim.createRepo({ owner, name: "tidy", files: { "a.md": "a" }, deleteBranchOnMerge: true });
    sim.push({ repo: `${owner}/tidy`, branch: "topic", files: { "b.md": "b" } });
    const { number } = sim.openPullRequest({ repo: `${owner}/tidy`, head: "topic", title: "t" });
    const mark = sim.webhooks.mark();
    sim.mergePullRequest(`${owner}/tidy`, number);
    expect(sim.state.branches(`${owner}/tidy`)).toEqual(["main"]);
    expect(sim.webhooks.since(mark).map((w) => [w.event, w.action, (w.payload as { deleted?: boolean }).deleted])).toEqual([
      ["push", null, false],
      ["pull_request", "closed", undefined],
      ["push", null, true],
    ]);
  });

  it("opens a pull request from a fork, whose head repository differs", () => {
    sim.createRepo({ owner: "contributor", name, fork: { parent: repo }, installed: false, ownerType: "User" });
    sim.push({ repo: `contributor/${name}`, branch: "fix", files: { "fix.md": "fix" }, author: "contributor" });
    const event = sim.openPullRequest({ repo, head: "contributor:fix", title: "Fix", user: "contributor" });
    expect(event.pull_request.head.repo?.full_name).toBe(`contributor/${name}`);
    expect(event.pull_request.head.repo?.fork).toBe(true);
    expect(event.pull_request.base.repo.full_name).toBe(repo);
    expect(event.installation?.id).toBeTypeOf("number");
  });

  it("closing a pull request through the issues API closes it and records pull_request closed", async () => {
    sim.push({ repo, branch: "stale", files: { "s.md": "s" } });
    const { number } = sim.openPullRequest({ repo, head: "stale", title: "stale" });
    await octokit.rest.issues.update({ owner, repo: name, issue_number: number, state: "closed" });
    expect(sim.state.pull(repo, number)).toMatchObject({ state: "closed", merged: false });
    expect(sim.webhooks.all.at(-1)).toMatchObject({ event: "pull_request", action: "closed", cause: "request" });
  });

  it("a comment carries the commenter, whose permission the API reports", async () => {
    const event = sim.commentOnIssue({ repo, number: 1, body: "/support-matrix-bot recheck", user: "reviewer", permission: "write" });
    expect(event).toMatchObject({ action: "created", comment: { body: "/support-matrix-bot recheck", user: { login: "reviewer" } }, issue: { number: 1 } });
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo: name, username: "reviewer" });
    expect(data.permission).toBe("write");
    const { data: outsider } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo: name, username: "passer-by" });
    expect(outsider.permission).toBe("read");
  });

  it("the bot's own comment goes through the API and can be edited (sticky comments)", async () => {
    const { data } = await octokit.rest.issues.createComment({ owner, repo: name, issue_number: 1, body: "first" });
    await octokit.rest.issues.updateComment({ owner, repo: name, comment_id: data.id, body: "second" });
    const comments = sim.state.comments(repo, 1);
    expect(comments.at(-1)).toMatchObject({ body: "second", user: sim.app.botLogin });
    await expect(octokit.rest.issues.createComment({ owner, repo: name, issue_number: 1, body: "x".repeat(65537) })).rejects.toMatchObject({
      response: { data: { errors: [{ resource: "IssueComment", message: "Body is too long (maximum is 65536 characters)" }] } },
    });
  });
});
