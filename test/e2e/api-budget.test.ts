// What each kind of push costs on GitHub, as the exact sequence of API calls a warm process makes.
import { afterEach, describe, expect, it } from "vitest";
import { DOCS, INIT, WORKFLOW, World } from "./world.js";
import { COMPONENT_RELEASES, MATRIX_BRANCH as BRANCH, matrixPulls, withFedora } from "./tested-matrix-branch.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

/** The calls since `mark`, as "METHOD /route/{template}" (what gr2m's create-pull-request plugin tests list). */
function callsSince(mark: number): string[] {
  return world.sim.calls.since(mark).map((c) => c.route);
}

async function pushWorkflow(text: string, message = "Change the test workflow"): Promise<void> {
  const { payload } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: text }, message });
  await world.deliver("push", payload);
  await world.settle();
}

/** A process that has already reconciled once and has a bot pull request open. */
async function warmWithOpenPullRequest(): Promise<void> {
  world = await World.start({ releases: COMPONENT_RELEASES });
  await pushWorkflow(withFedora(44));
  expect(matrixPulls(world)).toHaveLength(1);
}

/** A warm process after its pull request was merged: the page on main is current, no bot pull request is open. */
async function warmAfterMerge(options: { deleteBranch: boolean }): Promise<void> {
  await warmWithOpenPullRequest();
  const [pull] = matrixPulls(world);
  const merged = world.sim.mergePullRequest(DOCS, pull!.number, { by: "maintainer" });
  if (options.deleteBranch) world.sim.deleteRef({ repo: DOCS, ref: BRANCH, by: "maintainer" });
  await world.deliver("push", merged.push);
  await world.settle();
  expect(matrixPulls(world)).toEqual([]);
}

/**
 * The newest completed runs: what the cells' results come from. A warm process knows the source's default
 * branch (read again each periodic reconcile) and the jobs of runs it has read, so it lists runs only.
 */
const READ_RESULTS = ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"];

const READ_SOURCES = [
  "GET /repos/{owner}/{repo}/branches/{branch}",
  "GET /repos/{owner}/{repo}/commits",
  "GET /repos/{owner}/{repo}/contents/{path}",
  ...READ_RESULTS,
  "GET /repos/{owner}/{repo}/pulls",
];

describe("the API calls of a warm process", () => {
  it("an irrelevant push costs none", async () => {
    await warmWithOpenPullRequest();
    const mark = world.sim.calls.mark();
    const { payload } = world.sim.push({ repo: INIT, files: { "README.md": "# kairos-init, reworded\n" } });
    await world.deliver("push", payload);
    await world.settle();
    expect(callsSince(mark)).toEqual([]);
  });

  it("a workflow push that leaves the matrix as it is costs five reads and writes nothing", async () => {
    await warmAfterMerge({ deleteBranch: true });
    const mark = world.sim.calls.mark();
    await pushWorkflow(`# Runs on every push.\n${world.sim.state.file(INIT, WORKFLOW)!}`, "Explain the workflow");
    expect(callsSince(mark)).toEqual(READ_SOURCES);
    expect(matrixPulls(world)).toEqual([]);
  });

  it("the same push delivered again costs four conditional reads", async () => {
    await warmWithOpenPullRequest();
    const { payload } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(45) } });
    await world.deliver("push", payload);
    await world.settle();
    const mark = world.sim.calls.mark();
    await world.deliver("push", payload, "redelivered");
    await world.settle();
    expect(callsSince(mark)).toEqual([
      "GET /repos/{owner}/{repo}/branches/{branch}",
      "GET /repos/{owner}/{repo}/commits",
      ...READ_RESULTS,
      "GET /repos/{owner}/{repo}/pulls",
    ]);
    // Not modified: GitHub does not count 304 answers against the rate limit.
    expect(world.sim.calls.since(mark).filter((c) => c.status !== 304).map((c) => c.route)).toEqual(["GET /repos/{owner}/{repo}/pulls"]);
  });

  it("a push that opens a pull request costs ten calls", async () => {
    await warmAfterMerge({ deleteBranch: true });
    const mark = world.sim.calls.mark();
    await pushWorkflow(withFedora(45));
    expect(callsSince(mark)).toEqual([
      ...READ_SOURCES,
      "GET /repos/{owner}/{repo}/git/ref/{ref}",
      "POST /repos/{owner}/{repo}/git/trees",
      "POST /repos/{owner}/{repo}/git/commits",
      "POST /repos/{owner}/{repo}/git/refs",
      "POST /repos/{owner}/{repo}/pulls",
    ]);
    expect(matrixPulls(world)).toHaveLength(1);
  });

  it("a push that opens a pull request on the branch a merged one left behind costs thirteen", async () => {
    await warmAfterMerge({ deleteBranch: false });
    const leftover = world.sim.state.ref(DOCS, `heads/${BRANCH}`)!;
    const mark = world.sim.calls.mark();
    await pushWorkflow(withFedora(45));
    expect(callsSince(mark)).toEqual([
      ...READ_SOURCES,
      "GET /repos/{owner}/{repo}/git/ref/{ref}",
      // A branch that exists is written only when it is not protected and carries the bot's mark (its merged PR).
      "GET /repos/{owner}/{repo}/branches/{branch}",
      "GET /repos/{owner}/{repo}/pulls",
      "GET /repos/{owner}/{repo}/compare/{basehead}",
      "POST /repos/{owner}/{repo}/git/trees",
      "POST /repos/{owner}/{repo}/git/commits",
      "PATCH /repos/{owner}/{repo}/git/refs/{ref}",
      "POST /repos/{owner}/{repo}/pulls",
    ]);
    // The merged branch is in main already, so the new commit sits on main alone: no merge of an ancestor.
    const [pull] = matrixPulls(world);
    const head = world.sim.state.commit(DOCS, pull!.headSha)!;
    expect(head.parents).toEqual([world.sim.state.ref(DOCS, "heads/main")]);
    expect(world.sim.state.commit(DOCS, "heads/main")!.parents).toContain(leftover);
  });

  it("a push that updates the open pull request costs nine", async () => {
    await warmWithOpenPullRequest();
    const mark = world.sim.calls.mark();
    await pushWorkflow(withFedora(45));
    expect(callsSince(mark)).toEqual([
      ...READ_SOURCES,
      "POST /repos/{owner}/{repo}/git/trees",
      "POST /repos/{owner}/{repo}/git/commits",
      "PATCH /repos/{owner}/{repo}/git/refs/{ref}",
      "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
    ]);
  });

  it("a warm process reads the source's default branch again only on the periodic reconcile", async () => {
    await warmWithOpenPullRequest();
    const sourceInfo = (mark: number) =>
      world.sim.calls.since(mark).filter((c) => c.route === "GET /repos/{owner}/{repo}" && c.path.split("?")[0] === `/repos/${INIT}`);
    const pushed = world.sim.calls.mark();
    await pushWorkflow(withFedora(45));
    expect(sourceInfo(pushed)).toEqual([]);
    const periodic = world.sim.calls.mark();
    world.app.bot.trigger("periodic");
    await world.settle();
    expect(sourceInfo(periodic)).toHaveLength(1);
  });
});
