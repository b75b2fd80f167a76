// Injected failures and holds: seeded 502s, secondary/primary rate limits, 429s, and acting while a request is parked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubSimulator, secondaryRateLimitMessage, type GitHubSimulator } from "./index.js";
import { installationClient, type Client } from "./probot-client.js";

const owner = "kairos-io";
const name = "kairos-docs";
const repo = `${owner}/${name}`;
const repoRoute = "/repos/{owner}/{repo}";
let sim: GitHubSimulator;

beforeEach(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, files: { "docs/reference/image_matrix.md": "old\n" } });
});

afterEach(() => sim.close());

async function statuses(target: GitHubSimulator, n: number): Promise<number[]> {
  const token = target.installationToken(owner);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${target.apiUrl}/repos/${repo}`, { headers: { authorization: `token ${token}` } });
    out.push(res.status);
  }
  return out;
}

describe("random faults", () => {
  it("fails a seeded share of matching requests, the same ones for the same seed", async () => {
    sim.faults.failRandomly({ fraction: 0.2, status: 502, seed: 7, method: "GET", route: repoRoute });
    const twin = await createGitHubSimulator();
    try {
      twin.createRepo({ owner, name, files: { a: "a" } });
      twin.faults.failRandomly({ fraction: 0.2, status: 502, seed: 7, method: "GET", route: repoRoute });
      const first = await statuses(sim, 60);
      expect(await statuses(twin, 60)).toEqual(first);
      const failed = first.filter((s) => s === 502).length;
      expect(failed).toBeGreaterThan(3);
      expect(failed).toBeLessThan(25);
      expect(sim.calls.all.filter((c) => c.fault)).toHaveLength(failed);
    } finally {
      await twin.close();
    }
  });

  it("leaves other routes alone, and Octokit's retry plugin rides through the 502s", async () => {
    sim.faults.failRandomly({ fraction: 0.3, status: 502, seed: 3, route: "/repos/{owner}/{repo}/contents/{path}" });
    const octokit = await installationClient(sim, owner, { retry: { retryAfterBaseValue: 1 } });
    for (let i = 0; i < 15; i++) {
      const { status } = await octokit.rest.repos.getContent({ owner, repo: name, path: "docs/reference/image_matrix.md" });
      expect(status).toBe(200);
    }
    expect(sim.calls.all.some((c) => c.status === 502)).toBe(true);
    expect(sim.calls.all.filter((c) => c.route.startsWith("POST /app")).every((c) => c.status === 201)).toBe(true);
  });
});

describe("rate limit rules", () => {
  function throttled(onSecondary: (after: number) => boolean, onPrimary: (after: number) => boolean = () => false): Promise<Client> {
    return installationClient(sim, owner, {
      throttle: {
        enabled: true,
        retryAfterBaseValue: 1,
        onSecondaryRateLimit: (after: number) => onSecondary(after),
        onRateLimit: (after: number) => onPrimary(after),
      },
    });
  }

  it("answers a secondary rate limit with 403, GitHub's message and retry-after, which Octokit honours", async () => {
    const rule = sim.faults.secondaryRateLimit({ method: "GET", route: repoRoute, times: 1, retryAfter: 1 });
    const seen: number[] = [];
    const octokit = await throttled((after) => (seen.push(after), true));
    const { status } = await octokit.rest.repos.get({ owner, repo: name });
    expect(status).toBe(200);
    expect(seen).toEqual([1]);
    expect(rule.hits).toBe(1);
    expect(sim.calls.all.filter((c) => c.route === `GET ${repoRoute}`).map((c) => c.status)).toEqual([403, 200]);
  });

  it("gives the raw secondary limit body and headers to a plain client", async () => {
    sim.faults.secondaryRateLimit({ route: repoRoute });
    const res = await fetch(`${sim.apiUrl}/repos/${repo}`, { headers: { authorization: `token ${sim.installationToken(owner)}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toMatchObject({ message: secondaryRateLimitMessage });
  });

  it("answers a primary rate limit with remaining 0 and a reset time, then recovers", async () => {
    sim.faults.primaryRateLimit({ route: repoRoute, resetInSeconds: 0 });
    const seen: number[] = [];
    const octokit = await throttled(() => false, (after) => (seen.push(after), true));
    const { status } = await octokit.rest.repos.get({ owner, repo: name });
    expect(status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("fires a 429 rule exactly n times", async () => {
    const rule = sim.faults.tooManyRequests({ route: repoRoute, times: 2 });
    expect(await statuses(sim, 3)).toEqual([429, 429, 200]);
    expect(rule.remaining).toBe(0);
  });
});

describe("holds", () => {
  it("parks the bot's ref update so a human can push first; the update is then not a fast forward", async () => {
    const branch = "support-matrix-bot/update";
    sim.push({ repo, branch, files: { "docs/reference/image_matrix.md": "bot\n" }, author: sim.app.botLogin });
    const octokit = await installationClient(sim, owner);
    const base = sim.state.ref(repo, branch) as string;
    const { data: parent } = await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: base });
    const { data: next } = await octokit.rest.git.createCommit({ owner, repo: name, message: "bot again", tree: parent.tree.sha, parents: [base] });

    const hold = sim.hold("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}");
    const pending = octokit.rest.git.updateRef({ owner, repo: name, ref: `heads/${branch}`, sha: next.sha }).catch((e: unknown) => e);
    const held = await hold.held;
    expect(held.path).toBe(`/repos/${repo}/git/refs/heads%2F${branch.replace("/", "%2F")}`);
    const human = sim.push({ repo, branch, files: { "notes.md": "mine" }, author: "maintainer" });
    hold.release();

    expect(await pending).toMatchObject({ status: 422, response: { data: { message: "Update is not a fast forward" } } });
    expect(sim.state.ref(repo, branch)).toBe(human.after);
  });
});

describe("waitFor", () => {
  it("resolves on the request that makes the predicate true, without polling", async () => {
    const octokit = await installationClient(sim, owner);
    const waiting = sim.waitFor(() => sim.state.issues(repo).find((i) => i.title === "Matrix lint failed"), { timeoutMs: 2000 });
    await octokit.rest.issues.create({ owner, repo: name, title: "Matrix lint failed", body: "test.yml:3:5: bad" });
    expect(await waiting).toMatchObject({ number: 1, user: sim.app.botLogin });
  });

  it("rejects on timeout with what it waited for and the recent calls", async () => {
    await fetch(`${sim.apiUrl}/rate_limit`);
    await expect(sim.waitFor(() => false, { timeoutMs: 50, description: "a pull request" })).rejects.toThrow(
      /waitFor timed out after 50 ms: a pull request[\s\S]*GET \/rate_limit/,
    );
  });
});
