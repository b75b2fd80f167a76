// The git data round trip the bot uses to write a branch: blob → tree (base_tree) → commit → ref, with GitHub's ref rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const repo = "kairos-io/kairos-docs";
const owner = "kairos-io";
const name = "kairos-docs";
let sim: GitHubSimulator;
let octokit: Client;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, files: { "docs/reference/image_matrix.md": "old\n", "README.md": "readme\n" } });
  octokit = await installationClient(sim, owner);
});

afterAll(() => sim.close());

async function commitFile(parent: string, path: string, content: string, message: string): Promise<string> {
  const { data: parentCommit } = await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: parent });
  const { data: blob } = await octokit.rest.git.createBlob({ owner, repo: name, content, encoding: "utf-8" });
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo: name,
    base_tree: parentCommit.tree.sha,
    tree: [{ path, mode: "100644", type: "blob", sha: blob.sha }],
  });
  const { data: commit } = await octokit.rest.git.createCommit({ owner, repo: name, message, tree: tree.sha, parents: [parent] });
  return commit.sha;
}

describe("git data API", () => {
  it("writes a branch: the new tree keeps base_tree's other files and the commit is the bot's, verified", async () => {
    const { data: main } = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/main" });
    const sha = await commitFile(main.object.sha, "docs/reference/image_matrix.md", "new\n", "docs: update matrix");
    await octokit.rest.git.createRef({ owner, repo: name, ref: "refs/heads/support-matrix-bot/update", sha });

    expect(sim.state.file(repo, "docs/reference/image_matrix.md", "support-matrix-bot/update")).toBe("new\n");
    expect(sim.state.file(repo, "README.md", "support-matrix-bot/update")).toBe("readme\n");
    expect(sim.state.file(repo, "docs/reference/image_matrix.md")).toBe("old\n");
    const commit = sim.state.commit(repo, sha);
    expect(commit).toMatchObject({ verified: true, parents: [main.object.sha], author: { login: sim.app.botLogin }, committer: { login: sim.app.botLogin } });
    const push = sim.webhooks.all.at(-1);
    expect(push).toMatchObject({ event: "push", cause: "request", payload: { ref: "refs/heads/support-matrix-bot/update", created: true } });
  });

  it("does not sign commits that carry a custom author", async () => {
    const { data: main } = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/main" });
    const { data: parent } = await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: main.object.sha });
    const { data } = await octokit.rest.git.createCommit({
      owner,
      repo: name,
      message: "custom",
      tree: parent.tree.sha,
      parents: [main.object.sha],
      author: { name: "Someone", email: "someone@example.com" },
    });
    expect(data.verification).toMatchObject({ verified: false, reason: "unsigned" });
    expect(data.author.name).toBe("Someone");
  });

  it("refuses a non-fast-forward update without force, and allows it with force", async () => {
    const branch = "heads/support-matrix-bot/update";
    const { data: main } = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/main" });
    const sideways = await commitFile(main.object.sha, "other.md", "x\n", "unrelated");
    await expect(octokit.rest.git.updateRef({ owner, repo: name, ref: branch, sha: sideways })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Update is not a fast forward" } },
    });
    await octokit.rest.git.updateRef({ owner, repo: name, ref: branch, sha: sideways, force: true });
    expect(sim.state.ref(repo, "support-matrix-bot/update")).toBe(sideways);
    expect(sim.webhooks.all.at(-1)?.payload).toMatchObject({ forced: true, after: sideways });
  });

  it("answers GitHub's 422s for duplicate and missing refs", async () => {
    const { data: main } = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/main" });
    await expect(octokit.rest.git.createRef({ owner, repo: name, ref: "refs/heads/main", sha: main.object.sha })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Reference already exists" } },
    });
    await octokit.rest.git.createRef({ owner, repo: name, ref: "refs/heads/doomed", sha: main.object.sha });
    const deleted = await octokit.rest.git.deleteRef({ owner, repo: name, ref: "heads/doomed" });
    expect(deleted.status).toBe(204);
    await expect(octokit.rest.git.deleteRef({ owner, repo: name, ref: "heads/doomed" })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Reference does not exist" } },
    });
    await expect(octokit.rest.git.getRef({ owner, repo: name, ref: "heads/doomed" })).rejects.toMatchObject({ status: 404 });
  });

  it("deletes a path with sha null and lists trees recursively", async () => {
    const { data: main } = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/main" });
    const { data: parent } = await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: main.object.sha });
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo: name,
      base_tree: parent.tree.sha,
      tree: [{ path: "README.md", mode: "100644", type: "blob", sha: null }],
    });
    const { data: listed } = await octokit.rest.git.getTree({ owner, repo: name, tree_sha: tree.sha, recursive: "1" });
    expect(listed.tree.map((e) => e.path)).toEqual(["docs", "docs/reference", "docs/reference/image_matrix.md"]);
  });

  it("logs the round trip's calls: writes, counts by route, marks", async () => {
    const mark = sim.calls.mark();
    const { data: main } = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/main" });
    await commitFile(main.object.sha, "x.md", "x\n", "x");
    expect(sim.calls.writes(mark).map((c) => c.route)).toEqual([
      "POST /repos/{owner}/{repo}/git/blobs",
      "POST /repos/{owner}/{repo}/git/trees",
      "POST /repos/{owner}/{repo}/git/commits",
    ]);
    expect(sim.calls.countByRoute(mark)).toEqual({
      "GET /repos/{owner}/{repo}/git/ref/{ref}": 1,
      "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": 1,
      "POST /repos/{owner}/{repo}/git/blobs": 1,
      "POST /repos/{owner}/{repo}/git/trees": 1,
      "POST /repos/{owner}/{repo}/git/commits": 1,
    });
  });

  it("lists matching refs and compares branches", async () => {
    const { data: refs } = await octokit.rest.git.listMatchingRefs({ owner, repo: name, ref: "heads/support-matrix-bot" });
    expect(refs.map((r) => r.ref)).toEqual(["refs/heads/support-matrix-bot/update"]);
    const { data: cmp } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo: name, basehead: "main...support-matrix-bot/update" });
    expect(cmp).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0 });
    expect(cmp.files?.map((f) => f.filename)).toEqual(["other.md"]);
  });
});
