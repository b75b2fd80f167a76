// Splicing generated blocks into the real docs page: only the block changes, every other byte stays.
import { describe, expect, it } from "vitest";
import {
  canonicalBlock,
  readBlock,
  RELEASE_CHANGELOG_BLOCK,
  spliceBlock,
  TESTED_MATRIX_BLOCK,
} from "../../src/docs-page/page-splice.js";
import { SpliceError } from "../../src/docs-page/splice-error.js";
import { listFixtures, readFixture } from "../fixtures.js";

const FILE = "docs/reference/image_matrix.md";
const MATRIX = "| Distribution | Release |\n| --- | --- |\n| Ubuntu | 24.04 |\n\nGenerated from somewhere.\n";
const CHANGELOG = "| Component | Latest version |\n| --- | --- |\n| [Kairos](https://github.com/kairos-io/kairos) | v4.2.0 |\n";
const BEGIN_MATRIX = "<!-- support-matrix-bot:tested-matrix:begin";
const END_MATRIX = "<!-- support-matrix-bot:tested-matrix:end -->";
const BEGIN_CHANGELOG = "<!-- support-matrix-bot:release-changelog:begin";
const END_CHANGELOG = "<!-- support-matrix-bot:release-changelog:end -->";

function spliceError(run: () => unknown): SpliceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SpliceError);
    return error as SpliceError;
  }
  throw new Error("expected a SpliceError");
}

/** The part of `result` before the begin marker and after the end marker. */
function outside(result: string, begin: string, end: string): { before: string; after: string } {
  const from = result.indexOf(begin);
  const to = result.indexOf(end) + end.length;
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return { before: result.slice(0, from), after: result.slice(to) };
}

const pages = listFixtures("kairos-docs", "image_matrix.md").map((file) => ({
  file,
  text: readFixture("kairos-docs", "image_matrix.md", file),
}));

describe("splicing into every historical docs page", () => {
  it("has the 60 history pages and the versioned copies", () => {
    expect(pages).toHaveLength(63);
  });

  it.each(pages)("tested matrix in $file", ({ file, text }) => {
    const heading = /^## Tested distribution matrix[^\n]*\n/m.exec(text);
    if (!heading) {
      const error = spliceError(() => spliceBlock(text, TESTED_MATRIX_BLOCK, MATRIX, file));
      expect(error.problem).toBe("no-anchor");
      expect(error.message).toBe(
        `${file}:1:1: no "## Tested distribution matrix" heading and no tested-matrix markers: add the heading, ` +
          `or the lines ${BEGIN_MATRIX} (generated: edits between these markers are overwritten) --> and ${END_MATRIX} ` +
          "where the block belongs",
      );
      return;
    }
    const result = spliceBlock(text, TESTED_MATRIX_BLOCK, MATRIX, file);
    const bodyStart = heading.index + heading[0].length;
    const nextHeading = /^#{1,2} /m.exec(text.slice(bodyStart));
    const bodyEnd = nextHeading ? bodyStart + nextHeading.index : text.length;
    const { before, after } = outside(result, BEGIN_MATRIX, END_MATRIX);
    expect(before).toBe(`${text.slice(0, bodyStart)}\n`);
    expect(after).toBe(`\n\n${text.slice(bodyEnd)}`);
    expect(readBlock(result, TESTED_MATRIX_BLOCK, file)).toBe(canonicalBlock(MATRIX));
    expect(spliceBlock(result, TESTED_MATRIX_BLOCK, MATRIX, file)).toBe(result);
    const other = spliceBlock(result, TESTED_MATRIX_BLOCK, "| x |\n| - |\n", file);
    expect(spliceBlock(other, TESTED_MATRIX_BLOCK, MATRIX, file)).toBe(result);
  });

  it.each(pages)("release changelog in $file", ({ file, text }) => {
    if (!/^## Release changelog/m.test(text)) {
      expect(spliceError(() => spliceBlock(text, RELEASE_CHANGELOG_BLOCK, CHANGELOG, file)).problem).toBe("no-anchor");
      return;
    }
    const result = spliceBlock(text, RELEASE_CHANGELOG_BLOCK, CHANGELOG, file);
    const { before, after } = outside(result, BEGIN_CHANGELOG, END_CHANGELOG);
    expect(text.startsWith(before)).toBe(true);
    expect(text.endsWith(after)).toBe(true);
    const replaced = text.slice(before.length, text.length - after.length);
    expect(replaced.split("\n").every((line) => line.trimStart().startsWith("|"))).toBe(true);
    expect(before).toMatch(/## Release changelog\n[\s\S]*\n\n$/);
    expect(spliceBlock(result, RELEASE_CHANGELOG_BLOCK, CHANGELOG, file)).toBe(result);
    expect(readBlock(result, RELEASE_CHANGELOG_BLOCK, file)).toBe(canonicalBlock(CHANGELOG));
  });
});

describe("splicing into today's page", () => {
  const page = readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md");

  it("replaces only the changelog table, keeping its intro paragraphs byte for byte", () => {
    const result = spliceBlock(page, RELEASE_CHANGELOG_BLOCK, CHANGELOG, FILE);
    const intro = page.slice(page.indexOf("## Release changelog"), page.indexOf("| **Project**"));
    expect(intro).toContain("Below is a list of the components that are part of a Kairos release");
    expect(result).toContain(`${intro}${BEGIN_CHANGELOG}`);
    expect(result).not.toContain("| **Project**");
    expect(result).toContain(`${END_CHANGELOG}\n\n## Service Billing Of Materials (SBOM)`);
  });

  it("lays the tested matrix out under its heading", () => {
    const result = spliceBlock(page, TESTED_MATRIX_BLOCK, MATRIX, FILE);
    expect(result).toContain(
      "## Tested distribution matrix\n\n" +
        "<!-- support-matrix-bot:tested-matrix:begin (generated: edits between these markers are overwritten) -->\n\n" +
        `${MATRIX}\n${END_MATRIX}\n\n## What this means for users\n`,
    );
  });

  it("keeps CRLF line breaks and every other byte of a CRLF page", () => {
    const crlf = page.replace(/\n/g, "\r\n");
    const once = spliceBlock(
      spliceBlock(crlf, TESTED_MATRIX_BLOCK, MATRIX, FILE),
      RELEASE_CHANGELOG_BLOCK,
      CHANGELOG,
      FILE,
    );
    expect(once).not.toMatch(/[^\r]\n/);
    expect(once.startsWith(crlf.slice(0, crlf.indexOf("## Tested")))).toBe(true);
    expect(once.endsWith(crlf.slice(crlf.indexOf("## Service Billing")))).toBe(true);
    expect(spliceBlock(once, TESTED_MATRIX_BLOCK, MATRIX, FILE)).toBe(once);
    expect(readBlock(once, RELEASE_CHANGELOG_BLOCK, FILE)).toBe(canonicalBlock(CHANGELOG));
  });
});

describe("splicing between markers", () => {
  const marked = [
    "---",
    "title: x",
    "---",
    "",
    "Intro\twith a tab.",
    "<!-- support-matrix-bot:tested-matrix:begin do not edit, please -->",
    "stale content",
    END_MATRIX,
    "| a\t| b |",
    "",
  ].join("\n");

  it("replaces only what is between them, keeping the maintainer's marker note", () => {
    expect(spliceBlock(marked, TESTED_MATRIX_BLOCK, "fresh\n\n\n", FILE)).toBe(
      marked.replace("stale content\n", "\nfresh\n\n"),
    );
  });

  it("reads back what a block holds, or null when there are no markers", () => {
    expect(readBlock(marked, TESTED_MATRIX_BLOCK, FILE)).toBe("stale content");
    expect(readBlock(marked, RELEASE_CHANGELOG_BLOCK, FILE)).toBeNull();
  });

  it("keeps a missing final newline missing", () => {
    const page = "# Page\n\n## Tested distribution matrix\n\nold text";
    const result = spliceBlock(page, TESTED_MATRIX_BLOCK, MATRIX, FILE);
    expect(result.endsWith(END_MATRIX)).toBe(true);
    expect(spliceBlock(result, TESTED_MATRIX_BLOCK, MATRIX, FILE)).toBe(result);
  });

  it("does not take a ## line inside fenced code for the next heading, nor markers shown in code", () => {
    const page = [
      "## Tested distribution matrix",
      "",
      "```md",
      "## not a heading",
      END_MATRIX,
      "```",
      "",
      "## Next",
      "",
    ].join("\n");
    const result = spliceBlock(page, TESTED_MATRIX_BLOCK, "x", FILE);
    expect(result).not.toContain("not a heading");
    expect(result.endsWith(`${END_MATRIX}\n\n## Next\n`)).toBe(true);
  });

  it("ignores headings inside front matter and accepts heading ids and closing hashes", () => {
    const page = "---\n## Tested distribution matrix\n---\n## Tested Distribution Matrix ## {#tested}\n\nold\n";
    expect(spliceBlock(page, TESTED_MATRIX_BLOCK, "x", FILE)).toBe(
      "---\n## Tested distribution matrix\n---\n## Tested Distribution Matrix ## {#tested}\n\n" +
        `${BEGIN_MATRIX} (generated: edits between these markers are overwritten) -->\n\nx\n\n${END_MATRIX}\n`,
    );
  });
});

describe("refusing to guess", () => {
  it.each([
    ["a begin without an end", `a\n  ${BEGIN_MATRIX} -->\nb\n`, "docs/reference/image_matrix.md:2:3", "has no end marker"],
    ["an end without a begin", `a\n${END_MATRIX}\n`, "docs/reference/image_matrix.md:2:1", "has no begin marker"],
    ["an end before its begin", `${END_MATRIX}\nx\n${BEGIN_MATRIX} -->\n`, "docs/reference/image_matrix.md:1:1", "comes before"],
    ["two begins", `${BEGIN_MATRIX} -->\n${BEGIN_MATRIX} -->\n${END_MATRIX}\n`, "docs/reference/image_matrix.md:2:1", "a second begin"],
    ["two ends", `${BEGIN_MATRIX} -->\n${END_MATRIX}\n${END_MATRIX}\n`, "docs/reference/image_matrix.md:3:1", "a second end"],
    ["a marker inside a line", `text ${BEGIN_MATRIX} -->\n${END_MATRIX}\n`, "docs/reference/image_matrix.md:1:6", "alone on its line"],
  ])("rejects %s with its position", (_, page, where, words) => {
    const error = spliceError(() => spliceBlock(page, TESTED_MATRIX_BLOCK, "x", FILE));
    expect(error.problem).toBe("broken-markers");
    expect(error.message.startsWith(`${where}: `)).toBe(true);
    expect(error.message).toContain(words);
    expect(() => readBlock(page, TESTED_MATRIX_BLOCK, FILE)).toThrow(SpliceError);
  });

  it("rejects a block that carries its own marker", () => {
    const page = readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md");
    const error = spliceError(() => spliceBlock(page, TESTED_MATRIX_BLOCK, `| a |\n${END_MATRIX}\n`, FILE));
    expect(error.problem).toBe("broken-markers");
    expect(error.detail).toContain("line 2 of the rendered block");
  });

  it("rejects two matching headings", () => {
    const page = "## Tested distribution matrix\n\na\n\n## Tested distribution matrix\n\nb\n";
    const error = spliceError(() => spliceBlock(page, TESTED_MATRIX_BLOCK, "x", FILE));
    expect(error.problem).toBe("duplicate-heading");
    expect(error.location.line).toBe(5);
  });

  it("rejects a changelog section without a table", () => {
    const error = spliceError(() => spliceBlock("## Release changelog\n\nNo table yet.\n", RELEASE_CHANGELOG_BLOCK, "x", FILE));
    expect(error.message).toBe(
      `${FILE}:1:1: no table under "## Release changelog" to replace: add the release-changelog markers where the block belongs`,
    );
  });
});
