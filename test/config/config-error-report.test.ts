// The sticky issue body a docs maintainer reads when the config is wrong.
import { describe, expect, it } from "vitest";
import { CONFIGURATION_REFERENCE_URL, parseConfigText, renderConfigErrorReport } from "../../src/config/index.js";
import { ConfigError } from "../../src/config/config-error.js";

function errorsOf(text: string): ConfigError[] {
  const result = parseConfigText(text);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("renderConfigErrorReport", () => {
  const errors = errorsOf("sorces: []\npull_request:\n  labels: docs\n");

  it("lists every error as its file:line:col line, then how to fix, then the reference link", () => {
    const report = renderConfigErrorReport(errors);
    expect(report).toBe(
      [
        "support-matrix-bot found 2 problems in the files it reads from this repository. Until they are fixed it keeps " +
          "working with the last valid configuration it read (a freshly started bot leaves the docs as they are):",
        "",
        '- `.github/support-matrix-bot.yml:1:1: sorces: unknown key (did you mean "sources"?)`',
        "- `.github/support-matrix-bot.yml:3:11: pull_request.labels: expected a list of strings, got a string`",
        "",
        "**How to fix:** each line above reads `file:line:column: key: what is wrong`. Edit that file on the " +
          "default branch. Every key is optional: deleting a key brings back its default, and deleting the whole " +
          "file brings back the Kairos defaults. The bot reads the files again on the next push and closes this issue.",
        "",
        `Every key, its type and its default: [configuration reference](${CONFIGURATION_REFERENCE_URL}).`,
        "",
      ].join("\n"),
    );
  });

  it("links to the reference of the deployed version when given", () => {
    const report = renderConfigErrorReport(errors, { referenceUrl: "https://example.test/configuration.md" });
    expect(report).toContain("[configuration reference](https://example.test/configuration.md)");
  });

  it("says 1 problem for one", () => {
    expect(renderConfigErrorReport(errors.slice(0, 1))).toMatch(/^support-matrix-bot found 1 problem in/);
  });

  it("keeps what a maintainer wrote from turning into Markdown or HTML", () => {
    const hostile = new ConfigError({ file: "f.yml", line: 1, col: 1 }, ["page"], 'got "`<img src=x>` **bold**"');
    const line = renderConfigErrorReport([hostile]).split("\n")[2];
    expect(line).toBe('- f.yml:1:1: page: got "&#96;&lt;img src=x&gt;&#96; \\*\\*bold\\*\\*"');
  });

  it("is pure: the same errors give the same text", () => {
    expect(renderConfigErrorReport(errors)).toBe(renderConfigErrorReport(errorsOf("sorces: []\npull_request:\n  labels: docs\n")));
  });
});
