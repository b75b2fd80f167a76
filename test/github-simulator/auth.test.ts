// The app's credential flow against the simulator: JWT → installation token → repository access, and what stays hidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";
import { appClient, installationClient } from "./probot-client.js";

let sim: GitHubSimulator;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner: "kairos-io", name: "kairos-docs", files: { "README.md": "# docs\n" } });
  sim.createRepo({ owner: "someone-else", name: "private-stuff", files: { "a.txt": "a" }, installed: false });
});

afterAll(() => sim.close());

describe("app authentication", () => {
  it("answers GET /app to the app's JWT", async () => {
    const { data } = await appClient(sim).request("GET /app");
    expect(data?.id).toBe(sim.app.id);
    expect(data?.slug).toBe("support-matrix-bot");
  });

  it("lists installations and finds the one covering a repository", async () => {
    const app = appClient(sim);
    const { data: all } = await app.request("GET /app/installations");
    expect(all.map((i) => i.account?.login)).toEqual(["kairos-io"]);
    const { data: one } = await app.request("GET /repos/{owner}/{repo}/installation", { owner: "kairos-io", repo: "kairos-docs" });
    expect(one.id).toBe(all[0]?.id);
    await expect(app.request("GET /repos/{owner}/{repo}/installation", { owner: "someone-else", repo: "private-stuff" })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a JWT signed with another key", async () => {
    const stranger = await createGitHubSimulator({ appId: sim.app.id });
    try {
      const forged = appClient(sim, { auth: { appId: sim.app.id, privateKey: stranger.app.privateKey } });
      await expect(forged.request("GET /app")).rejects.toMatchObject({ status: 401, message: expect.stringContaining("JSON web token") });
    } finally {
      await stranger.close();
    }
  });

  it("rejects a JWT issued in its future, and auth-app recovers from the Date header as it does on GitHub", async () => {
    const behind = await createGitHubSimulator({ now: () => Date.now() - 3_600_000 });
    try {
      const mark = behind.calls.mark();
      const { data } = await appClient(behind).request("GET /app");
      expect(data?.id).toBe(behind.app.id);
      expect(behind.calls.since(mark).map((c) => c.status)).toEqual([401, 200]);
    } finally {
      await behind.close();
    }
  });

  it("serves the bot user, whose id makes the noreply email GitHub links to the bot", async () => {
    const octokit = await installationClient(sim, "kairos-io");
    const { data } = await octokit.rest.users.getByUsername({ username: sim.app.botLogin });
    expect(data).toMatchObject({ login: sim.app.botLogin, type: "Bot" });
    const email = `${data.id}+${sim.app.botLogin}@users.noreply.github.com`;
    const main = sim.state.commit("kairos-io/kairos-docs", "main");
    const { data: commit } = await octokit.rest.git.createCommit({
      owner: "kairos-io",
      repo: "kairos-docs",
      message: "m",
      tree: main?.tree as string,
      parents: [main?.sha as string],
      author: { name: sim.app.botLogin, email },
    });
    expect(sim.state.commit("kairos-io/kairos-docs", commit.sha)?.author.login).toBe(sim.app.botLogin);
    await expect(octokit.rest.users.getByUsername({ username: "nobody-at-all" })).rejects.toMatchObject({ status: 404 });
  });

  it("issues ghs_ tokens that expire in an hour, with the installation's permissions", async () => {
    const app = appClient(sim);
    const { data: installation } = await app.request("GET /orgs/{org}/installation", { org: "kairos-io" });
    const { data } = await app.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: installation.id });
    expect(data.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(Date.parse(data.expires_at) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(data.permissions).toMatchObject({ contents: "write", pull_requests: "write" });
    expect(data.repository_selection).toBe("all");
  });
});

describe("repository access", () => {
  it("reads a covered repository with the installation token and records who called", async () => {
    const octokit = await installationClient(sim, "kairos-io");
    const mark = sim.calls.mark();
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner: "kairos-io", repo: "kairos-docs" });
    expect(data.full_name).toBe("kairos-io/kairos-docs");
    const [exchange, call] = sim.calls.since(mark);
    expect(exchange).toMatchObject({ route: "POST /app/installations/{installation_id}/access_tokens", status: 201, auth: "app" });
    expect(call).toMatchObject({ route: "GET /repos/{owner}/{repo}", status: 200, auth: "installation", installationId: expect.any(Number) });
    expect(call?.token).toMatch(/^ghs_/);
  });

  it("hides another owner's repository behind 404", async () => {
    const octokit = await installationClient(sim, "kairos-io");
    await expect(octokit.request("GET /repos/{owner}/{repo}", { owner: "someone-else", repo: "private-stuff" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers a bad token with 401 Bad credentials and no token with 404", async () => {
    const url = `${sim.apiUrl}/repos/kairos-io/kairos-docs`;
    const bad = await fetch(url, { headers: { authorization: "token ghs_nope" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: "Bad credentials" });
    expect((await fetch(url)).status).toBe(404);
  });

  it("refuses a write the installation has no permission for, naming the permission", async () => {
    sim.createRepo({ owner: "read-only-org", name: "r", files: { "a.txt": "a" } });
    sim.setInstallationPermissions("read-only-org", { metadata: "read", contents: "read" });
    const token = sim.installationToken("read-only-org");
    const res = await fetch(`${sim.apiUrl}/repos/read-only-org/r/git/blobs`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "x" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-accepted-github-permissions")).toBe("contents=write");
    expect(await res.json()).toMatchObject({ message: "Resource not accessible by integration" });
  });

  it("decrements the installation's rate limit per call", async () => {
    const octokit = await installationClient(sim, "kairos-io");
    const first = await octokit.request("GET /repos/{owner}/{repo}", { owner: "kairos-io", repo: "kairos-docs" });
    const second = await octokit.request("GET /repos/{owner}/{repo}", { owner: "kairos-io", repo: "kairos-docs" });
    expect(Number(second.headers["x-ratelimit-remaining"])).toBe(Number(first.headers["x-ratelimit-remaining"]) - 1);
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    expect(first.headers["x-github-request-id"]).toBeTruthy();
  });

  it("answers 403 'API rate limit exceeded' once the window is used up", async () => {
    const octokit = await installationClient(sim, "kairos-io");
    const { data: installation } = await appClient(sim).request("GET /orgs/{org}/installation", { org: "kairos-io" });
    sim.rateLimits.setRemaining(installation.id, 0);
    try {
      await expect(octokit.request("GET /repos/{owner}/{repo}", { owner: "kairos-io", repo: "kairos-docs" })).rejects.toMatchObject({
        status: 403,
        response: { headers: { "x-ratelimit-remaining": "0" } },
      });
    } finally {
      sim.rateLimits.setRemaining(installation.id, 5000);
    }
  });
});
