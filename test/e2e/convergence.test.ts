// Many triggers at once and a moving docs base: the bot converges to one clean pull request, never forcing its branch.
import { afterEach, describe, expect, it } from "vitest";
import { DOCS, INIT, PAGE, WORKFLOW, World } from "./world.js";
import {
  MATRIX_BRANCH,
  botComments,
  branchHead,
  branchPushes,
  errorLines,
  fedoraRow,
  logLines,
  matrixPull,
  outsideBlock,
  pushDocs,
  pushWorkflow,
  withFedora,
} from "./tested-matrix-branch.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

function matrixReconciles(world: World) {
  return logLines(world).filter((l) => l.msg === "reconciled" && l.work === "matrix");
}

describe("twenty workflow pushes at once", () => {
  it("end in one pull request holding the last commit's matrix, in a few coalesced reconciles, without errors", async () => {
    world = await World.start();
    const pushes = Array.from({ length: 20 }, (_, i) =>
      world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44 + i) }, message: `Test Fedora ${44 + i}` }),
    );
    const answers = await Promise.all(pushes.map((p, i) => world.deliver("push", p.payload, `push-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    await world.settle();

    const page = world.pageOn(matrixPull(world).headSha)!;
    expect(page).toContain(fedoraRow(63));
    for (let release = 44; release < 63; release++) expect(page).not.toContain(fedoraRow(release));
    expect(page).toContain(`at commit [${pushes.at(-1)!.after.slice(0, 7)}]`);
    expect(world.sim.state.pulls(DOCS, { state: "all" })).toHaveLength(1);
    expect(world.sim.state.branches(DOCS).sort()).toEqual([MATRIX_BRANCH, "main"].sort());
    expect(matrixReconciles(world).length).toBeLessThanOrEqual(3);
    expect(errorLines(world)).toEqual([]);
  });

  it("arriving while a reconcile is writing: the run in flight finishes, one rerun brings the PR to the last push", async () => {
    world = await World.start();
    const first = world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44) } });
    const hold = world.sim.hold("POST", "/repos/{owner}/{repo}/git/trees");
    await world.deliver("push", first.payload, "first");
    await hold.held;
    const later = Array.from({ length: 19 }, (_, i) => world.sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(45 + i) } }));
    await Promise.all(later.map((p, i) => world.deliver("push", p.payload, `later-${i}`)));
    hold.release();
    await world.settle();

    const pull = matrixPull(world);
    const page = world.pageOn(pull.headSha)!;
    expect(page).toContain(fedoraRow(63));
    expect(page).not.toContain(fedoraRow(44));
    expect(matrixReconciles(world).map((r) => r.outcome)).toEqual(["opened", "updated"]);
    // The rerun built on the bot's own commit: a fast-forward, nothing forced.
    const [opened, ...extra] = world.sim.state.commit(DOCS, pull.headSha)!.parents;
    expect(extra).toEqual([]);
    expect(world.pageOn(opened!)).toContain(fedoraRow(44));
    expect(world.sim.state.commit(DOCS, opened!)!.parents).toEqual([world.sim.state.ref(DOCS, "heads/main")]);
    expect(branchPushes(world).map((p) => p.forced)).toEqual([false, false]);
    expect(errorLines(world)).toEqual([]);
  });
});

describe("the docs default branch moves under an open pull request", () => {
  /** main already carries the generated block (an earlier bot PR was merged), and a new bot PR is open. */
  async function steadyState(): Promise<void> {
    await pushWorkflow(world, withFedora(44));
    const merged = world.sim.mergePullRequest(DOCS, matrixPull(world).number, { by: "maintainer" });
    await world.deliver("push", merged.push);
    await world.settle();
    await pushWorkflow(world, withFedora(45));
  }

  /** The PR's head after main moved: a merge of the new main into the previous head, only the block differing from main. */
  function expectFollowed(previousHead: string, main: string): string {
    const pull = matrixPull(world);
    const head = world.sim.state.commit(DOCS, pull.headSha)!;
    expect(head.parents).toEqual([previousHead, main]);
    expect(branchPushes(world).filter((p) => p.forced)).toEqual([]);
    const page = world.pageOn(head.sha)!;
    expect(outsideBlock(page)).toEqual(outsideBlock(world.pageOn("main")!));
    expect(page).toContain(fedoraRow(45));
    expect(botComments(world, pull.number)).toEqual([]);
    return head.sha;
  }

  it("an unrelated docs commit: the branch merges the new main, and the diff is still only the generated block", async () => {
    world = await World.start();
    await steadyState();
    const before = branchHead(world)!;
    const readme = "# kairos-docs\n\nNow with a contributing guide.\n";
    const main = await pushDocs(world, { "README.md": readme }, "docs: contributing");
    const head = expectFollowed(before, main);
    expect(world.sim.state.file(DOCS, "README.md", head)).toBe(readme);
  });

  it("a docs commit that edits the page outside the block: main's words are kept, and merging the PR conflicts with nothing", async () => {
    world = await World.start();
    await steadyState();
    const before = branchHead(world)!;
    const edited = world
      .pageOn("main")!
      .replace("Kairos supports multiple Linux distributions", "Kairos supports many Linux distributions")
      .replace("## Image naming format", "## Image naming format (updated)");
    expect(edited).not.toBe(world.pageOn("main"));
    const main = await pushDocs(world, { [PAGE]: edited }, "docs: reword the intro");
    const head = expectFollowed(before, main);
    const page = world.pageOn(head)!;
    expect(page).toContain("Kairos supports many Linux distributions");
    expect(page).toContain("## Image naming format (updated)");

    world.sim.mergePullRequest(DOCS, matrixPull(world).number, { by: "maintainer" });
    expect(world.pageOn("main")).toBe(page);
  });
});
