// How Probot's config plugin (octokit.config.get) really hands the file over, and how its failures are reported.
import { describe, expect, it } from "vitest";
import { configLoadError, parseConfig } from "../../src/config/index.js";
import { octokitServing } from "./octokit-serving.js";

const PATH = ".github/support-matrix-bot.yml";
const DOCS = { owner: "kairos-io", repo: "kairos-docs" };

describe("octokit.config.get", () => {
  it("returns the shallow merge with _extends consumed, and the files it read", async () => {
    const octokit = octokitServing({
      [`/repos/kairos-io/kairos-docs/contents/${PATH}`]: "_extends: .github\npull_request:\n  draft: true\n",
      [`/repos/kairos-io/.github/contents/${PATH}`]: "pull_request:\n  labels: [docs]\npage: docs/x.md\n",
    });
    const { config, files } = await octokit.config.get({ ...DOCS, path: PATH });
    // The repository's own `pull_request` replaces the shared one whole: the shared labels are gone.
    expect(config).toEqual({ pull_request: { draft: true }, page: "docs/x.md" });
    expect(files.map((f) => `${f.owner}/${f.repo}:${f.path}`)).toEqual([
      `kairos-io/kairos-docs:${PATH}`,
      `kairos-io/.github:${PATH}`,
    ]);
    const result = parseConfig(config);
    expect(result.ok && result.config.pullRequest.labels).toEqual([]);
  });

  it("gives {} and a null file when there is no config anywhere: the defaults", async () => {
    const { config, files } = await octokitServing({}).config.get({ ...DOCS, path: PATH });
    expect(config).toEqual({});
    expect(files.map((f) => f.config)).toEqual([null, null]);
    expect(parseConfig(config).ok).toBe(true);
  });

  it("throws on invalid YAML; configLoadError locates it", async () => {
    const octokit = octokitServing({ [`/repos/kairos-io/kairos-docs/contents/${PATH}`]: "pull_request:\n  labels: [docs\n" });
    const failure = await octokit.config.get({ ...DOCS, path: PATH }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const error = configLoadError(failure, DOCS, PATH);
    expect(error?.message).toMatch(new RegExp(`^${PATH.replace(/\./g, "\\.")}:3:1: the file: invalid YAML: `));
    expect(error?.message).not.toContain("column");
  });

  it("names a broken shared file by its repository", async () => {
    const octokit = octokitServing({
      [`/repos/kairos-io/kairos-docs/contents/${PATH}`]: "_extends: .github\n",
      [`/repos/kairos-io/.github/contents/${PATH}`]: "page: [\n",
    });
    const failure = await octokit.config.get({ ...DOCS, path: PATH }).catch((error: unknown) => error);
    expect(configLoadError(failure, DOCS, PATH)?.location.file).toBe(`kairos-io/.github:${PATH}`);
  });

  it("reports a bad _extends value at the file, readable", async () => {
    const octokit = octokitServing({ [`/repos/kairos-io/kairos-docs/contents/${PATH}`]: "_extends: 'not a repo!'\n" });
    const failure = await octokit.config.get({ ...DOCS, path: PATH }).catch((error: unknown) => error);
    expect(configLoadError(failure, DOCS, PATH)?.message).toBe(
      `${PATH}:1:1: the file: Invalid value "not a repo!" for _extends in ${PATH}`,
    );
  });

  it("leaves errors that are not the maintainer's to the caller", () => {
    expect(configLoadError(new Error("HttpError: Bad credentials"), DOCS, PATH)).toBeNull();
  });
});
