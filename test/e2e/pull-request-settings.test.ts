// The docs repository's settings shape the pull request; what humans change on it (title, body text) is theirs to keep.
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, DOCS, PAGE, TODAY_PAGE, TODAY_WORKFLOW, World, kairosInitConfig } from "./world.js";
import { errorLines, fedoraRow, matrixPull as matrixPullOf, pushDocs as pushDocsOf, pushWorkflow as pushWorkflowOf, withFedora } from "./tested-matrix-branch.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

const GITHUB_BODY_LIMIT = 65_536;

/** An image reference as long as real registry paths get, so 250 of them make a change list GitHub could not hold. */
function hugeImage(i: number): string {
  return `registry.example.com/kairos-io/community/images/for/edge/devices/distribution-number-${i}:release-${i}-with-a-rather-long-tag-${"x".repeat(60)}`;
}

/** 250 images on one platform: within GitHub's 256 jobs per matrix. */
const HUGE_WORKFLOW = (() => {
  const start = TODAY_WORKFLOW.indexOf('        platform: [ "amd64", "arm64" ]');
  const end = TODAY_WORKFLOW.indexOf("    steps:");
  const images = Array.from({ length: 250 }, (_, i) => `          - "${hugeImage(i)}"\n`).join("");
  return `${TODAY_WORKFLOW.slice(0, start)}        platform: [ "amd64" ]\n        base_image:\n${images}${TODAY_WORKFLOW.slice(end)}`;
})();

const pushWorkflow = (text: string, repo?: string, path?: string) => pushWorkflowOf(world, text, { ...(repo ? { repo } : {}), ...(path ? { path } : {}) });
const pushDocs = (files: Record<string, string>, message?: string) => pushDocsOf(world, files, message);
const matrixPull = () => matrixPullOf(world);

describe("pull request settings", () => {
  it("labels, assignees, reviewers, team reviewers, draft, title and no sign-off are all on the pull request it opens", async () => {
    world = await World.start({
      docsFiles: {
        [CONFIG]: kairosInitConfig([
          "pull_request:",
          '  title: "docs(matrix): {{summary}}"',
          "  labels: [documentation, automated]",
          "  assignees: [alice]",
          "  reviewers: [bob]",
          "  team_reviewers: [docs-team]",
          "  draft: true",
          "  signoff: false",
          "",
        ].join("\n")),
      },
    });
    world.sim.setPermission(DOCS, "alice", "write");
    world.sim.setPermission(DOCS, "bob", "write");
    const mark = world.sim.calls.mark();
    await pushWorkflow(withFedora(44));
    const pull = matrixPull();
    expect(pull).toMatchObject({ draft: true, labels: ["documentation", "automated"], assignees: ["alice"], requestedReviewers: ["bob"] });
    expect(pull.title).toBe("docs(matrix): the tested-distribution table replaces the link to the workflow");
    expect(world.sim.calls.since(mark).map((c) => c.route)).toContain("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers");
    const commit = world.sim.state.commit(DOCS, pull.headSha)!;
    expect(commit.message.startsWith(pull.title)).toBe(true);
    expect(commit.message).not.toMatch(/Signed-off-by/);
    expect(commit.verified).toBe(true);
  });

  it("a reviewer GitHub refuses does not fail the pull request: it is opened, labelled, and later updates still flow", async () => {
    world = await World.start({ docsFiles: { [CONFIG]: kairosInitConfig("pull_request:\n  labels: [documentation]\n  reviewers: [stranger]\n") } });
    await pushWorkflow(withFedora(44));
    expect(matrixPull().labels).toEqual(["documentation"]);
    expect(errorLines(world)).toEqual([]);
    const logs = world.logLines.map((l) => JSON.parse(l) as { level: number; refused?: string[] });
    expect(logs.find((l) => l.level === 40 && l.refused)?.refused).toEqual([expect.stringMatching(/^reviewers: Reviews may only be requested from collaborators/)]);
    await pushWorkflow(withFedora(45));
    expect(world.pageOn(matrixPull().headSha)).toContain(fedoraRow(45));
    expect(world.sim.state.pulls(DOCS)).toHaveLength(1);
  });

  it("a different page path: the bot keeps that page, and leaves the default one alone", async () => {
    const path = "docs/reference/tested-images.md";
    world = await World.start({ docsFiles: { [CONFIG]: kairosInitConfig(`page: ${path}\n`), [path]: TODAY_PAGE } });
    await pushWorkflow(withFedora(44));
    const pull = matrixPull();
    expect(world.sim.state.file(DOCS, path, pull.headSha)).toContain(fedoraRow(44));
    expect(world.pageOn(pull.headSha)).toBe(world.pageOn("main"));
    expect(pull.body).toContain(path.replace(/_/g, "\\_"));
  });

  // The workflow sits where GitHub runs it, on a branch its trigger names: kairos-init/.github/workflows/test.yml
  // in the monorepo would never run there, and makes no row (test/e2e/never-runs.test.ts).
  it("the source moves to another repository: a config change alone re-points the pull request, and pushes there are followed", async () => {
    world = await World.start();
    await pushWorkflow(withFedora(44));
    const before = matrixPull();
    const monorepoPath = ".github/workflows/kairos-init-test.yml";
    world.sim.createRepo({ owner: "kairos-io", name: "kairos", defaultBranch: "main", files: { [monorepoPath]: withFedora(50), "README.md": "# kairos\n" } });
    const seeded = world.sim.state.ref("kairos-io/kairos", "heads/master") ?? world.sim.state.ref("kairos-io/kairos", "heads/main")!;

    await pushDocs({ [CONFIG]: `sources:\n  - repository: kairos-io/kairos\n    workflow: ${monorepoPath}\n` }, "docs: the matrix now comes from the monorepo");
    const moved = matrixPull();
    expect(moved.number).toBe(before.number);
    const page = world.pageOn(moved.headSha)!;
    expect(page).toContain(fedoraRow(50));
    expect(page).not.toContain(fedoraRow(44));
    expect(page).toContain(`${world.sim.url}/kairos-io/kairos/blob/${seeded}/${monorepoPath}`);

    // kairos-init is no longer a source; the monorepo's workflow is.
    const mark = world.sim.calls.mark();
    await pushWorkflow(withFedora(45));
    expect(world.sim.calls.since(mark)).toEqual([]);
    const after = await pushWorkflow(withFedora(51), "kairos-io/kairos", monorepoPath);
    const page51 = world.pageOn(matrixPull().headSha)!;
    expect(page51).toContain(fedoraRow(51));
    expect(page51).toContain(`at commit [${after.slice(0, 7)}]`);
  });
});

describe("what humans change on the pull request", () => {
  it("an edited title is never rewritten, text added around the bot's region survives, and the region follows the sources", async () => {
    world = await World.start();
    await pushWorkflow(withFedora(44));
    const pull = matrixPull();
    const token = world.sim.installationToken("kairos-io");
    // A maintainer retitles the PR and writes above and below the bot's text (through the API, as the web UI does).
    const edited = `Please check the Fedora rows.\n\n${pull.body}\n\nReviewed-by: a maintainer`;
    const response = await fetch(`${world.sim.apiUrl}/repos/${DOCS}/pulls/${pull.number}`, {
      method: "PATCH",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Fedora 44 and friends", body: edited }),
    });
    expect(response.status).toBe(200);

    const after = await pushWorkflow(withFedora(45));
    const updated = matrixPull();
    expect(updated.title).toBe("Fedora 44 and friends");
    expect(updated.body!.startsWith("Please check the Fedora rows.\n\n")).toBe(true);
    expect(updated.body!.endsWith("\n\nReviewed-by: a maintainer")).toBe(true);
    expect(updated.body).toContain(after.slice(0, 7));
    expect(world.pageOn(updated.headSha)).toContain(fedoraRow(45));
  });

  it("a huge change list still fits GitHub's body limit, and the page itself is complete", async () => {
    world = await World.start();
    await pushWorkflow(withFedora(44));
    world.sim.mergePullRequest(DOCS, matrixPull().number, { by: "maintainer" });
    await pushWorkflow(HUGE_WORKFLOW);
    const pull = matrixPull();
    expect(pull.body!.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(pull.body).toMatch(/truncated to fit GitHub's pull-request body limit/);
    const page = world.pageOn(pull.headSha)!;
    for (let i = 0; i < 250; i += 49) expect(page).toContain(hugeImage(i));
    expect(world.sim.state.file(DOCS, PAGE, pull.headSha)).toBe(page);
  });
});
