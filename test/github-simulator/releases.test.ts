// Releases: pagination with link headers, drafts visible only with contents:write, latest, ETags, and release webhooks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const owner = "kairos-io";
const name = "kairos";
const repo = `${owner}/${name}`;
let sim: GitHubSimulator;
let octokit: Client;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, files: { "README.md": "kairos\n" } });
  for (let i = 0; i < 120; i++) {
    sim.createRelease({ repo, tag: `v1.${i}.0`, createdAt: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString() });
  }
  octokit = await installationClient(sim, owner);
});

afterAll(() => sim.close());

describe("listing releases", () => {
  it("paginates at most 100 per page, newest first, following link headers", async () => {
    const mark = sim.calls.mark();
    const all = await octokit.paginate(octokit.rest.repos.listReleases, { owner, repo: name, per_page: 100 });
    expect(all).toHaveLength(120);
    expect(all[0]?.tag_name).toBe("v1.119.0");
    expect(all.at(-1)?.tag_name).toBe("v1.0.0");
    const listCalls = sim.calls.since(mark).filter((c) => c.route === "GET /repos/{owner}/{repo}/releases");
    expect(listCalls.map((c) => c.path)).toEqual([
      `/repos/${repo}/releases?per_page=100`,
      `/repos/${repo}/releases?per_page=100&page=2`,
    ]);
    const first = await octokit.rest.repos.listReleases({ owner, repo: name, per_page: 500 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('rel="last"');
  });

  it("answers an unchanged list with 304 and a changed one with 200", async () => {
    const first = await octokit.rest.repos.listReleases({ owner, repo: name, per_page: 5 });
    const etag = first.headers.etag as string;
    await expect(octokit.rest.repos.listReleases({ owner, repo: name, per_page: 5, headers: { "if-none-match": etag } })).rejects.toMatchObject({ status: 304 });
    sim.createRelease({ repo, tag: "v2.0.0" });
    const changed = await octokit.rest.repos.listReleases({ owner, repo: name, per_page: 5, headers: { "if-none-match": etag } });
    expect(changed.data[0]?.tag_name).toBe("v2.0.0");
  });

  it("lists drafts only to a token with contents:write", async () => {
    sim.createRelease({ repo, tag: "v3.0.0", draft: true });
    const { data: writer } = await octokit.rest.repos.listReleases({ owner, repo: name, per_page: 3 });
    expect(writer.map((r) => [r.tag_name, r.draft])).toContainEqual(["v3.0.0", true]);
    sim.createRepo({ owner: "readers", name: "kairos", files: { "a": "a" } });
    sim.setInstallationPermissions("readers", { metadata: "read", contents: "read" });
    sim.createRelease({ repo: "readers/kairos", tag: "v0.1.0" });
    sim.createRelease({ repo: "readers/kairos", tag: "v0.2.0", draft: true });
    const res = await fetch(`${sim.apiUrl}/repos/readers/kairos/releases`, { headers: { authorization: `token ${sim.installationToken("readers")}` } });
    expect(((await res.json()) as Array<{ tag_name: string }>).map((r) => r.tag_name)).toEqual(["v0.1.0"]);
  });

  it("serves latest (not a prerelease or draft) and by tag (never a draft)", async () => {
    sim.createRelease({ repo, tag: "v4.0.0-rc1", prerelease: true });
    const { data: latest } = await octokit.rest.repos.getLatestRelease({ owner, repo: name });
    expect(latest.tag_name).toBe("v2.0.0");
    const { data: byTag } = await octokit.rest.repos.getReleaseByTag({ owner, repo: name, tag: "v1.5.0" });
    expect(byTag.tag_name).toBe("v1.5.0");
    await expect(octokit.rest.repos.getReleaseByTag({ owner, repo: name, tag: "v3.0.0" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("release webhooks", () => {
  const actions = (r: { payloads: Array<{ action: string }> }): string[] => r.payloads.map((p) => p.action);

  it("sends what GitHub sends for each step of a release's life", () => {
    expect(actions(sim.createRelease({ repo, tag: "v5.0.0" }))).toEqual(["created", "published", "released"]);
    expect(actions(sim.createRelease({ repo, tag: "v5.1.0-beta1", prerelease: true }))).toEqual(["created", "published", "prereleased"]);
    expect(actions(sim.createRelease({ repo, tag: "v6.0.0", draft: true }))).toEqual(["created"]);
    expect(actions(sim.editRelease({ repo, release: "v6.0.0", draft: false }))).toEqual(["published", "released"]);
    expect(actions(sim.editRelease({ repo, release: "v5.1.0-beta1", prerelease: false }))).toEqual(["edited", "released"]);
    expect(actions(sim.unpublishRelease({ repo, release: "v6.0.0" }))).toEqual(["unpublished"]);
    expect(actions(sim.deleteRelease({ repo, release: "v5.0.0" }))).toEqual(["deleted"]);
  });

  it("reports edited fields in changes, and publishing creates the tag with a push", () => {
    const renamed = sim.editRelease({ repo, release: "v5.1.0-beta1", name: "Kairos 5.1", tag: "v5.1.0" });
    expect(renamed.payloads[0]).toMatchObject({ action: "edited", changes: { name: { from: "v5.1.0-beta1" }, tag_name: { from: "v5.1.0-beta1" } }, release: { tag_name: "v5.1.0" } });
    const created = sim.createRelease({ repo, tag: "v7.0.0" });
    expect(created.tagPush).toMatchObject({ ref: "refs/tags/v7.0.0", created: true, base_ref: "refs/heads/main" });
    expect(created.payloads[1]).toMatchObject({ release: { draft: false, published_at: expect.any(String) }, installation: { id: expect.any(Number) } });
  });
});
