// Webhook deliveries (signatures, headers) and payloads: every variant type-checks against @octokit/webhooks-types.
import { Webhooks } from "@octokit/webhooks";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";
import { createGitHubSimulator, zeroSha, type GitHubSimulator } from "./index.js";

const owner = "kairos-io";
const name = "kairos-docs";
const repo = `${owner}/${name}`;
let sim: GitHubSimulator;

beforeAll(async () => {
  sim = await createGitHubSimulator();
  sim.createRepo({ owner, name, files: { "docs/reference/image_matrix.md": "v1\n", "README.md": "r\n" } });
});

afterAll(() => sim.close());

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(): Promise<{ url: string; next: Promise<Received>; close: () => Promise<void> }> {
  let deliver: (r: Received) => void = () => undefined;
  const next = new Promise<Received>((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      deliver({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(202).end("accepted");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  return { url, next, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("deliverWebhook", () => {
  it("signs the exact body so @octokit/webhooks verifies it, with GitHub's headers", async () => {
    const target = await receiver();
    try {
      const { payload } = sim.push({ repo, files: { "README.md": "r2\n" }, message: "readme" });
      const result = await sim.deliverWebhook({ url: target.url, secret: "s3cret", event: "push", payload, id: "d-1" });
      const got = await target.next;
      expect(result).toMatchObject({ status: 202, body: "accepted", id: "d-1" });
      expect(await new Webhooks({ secret: "s3cret" }).verify(got.body, got.headers["x-hub-signature-256"] as string)).toBe(true);
      expect(await new Webhooks({ secret: "wrong" }).verify(got.body, got.headers["x-hub-signature-256"] as string)).toBe(false);
      expect(got.headers).toMatchObject({
        "x-github-event": "push",
        "x-github-delivery": "d-1",
        "content-type": "application/json",
        "x-github-hook-installation-target-id": String(sim.app.id),
      });
      expect(got.headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
      expect(JSON.parse(got.body)).toEqual(payload);
    } finally {
      await target.close();
    }
  });

  it("refuses to call anything but a loopback address", async () => {
    await expect(sim.deliverWebhook({ url: "http://example.com/hook", secret: "s", event: "push", payload: {} })).rejects.toThrow(/loopback/);
  });
});

describe("push payloads", () => {
  it("describes an ordinary push: before/after, commits with added/modified/removed, head_commit, installation", () => {
    const before = sim.state.ref(repo, "main") as string;
    const { after, payload } = sim.push({ repo, files: { "docs/reference/image_matrix.md": "v2\n", "new.md": "n\n", "README.md": null }, message: "docs: v2", author: "maintainer" });
    expect(payload).toMatchObject({ ref: "refs/heads/main", before, after, created: false, deleted: false, forced: false, base_ref: null });
    expect(payload.commits).toHaveLength(1);
    expect(payload.commits[0]).toMatchObject({ id: after, distinct: true, message: "docs: v2", added: ["new.md"], modified: ["docs/reference/image_matrix.md"], removed: ["README.md"] });
    expect(payload.commits[0]?.author).toMatchObject({ name: "maintainer", username: "maintainer" });
    expect(payload.head_commit?.id).toBe(after);
    expect(payload.repository).toMatchObject({ full_name: repo, default_branch: "main", fork: false, owner: { login: owner }, created_at: expect.any(Number) });
    expect(payload.installation?.id).toBeTypeOf("number");
    expect(payload.compare).toContain(`/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`);
  });

  it("marks a force push and lists only the rewritten commits", () => {
    const tip = sim.state.ref(repo, "main") as string;
    const { payload } = sim.push({ repo, files: { "docs/reference/image_matrix.md": "rewritten\n" }, force: true, message: "amended" });
    expect(payload).toMatchObject({ before: tip, forced: true });
    expect(payload.commits.map((c) => c.message)).toEqual(["amended"]);
  });

  it("describes branch creation, a tag push and a deletion", () => {
    const created = sim.push({ repo, branch: "feature", files: { "f.md": "f" } }).payload;
    expect(created).toMatchObject({ created: true, before: zeroSha, base_ref: null });
    expect(created.commits).toHaveLength(1);
    const atMain = sim.createBranch({ repo, branch: "copy" }).payload;
    expect(atMain).toMatchObject({ created: true, commits: [], base_ref: "refs/heads/main", head_commit: { distinct: false } });
    const tag = sim.pushTag({ repo, tag: "v1.0.0" }).payload;
    expect(tag).toMatchObject({ ref: "refs/tags/v1.0.0", created: true, base_ref: "refs/heads/main", commits: [] });
    const deleted = sim.deleteRef({ repo, ref: "feature" }).payload;
    expect(deleted).toMatchObject({ deleted: true, after: zeroSha, commits: [], head_commit: null });
  });

  it("lists every commit of a 25-commit push, oldest first (webhooks cap at 2048, not 20)", () => {
    const commits = Array.from({ length: 25 }, (_, i) => ({ files: { "log.md": `line ${i}\n` }, message: `commit ${i}` }));
    const { payload } = sim.push({ repo, commits });
    expect(payload.commits).toHaveLength(25);
    expect(payload.commits[0]?.message).toBe("commit 0");
    expect(payload.head_commit?.message).toBe("commit 24");
  });

  it("keeps the newest commits when a push exceeds the configured cap", async () => {
    const small = await createGitHubSimulator({ pushCommitLimit: 20 });
    try {
      small.createRepo({ owner, name, files: { "a.md": "a" } });
      const commits = Array.from({ length: 22 }, (_, i) => ({ files: { "log.md": `line ${i}\n` }, message: `commit ${i}` }));
      const { payload } = small.push({ repo, commits });
      expect(payload.commits.map((c) => c.message)).toEqual(commits.slice(2).map((c) => c.message));
      expect(payload.head_commit?.message).toBe("commit 21");
    } finally {
      await small.close();
    }
  });
});

/** Type-checks each payload as an object literal, so missing, mistyped and unknown fields all fail. */
function typeErrors(checks: Array<[string, unknown]>): string[] {
  const file = join(projectRoot, "test/github-simulator/__payload-check__.ts");
  const names = [...new Set(checks.map(([type]) => type))].join(", ");
  const body = checks.map(([type, value], i) => `export const p${i}: ${type} = ${JSON.stringify(value)};`).join("\n");
  const source = `import type { ${names} } from "@octokit/webhooks-types";\n${body}\n`;
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, source, lang) : read(f, lang, ...rest));
  host.fileExists = ((exists) => (f: string) => f === file || exists(f))(host.fileExists.bind(host));
  const program = ts.createProgram([file], options, host);
  const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0] as string);
  return [...new Set(messages)];
}

describe("payload shapes", () => {
  it("match @octokit/webhooks-types for push, pull_request, release and issue_comment variants", () => {
    const checks: Array<[string, unknown]> = [];
    checks.push(["PushEvent", sim.push({ repo, files: { "a.md": "a" } }).payload]);
    checks.push(["PushEvent", sim.pushTag({ repo, tag: "v9" }).payload]);
    checks.push(["PushEvent", sim.push({ repo, branch: "bot", files: { "b.md": "b" }, author: sim.app.botLogin }).payload]);
    checks.push(["PullRequestOpenedEvent", sim.openPullRequest({ repo, head: "bot", title: "t" })]);
    const sync = sim.push({ repo, branch: "bot", files: { "b.md": "c" } }).pullRequests[0];
    checks.push(["PullRequestSynchronizeEvent", sync]);
    checks.push(["IssueCommentCreatedEvent", sim.commentOnIssue({ repo, number: 1, body: "hi", permission: "admin" })]);
    checks.push(["PullRequestClosedEvent", sim.closePullRequest(repo, 1)]);
    checks.push(["PullRequestReopenedEvent", sim.reopenPullRequest(repo, 1)]);
    checks.push(["PullRequestClosedEvent", sim.mergePullRequest(repo, 1).pullRequest]);
    checks.push(["PushEvent", sim.deleteRef({ repo, ref: "bot" }).payload]);
    const [created, published, released] = sim.createRelease({ repo, tag: "v10.0.0" }).payloads;
    checks.push(["ReleaseCreatedEvent", created], ["ReleasePublishedEvent", published], ["ReleaseReleasedEvent", released]);
    checks.push(["ReleasePrereleasedEvent", sim.createRelease({ repo, tag: "v11.0.0-rc1", prerelease: true }).payloads[2]]);
    checks.push(["ReleaseUnpublishedEvent", sim.unpublishRelease({ repo, release: "v10.0.0" }).payloads[0]]);
    checks.push(["ReleaseDeletedEvent", sim.deleteRelease({ repo, release: "v10.0.0" }).payloads[0]]);
    expect(typeErrors(checks)).toEqual([]);
  });
});
