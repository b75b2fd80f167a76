// Two real app processes against one GitHub: whatever order their reconciles interleave in, one pull request holding the latest sources.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "../github-simulator/index.js";
import { AppProcess, buildMissing, distMain, ONE_RELEASE_EACH } from "./app-process.js";
import { DOCS, INIT, PAGE, seed, TODAY_WORKFLOW, WORKFLOW } from "./world.js";

const skip = buildMissing(distMain);
if (skip) console.warn(`replicas.test.ts ${skip}`);

const MATRIX_BRANCH = "support-matrix-bot/tested-matrix";
/**
 * Replica A names the docs repository in other letters' case (GitHub does not care), so its requests to
 * it have paths of their own and a hold can park A alone while B carries on.
 */
const A_DOCS = "Kairos-IO/kairos-docs";
const A_PULLS = `/repos/${A_DOCS}/pulls`;

/** Today's workflow plus Fedora 44 up to `last`: each step adds one row to the table. */
function fedoraUpTo(last: number): string {
  const extra = Array.from({ length: last - 43 }, (_, i) => `         - "fedora:${44 + i}"\n`).join("");
  return TODAY_WORKFLOW.replace('         - "fedora:43"\n', `         - "fedora:43"\n${extra}`);
}

function fedoraRow(release: number): string {
  return `| Fedora | ${release} | \`fedora:${release}\` |`;
}

// One pair of replicas for the whole file (starting two processes is most of the cost); each scenario
// starts from where the previous one left GitHub: one open matrix pull request, both replicas idle.
let sim: GitHubSimulator;
let a: AppProcess;
let b: AppProcess;

beforeAll(async () => {
  if (skip) return;
  sim = await createGitHubSimulator();
  seed(sim, { releases: ONE_RELEASE_EACH });
  const env = { LOG_LEVEL: "debug" };
  [a, b] = await Promise.all([AppProcess.start(sim, { env: { ...env, DOCS_REPOSITORY: A_DOCS } }), AppProcess.start(sim, { env })]);
  // Both startup reconciles run at the same moment: the first race.
  await Promise.all([a.waitForReconciles(2), b.waitForReconciles(2)]);
});

afterEach(() => {
  sim?.faults.clear();
});

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await sim?.close();
});

function matrixPulls(state: "open" | "all" = "open") {
  return sim.state.pulls(DOCS, { state }).filter((p) => p.headRef === MATRIX_BRANCH);
}

function onlyMatrixPull() {
  const pulls = matrixPulls();
  expect(pulls, "open matrix pull requests").toHaveLength(1);
  return pulls[0]!;
}

function pushWorkflow(last: number) {
  return sim.push({ repo: INIT, files: { [WORKFLOW]: fedoraUpTo(last) }, message: `Test Fedora ${last}` });
}

/** Parks replica A before it looks for the pull request, once it has read kairos-init's workflow (the read that can go stale). */
async function holdAAfterItsRead(deliver: () => Promise<unknown>): Promise<{ release(): void }> {
  const hold = sim.hold("GET", "/repos/{owner}/{repo}/pulls", { path: A_PULLS });
  const mark = sim.calls.mark();
  await deliver();
  await sim.waitFor(() => sim.calls.since(mark).some((c) => c.route === "GET /repos/{owner}/{repo}/commits" && c.path.includes("/kairos-init/")), {
    description: "replica A reads the workflow's commits",
  });
  await hold.held;
  return hold;
}

function errorLines() {
  return [...a.output.lines, ...b.output.lines].filter((l) => (l.level ?? 0) >= 50).map((l) => l.raw);
}

describe.skipIf(skip)("two replicas", () => {
  it("converge interleaved, duplicated and concurrent deliveries into one pull request with the last matrix", async () => {
    expect(matrixPulls("all"), "pull requests the two startups opened").toHaveLength(1);
    const reconcilesBefore = [a.reconciles().length, b.reconciles().length];

    const p44 = pushWorkflow(44);
    const p45 = pushWorkflow(45);
    await Promise.all([a.deliver("push", p44.payload, "d44"), b.deliver("push", p45.payload, "d45")]);
    // GitHub redelivering one delivery, each copy reaching a different replica.
    const p46 = pushWorkflow(46);
    await Promise.all([a.deliver("push", p46.payload, "d46"), b.deliver("push", p46.payload, "d46")]);
    // The docs base moves on one replica while the other takes the next workflow change.
    const docs = sim.push({ repo: DOCS, files: { "README.md": "# kairos-docs, moved on\n" } });
    const p47 = pushWorkflow(47);
    await Promise.all([a.deliver("push", docs.payload, "ddocs"), b.deliver("push", p47.payload, "d47")]);
    await Promise.all([a.settled(["d44", "d46", "ddocs"]), b.settled(["d45", "d46", "d47"])]);

    expect(matrixPulls("all"), "pull requests ever opened on the matrix branch").toHaveLength(1);
    const pull = onlyMatrixPull();
    const page = sim.state.file(DOCS, PAGE, pull.headSha)!;
    for (const release of [44, 45, 46, 47]) expect(page).toContain(fedoraRow(release));
    expect(page).toContain(p47.after.slice(0, 7));
    expect(sim.state.file(DOCS, "README.md", pull.headSha)).toBe("# kairos-docs, moved on\n");
    expect(sim.state.comments(DOCS, pull.number)).toEqual([]);
    expect(errorLines()).toEqual([]);
    // Bounded work: at most one run per kind a delivery asked for (coalescing may save some).
    expect(a.reconciles().length - reconcilesBefore[0]!).toBeLessThanOrEqual(1 + 1 + 2);
    expect(b.reconciles().length - reconcilesBefore[1]!).toBeLessThanOrEqual(1 + 1 + 1);
  });

  it("a replica that read the workflow before the other wrote a newer one does not put the older table back", async () => {
    const p48 = pushWorkflow(48);
    const hold = await holdAAfterItsRead(() => a.deliver("push", p48.payload, "d48"));

    const p49 = pushWorkflow(49);
    await b.deliver("push", p49.payload, "d49");
    await b.settled(["d49"]);
    expect(sim.state.file(DOCS, PAGE, onlyMatrixPull().headSha)).toContain(fedoraRow(49));

    hold.release();
    await a.settled(["d48"]);
    const pull = onlyMatrixPull();
    expect(sim.state.file(DOCS, PAGE, pull.headSha)).toContain(fedoraRow(49));
    expect(pull.body).toContain(p49.after.slice(0, 7));
    expect(errorLines()).toEqual([]);
  });

  it("a replica that read an older docs base does not undo the base the other merged in", async () => {
    const p50 = pushWorkflow(50);
    const hold = await holdAAfterItsRead(() => a.deliver("push", p50.payload, "d50"));

    const docs = sim.push({ repo: DOCS, files: { "README.md": "# kairos-docs, moved on again\n" } });
    await b.deliver("push", docs.payload, "ddocs2");
    await b.settled(["ddocs2"]);

    hold.release();
    await a.settled(["d50"]);
    const pull = onlyMatrixPull();
    expect(sim.state.file(DOCS, "README.md", pull.headSha)).toBe("# kairos-docs, moved on again\n");
    expect(sim.state.file(DOCS, PAGE, pull.headSha)).toContain(fedoraRow(50));
    expect(sim.state.comments(DOCS, pull.number)).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it("a replica whose read predates the other's pull request does not close it as already done", async () => {
    // The table so far is merged: main says what the workflow says, and no pull request is open.
    const merged = sim.mergePullRequest(DOCS, onlyMatrixPull().number, { by: "maintainer" });
    await b.deliver("push", merged.push, "dmerge");
    await b.settled(["dmerge"]);
    expect(matrixPulls()).toEqual([]);

    const docs = sim.push({ repo: DOCS, files: { "README.md": "# kairos-docs, third look\n" } });
    const hold = await holdAAfterItsRead(() => a.deliver("push", docs.payload, "ddocs3"));
    const p51 = pushWorkflow(51);
    await b.deliver("push", p51.payload, "d51");
    await b.settled(["d51"]);
    const opened = onlyMatrixPull();

    hold.release();
    await a.settled(["ddocs3"]);
    expect(onlyMatrixPull().number).toBe(opened.number);
    expect(sim.state.file(DOCS, PAGE, onlyMatrixPull().headSha)).toContain(fedoraRow(51));
    expect(errorLines()).toEqual([]);
  });

  it("both replicas opening the pull request at the same moment: GitHub's 422 'already exists' is adopted, not an error", async () => {
    const merged = sim.mergePullRequest(DOCS, onlyMatrixPull().number, { by: "maintainer" });
    await b.deliver("push", merged.push, "dmerge2");
    await b.settled(["dmerge2"]);
    const everOpened = matrixPulls("all").length;

    // Both get as far as creating the pull request, then create it together.
    const mark = sim.calls.mark();
    const holdA = sim.hold("POST", "/repos/{owner}/{repo}/pulls", { path: A_PULLS });
    const holdB = sim.hold("POST", "/repos/{owner}/{repo}/pulls", { path: `/repos/${DOCS}/pulls` });
    const p52 = pushWorkflow(52);
    await Promise.all([a.deliver("push", p52.payload, "d52"), b.deliver("push", p52.payload, "d52")]);
    await Promise.all([holdA.held, holdB.held]);
    holdA.release();
    holdB.release();
    await Promise.all([a.settled(["d52"]), b.settled(["d52"])]);

    const creations = sim.calls.since(mark).filter((c) => c.route === "POST /repos/{owner}/{repo}/pulls");
    expect(creations.map((c) => c.status).sort()).toEqual([201, 422]);
    expect(matrixPulls("all")).toHaveLength(everOpened + 1);
    const pull = onlyMatrixPull();
    expect(sim.state.file(DOCS, PAGE, pull.headSha)).toContain(fedoraRow(52));
    expect(pull.body).toContain(p52.after.slice(0, 7));
    const outcomes = [...a.reconciles("matrix"), ...b.reconciles("matrix")].filter((l) => (l.deliveries as string[]).includes("d52")).map((l) => l.outcome);
    expect(outcomes.sort()).toEqual(["opened", expect.stringMatching(/^(updated|unchanged)$/)]);
    expect(errorLines()).toEqual([]);
  });
});
