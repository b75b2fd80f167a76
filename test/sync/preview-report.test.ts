// The preview check run's content: what is new in a pull request, what merely moved, and GitHub's size limits.
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { LocatedError } from "../../src/located-error.js";
import { pullRequestImpact, type PullRequestImpact } from "../../src/sync/pull-request-impact.js";
import { CHECK_OUTPUT_LIMIT, MAX_ANNOTATIONS, previewReport, type PreviewContext } from "../../src/sync/preview-report.js";
import { toSource } from "../../src/config/index.js";
import { snapshotOfSource, type WorkflowSnapshot } from "../../src/sync/workflow-snapshot.js";
import type { CoverageFinding } from "../../src/workflow/coverage-lint.js";
import { readFixture } from "../fixtures.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

const WORKFLOW = ".github/workflows/test.yml";
const template = await loadDefaultTemplate("testedMatrix");
const page = { file: "docs/reference/image_matrix.md", text: readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md") };
const context: PreviewContext = {
  docsRepository: "kairos-io/kairos-docs",
  pageUrl: "https://github.com/kairos-io/kairos-docs/blob/main/docs/reference/image_matrix.md",
  baseRef: "main",
  conclusionOnCoverageLoss: "failure",
};

const version = (name: string) => readFixture("kairos-init", "test.yml", `${name}.yml`);

function snapshot(text: string, sha: string): WorkflowSnapshot {
  return snapshotOfSource(toSource({ repository: "kairos-io/kairos-init", workflow: WORKFLOW }), sha, text);
}

function report(base: string, head: string) {
  const impact = pullRequestImpact({ sources: [{ base: snapshot(base, "b".repeat(40)), head: snapshot(head, "a".repeat(40)), changed: true }], page, template, serverUrl: GITHUB_SERVER_URL });
  return previewReport(impact, context);
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

const SMALL = `name: test
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        platform: [amd64, arm64]
        base_image: ["ubuntu:24.04", "fedora:42"]
    steps:
      - run: make test
`;

describe("what a pull request brings", () => {
  it("#397, Renovate's Hadron v0.5.0 → v0.5.1 bump, reads as one replacement and loses no coverage", () => {
    const content = report(version("2026-07-08-bdb1a4a"), version("2026-07-13-352996f"));
    expect(content.summary).toContain(
      "### Tested jobs\n\n- Replaced Hadron v0.5.0 (ghcr.io/kairos-io/hadron:v0.5.0) by Hadron v0.5.1 (ghcr.io/kairos-io/hadron:v0.5.1), tested on amd64 (generic) and arm64 (Raspberry Pi 4) as before.\n\n",
    );
    expect(content.summary).not.toMatch(/no longer tested: |Removed Hadron|Added Hadron/);
    // The rpi4 include finding it already had names v0.5.1 now: reworded by the bump, not brought by it.
    expect(content.summary).toContain("`.github/workflows/test.yml:86:13`: include entry merged into the original job \\{platform: arm64, base\\_image: ghcr.io/kairos-io/hadron:v0.5.1\\}");
    expect(content.summary).not.toContain("**new**");
    expect(content.conclusion).toBe("neutral");
  });

  it("an include naming only some of the matrix keys extends jobs and gets no annotation", () => {
    const head = SMALL.replace("    steps:", "        include:\n          - platform: arm64\n            runner: arm-large\n    steps:");
    const content = report(SMALL, head);
    expect(content.annotations).toEqual([]);
    expect(content.conclusion).toBe("neutral");
    expect(content.title).toMatch(/; no coverage warning$/);
  });

  it("a broad default that changes its value loses no job: the jobs are the same images, on another runner", () => {
    const withRunner = (runner: string) => SMALL.replace("    steps:", `        include:\n          - platform: arm64\n            runner: ${runner}\n    steps:`);
    const content = report(withRunner("arm-small"), withRunner("arm-large"));
    expect(content.annotations).toEqual([]);
  });

  it("an include naming every key of one job is annotated where it is written, as new", () => {
    const head = SMALL.replace("    steps:", '        include:\n          - platform: arm64\n            base_image: "fedora:42"\n            model: rpi4\n    steps:');
    const content = report(SMALL, head);
    expect(content.annotations.map((a) => [a.start_line, a.annotation_level, a.title])).toEqual([
      [11, "warning", "Coverage: an include entry replaces a tested job (new in this pull request)"],
      [7, "warning", "Coverage: a job is no longer tested (new in this pull request)"],
    ]);
    expect(content.conclusion).toBe("failure");
    expect(content.summary).toContain("- Fedora 42 (fedora:42) on arm64 no longer has a generic job.");
  });

  it("findings that only moved to other lines are not new, so nothing is lost (f5722ab with a line added on top)", () => {
    const moved = `# a comment pushes every line down\n${version("2025-06-09-f5722ab")}`;
    const content = report(version("2025-06-09-f5722ab"), moved);
    expect(content.annotations.map((a) => a.start_line)).toEqual([32, 35, 38, 38]);
    expect(content.annotations.every((a) => !a.title?.includes("new"))).toBe(true);
    expect(content.annotations.at(-1)?.message).toContain(`that the include entry at ${WORKFLOW}:32:13 added`);
    expect(content.conclusion).toBe("neutral");
    expect(content.summary).not.toContain("loses coverage");
  });

  it("63225cb against its parent: the Hadron rpi4 includes and the two lost arm64 jobs are new, the ubuntu ones were on main", () => {
    const content = report(version("2026-06-23-843d622"), version("2026-07-07-63225cb"));
    const isNew = content.annotations.map((a) => [a.start_line, Boolean(a.title?.includes("new in this pull request"))]);
    expect(isNew).toEqual([[61, false], [64, false], [67, false], [86, true], [90, true], [22, true], [22, true]]);
    expect(content.summary).toContain("> This pull request loses coverage (4 new findings).");
    expect(content.text).toMatch(/^```diff\n[\s\S]*\n```$/m);
  });

  it("neutral unless the docs configuration asks for failure", () => {
    const impact = pullRequestImpact({
      sources: [{ base: snapshot(version("2026-06-23-843d622"), "b".repeat(40)), head: snapshot(version("2026-07-07-63225cb"), "a".repeat(40)), changed: true }],
      page,
      template,
      serverUrl: GITHUB_SERVER_URL,
    });
    expect(previewReport(impact, { ...context, conclusionOnCoverageLoss: "neutral" }).conclusion).toBe("neutral");
    expect(previewReport(impact, context).conclusion).toBe("failure");
  });
});

describe("workflows that cannot be previewed", () => {
  it("a workflow that does not parse fails with its location as a failure annotation", () => {
    const content = report(SMALL, SMALL.replace("[amd64, arm64]", "[amd64, arm64"));
    expect(content.conclusion).toBe("failure");
    expect(content.annotations).toEqual([expect.objectContaining({ path: WORKFLOW, annotation_level: "failure" })]);
    expect(content.summary).toMatch(/\.github\/workflows\/test\.yml:\d+:\d+: /);
  });

  it("a pull request that deletes the workflow fails and says what the page would do", () => {
    const impact = pullRequestImpact({ sources: [{ base: snapshot(SMALL, "b".repeat(40)), head: null, changed: true }], page, template, serverUrl: GITHUB_SERVER_URL });
    const content = previewReport(impact, context);
    expect(content).toMatchObject({ conclusion: "failure", title: `This pull request deletes ${WORKFLOW}`, annotations: [] });
  });
});

describe("GitHub's limits", () => {
  const finding = (i: number): CoverageFinding => ({
    kind: "job-no-longer-tested",
    location: { file: WORKFLOW, line: 7, col: 7 },
    message: `no longer tested: {platform: amd64, base_image: "image-${i}:${"x".repeat(80)}"}`,
  });
  const huge: PullRequestImpact = {
    kind: "preview",
    findings: Array.from({ length: 2000 }, (_, i) => ({ finding: finding(i), introduced: true })),
    changes: Array.from({ length: 500 }, (_, i) => `Removed Image ${i}: no longer tested.`),
    page: {
      kind: "diff",
      path: page.file,
      diff: Array.from({ length: 20_000 }, (_, i) => (i % 100 === 0 ? "+```sh" : `+| row ${i} | é |`)).join("\n"),
    },
  };

  it("summary and text stay within 65,535 characters, each cut with a note, and the diff block stays closed", () => {
    const content = previewReport(huge, context);
    expect(bytes(content.summary)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(bytes(content.text)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(content.summary).toMatch(/… cut here: GitHub limits a check run's summary to 65,535 characters\.$/);
    expect(content.text).toMatch(/\n````\n\n… \d+ more lines not shown: GitHub limits a check run's text to 65,535 characters\.$/);
    // The page's own ``` cannot close the block: its fence is longer.
    expect(content.text).toContain("\n````diff\n+```sh\n+| row 1 | é |");
    expect(bytes(content.text)).toBeGreaterThan(CHECK_OUTPUT_LIMIT - 500);
  });

  it("annotations stop at a cap the summary names", () => {
    const content = previewReport(huge, context);
    expect(content.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(content.summary).toContain(`The first ${MAX_ANNOTATIONS} are annotations on the workflow.`);
  });

  it("a located error's message is clipped, never split inside a character", () => {
    const error = new LocatedError({ file: WORKFLOW, line: 3, col: 1 }, "é".repeat(40_000));
    const content = previewReport({ kind: "unreadable", error }, context);
    expect(bytes(content.summary)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(content.summary).not.toContain("\uFFFD");
    expect(bytes(content.annotations[0]!.message)).toBeLessThanOrEqual(64 * 1024);
  });
});
