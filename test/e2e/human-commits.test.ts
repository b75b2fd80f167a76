// Someone else's commits on the bot's branch are never overwritten; `/support-matrix-bot recreate` hands the branch back.
import { afterEach, describe, expect, it } from "vitest";
import { DOCS, PAGE, World } from "./world.js";
import {
  MATRIX_BRANCH,
  botComments,
  branchHead,
  branchPushes,
  errorLines,
  fedoraRow,
  matrixPull,
  pushWorkflow,
  updateBranchAsHuman,
  withFedora,
} from "./tested-matrix-branch.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

const RECREATE = "/support-matrix-bot recreate";

describe("a human commit on the bot's branch", () => {
  it("is never overwritten: the bot stops once, says how to hand the branch back, and later changes add nothing", async () => {
    world = await World.start();
    await pushWorkflow(world, withFedora(44));
    const pull = matrixPull(world);
    const edited = world.pageOn(pull.headSha)!.replace("| Fedora | 44 |", "| Fedora (edited by hand) | 44 |");
    const human = world.sim.push({ repo: DOCS, branch: MATRIX_BRANCH, files: { [PAGE]: edited }, author: "alice", message: "Fix the Fedora row" });

    await pushWorkflow(world, withFedora(45));
    expect(branchHead(world)).toBe(human.after);
    const [stopped, ...more] = botComments(world, pull.number);
    expect(more).toEqual([]);
    expect(stopped!.body).toMatch(/stopped updating this pull request/);
    expect(stopped!.body).toContain(`${human.after.slice(0, 7)} Fix the Fedora row (@alice)`);
    expect(stopped!.body).toContain(RECREATE);
    expect(stopped!.body).toContain(`delete the branch \`${MATRIX_BRANCH}\``);

    await pushWorkflow(world, withFedora(46));
    world.app.bot.trigger("periodic");
    await world.settle();
    expect(branchHead(world)).toBe(human.after);
    expect(botComments(world, pull.number)).toHaveLength(1);
    expect(matrixPull(world)).toMatchObject({ number: pull.number, headSha: human.after });
    // The branch only ever moved forward: the bot's one push, then alice's.
    expect(branchPushes(world).map((p) => p.forced)).toEqual([false, false]);
    expect(errorLines(world)).toEqual([]);
  });

  it("recreate from a reader changes nothing and says so; from a writer it starts over from the current sources", async () => {
    world = await World.start();
    await pushWorkflow(world, withFedora(44));
    const pull = matrixPull(world);
    const human = world.sim.push({ repo: DOCS, branch: MATRIX_BRANCH, files: { "notes.md": "mine\n" }, author: "alice" });
    const current = await pushWorkflow(world, withFedora(45));
    expect(branchHead(world)).toBe(human.after);

    const asReader = world.sim.commentOnIssue({ repo: DOCS, number: pull.number, body: RECREATE, user: "reader", permission: "read" });
    const mark = world.sim.calls.mark();
    await world.deliver("issue_comment", asReader);
    await world.settle();
    expect(world.sim.calls.writes(mark).map((c) => c.route)).toEqual(["POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);
    expect(botComments(world, pull.number).at(-1)!.body).toMatch(/^@reader .*needs write access.*nothing was changed/);
    expect(matrixPull(world)).toMatchObject({ number: pull.number, headSha: human.after });

    const asWriter = world.sim.commentOnIssue({ repo: DOCS, number: pull.number, body: RECREATE, user: "maintainer", permission: "write" });
    await world.deliver("issue_comment", asWriter);
    await world.settle();
    expect(world.sim.state.pull(DOCS, pull.number)).toMatchObject({ state: "closed", merged: false });
    expect(botComments(world, pull.number).at(-1)!.body).toMatch(/^Closed at @maintainer's request/);
    const fresh = matrixPull(world);
    expect(fresh.number).not.toBe(pull.number);
    const page = world.pageOn(fresh.headSha)!;
    expect(page).toContain(fedoraRow(45));
    expect(page).toContain(`at commit [${current.slice(0, 7)}]`);
    // A fresh branch from main: alice's commit is not on it, and it stays reachable from the closed pull request.
    expect(world.sim.state.commit(DOCS, fresh.headSha)!.parents).toEqual([world.sim.state.ref(DOCS, "heads/main")]);
    expect(world.sim.state.file(DOCS, "notes.md", fresh.headSha)).toBeUndefined();
    expect(world.sim.state.commit(DOCS, human.after)).toBeDefined();
    expect(errorLines(world).filter((l) => l.work !== "releases")).toEqual([]);
  });

  it("answers outsiders' attempts with at most one refusal comment per pull request", async () => {
    world = await World.start();
    await pushWorkflow(world, withFedora(44));
    const pull = matrixPull(world);
    for (const user of ["outsider-1", "outsider-2", "outsider-1"]) {
      await world.deliver("issue_comment", world.sim.commentOnIssue({ repo: DOCS, number: pull.number, body: RECREATE, user, permission: "read" }));
      await world.settle();
    }
    const refusals = botComments(world, pull.number).filter((c) => /needs write access/.test(c.body));
    expect(refusals.map((c) => c.body.split(" ")[0])).toEqual(["@outsider-1"]);
    expect(matrixPull(world).number).toBe(pull.number);
  });

  it("does not let one commenter's queued command replace another's", async () => {
    world = await World.start({ env: { RECONCILE_CONCURRENCY: "1" } });
    await pushWorkflow(world, withFedora(44));
    const pull = matrixPull(world);
    // A reconcile holds the only slot, so both commands wait in the queue side by side.
    const hold = world.sim.hold("GET", "/repos/{owner}/{repo}/pulls");
    world.app.bot.trigger("periodic");
    await hold.held;
    const asWriter = world.sim.commentOnIssue({ repo: DOCS, number: pull.number, body: RECREATE, user: "maintainer", permission: "write" });
    const asReader = world.sim.commentOnIssue({ repo: DOCS, number: pull.number, body: RECREATE, user: "reader", permission: "read" });
    await world.deliver("issue_comment", asWriter);
    await world.deliver("issue_comment", asReader);
    hold.release();
    await world.settle();
    expect(world.sim.state.pull(DOCS, pull.number)).toMatchObject({ state: "closed" });
    expect(botComments(world, pull.number).some((c) => /^Closed at @maintainer's request/.test(c.body))).toBe(true);
  });

  it.each([
    ["in a fenced code block", "To hand it back:\n```\n/support-matrix-bot recreate\n```"],
    ["indented four spaces (a code block)", "    /support-matrix-bot recreate\n\nis how to hand it back"],
    ["in a quote", "> /support-matrix-bot recreate\n\nDid someone ask for this?"],
    ["with more on the line", "/Support-Matrix-Bot RECREATE-nothing"],
  ])("ignores the command %s", async (_where, body) => {
    world = await World.start();
    await pushWorkflow(world, withFedora(44));
    const pull = matrixPull(world);
    const mark = world.sim.calls.mark();
    await world.deliver("issue_comment", world.sim.commentOnIssue({ repo: DOCS, number: pull.number, body, user: "maintainer", permission: "write" }));
    await world.settle();
    expect(world.sim.calls.writes(mark)).toEqual([]);
    expect(world.sim.state.pull(DOCS, pull.number)).toMatchObject({ state: "open" });
  });

  it('an "Update branch" merge of main by a maintainer does not stop the bot', async () => {
    world = await World.start();
    await pushWorkflow(world, withFedora(44));
    const pull = matrixPull(world);
    world.sim.push({ repo: DOCS, files: { "README.md": "# kairos-docs, now with more\n" } });
    const merge = await updateBranchAsHuman(world, "maintainer");
    expect(world.sim.state.commit(DOCS, merge)!.author.login).toBe("maintainer");

    await pushWorkflow(world, withFedora(45));
    const head = world.sim.state.commit(DOCS, branchHead(world)!)!;
    expect(head.parents).toEqual([merge]);
    expect(world.pageOn(head.sha)).toContain(fedoraRow(45));
    expect(botComments(world, pull.number)).toEqual([]);
    expect(matrixPull(world)).toMatchObject({ number: pull.number, headSha: head.sha });
  });
});
