// A broken configuration or template in the docs repository: one sticky issue that says where, and no damage meanwhile.
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, DOCS, PAGE, World, kairosInitConfig } from "./world.js";
import { COMPONENT_RELEASES, errorLines, fedoraRow, matrixPulls as matrixPullsOf, pushDocs as pushDocsOf, pushWorkflow as pushWorkflowOf, withFedora } from "./tested-matrix-branch.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

const ISSUE_TITLE = "support-matrix-bot cannot use its configuration";

/** A typo key on line 3 and a wrong type on line 5. */
const INVALID = kairosInitConfig(["# support-matrix-bot settings", "page: docs/reference/image_matrix.md", "pull_requst:", "  draft: true", "releases: 42", ""].join("\n"));

/** The same file, fixed. */
const VALID = kairosInitConfig(["# support-matrix-bot settings", "page: docs/reference/image_matrix.md", "pull_request:", "  draft: true", ""].join("\n"));

const pushDocs = (files: Record<string, string | null>, message?: string) => pushDocsOf(world, files, message);
const pushWorkflow = (release: number) => pushWorkflowOf(world, withFedora(release));
const matrixPulls = () => matrixPullsOf(world);

function problemIssues(state: "open" | "closed" | "all" = "all") {
  return world.sim.state.issues(DOCS, { state }).filter((i) => i.title === ISSUE_TITLE);
}

describe("an invalid configuration file", () => {
  it("opens one issue with file:line:col lines, updates it instead of opening another, and closes it once fixed", async () => {
    world = await World.start({ releases: COMPONENT_RELEASES, docsFiles: { [CONFIG]: INVALID } });
    world.app.bot.trigger("startup");
    await world.settle();
    const [issue, ...others] = problemIssues();
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ state: "open", user: world.sim.app.botLogin });
    expect(issue!.body).toMatch(/\.github\/support-matrix-bot\.yml:3:1: .*pull_requst/);
    expect(issue!.body).toMatch(/\.github\/support-matrix-bot\.yml:5:11: .*expected a mapping/);
    // Freshly started with no valid configuration: the docs are left as they are.
    expect(matrixPulls()).toEqual([]);
    expect(world.sim.state.branches(DOCS)).toEqual(["main"]);
    expect(world.sim.state.pulls(DOCS)).toEqual([]);

    // Still broken, differently: the same issue says so.
    await pushDocs({ [CONFIG]: INVALID.replace("releases: 42", "releases: {}").replace("  draft: true", "  draft: yes") });
    await pushWorkflow(44);
    expect(problemIssues()).toHaveLength(1);
    expect(problemIssues()[0]!.body).not.toMatch(/:5:11:/);
    expect(problemIssues()[0]!.body).toMatch(/:3:1: .*pull_requst/);
    expect(matrixPulls()).toEqual([]);

    await pushDocs({ [CONFIG]: VALID }, "docs: fix the bot's settings");
    const [closed] = problemIssues();
    expect(closed).toMatchObject({ number: issue!.number, state: "closed" });
    expect(world.sim.state.comments(DOCS, issue!.number).at(-1)!.body).toMatch(/^Fixed as of [0-9a-f]{7}/);
    // The fixed file takes effect at once: the pending workflow change is proposed as a draft.
    const [pull] = matrixPulls();
    expect(pull).toMatchObject({ draft: true });
    expect(world.pageOn(pull!.headSha)).toContain(fedoraRow(44));
    expect(errorLines(world)).toEqual([]);
  });

  it("while broken, a running bot keeps its last good configuration, and never crash-loops", async () => {
    world = await World.start({ releases: COMPONENT_RELEASES, docsFiles: { [CONFIG]: VALID } });
    await pushWorkflow(44);
    const [pull] = matrixPulls();
    expect(pull).toMatchObject({ draft: true });

    await pushDocs({ [CONFIG]: INVALID });
    expect(problemIssues("open")).toHaveLength(1);
    const after = await pushWorkflow(45);
    expect(matrixPulls()).toMatchObject([{ number: pull!.number }]);
    expect(world.pageOn(matrixPulls()[0]!.headSha)).toContain(`at commit [${after.slice(0, 7)}]`);
    // Reconciles end "blocked" or converge; nothing throws, and the server keeps answering.
    world.app.bot.trigger("periodic");
    world.app.bot.trigger("periodic");
    await world.settle();
    expect(problemIssues()).toHaveLength(1);
    expect(errorLines(world)).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${world.app.port}/healthz`)).status).toBe(200);
  });
});

describe("a broken template override", () => {
  it("a template path that does not exist is reported the same way, and the pull request is left alone", async () => {
    world = await World.start({ releases: COMPONENT_RELEASES });
    await pushWorkflow(44);
    const [pull] = matrixPulls();
    const mark = world.sim.calls.mark();
    await pushDocs({ [CONFIG]: kairosInitConfig("templates:\n  tested_matrix: .github/support-matrix/tested-matrix.md.hbs\n") });
    await pushWorkflow(45);
    expect(problemIssues("open")).toHaveLength(1);
    expect(problemIssues()[0]!.body).toMatch(/\.github\/support-matrix-bot\.yml:\d+:\d+: .*"\.github\/support-matrix\/tested-matrix\.md\.hbs" does not exist/);
    expect(matrixPulls()).toEqual([pull]);
    expect(world.sim.calls.writes(mark).map((c) => c.route).filter((r) => !r.includes("/issues"))).toEqual([]);
  });

  it("a template with a misspelt field (strict Handlebars) is reported with its line:col, and the pull request is left alone", async () => {
    world = await World.start({ releases: COMPONENT_RELEASES });
    await pushWorkflow(44);
    const [pull] = matrixPulls();
    const template = "| Distribution | Release |\n| --- | --- |\n{{#each rows}}\n| {{cell distribution}} | {{cell relase}} |\n{{/each}}\n";
    await pushDocs({
      [CONFIG]: kairosInitConfig("templates:\n  tested_matrix: .github/support-matrix/tested-matrix.md.hbs\n"),
      ".github/support-matrix/tested-matrix.md.hbs": template,
    });
    await pushWorkflow(45);
    // The release changelog's reconcile, which renders fine, neither closes nor duplicates the issue.
    world.app.bot.trigger("periodic");
    await world.settle();
    const [issue, ...others] = problemIssues();
    expect(others).toEqual([]);
    expect(issue!.state).toBe("open");
    expect(issue!.body).toMatch(/\.github\/support-matrix\/tested-matrix\.md\.hbs:4:\d+: .*relase/);
    expect(matrixPulls()).toEqual([pull]);
    expect(world.pageOn(pull!.headSha)).toContain(fedoraRow(44));

    await pushDocs({ ".github/support-matrix/tested-matrix.md.hbs": template.replace("relase", "release") });
    expect(problemIssues()).toMatchObject([{ number: issue!.number, state: "closed" }]);
    const [updated] = matrixPulls();
    expect(updated!.number).toBe(pull!.number);
    expect(world.pageOn(updated!.headSha)).toContain("| Fedora | 45 |");
  });
});

describe("the page", () => {
  it("a configured page that does not exist is reported, and nothing is proposed", async () => {
    world = await World.start({ releases: COMPONENT_RELEASES, docsFiles: { [CONFIG]: kairosInitConfig("page: docs/reference/missing.md\n") } });
    await pushWorkflow(44);
    expect(problemIssues("open")[0]!.body).toMatch(/docs\/reference\/missing\.md:1:1: the page does not exist/);
    expect(matrixPulls()).toEqual([]);
    expect(world.pageOn("main")).toBe(world.sim.state.file(DOCS, PAGE));
  });
});
