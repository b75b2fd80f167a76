// The bot writes only to a branch of its own: never the default branch, a protected branch, or someone's existing branch.
import { afterEach, describe, expect, it } from "vitest";
import { COMPONENT_RELEASES, MATRIX_BRANCH, pushWorkflow, withFedora } from "./tested-matrix-branch.js";
import { CONFIG, DOCS, World, kairosInitConfig } from "./world.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

const ISSUE_TITLE = "support-matrix-bot cannot use its configuration";

function problemIssue() {
  const issues = world.sim.state.issues(DOCS, { state: "open" }).filter((i) => i.title === ISSUE_TITLE);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

/** Every write that moved, made or deleted a branch ref in the docs repository. */
function refWrites() {
  return world.sim.calls.writes().filter((c) => c.path.startsWith(`/repos/${DOCS}/git/refs`));
}

describe("the configured branch", () => {
  it("is refused at its file:line:col when it names the docs default branch, even with a matrix change to propose", async () => {
    world = await World.start({ docsFiles: { [CONFIG]: kairosInitConfig("# the bot's settings\npull_request:\n  branch: main\n") } });
    const main = world.sim.state.ref(DOCS, "heads/main");
    await pushWorkflow(world, withFedora(44));
    // A process that never read a valid file judges the push by the built-in sources; its startup reconcile reads the file.
    world.app.bot.trigger("startup");
    await world.settle();
    expect(world.sim.state.ref(DOCS, "heads/main")).toBe(main);
    expect(refWrites()).toEqual([]);
    expect(world.sim.state.pulls(DOCS)).toEqual([]);
    expect(problemIssue().body).toContain(
      `${CONFIG}:3:11: pull_request.branch: "main" is the docs repository's default branch; the bot commits only to a branch of its own`,
    );
  });

  it("is refused when it already exists without the bot's mark (a maintainer's branch, even one level with main)", async () => {
    world = await World.start({ docsFiles: { [CONFIG]: kairosInitConfig("pull_request:\n  branch: staging\n") } });
    world.sim.createBranch({ repo: DOCS, branch: "staging", by: "writer" });
    const staging = world.sim.state.ref(DOCS, "heads/staging");
    await pushWorkflow(world, withFedora(44));
    expect(world.sim.state.ref(DOCS, "heads/staging")).toBe(staging);
    expect(refWrites()).toEqual([]);
    expect(world.sim.state.pulls(DOCS)).toEqual([]);
    expect(problemIssue().body).toContain(
      `${CONFIG}:2:11: pull_request.branch: the branch "staging" already exists and was not made by support-matrix-bot`,
    );
  });

  it("is refused when it is protected; back to the default name, the proposal goes through and the issue closes", async () => {
    world = await World.start({ releases: COMPONENT_RELEASES, docsFiles: { [CONFIG]: kairosInitConfig("pull_request:\n  branch: release/docs\n") } });
    world.sim.createBranch({ repo: DOCS, branch: "release/docs", by: "writer" });
    world.sim.protectBranch(DOCS, "release/docs");
    await pushWorkflow(world, withFedora(44));
    expect(refWrites()).toEqual([]);
    expect(problemIssue().body).toContain(`${CONFIG}:2:11: pull_request.branch: the branch "release/docs" is protected`);

    // Back to the default branch name: the proposal goes through, and the issue closes.
    const { payload } = world.sim.push({ repo: DOCS, files: { [CONFIG]: kairosInitConfig() }, message: "docs: the bot branch back to its default", author: "writer" });
    await world.deliver("push", payload);
    await world.settle();
    expect(world.sim.state.pulls(DOCS, { state: "open", head: MATRIX_BRANCH })).toHaveLength(1);
    expect(world.sim.state.issues(DOCS, { state: "open" }).filter((i) => i.title === ISSUE_TITLE).map((i) => i.body)).toEqual([]);
  });
});

describe("the recreate command", () => {
  it("closes only a pull request the bot opened: a person's pull request from a same-named branch stays open", async () => {
    world = await World.start();
    world.sim.push({ repo: DOCS, branch: MATRIX_BRANCH, files: { "notes.md": "mine\n" }, message: "my notes", author: "writer" });
    const opened = world.sim.openPullRequest({ repo: DOCS, head: MATRIX_BRANCH, title: "My notes", user: "writer" });
    const number = opened.pull_request.number;
    const command = world.sim.commentOnIssue({ repo: DOCS, number, body: "/support-matrix-bot recreate", user: "maintainer", permission: "maintain" });
    await world.deliver("issue_comment", command);
    await world.settle();
    expect(world.sim.state.pulls(DOCS, { state: "open" }).map((p) => p.number)).toContain(number);
    expect(world.sim.state.branches(DOCS)).toContain(MATRIX_BRANCH);
  });
});
