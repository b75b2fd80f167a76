// The bot's configuration as the code uses it: camelCase, every default filled in, read-only.
import type { Component } from "../releases/component-release.js";
import { DEFAULT_LABELS, type Labels } from "../support-matrix/labels.js";
import { DEFAULT_ROLES, type Roles } from "../support-matrix/roles.js";
import type { ConfigFile } from "./config-schema.js";

/** Jobs of one workflow whose runs say what is tested. */
export interface MatrixSource {
  /** `owner/name`, e.g. `kairos-io/kairos`. */
  readonly repository: string;
  /** Path of the workflow from the repository root, e.g. `.github/workflows/master.yaml`. */
  readonly workflow: string;
  /**
   * Job ids or `*` patterns, e.g. `["build-iso", "qemu-tests-*"]`. Empty means the older single-job
   * behaviour: the one job whose matrix has an image key.
   */
  readonly jobs: readonly string[];
  /** Job id → pattern of the names GitHub reports for a job whose matrix only a running workflow knows; absent when none is configured. */
  readonly jobNames?: Readonly<Record<string, string>>;
  /** The top-level `roles`, with this source's older `image_key` / `platform_key` put first. */
  readonly roles: Roles;
  /** The built-in labels with the configured ones on top (shared by every source). */
  readonly labels: Labels;
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
  /** What each key means, before any source's `image_key` / `platform_key`. */
  readonly roles: Roles;
  /** Built-in labels with the configured ones on top. */
  readonly labels: Labels;
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

/** A source as the file writes it (older and newer keys). */
export interface SourceFields {
  readonly repository: string;
  readonly workflow: string;
  readonly jobs?: readonly string[] | undefined;
  readonly job?: string | undefined;
  readonly job_names?: Readonly<Record<string, string>> | undefined;
  readonly image_key?: string | undefined;
  readonly platform_key?: string | undefined;
}

/** An older `{image_key, platform_key, job}` source reads as the same jobs and roles in the newer model. */
export function toSource(file: SourceFields, roles: Roles = DEFAULT_ROLES, labels: Labels = DEFAULT_LABELS): MatrixSource {
  const first = (key: string | undefined, list: readonly string[]) => (key === undefined ? list : [key, ...list.filter((k) => k !== key)]);
  return {
    repository: file.repository,
    workflow: file.workflow,
    jobs: file.jobs ?? (file.job === undefined ? [] : [file.job]),
    ...(file.job_names === undefined ? {} : { jobNames: file.job_names }),
    roles: { ...roles, image: first(file.image_key, roles.image), platform: first(file.platform_key, roles.platform) },
    labels,
  };
}

/** Renames the validated file's keys; `_extends` is Probot's business and dropped here. */
export function toConfig(file: ConfigFile): Config {
  const roles: Roles = { ...file.roles };
  const labels: Labels = { ...DEFAULT_LABELS, ...file.labels };
  return {
    sources: file.sources.map((s) => toSource(s, roles, labels)),
    roles,
    labels,
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
