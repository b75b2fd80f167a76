// The release pull request beside the matrix one (separate or shared), and components the bot cannot show.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_COMPONENTS } from "../../src/config/config-schema.js";
import {
  addedLines,
  CONFIG,
  expectedRow,
  kairosInitConfig,
  MATRIX_BRANCH,
  PROVIDER,
  providerRow,
  providerShows,
  RELEASE_BRANCH,
  ReleaseDay,
  row,
  yesterday,
  type Yesterday,
} from "./release-day.js";
import { DOCS, INIT, TODAY_WORKFLOW, WORKFLOW } from "./world.js";

let before: Yesterday;
beforeAll(async () => {
  before = await yesterday();
});

let day: ReleaseDay;
afterEach(async () => {
  await day?.close();
});

const FEDORA_44 = TODAY_WORKFLOW.replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:44"\n');
const FEDORA_44_ROW = "| Fedora | 44 | `fedora:44` | generic | generic | — |";

describe("the matrix and the release pull requests", () => {
  it("separate: merging either one, the other follows the new base and still merges cleanly", async () => {
    day = await ReleaseDay.start(before);
    const { world } = day;
    await day.pushWorkflow(FEDORA_44);
    const v5 = await day.publish(PROVIDER, "v2.16.5", "2026-08-20T09:30:00Z");
    const [matrix] = day.matrixPulls();
    const release = day.onlyReleasePull();
    expect(providerRow(world.pageOn(matrix!.headSha)!)).toContain("[v2.16.4](");
    expect(world.pageOn(release.headSha)).not.toContain(FEDORA_44_ROW);

    await day.merge(release.number);
    const [following] = day.matrixPulls();
    expect(following!.number).toBe(matrix!.number);
    // A merge of the new base into the bot's branch: never a force push.
    expect(world.sim.state.commit(DOCS, following!.headSha)!.parents).toEqual([matrix!.headSha, world.sim.state.ref(DOCS, "heads/main")]);
    let page = world.pageOn(following!.headSha)!;
    expect(providerRow(page)).toBe(providerShows(v5, "2026-08-20"));
    expect(page).toContain(FEDORA_44_ROW);
    expect(day.releasePulls()).toEqual([]);

    // Vice versa: a release pull request is open when the matrix one is merged.
    const v6 = await day.publish(PROVIDER, "v2.16.6", "2026-08-21T09:30:00Z");
    const second = day.onlyReleasePull();
    expect(world.pageOn(second.headSha)).not.toContain(FEDORA_44_ROW);
    await day.merge(following!.number);
    const follower = day.onlyReleasePull();
    expect(follower.number).toBe(second.number);
    page = world.pageOn(follower.headSha)!;
    expect(page).toContain(FEDORA_44_ROW);
    expect(providerRow(page)).toBe(providerShows(v6, "2026-08-21"));
    expect(follower.body).toContain(`- [Kairos' provider: v2.16.5 → v2.16.6](${v6.release.html_url})`);

    // mergePullRequest throws on a conflict, as GitHub's button would refuse.
    await day.merge(follower.number);
    expect(world.openBotPulls()).toEqual([]);
    expect(world.pageOn("main")).toBe(page);
  });

  it("shared: one pull request carries both blocks", async () => {
    day = await ReleaseDay.start(before, { docsFiles: { [CONFIG]: kairosInitConfig("releases:\n  pull_request: shared\n") } });
    const { world } = day;
    // The two first events race, before the bot has read its configuration.
    const release = world.sim.createRelease({ repo: PROVIDER, tag: "v2.16.5", createdAt: "2026-08-20T09:30:00Z" });
    const { payload } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 }, message: "Test Fedora 44" });
    await Promise.all([world.deliver("push", payload), ...release.payloads.map((p) => world.deliver("release", p))]);
    await world.settle();

    const [pull, ...others] = world.openBotPulls();
    expect(others).toEqual([]);
    expect(pull!.headRef).toBe(MATRIX_BRANCH);
    expect(world.sim.state.branches(DOCS)).not.toContain(RELEASE_BRANCH);
    const page = world.pageOn(pull!.headSha)!;
    expect(page).toContain(FEDORA_44_ROW);
    expect(providerRow(page)).toBe(providerShows(release, "2026-08-20"));
    expect(pull!.body).toContain("### Tested distribution matrix");
    expect(pull!.body).toContain(`- [Kairos' provider: v2.16.4 → v2.16.5](${release.release.html_url})`);

    const v6 = await day.publish(PROVIDER, "v2.16.6", "2026-08-21T09:30:00Z");
    const [updated, ...more] = world.openBotPulls();
    expect(more).toEqual([]);
    expect(updated!.number).toBe(pull!.number);
    expect(providerRow(world.pageOn(updated!.headSha)!)).toBe(providerShows(v6, "2026-08-21"));
    expect(world.pageOn(updated!.headSha)).toContain(FEDORA_44_ROW);
  });
});

/** The docs config listing the five default components and then `extra`. */
function componentsConfig(extra: readonly { repository: string; name: string }[]): string {
  const all = [...DEFAULT_COMPONENTS, ...extra];
  return `components:\n${all.map((c) => `  - repository: ${c.repository}\n    name: "${c.name}"\n`).join("")}`;
}

describe("components the bot cannot show", () => {
  it("a component with no stable release shows a dash; one the app cannot read fails the reconcile and leaves the pull request alone", async () => {
    day = await ReleaseDay.start(before);
    const { world } = day;
    world.sim.createRepo({ owner: "kairos-io", name: "hadron", files: { "README.md": "# hadron\n" } });
    world.sim.createRelease({ repo: "kairos-io/hadron", tag: "v0.1.0-rc1", prerelease: true, createdAt: "2026-08-19T12:00:00Z" });
    const hadron = { repository: "kairos-io/hadron", name: "Hadron" };
    await day.pushToDocs({ [CONFIG]: kairosInitConfig(componentsConfig([hadron])) }, "docs: list Hadron in the changelog");

    const pull = day.onlyReleasePull();
    const page = world.pageOn(pull.headSha)!;
    expect(row(page, "Hadron")).toBe(expectedRow(world.sim.url, "Hadron", "kairos-io/hadron", null));
    expect(addedLines(world.pageOn("main")!, page)).toHaveLength(2);
    expect(pull.body).toContain("- Hadron: added (no stable release)");

    world.sim.createRepo({ owner: "someone-else", name: "secret-component", private: true, installed: false, files: { "README.md": "# secret\n" } });
    const secret = { repository: "someone-else/secret-component", name: "Secret" };
    const mark = world.sim.calls.mark();
    const logMark = world.logLines.length;
    await day.pushToDocs({ [CONFIG]: kairosInitConfig(componentsConfig([hadron, secret])) }, "docs: list a component the app cannot read");

    expect(day.onlyReleasePull()).toEqual(pull);
    // The matrix pull request follows the new base; nothing touches the release one.
    const touchesReleasePull = (path: string) => path.includes(RELEASE_BRANCH) || new RegExp(`/(pulls|issues)/${pull.number}(/|$)`).test(path);
    expect(day.repositoryWrites(mark).filter((call) => touchesReleasePull(call.path))).toEqual([]);
    const logs = world.logLines.slice(logMark).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        component: "someone-else/secret-component",
        msg: expect.stringMatching(/^someone-else\/secret-component: cannot list its releases \(HTTP 404\)/),
      }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ msg: "reconciled", work: "releases", outcome: "failed" }));
    // The docs maintainers hear of it where they look: the bot's problems issue on the docs repository.
    const [issue, ...moreIssues] = world.sim.state.issues(DOCS, { state: "open" });
    expect(moreIssues).toEqual([]);
    expect(issue!.body).toContain("someone-else/secret-component: cannot list its releases (HTTP 404)");

    // The entry removed, the issue closes and the release pull request carries on.
    await day.pushToDocs({ [CONFIG]: kairosInitConfig(componentsConfig([hadron])) }, "docs: drop the component the app cannot read");
    expect(world.sim.state.issues(DOCS, { state: "open" })).toEqual([]);
    const after = day.onlyReleasePull();
    expect(after.number).toBe(pull.number);
    expect(row(world.pageOn(after.headSha)!, "Hadron")).toBe(expectedRow(world.sim.url, "Hadron", "kairos-io/hadron", null));
  });
});
