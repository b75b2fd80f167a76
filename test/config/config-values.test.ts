// The rules for branch names, paths and names agree with git and GitHub on the cases maintainers hit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  branchNameProblem,
  loginProblem,
  repositoryPathProblem,
  teamSlugProblem,
  workflowPathProblem,
} from "../../src/config/config-values.js";
import { parseRepositoryName } from "../../src/repository-name.js";

describe("branch names", () => {
  it.each(["support-matrix-bot/tested-matrix", "bot", "a/b/c", "release-2.4", "v1.2.3", "user@host"])(
    "accepts %s",
    (name) => expect(branchNameProblem(name)).toBeNull(),
  );

  it.each(["", "a b", "a..b", "a~1", "a^", "a:b", "a?", "a*", "a[b", "a\\b", "-a", "/a", "a/", "a//b", "a.", "a/.b", "a.lock", "a.lock/b", "@", "a@{1}", "a\tb", "refs/heads/a"])(
    "rejects %j",
    (name) => expect(branchNameProblem(name)).not.toBeNull(),
  );

  it("never accepts a name containing a forbidden character", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(" ", "~", "^", ":", "?", "*", "[", "\\", ".."), fc.string(), (a, bad, b) => {
        expect(branchNameProblem(`x${a}${bad}${b}x`)).not.toBeNull();
      }),
    );
  });
});

describe("paths in a repository", () => {
  it.each(["docs/reference/image_matrix.md", ".github/x.hbs", "a"])("accepts %s", (path) =>
    expect(repositoryPathProblem(path)).toBeNull(),
  );
  it.each(["", "/docs/x.md", "../x.md", "docs/../../x.md", "docs/./x.md", "docs//x.md", "docs/", "docs\\x.md"])(
    "rejects %j",
    (path) => expect(repositoryPathProblem(path)).not.toBeNull(),
  );
  it("workflows must be YAML files", () => {
    expect(workflowPathProblem("kairos-init/.github/workflows/test.yml")).toBeNull();
    expect(workflowPathProblem(".github/workflows/test.yaml")).toBeNull();
    expect(workflowPathProblem(".github/workflows/test")).toBe('must be a ".yml" or ".yaml" file');
  });
});

describe("names", () => {
  it.each(["kairos-io/kairos-init", "kairos-io/AuroraBoot", "kairos-io/.github", "a/b.c_d-e"])(
    "accepts the repository %s",
    (name) => expect(parseRepositoryName(name)).toEqual({ owner: name.split("/")[0], repo: name.split("/")[1] }),
  );
  it.each(["kairos-init", "kairos-io/", "/kairos", "a/b/c", "-a/b", "a--/b", "kairos-io/..", "kairos-io/a b", "https://github.com/a/b"])(
    "rejects the repository %j",
    (name) => expect(parseRepositoryName(name)).toBeNull(),
  );
  it("tells how to write a login and a team slug", () => {
    expect(loginProblem("@mauromorales")).toBe('write the login without "@" ("mauromorales")');
    expect(loginProblem("mauromorales")).toBeNull();
    expect(teamSlugProblem("kairos-io/docs")).toBe('write the team slug without the organization ("docs")');
    expect(teamSlugProblem("docs")).toBeNull();
  });
});
