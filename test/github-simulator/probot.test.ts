// A real Probot app configured the production way (APP_ID, PRIVATE_KEY, GHE_HOST) handles a delivered webhook against the simulator.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, createProbot, ProbotOctokit, type ApplicationFunction } from "probot";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "./index.js";

const repo = "kairos-io/kairos-docs";
let sim: GitHubSimulator;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner: "kairos-io", name: "kairos-docs", files: { "README.md": "r\n" } });
});

afterAll(() => sim.close());

const app: ApplicationFunction = (probot) => {
  probot.on("issue_comment.created", async (context) => {
    if (context.isBot) return;
    await context.octokit.rest.issues.createComment(context.issue({ body: `echo: ${context.payload.comment.body}` }));
  });
};

it("receives a signed delivery, authenticates as the installation and writes back", async () => {
  const probot = createProbot({
    env: { APP_ID: String(sim.app.id), PRIVATE_KEY: sim.app.privateKey, WEBHOOK_SECRET: "secret", GHE_HOST: sim.host, GHE_PROTOCOL: "http", LOG_LEVEL: "fatal" },
    // Probot spaces writes a second apart by default; the simulator needs no such courtesy.
    overrides: { Octokit: ProbotOctokit.defaults({ throttle: { enabled: false } }) },
  });
  const middleware = await createNodeMiddleware(app, { probot });
  const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    sim.push({ repo, branch: "b", files: { "b.md": "b" } });
    sim.openPullRequest({ repo, head: "b", title: "t" });
    const payload = sim.commentOnIssue({ repo, number: 1, body: "hello", user: "maintainer", permission: "write" });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
    const result = await sim.deliverWebhook({ url, secret: "secret", event: "issue_comment", payload });
    expect(result.status).toBeLessThan(300);
    const reply = await sim.waitFor(() => sim.state.comments(repo, 1).find((c) => c.user === sim.app.botLogin), { timeoutMs: 5000 });
    expect(reply.body).toBe("echo: hello");
    const own = sim.webhooks.all.at(-1);
    expect(own).toMatchObject({ event: "issue_comment", cause: "request", payload: { sender: { login: sim.app.botLogin, type: "Bot" } } });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
