// SIGTERM on the real process: it refuses new work, drains within SHUTDOWN_TIMEOUT, exits 0, and the next start picks up the rest.
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "../github-simulator/index.js";
import { AppProcess, buildMissing, distMain, ONE_RELEASE_EACH, probe } from "./app-process.js";
import { DOCS, INIT, PAGE, seed, TODAY_WORKFLOW, WORKFLOW } from "./world.js";

const skip = buildMissing(distMain);
if (skip) console.warn(`shutdown.test.ts ${skip}`);

const MATRIX_BRANCH = "support-matrix-bot/tested-matrix";

/** Today's workflow plus Fedora releases, one per step, so each push changes the table visibly. */
function withFedora(...releases: number[]): string {
  const extra = releases.map((r) => `         - "fedora:${r}"\n`).join("");
  return TODAY_WORKFLOW.replace('         - "fedora:43"\n', `         - "fedora:43"\n${extra}`);
}

function fedoraRow(release: number): string {
  return `| Fedora | ${release} | \`fedora:${release}\` |`;
}

let sim: GitHubSimulator | undefined;
const started: AppProcess[] = [];

async function startApp(env: Record<string, string> = {}): Promise<AppProcess> {
  const app = await AppProcess.start(sim!, { env });
  started.push(app);
  // The startup reconcile (matrix and releases) is part of every start; tests act once it is done.
  await app.waitForReconciles(2);
  return app;
}

function matrixPulls() {
  return sim!.state.pulls(DOCS, { state: "open" }).filter((p) => p.headRef === MATRIX_BRANCH);
}

afterEach(async () => {
  sim?.faults.clear();
  await Promise.all(started.splice(0).map((app) => app.kill()));
  await sim?.close();
  sim = undefined;
});

describe.skipIf(skip)("SIGTERM", () => {
  it("drains the running reconcile, refuses new deliveries with 503, exits 0, and the next start converges", async () => {
    sim = await createGitHubSimulator();
    seed(sim, { releases: ONE_RELEASE_EACH });
    const first = await startApp({ SHUTDOWN_TIMEOUT: "5s" });

    // Catch a reconcile mid-write: the commit for the bot branch is parked.
    const hold = sim.hold("POST", "/repos/{owner}/{repo}/git/commits");
    const push44 = sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44) }, message: "Test Fedora 44" });
    expect((await first.deliver("push", push44.payload)).status).toBe(200);
    await hold.held;
    // Accepted while the first runs: it waits in the queue, and is what shutdown hands back.
    const push45 = sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44, 45) }, message: "Test Fedora 45" });
    expect((await first.deliver("push", push45.payload)).status).toBe(200);

    first.signal("SIGTERM");
    await first.output.waitForLine((l) => /^shutting down/.test(l.msg ?? ""));
    expect(await probe(`${first.url}/healthz`)).toBe(503);
    const push46 = sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44, 45, 46) }, message: "Test Fedora 46" });
    const refused = await first.deliver("push", push46.payload);
    expect(refused.status).toBe(503);

    hold.release();
    const exit = await first.exited;
    expect(exit, first.describe()).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(5000);
    const stopped = first.output.withMessage(/^stopped/);
    expect(stopped, first.describe()).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ handedBack: ["matrix"], unfinished: [] });
    // The reconcile that was running finished its pull request before the exit.
    const [drained] = matrixPulls();
    expect(sim.state.file(DOCS, PAGE, drained!.headSha)).toContain(fedoraRow(44));

    const second = await startApp();
    const [pull, ...others] = matrixPulls();
    expect(others).toHaveLength(0);
    expect(pull!.number).toBe(drained!.number);
    const page = sim.state.file(DOCS, PAGE, pull!.headSha)!;
    for (const release of [44, 45, 46]) expect(page).toContain(fedoraRow(release));
    expect(page).toContain(push46.after.slice(0, 7));

    second.signal("SIGTERM");
    expect(await second.exited).toMatchObject({ code: 0 });
  });

  it("gives up on a reconcile that outlives SHUTDOWN_TIMEOUT, still exits 0, and logs what it handed back", async () => {
    sim = await createGitHubSimulator();
    seed(sim, { releases: ONE_RELEASE_EACH });
    const app = await startApp({ SHUTDOWN_TIMEOUT: "800ms" });
    const hold = sim.hold("POST", "/repos/{owner}/{repo}/git/commits");
    const push = sim.push({ repo: INIT, files: { [WORKFLOW]: withFedora(44) } });
    await app.deliver("push", push.payload);
    await hold.held;

    app.signal("SIGTERM");
    const exit = await app.exited;
    expect(exit, app.describe()).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeGreaterThanOrEqual(700);
    expect(exit.ms).toBeLessThan(4000);
    expect(app.output.withMessage(/^stopped/)[0]).toMatchObject({ handedBack: [], unfinished: ["matrix"] });
    hold.release();

    // Nothing was lost: the next start proposes the table the abandoned run was writing.
    await startApp();
    const [pull, ...others] = matrixPulls();
    expect(others).toHaveLength(0);
    expect(sim.state.file(DOCS, PAGE, pull!.headSha)).toContain(fedoraRow(44));
  });
});
