// A configured workflow GitHub never runs claims nothing: no row, and the reason where maintainers look.
import { afterEach, describe, expect, it } from "vitest";
import { readFixture } from "../fixtures.js";
import { COMPONENT_RELEASES, fedoraRow, matrixPull, matrixPulls } from "./tested-matrix-branch.js";
import { DOCS, World } from "./world.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

const CONFIG = ".github/support-matrix-bot.yml";
const ISSUE_TITLE = "support-matrix-bot cannot use its configuration";
const MONOREPO = "kairos-io/kairos";
const MONOREPO_COPY = "kairos-init/.github/workflows/test.yml";
const NOT_AT_ROOT = `${MONOREPO_COPY}:1:1: GitHub never runs this workflow: ${MONOREPO_COPY} is not directly under the repository's root .github/workflows/`;
const NOT_MASTER = `${MONOREPO_COPY}:7:7: GitHub never runs this workflow for a push to master: push branches [main] does not match master`;

/** The monorepo copy of kairos-init's test.yml, with Fedora 99 added so its rows would be told apart. */
const monorepoCopy = readFixture("kairos", "workflows", "kairos-init-test.yml").replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:99"\n');

/** kairos-io/kairos on its default branch master, holding kairos-init's old workflow in a subfolder. */
async function startWith(sources: string): Promise<void> {
  const { "kairos-io/kairos": kairosReleases, ...others } = COMPONENT_RELEASES;
  world = await World.start({ releases: others, docsFiles: { [CONFIG]: `sources:\n${sources}` } });
  world.sim.createRepo({ owner: "kairos-io", name: "kairos", defaultBranch: "master", files: { [MONOREPO_COPY]: monorepoCopy } });
  for (const release of kairosReleases ?? []) world.sim.createRelease({ repo: MONOREPO, tag: release.tag, prerelease: false, createdAt: release.date });
  world.app.bot.trigger("startup");
  await world.settle();
}

function problemIssues() {
  return world.sim.state.issues(DOCS, { state: "all" }).filter((i) => i.title === ISSUE_TITLE);
}

describe("a source GitHub never runs", () => {
  it("makes no row beside a source that runs, and the pull request body says why, at its lines", async () => {
    await startWith(
      [
        "  - repository: kairos-io/kairos-init",
        "    workflow: .github/workflows/test.yml",
        `  - repository: ${MONOREPO}`,
        `    workflow: ${MONOREPO_COPY}`,
        "",
      ].join("\n"),
    );
    const pull = matrixPull(world);
    const page = world.pageOn(pull.headSha)!;
    expect(page).toContain("| Fedora | 43 |");
    expect(page).not.toContain(fedoraRow(99));
    expect(page).not.toContain(`\`${MONOREPO_COPY}\``);
    // Each reason is linked to its line at the commit read; the body escapes Markdown (`\[main\]`).
    const body = pull.body!.replace(/\\(.)/g, "$1");
    expect(body).toContain("#### Workflows GitHub never runs");
    expect(body).toMatch(/- \[kairos-init\/\.github\/workflows\/test\.yml:7:7\]\(http:\/\/[^)]*\/kairos-io\/kairos\/blob\/[0-9a-f]{40}\/kairos-init\/\.github\/workflows\/test\.yml#L7\)/);
    expect(body).toContain(`- [${MONOREPO_COPY}:1:1](`);
    expect(body).toContain(NOT_AT_ROOT.slice(NOT_AT_ROOT.indexOf(": ") + 2));
    expect(body).toContain(NOT_MASTER.slice(NOT_MASTER.indexOf(": ") + 2));
    // A commit to a workflow that never runs is no cause of the table's change.
    expect(body).not.toContain("kairos-io/kairos@");
    expect(problemIssues()).toEqual([]);
  });

  it("when no source runs, leaves the page alone and lists the reasons in the bot's issue", async () => {
    await startWith([`  - repository: ${MONOREPO}`, `    workflow: ${MONOREPO_COPY}`, ""].join("\n"));
    expect(matrixPulls(world)).toEqual([]);
    const [issue, ...others] = problemIssues();
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ state: "open" });
    expect(issue!.body).toContain(NOT_AT_ROOT);
    expect(issue!.body).toContain(NOT_MASTER);
  });
});
