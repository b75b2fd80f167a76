// Reads the current state of every source the page depends on: workflows at their last change, component releases.
import type { Logger } from "probot";
import type { Config, MatrixSource } from "../config/index.js";
import { listReleases } from "../github/component-releases.js";
import { clientOrFallback, type GitHubAccess } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import { isHttpFailure } from "../github/octokit/http-failure.js";
import { RateLimitedError } from "../github/octokit/rate-limit-policy.js";
import { parseRepository } from "../github/repository.js";
import { readLatestWorkflow, readWorkflowAt, type SourceCommit } from "../github/source-workflow.js";
import type { ComponentRelease } from "../releases/component-release.js";
import { selectLatestStable } from "../releases/latest-stable.js";
import type { SourceRecord } from "./block-record.js";
import { snapshotOfSource, type WorkflowSnapshot } from "./workflow-snapshot.js";

export type { SourceCommit };

export interface CurrentWorkflow {
  readonly snapshot: WorkflowSnapshot;
  /** Commits that changed the workflow, newest first (what the PR body names as causes). */
  readonly recentCommits: readonly SourceCommit[];
}

/** A source that cannot be read: the page keeps what it has, and the maintainer is told where. */
export class SourceUnavailableError extends Error {
  constructor(readonly source: MatrixSource, detail: string) {
    super(`${source.repository}:${source.workflow}: ${detail}`);
    this.name = "SourceUnavailableError";
  }
}

/** A component whose releases the app may not list: the changelog keeps what it has until the config or access is fixed. */
export class ComponentUnavailableError extends Error {
  constructor(readonly repository: string, readonly status: number) {
    super(
      `${repository}: cannot list its releases (HTTP ${status}): the repository does not exist, ` +
        "or it is private and the app is not installed on it with contents: read",
    );
    this.name = "ComponentUnavailableError";
  }
}

// Only "you may not see this" is a lasting problem worth naming; anything else (5xx, network) is retried as it is.
function unreadable(repository: string, error: unknown): unknown {
  if (error instanceof RateLimitedError || !isHttpFailure(error) || ![401, 403, 404].includes(error.status)) return error;
  return new ComponentUnavailableError(repository, error.status);
}

/** Promise.all that waits for every read before failing: no request outlives the reconcile that made it. */
async function allRead<T>(reads: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(reads);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

export async function readCurrentWorkflows(
  access: GitHubAccess,
  config: Config,
  docsClient: GitHubClient,
): Promise<CurrentWorkflow[]> {
  return allRead(
    config.sources.map(async (source) => {
      const client = await clientOrFallback(access, parseRepository(source.repository), docsClient);
      const workflow = await readLatestWorkflow(client, parseRepository(source.repository), source.workflow);
      if (!workflow) throw new SourceUnavailableError(source, "the workflow does not exist on the default branch");
      return { snapshot: snapshotOfSource(source, workflow.commit.sha, workflow.text), recentCommits: workflow.recentCommits };
    }),
  );
}

/**
 * The workflows the page was last generated from, for "what changed" (null when the page has no
 * generated table yet, or a recorded source is no longer configured or readable).
 */
export async function readRecordedWorkflows(
  access: GitHubAccess,
  config: Config,
  docsClient: GitHubClient,
  records: readonly SourceRecord[],
): Promise<WorkflowSnapshot[] | null> {
  if (records.length === 0) return null;
  const snapshots: WorkflowSnapshot[] = [];
  for (const record of records) {
    const source = config.sources.find(
      (s) => s.repository.toLowerCase() === record.repository.toLowerCase() && s.workflow === record.path,
    );
    if (!source) return null;
    const client = await clientOrFallback(access, parseRepository(source.repository), docsClient);
    const text = await readWorkflowAt(client, parseRepository(source.repository), source.workflow, record.sha);
    if (text === null) return null;
    snapshots.push(snapshotOfSource(source, record.sha, text));
  }
  return snapshots;
}

export async function readCurrentReleases(
  access: GitHubAccess,
  config: Config,
  docsClient: GitHubClient,
  log: Logger,
  serverUrl: string,
): Promise<ComponentRelease[]> {
  return allRead(
    config.components.map(async (component) => {
      const client = await clientOrFallback(access, parseRepository(component.repository), docsClient);
      const releases = await listReleases(client, parseRepository(component.repository)).catch((error: unknown) => {
        throw unreadable(component.repository, error);
      });
      const selection = selectLatestStable(component, releases, { includePrereleases: config.releases.includePrereleases, serverUrl });
      if (selection.notes.length > 0) {
        log.debug({ component: component.repository, notes: selection.notes }, "tags set aside or read specially");
      }
      return selection.componentRelease;
    }),
  );
}
