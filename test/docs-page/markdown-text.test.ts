// Hostile text stays inside its table cell and never opens HTML, JSX, an MDX expression, a comment or a link.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeSpan, markdownLink, markdownText } from "../../src/docs-page/markdown-text.js";
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

describe("markdownText", () => {
  it("escapes every Markdown and MDX metacharacter", () => {
    expect(markdownText("a|b `c` <d> {e} *f* _g_ [h] \\ & ~i~")).toBe(
      "a\\|b &#96;c&#96; &lt;d&gt; \\{e\\} \\*f\\* \\_g\\_ \\[h\\] \\\\ &amp; \\~i\\~",
    );
  });

  it("splits autolinks, emoji shortcodes and mentions with an empty span, which renders as nothing", () => {
    expect(markdownText("see www.example.com or https://x.io")).toBe("see www<span></span>.example.com or https<span></span>://x.io");
    expect(markdownText("mail a@b.c, ping @team :rocket:")).toBe("mail a@<span></span>b.c, ping @<span></span>team :<span></span>rocket:");
    expect(markdownText("ubuntu:24.04 opensuse/leap:15.6 test.yml:12:3")).toBe("ubuntu:24.04 opensuse/leap:15.6 test.yml:12:3");
    expect(markdownText(":100: :+1:")).toBe(":<span></span>100: :<span></span>+1:");
  });

  it("escapes what would open a block at the start of a line, and only that", () => {
    expect(["# h", "- item", "1. item", "::: note", "import x from 'y'", "export const a = 1"].map(markdownText)).toEqual([
      "\\# h",
      "\\- item",
      "1\\. item",
      "\\::: note",
      "&#105;mport x from 'y'",
      "&#101;xport const a = 1",
    ]);
    expect(["24.04", "-rc1", "importance", "#1"].map(markdownText)).toEqual(["24.04", "-rc1", "importance", "\\#1"]);
  });

  it("keeps a row on one line", () => {
    expect(markdownText("one\ntwo\r\nthree")).toBe("one two three");
  });

  it.each(HOSTILE)("keeps %j inert", (text) => {
    const cell = markdownText(text);
    expectInert(cell);
    expect(cell).not.toMatch(/(^|[^\\])[<>{}]/);
  });

  it("keeps any text inert", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => expectInert(markdownText(text))), { numRuns: 200 });
  });
});

describe("codeSpan", () => {
  it("makes a copyable span, valid in a table and outside one", () => {
    expect(codeSpan("ubuntu:24.04")).toBe("`ubuntu:24.04`");
    expect(codeSpan("a|b")).toBe("a\\|b");
    expect(codeSpan(" padded ")).toBe("`  padded  `");
  });

  it("falls back to text for what kairos-docs' pre-loader would misread inside a span", () => {
    expect(codeSpan("x `y` z")).toBe("x &#96;y&#96; z");
    expect(codeSpan("x{{< a >}}")).toBe("x\\{\\{&lt; a &gt;\\}\\}");
    expect(codeSpan("{{% a %}}")).toBe("\\{\\{% a %\\}\\}");
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
