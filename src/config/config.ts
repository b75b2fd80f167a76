// The bot's configuration as the code uses it: camelCase, every default filled in, read-only.
import type { Component } from "../releases/component-release.js";
import type { ConfigFile } from "./config-schema.js";

/** Where the matrix of tested images comes from. */
export interface MatrixSource {
  /** `owner/name`, e.g. `kairos-io/kairos-init`. */
  readonly repository: string;
  /** Path of the workflow in that repository, e.g. `.github/workflows/test.yml`. */
  readonly workflow: string;
  /** The job whose `strategy.matrix` is read; null means "the job whose matrix has `imageKey`". */
  readonly job: string | null;
  /** Matrix key holding the base image, e.g. `base_image`. */
  readonly imageKey: string;
  /** Matrix key holding the platform, e.g. `platform`. */
  readonly platformKey: string;
}

/** Template overrides: paths in the docs repository, null for the bot's built-in template. */
export interface TemplatePaths {
  readonly testedMatrix: string | null;
  readonly releaseChangelog: string | null;
  readonly pullRequestBody: string | null;
}

export type ReleasePullRequestMode = "separate" | "shared";

export interface ReleaseSettings {
  readonly includePrereleases: boolean;
  /** `separate`: release refreshes use `releasePullRequest`; `shared`: they go in `pullRequest`. */
  readonly pullRequest: ReleasePullRequestMode;
}

export interface PullRequestSettings {
  readonly branch: string;
  readonly title: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly reviewers: readonly string[];
  /** Team slugs, without the organization. */
  readonly teamReviewers: readonly string[];
  readonly draft: boolean;
  /** Add `Signed-off-by: <bot>` to commit messages (the docs repository's DCO habit). */
  readonly signoff: boolean;
}

export type CoverageLossConclusion = "neutral" | "failure";

export interface PreviewSettings {
  readonly enabled: boolean;
  readonly conclusionOnCoverageLoss: CoverageLossConclusion;
}

export interface ResultSettings {
  /** A job shows failing only after failing in this many consecutive completed runs (at least 1). */
  readonly failingAfter: number;
}

export interface Config {
  /** At least one. */
  readonly sources: readonly MatrixSource[];
  /** The page in the docs repository, e.g. `docs/reference/image_matrix.md`. */
  readonly page: string;
  readonly templates: TemplatePaths;
  /** The release changelog rows, in order; at least one, repositories unique. */
  readonly components: readonly Component[];
  readonly releases: ReleaseSettings;
  /** The tested-matrix pull request (and the release one when `releases.pullRequest` is `shared`). */
  readonly pullRequest: PullRequestSettings;
  /** Used only when `releases.pullRequest` is `separate`; its branch then differs from `pullRequest.branch`. */
  readonly releasePullRequest: PullRequestSettings;
  readonly preview: PreviewSettings;
  readonly results: ResultSettings;
}

type PullRequestFile = ConfigFile["pull_request"];

function toPullRequestSettings(file: PullRequestFile): PullRequestSettings {
  return {
    branch: file.branch,
    title: file.title,
    labels: file.labels,
    assignees: file.assignees,
    reviewers: file.reviewers,
    teamReviewers: file.team_reviewers,
    draft: file.draft,
    signoff: file.signoff,
  };
}

/** Renames the validated file's keys; `_extends` is Probot's business and dropped here. */
export function toConfig(file: ConfigFile): Config {
  return {
    sources: file.sources.map((s) => ({
      repository: s.repository,
      workflow: s.workflow,
      job: s.job ?? null,
      imageKey: s.image_key,
      platformKey: s.platform_key,
    })),
    page: file.page,
    templates: {
      testedMatrix: file.templates.tested_matrix ?? null,
      releaseChangelog: file.templates.release_changelog ?? null,
      pullRequestBody: file.templates.pull_request_body ?? null,
    },
    components: file.components.map((c) => ({
      repository: c.repository,
      displayName: c.name ?? c.repository.slice(c.repository.indexOf("/") + 1),
    })),
    releases: {
      includePrereleases: file.releases.include_prereleases,
      pullRequest: file.releases.pull_request,
    },
    pullRequest: toPullRequestSettings(file.pull_request),
    releasePullRequest: toPullRequestSettings(file.release_pull_request),
    preview: {
      enabled: file.preview.enabled,
      conclusionOnCoverageLoss: file.preview.conclusion_on_coverage_loss,
    },
    results: { failingAfter: file.results.failing_after },
  };
}

/** Freezes every object and list so one reconcile cannot leak a mutation into the next. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
