// Which webhook deliveries call for which reconcile, decided from the payload alone.
import { describe, expect, it } from "vitest";
import { commitFileLimit, decideTriggers, pushCommitLimit, type BotView } from "../../src/app/event-triggers.js";
import { commit, pullRequest, push, release, workflowRun, zeroSha } from "./webhook-payloads.js";

const workflow = ".github/workflows/test.yml";
const view: BotView = {
  docsRepository: "kairos-io/kairos-docs",
  sources: [{ repository: "kairos-io/kairos-init", workflow }],
  components: [{ repository: "kairos-io/kairos" }, { repository: "kairos-io/provider-kairos" }],
};

const touchesWorkflow = [commit({ modified: ["README.md"] }), commit({ modified: [workflow] })];

describe("push to a source repository", () => {
  it("enqueues the matrix when a commit on the default branch modifies the workflow", () => {
    const decision = decideTriggers({ name: "push", payload: push("kairos-io/kairos-init", { commits: touchesWorkflow }) }, view);
    expect(decision).toMatchObject({ action: "enqueue", triggers: [{ kind: "matrix" }] });
  });

  it.each([["added"], ["removed"]] as const)("counts a workflow %s by a commit", (list) => {
    const payload = push("kairos-io/kairos-init", { commits: [commit({ [list]: [workflow] })] });
    expect(decideTriggers({ name: "push", payload }, view).action).toBe("enqueue");
  });

  it("matches the repository name case-insensitively", () => {
    const payload = push("Kairos-IO/Kairos-Init", { commits: touchesWorkflow });
    expect(decideTriggers({ name: "push", payload }, view).action).toBe("enqueue");
  });

  it("uses the repository's own default branch, not a guess", () => {
    const onMaster = push("kairos-io/kairos-init", { commits: touchesWorkflow, ref: "refs/heads/master", defaultBranch: "master" });
    const onMain = push("kairos-io/kairos-init", { commits: touchesWorkflow, ref: "refs/heads/main", defaultBranch: "master" });
    expect(decideTriggers({ name: "push", payload: onMaster }, view).action).toBe("enqueue");
    expect(decideTriggers({ name: "push", payload: onMain }, view).action).toBe("ignore");
  });

  it("ignores a push that does not touch the workflow", () => {
    const payload = push("kairos-io/kairos-init", { commits: [commit({ modified: ["pkg/stage.go", ".github/workflows/lint.yml"] })] });
    expect(decideTriggers({ name: "push", payload }, view)).toEqual({
      action: "ignore",
      reason: `push to kairos-io/kairos-init does not touch ${workflow}`,
    });
  });

  it("ignores a push to another branch", () => {
    const payload = push("kairos-io/kairos-init", { commits: touchesWorkflow, ref: "refs/heads/feature" });
    expect(decideTriggers({ name: "push", payload }, view).action).toBe("ignore");
  });

  it("ignores a tag push", () => {
    const payload = push("kairos-io/kairos-init", { commits: touchesWorkflow, ref: "refs/tags/v0.5.0" });
    expect(decideTriggers({ name: "push", payload }, view)).toMatchObject({ action: "ignore", reason: expect.stringContaining("tag") });
  });

  it("ignores a branch deletion", () => {
    const payload = push("kairos-io/kairos-init", { commits: [], deleted: true, after: zeroSha });
    expect(decideTriggers({ name: "push", payload }, view)).toMatchObject({ action: "ignore", reason: expect.stringContaining("deleted") });
  });

  it("ignores a repository of the same name under another owner, such as a fork", () => {
    const payload = push("someone/kairos-init", { commits: touchesWorkflow });
    expect(decideTriggers({ name: "push", payload }, view).action).toBe("ignore");
  });

  it("reconciles when the default branch is created", () => {
    const payload = push("kairos-io/kairos-init", { created: true, before: zeroSha, commits: [] });
    expect(decideTriggers({ name: "push", payload }, view)).toMatchObject({ action: "enqueue", triggers: [{ kind: "matrix" }] });
  });

  it("asks for a blob comparison on a forced push, whatever the lists say", () => {
    const payload = push("kairos-io/kairos-init", { forced: true, commits: [commit({ modified: ["README.md"] })] });
    expect(decideTriggers({ name: "push", payload }, view)).toEqual({
      action: "compare-workflow",
      repository: "kairos-io/kairos-init",
      workflows: [workflow],
      before: payload.before,
      after: payload.after,
      triggers: [{ kind: "matrix" }],
      why: expect.stringContaining("forced") as unknown as string,
    });
  });

  it(`asks for a blob comparison when the push lists ${pushCommitLimit} commits (the list may be cut short)`, () => {
    const commits = Array.from({ length: pushCommitLimit }, () => commit({ modified: ["README.md"] }));
    const decision = decideTriggers({ name: "push", payload: push("kairos-io/kairos-init", { commits }) }, view);
    expect(decision.action).toBe("compare-workflow");
  });

  it(`asks for a blob comparison when a commit lists ${commitFileLimit} files`, () => {
    const files = Array.from({ length: commitFileLimit }, (_, i) => `docs/page-${i}.md`);
    const decision = decideTriggers({ name: "push", payload: push("kairos-io/kairos-init", { commits: [commit({ added: files })] }) }, view);
    expect(decision.action).toBe("compare-workflow");
  });

  it("trusts a complete list just below the caps", () => {
    const commits = Array.from({ length: pushCommitLimit - 1 }, () => commit({ modified: ["README.md"] }));
    const decision = decideTriggers({ name: "push", payload: push("kairos-io/kairos-init", { commits }) }, view);
    expect(decision.action).toBe("ignore");
  });
});

describe("push to the docs repository", () => {
  it("reconciles both targets when the default branch moves", () => {
    const payload = push("kairos-io/kairos-docs", { commits: [commit({ modified: ["docs/index.md"] })] });
    expect(decideTriggers({ name: "push", payload }, view)).toMatchObject({
      action: "enqueue",
      triggers: [{ kind: "matrix" }, { kind: "releases" }],
    });
  });

  it("ignores pushes to other branches, including the bot's own", () => {
    const payload = push("kairos-io/kairos-docs", { ref: "refs/heads/support-matrix-bot/image-matrix" });
    expect(decideTriggers({ name: "push", payload }, view).action).toBe("ignore");
  });
});

describe("release events", () => {
  it.each(["published", "released", "prereleased", "edited", "deleted", "unpublished"] as const)(
    "reconciles releases when a component release is %s",
    (action) => {
      const decision = decideTriggers(
        { name: "release", payload: release("kairos-io/provider-kairos", action) },
        { ...view, includePrereleases: true },
      );
      expect(decision).toMatchObject({ action: "enqueue", triggers: [{ kind: "releases" }] });
    },
  );

  it("spends nothing on a prerelease when prereleases are not shown, but still looks at an edited one", () => {
    const flagged = (action: "published" | "prereleased" | "deleted" | "edited") => {
      const payload = release("kairos-io/provider-kairos", action, "v2.17.0-rc1");
      return { ...payload, release: { ...payload.release, prerelease: true } } as typeof payload;
    };
    for (const action of ["published", "prereleased", "deleted"] as const) {
      expect(decideTriggers({ name: "release", payload: flagged(action) }, view)).toMatchObject({ action: "ignore" });
    }
    expect(decideTriggers({ name: "release", payload: flagged("edited") }, view)).toMatchObject({ action: "enqueue" });
    expect(decideTriggers({ name: "release", payload: flagged("published") }, { ...view, includePrereleases: true })).toMatchObject({
      action: "enqueue",
    });
  });

  it("ignores a draft being created", () => {
    expect(decideTriggers({ name: "release", payload: release("kairos-io/kairos", "created") }, view).action).toBe("ignore");
  });

  it("ignores releases of repositories that are not components", () => {
    expect(decideTriggers({ name: "release", payload: release("kairos-io/kairos-init", "published") }, view).action).toBe("ignore");
  });
});

describe("pull request events", () => {
  it.each(["opened", "synchronize", "reopened"] as const)("asks for a preview when a pull request is %s", (action) => {
    const head = { fullName: "contributor/kairos-init", sha: "e".repeat(40), ref: "ubuntu-24.10" };
    const decision = decideTriggers({ name: "pull_request", payload: pullRequest("kairos-io/kairos-init", action, head) }, view);
    expect(decision).toMatchObject({
      action: "enqueue",
      triggers: [
        {
          kind: "preview",
          repository: "kairos-io/kairos-init",
          pullNumber: 7,
          headSha: head.sha,
          headRepository: "contributor/kairos-init",
          baseRef: "main",
          baseSha: "d".repeat(40),
        },
      ],
    });
  });

  it("still previews when the fork behind the pull request was deleted", () => {
    const payload = pullRequest("kairos-io/kairos-init", "synchronize", { fullName: null, sha: "f".repeat(40) });
    expect(decideTriggers({ name: "pull_request", payload }, view)).toMatchObject({
      triggers: [{ kind: "preview", headRepository: null }],
    });
  });

  it("ignores closed pull requests and pull requests elsewhere", () => {
    const head = { fullName: "kairos-io/kairos-init", sha: "e".repeat(40) };
    expect(decideTriggers({ name: "pull_request", payload: pullRequest("kairos-io/kairos-init", "closed", head) }, view).action).toBe("ignore");
    expect(decideTriggers({ name: "pull_request", payload: pullRequest("kairos-io/kairos-docs", "opened", head) }, view).action).toBe("ignore");
  });
});

describe("workflow_run", () => {
  const monorepo: BotView = { ...view, sources: [{ repository: "kairos-io/kairos", workflow: ".github/workflows/master.yaml" }] };
  const decide = (facts: Parameters<typeof workflowRun>[1]) => decideTriggers({ name: "workflow_run", payload: workflowRun("kairos-io/kairos", facts) }, monorepo);

  it.each(["push", "schedule"])("reconciles the matrix when a %s run of the watched workflow completes on the default branch", (event) => {
    expect(decide({ event, conclusion: "failure" })).toMatchObject({ action: "enqueue", triggers: [{ kind: "matrix" }] });
  });

  it.each([
    ["another workflow", { path: ".github/workflows/osv-scanner.yml" }, "not a configured workflow"],
    ["another branch", { branch: "feature" }, "not the default branch"],
    ["a pull request run", { event: "pull_request" }, "not push or schedule"],
    ["a requested run", { action: "requested" as const }, 'results come with "completed"'],
    ["a run in progress", { action: "in_progress" as const }, 'results come with "completed"'],
    ["a cancelled run", { conclusion: "cancelled" as const }, "cancelled: not evidence"],
  ])("ignores %s", (_what, facts, reason) => {
    const decision = decide(facts);
    expect(decision.action).toBe("ignore");
    expect(decision).toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it("ignores runs in a repository that is not a source", () => {
    const payload = workflowRun("kairos-io/kairos-docs");
    expect(decideTriggers({ name: "workflow_run", payload }, monorepo).action).toBe("ignore");
  });
});

describe("other events", () => {
  it("ignores events the page does not depend on, with a reason for the log", () => {
    const payload = { action: "created", repository: { full_name: "kairos-io/kairos-init" } };
    expect(decideTriggers({ name: "issue_comment", payload }, view)).toEqual({
      action: "ignore",
      reason: '"issue_comment" events do not affect the page',
    });
  });

  it("ignores events without a repository", () => {
    expect(decideTriggers({ name: "installation", payload: { action: "created" } }, view).action).toBe("ignore");
  });
});
