// Hostile text stays inside its table cell and never opens HTML, JSX, an MDX expression or a comment.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeSpan, markdownLink, tableCellText } from "../../src/docs-page/markdown-text.js";
import { codeSpanContent, tableCells } from "./gfm-table.js";

const HOSTILE = [
  "a | b",
  "<script>alert(1)</script>",
  "``tick`` and `one`",
  "line one\nline two\r\nthree",
  "{{ template }} {expression}",
  "end of comment --> here",
  "<!-- open a comment",
  "*bold* _em_ [link](x) \\ back\\|slash",
  "&lt; already an entity",
];

/** No byte sequence that could end a row, open/close a comment, start JSX/HTML or an MDX expression. */
function expectInert(markdown: string): void {
  expect(markdown).not.toMatch(/[\r\n\u2028\u2029]/);
  expect(markdown).not.toContain("<!--");
  expect(markdown).not.toContain("-->");
  expect(tableCells(`| ${markdown} | next |`)).toHaveLength(2);
}

describe("tableCellText", () => {
  it("escapes every Markdown and MDX metacharacter", () => {
    expect(tableCellText("a|b `c` <d> {e} *f* _g_ [h] \\ & i")).toBe(
      "a\\|b \\`c\\` &lt;d&gt; \\{e\\} \\*f\\* \\_g\\_ \\[h\\] \\\\ &amp; i",
    );
  });

  it("keeps a row on one line", () => {
    expect(tableCellText("one\ntwo\r\nthree")).toBe("one two three");
  });

  it.each(HOSTILE)("keeps %j inert", (text) => {
    const cell = tableCellText(text);
    expectInert(cell);
    expect(cell).not.toMatch(/(^|[^\\])[<>{}]/);
  });

  it("keeps any text inert", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => expectInert(tableCellText(text))), { numRuns: 200 });
  });
});

describe("codeSpan", () => {
  it("makes a copyable span with pipes escaped for the table", () => {
    expect(codeSpan("ubuntu:24.04")).toBe("`ubuntu:24.04`");
    expect(codeSpan("a|b")).toBe("`a\\|b`");
    expect(codeSpan("x `y` z")).toBe("``x `y` z``");
    expect(codeSpan("`edge`")).toBe("`` `edge` ``");
  });

  it.each(HOSTILE)("keeps %j inert", (text) => expectInert(codeSpan(text)));

  it("shows exactly the text (newlines as spaces) whenever it can be a code span", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const span = codeSpan(text);
        expectInert(span);
        const shown = codeSpanContent(span);
        if (shown !== null) expect(shown).toBe(text.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, " "));
      }),
      { numRuns: 200 },
    );
  });
});

describe("markdownLink", () => {
  it("links http(s) URLs, encoding what Markdown or a table would read", () => {
    expect(markdownLink("v1.0 | latest", "https://github.com/o/r/releases/tag/v1.0 (x)|{y}")).toBe(
      "[v1.0 \\| latest](https://github.com/o/r/releases/tag/v1.0%20%28x%29%7C%7By%7D)",
    );
  });

  it("refuses to link other schemes", () => {
    expect(markdownLink("click", "javascript:alert(1)")).toBe("click");
  });

  it.each(HOSTILE)("keeps %j inert as text and as URL", (text) => {
    expectInert(markdownLink(text, `https://example.com/${text}`));
  });
});
