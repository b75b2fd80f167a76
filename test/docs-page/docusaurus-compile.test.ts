// Every page the bot writes builds on kairos-docs (its pre-loader, then Docusaurus' MDX), and shows values literally.
import { toSource } from "../../src/config/index.js";
import { snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { RELEASE_CHANGELOG_BLOCK, TESTED_MATRIX_BLOCK, spliceBlock } from "../../src/docs-page/page-splice.js";
import { renderReleaseChangelog, type ReleaseChangelogContext } from "../../src/docs-page/release-changelog-block.js";
import { renderTestedMatrix, type TestedMatrixContext } from "../../src/docs-page/tested-matrix-block.js";
import { compileTemplate } from "../../src/docs-page/template-environment.js";
import type { ComponentRelease } from "../../src/releases/component-release.js";
import { desiredPage } from "../../src/sync/desired-page.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";
import { fixtureIndex, listFixtures, readFixture } from "../fixtures.js";
import { compileDocsPage, nodesOfType, plainText, tables, type MdastNode } from "./docusaurus-mdx.js";

const testedMatrix = await loadDefaultTemplate("testedMatrix");
const releaseChangelog = await loadDefaultTemplate("releaseChangelog");
const PAGE_FILE = "docs/reference/image_matrix.md";
const TODAY = readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md");

export const HOSTILE = [
  "{braces}",
  "{",
  "}}",
  "<",
  "a<b>c",
  "</div>",
  "<div>",
  "<!--",
  "-->",
  "${X}",
  "x`${HOME}",
  "x`<TOKEN>",
  "x`{{< a >}}",
  "{{< a >}}",
  "{{<",
  "{{% note %}}",
  "`",
  "``",
  "~x~",
  "~~gone~~",
  ":rocket:",
  ":+1: :white_check_mark:",
  "www.example.com",
  "https://example.com/a_b",
  "a@b.c",
  "@kairos-io/maintainers",
  "import x from 'y'",
  "export const a = 1",
  "N".repeat(300),
  "Ünïcödé 日本語 🚀",
  "<img src=x onerror=alert(1)>",
  "[link](https://evil.example)",
  "# heading",
  "- item",
  "1. item",
  "| pipe |",
  "\\",
  "*bold* _em_",
  "&amp; &lt;",
  "<br>",
  ":::note",
  "opensuse:leap",
  "$$x$$",
];

/** MDX nodes the bot's text must never produce: expressions, ESM, JSX other than the empty span splitter. */
function foreignNodes(tree: MdastNode): MdastNode[] {
  const esm = nodesOfType(tree, ["mdxjsEsm"]).filter((node) => node.value !== "");
  const expressions = nodesOfType(tree, ["mdxTextExpression", "mdxFlowExpression"]);
  const jsx = nodesOfType(tree, ["mdxJsxTextElement", "mdxJsxFlowElement"]).filter(
    (node) => node.name !== "span" || (node.children ?? []).length > 0,
  );
  return [...esm, ...expressions, ...jsx];
}

function hostileMatrix(): TestedMatrixContext {
  const sha = "0123456789abcdef0123456789abcdef01234567";
  return {
    platforms: ["amd64", ...HOSTILE.slice(0, 3)],
    hasSuites: false,
    rows: HOSTILE.map((text) => ({
      distribution: text,
      release: text,
      image: text,
      cells: ["amd64", ...HOSTILE.slice(0, 3)].map((platform) => ({
        platform,
        tested: true,
        variants: [text],
        text,
        builds: null,
        suites: null,
      })),
      suites: [],
    })),
    sources: [{ repository: "kairos-io/kairos-init", path: ".github/workflows/test.yml", sha, shortSha: sha.slice(0, 7), url: "https://github.com/x", jobs: [] }],
    runs: [],
  };
}

function hostileChangelog(): ReleaseChangelogContext {
  return {
    components: HOSTILE.map((text) => ({
      name: text,
      repository: "kairos-io/kairos",
      repositoryUrl: `https://github.com/kairos-io/${text}`,
      releasesUrl: "https://github.com/kairos-io/kairos/releases",
      latest: { tag: text, version: "1.0.0", url: `https://github.com/kairos-io/kairos/releases/tag/${text}`, date: text },
    })),
  };
}

/** What a reader sees for a value: a row keeps to one line, so line breaks show as spaces. */
const shown = (text: string) => text.replace(/\r\n|[\r\n]/g, " ");

const RELEASES: ComponentRelease[] = ["kairos", "provider-kairos", "immucore", "AuroraBoot", "osbuilder"].map((name) => {
  const [tag = "", date = ""] = (readFixture("releases", `${name}.tags.tsv`).split("\n")[1] ?? "").split("\t");
  return {
    component: { repository: `kairos-io/${name}`, displayName: name },
    releasesUrl: `https://github.com/kairos-io/${name}/releases`,
    latest: { tag, version: tag.replace(/^v/, ""), url: `https://github.com/kairos-io/${name}/releases/tag/${tag}`, publishedAt: date },
  };
});

describe("pages compiled as kairos-docs builds them", () => {
  // Three versions of 2025-01-20 test `opensuse/leap:15.6:`, which the bot refuses (see desired-page.test.ts).
  const refused = ["test.yml/2025-01-20-56f7dc0.yml", "test.yml/2025-01-20-b293ea9.yml", "test.yml/2025-01-20-d9d6232.yml"];
  const history = fixtureIndex("kairos-init").filter(
    (row) => row.file.startsWith("test.yml/") && row.path.endsWith("test.yml") && !refused.includes(row.file),
  );

  it("every render of kairos-init's history, with the release changelog, builds with its table intact", async () => {
    expect(history.length).toBe(49);
    const renders = history.map((row) =>
      desiredPage({
        page: { file: PAGE_FILE, text: TODAY },
        serverUrl: GITHUB_SERVER_URL,
        testedMatrix: {
          template: testedMatrix,
          sources: [
            snapshotOfSource(
              toSource({ repository: "kairos-io/kairos-init", workflow: ".github/workflows/test.yml" }),
              row.fullSha,
              readFixture("kairos-init", row.file),
            ),
          ],
        },
        releaseChangelog: { releases: RELEASES, template: releaseChangelog },
      }),
    );
    // One compile for all of them (the compiler's cost is per character): today's page with the newest render,
    // then each distinct tested-matrix section (32 of 55 differ), each under its own heading.
    const sectionOf = (text: string) => text.slice(text.indexOf("## Tested distribution matrix"), text.indexOf("## What this means for users"));
    const distinct = [...new Map(renders.map((page) => [sectionOf(page.text).replace(/\b[0-9a-f]{7,40}\b/g, ""), page])).values()];
    const tree = await compileDocsPage([renders[0]?.text ?? "", ...distinct.map((page) => sectionOf(page.text))].join("\n\n"));
    expect(foreignNodes(tree)).toEqual([]);
    const matrices = tables(tree).filter((table) => table[0]?.[0] === "Distribution");
    expect(matrices).toHaveLength(distinct.length + 1);
    for (const [i, page] of [renders[0], ...distinct].entries()) {
      const header = matrices[i]?.[0] ?? [];
      expect(matrices[i]?.every((row) => row.length === header.length)).toBe(true);
      expect(matrices[i]?.slice(1).map((cells) => cells[2])).toEqual(page?.testedImages?.map((image) => image.reference));
    }
    const changelog = tables(tree).find((table) => table[0]?.[0] === "Component");
    expect(changelog?.slice(1).map((cells) => cells[1])).toEqual(RELEASES.map((r) => r.latest?.tag));
  });

  it.each(listFixtures("kairos-docs", "image_matrix.md").filter((file) => file.startsWith("versioned-")))(
    "the versioned page %s builds",
    async (file) => {
      expect(foreignNodes(await compileDocsPage(readFixture("kairos-docs", "image_matrix.md", file)))).toEqual([]);
    },
  );

  it("a tested matrix of hostile values builds, and every cell shows its value literally", async () => {
    const context = hostileMatrix();
    const block = renderTestedMatrix(testedMatrix, context);
    const page = spliceBlock(TODAY, TESTED_MATRIX_BLOCK, block, PAGE_FILE);
    const tree = await compileDocsPage(page);
    expect(foreignNodes(tree)).toEqual([]);
    const table = tables(tree).find((rows) => rows[0]?.[0] === "Distribution");
    expect(table?.[0]).toEqual(["Distribution", "Release", "Image", ...context.platforms]);
    expect(table?.slice(1)).toEqual(context.rows.map((row) => [row.distribution, row.release, row.image, ...row.cells.map((c) => c.text)].map(shown)));
  });

  it("a release changelog of hostile names and tags builds, and shows them literally", async () => {
    const context = hostileChangelog();
    const page = spliceBlock(TODAY, RELEASE_CHANGELOG_BLOCK, renderReleaseChangelog(releaseChangelog, context), PAGE_FILE);
    const tree = await compileDocsPage(page);
    expect(foreignNodes(tree)).toEqual([]);
    const table = tables(tree).find((rows) => rows[0]?.[0] === "Component");
    expect(table?.slice(1)).toEqual(context.components.map((c) => [c.name, c.latest?.tag, c.latest?.date, "all releases"].map((t) => shown(t ?? ""))));
  });

  it("a hostile value at the start of a line, in a paragraph, builds and shows literally", async () => {
    const render = compileTemplate("{{#each values}}{{cell this}}\n\n{{/each}}", "t.hbs");
    const tree = await compileDocsPage(render({ values: HOSTILE }));
    expect(foreignNodes(tree)).toEqual([]);
    const paragraphs = (tree.children ?? []).filter((node) => node.type === "paragraph").map(plainText);
    expect(paragraphs).toEqual(HOSTILE.map(shown));
  });
});
