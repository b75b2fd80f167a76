// Reads a matrix source's workflow at the last commit that changed it on the default branch.
import type { GitHubClient } from "./github-client.js";
import { readTextFile } from "./repository-files.js";
import type { RepositoryRef } from "./repository.js";

export interface SourceCommit {
  readonly sha: string;
  /** First line of the commit message. */
  readonly title: string;
  readonly url: string;
}

export interface WorkflowAtCommit {
  readonly path: string;
  readonly text: string;
  /** The last commit on the default branch that changed the workflow: what the docs link to. */
  readonly commit: SourceCommit;
  /** Recent commits that changed the workflow, newest first: the PR body links the ones since the last sync. */
  readonly recentCommits: readonly SourceCommit[];
}

/** How many commits touching the workflow one read brings back, to name the causes of a change. */
const RECENT_COMMITS = 20;

/**
 * Linking to the last commit that touched the file (not the branch head) keeps the rendered page
 * stable across unrelated pushes, and the path-filtered list answers 304 until the file changes.
 */
export async function readLatestWorkflow(
  octokit: GitHubClient,
  repository: RepositoryRef,
  path: string,
): Promise<WorkflowAtCommit | null> {
  const { data } = await octokit.rest.repos.listCommits({ ...repository, path, per_page: RECENT_COMMITS });
  const recentCommits = data.map(
    (c): SourceCommit => ({ sha: c.sha, title: c.commit.message.split("\n", 1)[0] ?? "", url: c.html_url }),
  );
  const commit = recentCommits[0];
  if (!commit) return null;
  const file = await readTextFile(octokit, repository, path, commit.sha);
  if (!file) return null;
  return { path, text: file.text, commit, recentCommits };
}

/** The workflow as it was at a given commit (immutable, so cached after the first read). */
export async function readWorkflowAt(
  octokit: GitHubClient,
  repository: RepositoryRef,
  path: string,
  sha: string,
): Promise<string | null> {
  const file = await readTextFile(octokit, repository, path, sha);
  return file?.text ?? null;
}

/** Whether a push changed the workflow, when its commit lists cannot say (forced or truncated pushes). */
export async function workflowChangedBetween(
  octokit: GitHubClient,
  repository: RepositoryRef,
  path: string,
  before: string,
  after: string,
): Promise<boolean> {
  const [old, current] = await Promise.all([
    readTextFile(octokit, repository, path, before),
    readTextFile(octokit, repository, path, after),
  ]);
  return old?.blobSha !== current?.blobSha;
}
