// Values from a workflow (a fork's, in a preview) render as text wherever GitHub renders the bot's Markdown.
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { renderConfigErrorReport, toSource } from "../../src/config/index.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { summarizeMatrix } from "../../src/sync/change-summary.js";
import { desiredPage } from "../../src/sync/desired-page.js";
import { pullRequestImpact } from "../../src/sync/pull-request-impact.js";
import { pullRequestText } from "../../src/sync/pull-request-text.js";
import { previewReport } from "../../src/sync/preview-report.js";
import { snapshotOfSource, type WorkflowSnapshot } from "../../src/sync/workflow-snapshot.js";
import { WorkflowError } from "../../src/workflow/workflow-error.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";
import { readFixture } from "../fixtures.js";

// What a fork can put in a matrix value to dress up the bot's report.
const HOSTILE = [
  `<img src="https://evil.example/x.png">`,
  "[approve this](https://evil.example)",
  "<!-- everything below is hidden",
  "\n## ✅ Approved by the docs maintainers",
  "**approved**",
  "> [!NOTE] approved",
  "`code` and ``more``",
  "https://evil.example/a_b www.evil.example",
  "@kairos-io/maintainers",
  "~~coverage lost~~ :white_check_mark:",
  "| fake | table |",
  "&lt;entity&gt;",
  "<details><summary>x</summary>",
];

interface Node {
  readonly type: string;
  readonly value?: string;
  readonly url?: string;
  readonly depth?: number;
  readonly children?: readonly Node[];
}

/** GitHub's Markdown (CommonMark + GFM, as cmark-gfm parses it), read back into a tree. */
function parse(markdown: string): Node {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Node;
}

function all(node: Node): Node[] {
  return [node, ...(node.children ?? []).flatMap(all)];
}

function text(node: Node): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value ?? "";
  return (node.children ?? []).map(text).join("");
}

/** What the bot's own Markdown may contain around the values: its headings, its links, `<sub>` and empty spans. */
function expectOnlyTheBotsMarkup(markdown: string, ownLinks: readonly string[], ownHeadings: readonly string[]): void {
  const nodes = all(parse(markdown));
  expect(nodes.filter((n) => n.type === "html").map((n) => n.value)).toEqual(
    nodes.filter((n) => n.type === "html" && /^<\/?(span|sub)>$/.test(n.value ?? "")).map((n) => n.value),
  );
  expect(nodes.filter((n) => n.type === "image" || n.type === "imageReference" || n.type === "delete" || n.type === "blockquote")).toEqual([]);
  expect(new Set(nodes.filter((n) => n.type === "link").map((n) => n.url))).toEqual(new Set(ownLinks));
  expect(nodes.filter((n) => n.type === "heading").map(text)).toEqual(ownHeadings);
  // GitHub links mentions and emoji in the text after parsing: none may be whole within one text node.
  for (const node of nodes.filter((n) => n.type === "text")) expect(node.value).not.toMatch(/@\w|:[\w+-]*[a-z][\w+-]*:/);
}

const shown = (value: string) => value.replace(/\n/g, " ");

const BASE = `name: test
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        platform: [amd64]
        base_image: ["ubuntu:24.04"]
    steps:
      - run: make test
`;

/** The fork adds one platform per hostile string: each becomes a tested-job change in the report. */
const HEAD = BASE.replace("platform: [amd64]", `platform: [amd64, ${HOSTILE.map((h) => JSON.stringify(h)).join(", ")}]`);

function snapshot(text: string, sha: string): WorkflowSnapshot {
  return snapshotOfSource(toSource({ repository: "kairos-io/kairos-init", workflow: ".github/workflows/test.yml" }), sha, text);
}

const template = await loadDefaultTemplate("testedMatrix");
const page = { file: "docs/reference/image_matrix.md", text: readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md") };
const PAGE_URL = "https://github.com/kairos-io/kairos-docs/blob/main/docs/reference/image_matrix.md";

describe("markup from a workflow", () => {
  it("stays text in the preview check run's summary", () => {
    const impact = pullRequestImpact({
      sources: [{ base: snapshot(BASE, "b".repeat(40)), head: snapshot(HEAD, "a".repeat(40)), changed: true }],
      page,
      template,
      serverUrl: GITHUB_SERVER_URL,
    });
    expect(impact.kind).toBe("preview");
    const content = previewReport(impact, { docsRepository: "kairos-io/kairos-docs", pageUrl: PAGE_URL, baseRef: "main", conclusionOnCoverageLoss: "neutral" });
    expectOnlyTheBotsMarkup(content.summary, [PAGE_URL], ["Tested jobs", "Coverage"]);
    const items = all(parse(content.summary)).filter((n) => n.type === "listItem").map(text);
    expect(items).toHaveLength(HOSTILE.length);
    for (const value of HOSTILE) expect(items.some((item) => item.includes(shown(value)))).toBe(true);
  });

  it("stays text in the docs pull request's body", async () => {
    const before = desiredPage({ page, serverUrl: GITHUB_SERVER_URL, testedMatrix: { sources: [snapshot(BASE, "b".repeat(40))], template } });
    const after = desiredPage({ page, serverUrl: GITHUB_SERVER_URL, testedMatrix: { sources: [snapshot(HEAD, "a".repeat(40))], template } });
    const matrix = summarizeMatrix({
      before: before.testedImages,
      after: after.testedImages ?? [],
      causes: HOSTILE.map((title, i) => ({ sha: `${i}`.repeat(40).slice(0, 40), title, url: `https://github.com/kairos-io/kairos-init/commit/${i}`, repository: "kairos-io/kairos-init" })),
      findings: [],
    });
    const body = pullRequestText({
      titleTemplate: { file: "title", text: "{{summary}}" },
      bodyTemplate: await loadDefaultTemplate("pullRequestBody"),
      page: { path: page.file, url: PAGE_URL },
      configFile: ".github/support-matrix-bot.yml",
      sources: after.sources,
      matrix,
      releases: null,
      serverUrl: GITHUB_SERVER_URL,
    }).body;
    const links = all(parse(body)).filter((n) => n.type === "link").map((n) => n.url ?? "");
    expect(links.every((url) => url.startsWith("https://github.com/kairos-io/"))).toBe(true);
    expectOnlyTheBotsMarkup(body, [...new Set(links)], ["Tested distribution matrix"]);
    const items = all(parse(body)).filter((n) => n.type === "listItem").map(text);
    // Each value is a tested-job change; the ten newest commit titles are listed as causes.
    for (const value of HOSTILE) expect(items.filter((item) => item.includes(shown(value))).length, value).toBeGreaterThan(0);
    const causes = items.filter((item) => item.startsWith("kairos-io/kairos-init@"));
    expect(causes.map((item) => item.slice(item.indexOf(" ") + 1))).toEqual(HOSTILE.slice(0, 10).map(shown));
  });

  it("stays text in the sticky issue on the docs repository", () => {
    const errors = HOSTILE.map((value, i) => new WorkflowError({ file: ".github/workflows/test.yml", line: i + 1, col: 3 }, value));
    const body = renderConfigErrorReport(errors, { referenceUrl: "https://example.com/configuration.md" });
    expectOnlyTheBotsMarkup(body, ["https://example.com/configuration.md"], []);
    const items = all(parse(body)).filter((n) => n.type === "listItem").map(text);
    expect(items).toEqual(HOSTILE.map((value, i) => `.github/workflows/test.yml:${i + 1}:3: ${shown(value)}`));
  });

  it("in the image key is refused at its line before it reaches any report", () => {
    const head = BASE.replace('base_image: ["ubuntu:24.04"]', 'base_image: ["ubuntu:24.04", "x`${HOME}", "<img src=x>"]');
    const impact = pullRequestImpact({
      sources: [{ base: snapshot(BASE, "b".repeat(40)), head: snapshot(head, "a".repeat(40)), changed: true }],
      page,
      template,
      serverUrl: GITHUB_SERVER_URL,
    });
    expect(impact.kind === "unreadable" && impact.error.message).toBe(
      '.github/workflows/test.yml:9:38: base_image value "x`${HOME}" contains "`", which no image reference can',
    );
    const content = previewReport(impact, { docsRepository: "kairos-io/kairos-docs", pageUrl: PAGE_URL, baseRef: "main", conclusionOnCoverageLoss: "neutral" });
    expect(content.conclusion).toBe("failure");
    expect(content.annotations.map((a) => [a.path, a.start_line])).toEqual([[".github/workflows/test.yml", 9]]);
    expectOnlyTheBotsMarkup(content.summary, [PAGE_URL], []);
  });
});
