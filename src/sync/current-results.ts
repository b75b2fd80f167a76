// Reads what CI last did for every watched workflow: its newest completed runs on the default branch, with their jobs.
import type { Config } from "../config/index.js";
import { clientOrFallback, type GitHubAccess } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import { parseRepository } from "../github/repository.js";
import { readRepositoryInfo } from "../github/repository-files.js";
import { readRecentRuns } from "../github/workflow-runs.js";
import type { RunEvidence } from "../support-matrix/run-evidence.js";

export interface WorkflowRuns {
  readonly repository: string;
  /** The workflow's path, as configured. */
  readonly workflow: string;
  readonly branch: string;
  /** The newest `failing_after` runs with results, newest first; empty when it has none yet. */
  readonly runs: readonly RunEvidence[];
}

/** One entry per configured (repository, workflow), in configuration order. */
export async function readCurrentRuns(access: GitHubAccess, config: Config, docsClient: GitHubClient): Promise<WorkflowRuns[]> {
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
      const { defaultBranch } = await readRepositoryInfo(client, repository);
      const runs = await readRecentRuns(client, repository, { workflow: source.workflow, branch: defaultBranch, count: config.results.failingAfter });
      return { repository: source.repository, workflow: source.workflow, branch: defaultBranch, runs };
    }),
  );
}
