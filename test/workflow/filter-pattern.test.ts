// GitHub's filter patterns, row by row from the "Filter pattern cheat sheet" examples, and how a list's order decides.
import { describe, expect, it } from "vitest";
import { compileFilterPattern, filterSelects, FilterPatternError, selectsEveryPath, selectsNoPath } from "../../src/workflow/filter-pattern.js";

const list = (...patterns: string[]) => patterns.map(compileFilterPattern);
const selects = (patterns: string[], name: string) => filterSelects(list(...patterns), name);

describe("one pattern (the cheat sheet's examples)", () => {
  it.each([
    ["feature/*", "feature/my-branch", true],
    ["feature/*", "feature/your-branch", true],
    ["feature/*", "feature/a/b", false],
    ["feature/**", "feature/beta-a/my-branch", true],
    ["feature/**", "feature/mona/the/octocat", true],
    ["main", "main", true],
    ["main", "master", false],
    ["main", "Main", false],
    ["releases/mona-the-octocat", "releases/mona-the-octocat", true],
    ["*", "main", true],
    ["*", "releases/v1", false],
    ["**", "all/the/branches", true],
    ["*feature", "mona-feature", true],
    ["*feature", "feature", true],
    ["v2*", "v2", true],
    ["v2*", "v2.0.9", true],
    ["v[12].[0-9]+.[0-9]+", "v1.10.1", true],
    ["v[12].[0-9]+.[0-9]+", "v2.0.0", true],
    ["v[12].[0-9]+.[0-9]+", "v3.0.0", false],
    ["v[12].[0-9]+.[0-9]+", "v1.x.0", false],
    // Today's cheat sheet: `?` makes the preceding character optional (older revisions said "one character").
    ["Octoc?t", "Octot", true],
    ["Octoc?t", "Octoct", true],
    ["Octoc?t", "Octocat", false],
    ["[CB]at", "Cat", true],
    ["[CB]at", "Bat", true],
    ["[CB]at", "Rat", false],
    ["[1-2]00", "200", true],
    ["**/README.md", "README.md", true],
    ["**/README.md", "server/README.md", true],
    ["*.js", "app.js", true],
    ["*.js", "js/index.js", false],
    ["**.js", "js/index.js", true],
    ["docs/**", "docs/mona/octocat.txt", true],
    ["docs/*", "docs/mona/octocat.txt", false],
    ["**/docs/**", "src/docs/my-file.txt", true],
    ["release\\*", "release*", true],
    ["release\\*", "release1", false],
    ["a.b", "axb", false],
  ])("%s against %s: %s", (pattern, name, expected) => {
    expect(selects([pattern], name)).toBe(expected);
  });
});

describe("a list", () => {
  it("lets the last matching pattern decide, as the cheat sheet's negation example shows", () => {
    const branches = ["releases/**", "!releases/**-alpha"];
    expect(selects(branches, "releases/10")).toBe(true);
    expect(selects(branches, "releases/beta/mona")).toBe(true);
    expect(selects(branches, "releases/10-alpha")).toBe(false);
    expect(selects(["!releases/**-alpha", "releases/**"], "releases/10-alpha")).toBe(true);
  });

  it("selects nothing when empty or only negative", () => {
    expect(selects([], "main")).toBe(false);
    expect(selects(["!main"], "master")).toBe(false);
  });

  it("tells a paths list that can match no file from one that may", () => {
    expect(selectsNoPath(list())).toBe(true);
    expect(selectsNoPath(list("!docs/**"))).toBe(true);
    expect(selectsNoPath(list("src/**", "!**"))).toBe(true);
    expect(selectsNoPath(list("src/**"))).toBe(false);
    expect(selectsNoPath(list("src/**", "!src/x"))).toBe(false);
    expect(selectsNoPath(list("!**", "src/**"))).toBe(false);
  });

  it("tells a paths-ignore list that ignores every file from one that may not", () => {
    expect(selectsEveryPath(list("**"))).toBe(true);
    expect(selectsEveryPath(list("docs/**", "**/*"))).toBe(true);
    expect(selectsEveryPath(list("**", "!src/**"))).toBe(false);
    expect(selectsEveryPath(list("docs/**", "**/*.md"))).toBe(false);
  });

  it("refuses a pattern that is no pattern instead of guessing", () => {
    expect(() => compileFilterPattern("[z-a]")).toThrow(FilterPatternError);
    expect(() => compileFilterPattern("x".repeat(2_000))).toThrow(FilterPatternError);
  });
});
