// On GitHub Enterprise Server every link the bot writes goes to that server: nothing it sends names github.com.
import { afterEach, describe, expect, it } from "vitest";
import { readFixture } from "../fixtures.js";
import { COMPONENT_RELEASES, pushDocs, pushWorkflow, withFedora } from "./tested-matrix-branch.js";
import { DOCS, INIT, PAGE, TODAY_PAGE, TODAY_WORKFLOW, WORKFLOW, World } from "./world.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

/** The operator's copy of the configuration reference, on their own server (CONFIG_REFERENCE_URL). */
const REFERENCE = "https://ghe.example.invalid/tools/support-matrix-bot/blob/main/docs/configuration.md";

describe("a GitHub Enterprise Server deployment", () => {
  it("links pages, pull requests, statuses, issues and check runs to the server's web URL, never to github.com", async () => {
    // The simulator is an Enterprise Server (API under /api/v3, GHE_HOST set); the docs there link their own server.
    world = await World.start({
      page: TODAY_PAGE.replaceAll("https://github.com/", "https://ghe.example.invalid/"),
      releases: COMPONENT_RELEASES,
      env: { CONFIG_REFERENCE_URL: REFERENCE },
    });
    const server = world.sim.url;

    // The first table and the first changelog; then a change, a broken workflow, a broken config, a pull request.
    world.app.bot.trigger("startup");
    await world.settle();
    const change = await pushWorkflow(world, withFedora(44), { message: "ci: test Fedora 44" });
    const broken = await pushWorkflow(world, TODAY_WORKFLOW.replace('platform: [ "amd64", "arm64" ]', 'platform: [ "amd64", "arm64" '));
    await pushDocs(world, { ".github/support-matrix-bot.yml": "pull_requst: {}\n" });
    const { after: prHead } = world.sim.push({ repo: INIT, branch: "riscv", files: { [WORKFLOW]: readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml") } });
    await world.deliver("pull_request", world.sim.openPullRequest({ repo: INIT, head: "riscv", title: "Change the matrix" }));
    await world.settle();

    // Each kind of write happened, and links this server.
    const open = world.sim.state.pulls(DOCS, { state: "open" });
    const matrix = open.find((p) => p.headRef === "support-matrix-bot/tested-matrix");
    const releases = open.find((p) => p.headRef === "support-matrix-bot/release-changelog");
    expect(world.pageOn(matrix!.headSha)).toContain(`(${server}/${INIT}/blob/${change}/${WORKFLOW})`);
    expect(matrix!.body).toContain(`${server}/${INIT}/blob/${change}/${WORKFLOW}`);
    expect(world.pageOn(releases!.headSha)).toContain(`(${server}/kairos-io/provider-kairos/releases)`);
    expect(world.sim.state.statuses(INIT, broken)[0]!.targetUrl).toMatch(new RegExp(`^${server}/${INIT}/blob/${broken}/${WORKFLOW}#L\\d+$`));
    const issue = world.sim.state.issues(DOCS, { state: "open" }).find((i) => i.user === world.sim.app.botLogin);
    expect(issue!.body).toContain(`(${REFERENCE})`);
    expect(world.sim.state.checkRuns(INIT, prHead)[0]!.output.summary).toContain(`${server}/${DOCS}/blob/main/${PAGE}`);
    const signoff = world.sim.state.commit(DOCS, matrix!.headSha)!.message;
    expect(signoff).toMatch(new RegExp(`Signed-off-by: .* <\\d+\\+support-matrix-bot\\[bot\\]@users\\.noreply\\.127\\.0\\.0\\.1>`));

    // And nothing the bot sent, in any write, names github.com.
    const writes = world.sim.calls.writes();
    expect(writes.length).toBeGreaterThan(10);
    const leaks = writes.filter((w) => /github\.com/i.test(w.body ?? "")).map((w) => `${w.method} ${w.path}: ${w.body!.slice(0, 200)}`);
    expect(leaks).toEqual([]);
  });
});
