// What a maintainer sees from `.github/support-matrix-bot.yml`: the defaults, a valid file, and located errors.
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig, parseConfigText, type ConfigError } from "../../src/config/index.js";
import { DEFAULT_LABELS } from "../../src/support-matrix/labels.js";
import { DEFAULT_ROLES } from "../../src/support-matrix/roles.js";

const FILE = ".github/support-matrix-bot.yml";

function errorsOf(text: string): string[] {
  const result = parseConfigText(text, FILE);
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.errors.map((e: ConfigError) => e.message);
}

function configOf(text: string) {
  const result = parseConfigText(text, FILE);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.config;
}

describe("defaults", () => {
  it.each([
    ["a missing file (no value)", undefined],
    ["a missing file (null)", null],
    ["an empty file as Probot returns it", {}],
  ])("%s gives the Kairos defaults", (_name, value) => {
    const result = parseConfig(value);
    expect(result).toEqual({ ok: true, config: defaultConfig });
  });

  it.each(["", "# nothing configured yet\n", "---\n"])("empty text %j gives the defaults", (text) => {
    expect(configOf(text)).toEqual(defaultConfig);
  });

  it("are today's Kairos setup: the monorepo's master.yaml builds and qemu suites, the same five components", () => {
    expect(defaultConfig.sources).toEqual([
      {
        repository: "kairos-io/kairos",
        workflow: ".github/workflows/master.yaml",
        jobs: ["build-iso", "build-iso-arm", "qemu-tests-*"],
        roles: DEFAULT_ROLES,
        labels: DEFAULT_LABELS,
      },
    ]);
    expect(defaultConfig.roles).toEqual(DEFAULT_ROLES);
    expect(defaultConfig.page).toBe("docs/reference/image_matrix.md");
    expect(defaultConfig.components.map((c) => [c.repository, c.displayName])).toEqual([
      ["kairos-io/kairos", "Kairos core and standard (k3s and k0s support)"],
      ["kairos-io/provider-kairos", "Kairos' provider"],
      ["kairos-io/immucore", "Immucore"],
      ["kairos-io/AuroraBoot", "AuroraBoot"],
      ["kairos-io/osbuilder", "OSBuilder"],
    ]);
    expect(defaultConfig.releases).toEqual({ includePrereleases: false, pullRequest: "separate" });
    expect(defaultConfig.pullRequest.branch).toBe("support-matrix-bot/tested-matrix");
    expect(defaultConfig.releasePullRequest.branch).toBe("support-matrix-bot/release-changelog");
    expect(defaultConfig.pullRequest.signoff).toBe(true);
    expect(defaultConfig.pullRequest.draft).toBe(false);
    expect(defaultConfig.pullRequest.labels).toEqual([]);
    expect(defaultConfig.templates).toEqual({ testedMatrix: null, releaseChangelog: null, pullRequestBody: null });
    expect(defaultConfig.preview).toEqual({ enabled: true, conclusionOnCoverageLoss: "neutral" });
  });

  it("cannot be mutated by one caller for the next", () => {
    expect(Object.isFrozen(defaultConfig.pullRequest.labels)).toBe(true);
    expect(() => (defaultConfig.pullRequest.labels as string[]).push("x")).toThrow(TypeError);
  });
});

describe("a valid file", () => {
  const full = `
_extends: .github
sources:
  - repository: kairos-io/kairos
    workflow: kairos-init/.github/workflows/test.yml
    job: testing_build_matrix
    image_key: image
    platform_key: arch
page: docs/reference/images.md
templates:
  tested_matrix: .github/bot/tested.md.hbs
components:
  - repository: kairos-io/kairos
    name: Kairos core
  - { repository: kairos-io/kairos-init }
releases:
  include_prereleases: true
  pull_request: shared
pull_request:
  branch: bot/matrix
  title: "docs: refresh"
  labels: [documentation, "2024"]
  assignees: [mauromorales]
  reviewers: [jimmykarily]
  team_reviewers: [docs-maintainers]
  draft: true
  signoff: false
release_pull_request:
  branch: bot/matrix
preview:
  enabled: false
  conclusion_on_coverage_loss: failure
`;

  it("maps every key to the camelCase config and keeps unset keys at their defaults", () => {
    const config = configOf(full);
    // The older single-job form reads as one job, its keys put first in their roles.
    expect(config.sources).toEqual([
      {
        repository: "kairos-io/kairos",
        workflow: "kairos-init/.github/workflows/test.yml",
        jobs: ["testing_build_matrix"],
        roles: { ...DEFAULT_ROLES, image: ["image", "base_image"], platform: ["arch", "platform"] },
        labels: DEFAULT_LABELS,
      },
    ]);
    expect(config.page).toBe("docs/reference/images.md");
    expect(config.templates).toEqual({
      testedMatrix: ".github/bot/tested.md.hbs",
      releaseChangelog: null,
      pullRequestBody: null,
    });
    expect(config.components).toEqual([
      { repository: "kairos-io/kairos", displayName: "Kairos core" },
      { repository: "kairos-io/kairos-init", displayName: "kairos-init" },
    ]);
    expect(config.releases).toEqual({ includePrereleases: true, pullRequest: "shared" });
    expect(config.pullRequest).toEqual({
      branch: "bot/matrix",
      title: "docs: refresh",
      labels: ["documentation", "2024"],
      assignees: ["mauromorales"],
      reviewers: ["jimmykarily"],
      teamReviewers: ["docs-maintainers"],
      draft: true,
      signoff: false,
    });
    expect(config.releasePullRequest.title).toBe(defaultConfig.releasePullRequest.title);
    expect(config.preview).toEqual({ enabled: false, conclusionOnCoverageLoss: "failure" });
  });

  it("fills a partly written mapping from the defaults", () => {
    const config = configOf("pull_request:\n  labels: [documentation]\n");
    expect(config.pullRequest).toEqual({ ...defaultConfig.pullRequest, labels: ["documentation"] });
  });

  it("moving kairos-init into the kairos monorepo is a config change only", () => {
    const config = configOf(
      "sources:\n  - repository: kairos-io/kairos\n    workflow: kairos-init/.github/workflows/test.yml\n",
    );
    expect(config.sources[0]).toMatchObject({
      repository: "kairos-io/kairos",
      workflow: "kairos-init/.github/workflows/test.yml",
      roles: { image: ["base_image"] },
    });
  });

  it("sources are jobs with roles and labels: several jobs, patterns, and labels on top of the built-in ones", () => {
    const config = configOf(
      [
        "sources:",
        "  - repository: kairos-io/kairos",
        "    workflow: .github/workflows/master.yaml",
        "    jobs: [build-iso, build-iso-arm, 'qemu-tests-*']",
        "roles:",
        "  flag: [trusted_boot, fips, hardened]",
        "  ignore: [name, 'registry_*']",
        "labels:",
        "  hardened: Hardened",
        "  rpi3: RPi 3",
        "",
      ].join("\n"),
    );
    expect(config.sources[0]?.jobs).toEqual(["build-iso", "build-iso-arm", "qemu-tests-*"]);
    expect(config.sources[0]?.roles).toEqual({ ...DEFAULT_ROLES, flag: ["trusted_boot", "fips", "hardened"], ignore: ["name", "registry_*"] });
    expect(config.labels).toMatchObject({ hardened: "Hardened", rpi3: "RPi 3", rpi4: "Raspberry Pi 4" });
  });

  it("job and jobs together are an error at job", () => {
    expect(errorsOf("sources:\n  - repository: kairos-io/kairos\n    job: a\n    jobs: [b]\n")).toEqual([
      `${FILE}:3:5: sources[0].job: use either job (one id, the older form) or jobs (a list), not both`,
    ]);
  });
});

describe("located errors", () => {
  it("a typo in a key is an error at that key, with the key it meant", () => {
    expect(errorsOf("page: docs/x.md\nsorces:\n  - repository: kairos-io/kairos-init\n")).toEqual([
      `${FILE}:2:1: sorces: unknown key (did you mean "sources"?)`,
    ]);
  });

  it("an unknown nested key is located at that key", () => {
    expect(errorsOf("pull_request:\n  draft: true\n  lables: [docs]\n")).toEqual([
      `${FILE}:3:3: pull_request.lables: unknown key (did you mean "labels"?)`,
    ]);
  });

  it("a string where a list is expected", () => {
    expect(errorsOf("pull_request:\n  labels: documentation\n")).toEqual([
      `${FILE}:2:11: pull_request.labels: expected a list of strings, got a string`,
    ]);
  });

  it("a number in a list of strings asks for quotes", () => {
    expect(errorsOf("pull_request:\n  labels: [docs, 2024]\n")).toEqual([
      `${FILE}:2:18: pull_request.labels[1]: expected a string, got a number (put it in quotes: "2024")`,
    ]);
  });

  it("a YAML 1.1 boolean is shown as the word written", () => {
    expect(errorsOf("preview:\n  enabled: yes\n")).toEqual([
      `${FILE}:2:12: preview.enabled: expected true or false, got "yes"`,
    ]);
  });

  it("an empty value points at its key", () => {
    expect(errorsOf("pull_request:\n  labels:\n  draft: true\n")).toEqual([
      `${FILE}:2:3: pull_request.labels: expected a list of strings, got an empty value`,
    ]);
  });

  it("a repository that is not owner/name", () => {
    expect(errorsOf("sources:\n  - repository: kairos-init\n")).toEqual([
      `${FILE}:2:17: sources[0].repository: expected a repository "owner/name", got "kairos-init"`,
    ]);
  });

  it("a missing required key points at the mapping that lacks it", () => {
    expect(errorsOf("components:\n  - name: Immucore\n")).toEqual([
      `${FILE}:2:5: components[0].repository: required key is missing`,
    ]);
  });

  it.each([
    ["with a space", "bot matrix", "must not contain spaces or control characters"],
    ["with ..", "bot..matrix", 'must not contain ".."'],
    ["with a colon", "bot:matrix", 'must not contain ":"'],
    ["with a leading dash", "-bot", 'must not start with "-"'],
    ["as a full ref", "refs/heads/bot", 'write the branch name without "refs/heads/"'],
  ])("a branch name %s", (_name, branch, reason) => {
    expect(errorsOf(`pull_request:\n  branch: "${branch}"\n`)).toEqual([
      `${FILE}:2:11: pull_request.branch: "${branch}" is not a valid branch name: ${reason}`,
    ]);
  });

  it("the same branch for both pull requests when they are separate", () => {
    expect(
      errorsOf("pull_request:\n  branch: bot/docs\nrelease_pull_request:\n  branch: bot/docs\n"),
    ).toEqual([
      `${FILE}:4:11: release_pull_request.branch: "bot/docs" is the same branch as pull_request.branch "bot/docs"; ` +
        `with releases.pull_request "separate" each pull request needs its own branch (or set releases.pull_request to "shared")`,
    ]);
  });

  it("the matrix branch set to the release default clashes at the line that set it", () => {
    const [error] = errorsOf("pull_request:\n  branch: support-matrix-bot/release-changelog\n");
    expect(error).toMatch(new RegExp(`^${FILE}:2:11: pull_request.branch: "support-matrix-bot/release-changelog" is the same branch as release_pull_request.branch`));
  });

  it("branches that git cannot hold side by side (a and a/b)", () => {
    const [error] = errorsOf("pull_request:\n  branch: bot\nrelease_pull_request:\n  branch: bot/releases\n");
    expect(error).toContain(`${FILE}:4:11: release_pull_request.branch: "bot/releases" cannot exist in git next to pull_request.branch "bot"`);
  });

  it("shared pull requests may leave the branches equal", () => {
    expect(
      configOf("releases:\n  pull_request: shared\nrelease_pull_request:\n  branch: support-matrix-bot/tested-matrix\n")
        .releases.pullRequest,
    ).toBe("shared");
  });

  it("a path that leaves the repository", () => {
    expect(errorsOf("page: ../image_matrix.md\n")).toEqual([
      `${FILE}:1:7: page: "../image_matrix.md" is not a valid path: must not contain ".." (it must stay inside the repository)`,
    ]);
    expect(errorsOf("templates:\n  tested_matrix: /etc/passwd\n")).toEqual([
      `${FILE}:2:18: templates.tested_matrix: "/etc/passwd" is not a valid path: must be relative to the repository root (no leading "/")`,
    ]);
  });

  it("an enum value outside its choices", () => {
    expect(errorsOf("releases:\n  pull_request: together\n")).toEqual([
      `${FILE}:2:17: releases.pull_request: expected "separate" or "shared", got "together"`,
    ]);
  });

  it("the same component twice, at the second one", () => {
    expect(
      errorsOf("components:\n  - repository: kairos-io/immucore\n  - repository: kairos-io/Immucore\n"),
    ).toEqual([`${FILE}:3:17: components[1].repository: is the same repository as components[0]`]);
  });

  it("an empty list of sources", () => {
    expect(errorsOf("sources: []\n")).toEqual([`${FILE}:1:10: sources: needs at least one source`]);
  });

  it("a list where the file should be a mapping", () => {
    const result = parseConfig(["sources"], { file: FILE, text: "- sources\n" });
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
      `${FILE}:1:1: the file: expected a mapping (key: value lines), got a list`,
    ]);
  });

  it("a list read from text, as Probot's plugin merges it: its items become keys", () => {
    expect(errorsOf("- sources\n")).toEqual([expect.stringMatching(new RegExp(`^${FILE}:1:3: 0: unknown key `))]);
  });

  it("a YAML syntax error is located where YAML stops", () => {
    const [error] = errorsOf("pull_request:\n  labels: [docs\n");
    expect(error).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: the file: invalid YAML: `));
  });

  it("reports every problem at once, in file order", () => {
    const errors = errorsOf("page: ../x.md\nsorces: []\npull_request:\n  draft: maybe\n");
    expect(errors.map((e) => e.split(": ")[0])).toEqual([`${FILE}:1:7`, `${FILE}:2:1`, `${FILE}:4:10`]);
  });

  it("without the text, errors point at the file's first line", () => {
    const result = parseConfig({ pull_request: { labels: "docs" } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.message)).toEqual([
        `${FILE}:1:1: pull_request.labels: expected a list of strings, got a string`,
      ]);
      expect(result.errors[0]?.keyPath).toBe("pull_request.labels");
      expect(result.errors[0]?.location).toEqual({ file: FILE, line: 1, col: 1 });
    }
  });

  it("with _extends, an error is located in the file that holds the key", () => {
    const own = { file: FILE, text: "_extends: .github\npage: docs/x.md\n" };
    const shared = { file: "kairos-io/.github:.github/support-matrix-bot.yml", text: "page: docs/y.md\npull_request:\n  draft: maybe\n" };
    const merged = { page: "docs/x.md", pull_request: { draft: "maybe" } };
    const result = parseConfig(merged, [own, shared]);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      `kairos-io/.github:.github/support-matrix-bot.yml:3:10: pull_request.draft: expected true or false, got "maybe"`,
    ]);
  });
});
