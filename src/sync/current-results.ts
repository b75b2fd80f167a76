// Reads what CI last did for every watched workflow: its newest completed runs on the default branch, with their jobs.
import type { Config } from "../config/index.js";
import { clientOrFallback, type GitHubAccess } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import { parseRepository } from "../github/repository.js";
import { readRepositoryInfo } from "../github/repository-files.js";
import { readRecentRuns, RunJobsMemory } from "../github/workflow-runs.js";
import type { RunEvidence } from "../support-matrix/run-evidence.js";

export interface WorkflowRuns {
  readonly repository: string;
  /** The workflow's path, as configured. */
  readonly workflow: string;
  readonly branch: string;
  /** The newest `failing_after` runs with results, newest first; empty when it has none yet. */
  readonly runs: readonly RunEvidence[];
}

/**
 * What one process remembers between reconciles so that a run that changes nothing costs almost nothing:
 * the jobs of completed run attempts (they never change), and each source repository's default branch.
 * The default branch is read again on every periodic reconcile (`forgetBranches`), as the docs
 * repository's is on a failed read: a renamed branch is picked up within one interval.
 */
export class ResultsMemory {
  readonly jobs = new RunJobsMemory();
  readonly #branches = new Map<string, string>();

  async defaultBranch(client: GitHubClient, repository: { owner: string; repo: string }): Promise<string> {
    const key = `${repository.owner}/${repository.repo}`.toLowerCase();
    const known = this.#branches.get(key);
    if (known !== undefined) return known;
    const { defaultBranch } = await readRepositoryInfo(client, repository);
    this.#branches.set(key, defaultBranch);
    return defaultBranch;
  }

  forgetBranches(): void {
    this.#branches.clear();
  }
}

/** One entry per configured (repository, workflow), in configuration order. */
export async function readCurrentRuns(
  access: GitHubAccess,
  config: Config,
  docsClient: GitHubClient,
  memory: ResultsMemory = new ResultsMemory(),
): Promise<WorkflowRuns[]> {
  const seen = new Set<string>();
  const watched = config.sources.filter((s) => {
    const key = `${s.repository.toLowerCase()} ${s.workflow}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return Promise.all(
    watched.map(async (source) => {
      const repository = parseRepository(source.repository);
      const client = await clientOrFallback(access, repository, docsClient);
      const defaultBranch = await memory.defaultBranch(client, repository);
      const runs = await readRecentRuns(client, repository, { workflow: source.workflow, branch: defaultBranch, count: config.results.failingAfter }, memory.jobs);
      return { repository: source.repository, workflow: source.workflow, branch: defaultBranch, runs };
    }),
  );
}
