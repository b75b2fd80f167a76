// Contents and commits reads: base64 files at any ref, ETag/304 without rate-limit cost, 404s, history by path.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const owner = "kairos-io";
const name = "kairos-init";
const path = ".github/workflows/test.yml";
let sim: GitHubSimulator;
let octokit: Client;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, files: { [path]: "jobs: {}\n", "README.md": "hi\n" } });
  octokit = await installationClient(sim, owner);
});

afterAll(() => sim.close());

function decode(data: unknown): string {
  const file = data as { content: string; encoding: string };
  expect(file.encoding).toBe("base64");
  return Buffer.from(file.content, "base64").toString("utf8");
}

describe("contents", () => {
  it("serves a file with its blob sha, and the same file at a tag, a branch and a sha", async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo: name, path });
    expect(decode(data)).toBe("jobs: {}\n");
    const blobSha = createHash("sha1").update("blob 9\0jobs: {}\n").digest("hex");
    expect(data).toMatchObject({ type: "file", name: "test.yml", path, sha: blobSha, size: 9 });
    const { after } = sim.push({ repo: `${owner}/${name}`, files: { [path]: "jobs: { a: {} }\n" }, message: "ci: add job" });
    sim.pushTag({ repo: `${owner}/${name}`, tag: "v1.0.0", at: after });
    for (const ref of ["v1.0.0", "main", after, after.slice(0, 7)]) {
      const { data: atRef } = await octokit.rest.repos.getContent({ owner, repo: name, path, ref });
      expect(decode(atRef)).toBe("jobs: { a: {} }\n");
    }
  });

  it("answers If-None-Match with 304, no body and no rate-limit cost", async () => {
    const first = await octokit.rest.repos.getContent({ owner, repo: name, path });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const mark = sim.calls.mark();
    const error = await octokit.rest.repos.getContent({ owner, repo: name, path, headers: { "if-none-match": etag } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 304 });
    const again = await octokit.rest.repos.getContent({ owner, repo: name, path });
    expect(Number(again.headers["x-ratelimit-remaining"])).toBe(Number(first.headers["x-ratelimit-remaining"]) - 1);
    expect(sim.calls.since(mark).map((c) => [c.status, c.conditional])).toEqual([
      [304, true],
      [200, false],
    ]);
  });

  it("changes the ETag when the file changes", async () => {
    const before = await octokit.rest.repos.getContent({ owner, repo: name, path });
    sim.push({ repo: `${owner}/${name}`, files: { [path]: "jobs: { b: {} }\n" } });
    const after = await octokit.rest.repos.getContent({ owner, repo: name, path, headers: { "if-none-match": before.headers.etag as string } });
    expect(after.status).toBe(200);
    expect(decode(after.data)).toBe("jobs: { b: {} }\n");
  });

  it("serves raw content, which Probot's config plugin reads (404s fall back to the owner's .github repo)", async () => {
    sim.push({ repo: `${owner}/${name}`, files: { ".github/support-matrix-bot.yml": "docs:\n  repo: kairos-docs\n" } });
    const { config } = await octokit.config.get({ owner, repo: name, path: ".github/support-matrix-bot.yml" });
    expect(config).toEqual({ docs: { repo: "kairos-docs" } });
    const mark = sim.calls.mark();
    const missing = await octokit.config.get({ owner, repo: name, path: ".github/other.yml" });
    expect(missing.config).toEqual({});
    expect(sim.calls.since(mark).map((c) => [c.status, c.path])).toEqual([
      [404, `/repos/${owner}/${name}/contents/.github%2Fother.yml`],
      [404, `/repos/${owner}/.github/contents/.github%2Fother.yml`],
    ]);
  });

  it("404s a missing path and an unknown ref", async () => {
    await expect(octokit.rest.repos.getContent({ owner, repo: name, path: "nope.md" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.getContent({ owner, repo: name, path, ref: "no-such-branch" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "No commit found for the ref no-such-branch" } },
    });
  });

  it("lists commits newest first, filtered by path, with the linked author", async () => {
    const { data } = await octokit.rest.repos.listCommits({ owner, repo: name, path });
    expect(data.map((c) => c.commit.message)).toEqual(["Update files", "ci: add job", "Initial commit"]);
    expect(data[1]?.author?.login).toBe("octocat");
    const { data: readme } = await octokit.rest.repos.listCommits({ owner, repo: name, path: "README.md" });
    expect(readme).toHaveLength(1);
  });

  it("records an unimplemented route as a known-unknown 404", async () => {
    await expect(octokit.request("GET /repos/{owner}/{repo}/deployments", { owner, repo: name })).rejects.toMatchObject({ status: 404 });
    expect(sim.calls.unknown().map((c) => c.route)).toEqual([`GET /repos/${owner}/${name}/deployments`]);
  });
});
