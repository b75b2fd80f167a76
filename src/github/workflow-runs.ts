// Reads the newest completed runs of a watched workflow on the default branch, with every job of each.
import type { RunEvidence, RunJob } from "../support-matrix/run-evidence.js";
import { isNotFound, type GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

/**
 * Completed runs listed per read. Enough to step over runs that are not evidence (a concurrency group
 * with cancel-in-progress cancels many) and still find `failing_after` runs; one page, so an unchanged
 * list is a single 304.
 */
export const RUNS_PER_READ = 20;

/** Runs the default branch starts on its own; a pull request's runs are checks of unmerged code. */
const resultEvents = new Set(["push", "schedule"]);

/** A cancelled, skipped or stale run says nothing about the jobs it never finished. */
const noEvidence = new Set(["cancelled", "skipped", "stale"]);

/** Jobs of this many run attempts are remembered: a few workflows × `failing_after` runs, with room for re-runs. */
export const REMEMBERED_RUN_ATTEMPTS = 64;

/**
 * The jobs of completed run attempts already read. A completed attempt's jobs never change: a re-run is a
 * new attempt with a higher `run_attempt` (GitHub's GITHUB_RUN_ATTEMPT "begins at 1 for the workflow run's
 * first attempt, and increments with each re-run", Variables reference), so its jobs are read afresh. So a
 * run that is still the newest, or an older run kept for `failing_after`, costs no call at all, not even a 304.
 */
export class RunJobsMemory {
  readonly #jobs = new Map<string, readonly RunJob[]>();

  static key(repository: RepositoryRef, runId: number, attempt: number): string {
    return `${repository.owner}/${repository.repo}`.toLowerCase() + `#${runId}#${attempt}`;
  }

  get(key: string): readonly RunJob[] | undefined {
    const jobs = this.#jobs.get(key);
    if (jobs) {
      // Least recently used goes first: a Map keeps insertion order.
      this.#jobs.delete(key);
      this.#jobs.set(key, jobs);
    }
    return jobs;
  }

  set(key: string, jobs: readonly RunJob[]): void {
    this.#jobs.delete(key);
    this.#jobs.set(key, jobs);
    while (this.#jobs.size > REMEMBERED_RUN_ATTEMPTS) this.#jobs.delete(this.#jobs.keys().next().value!);
  }
}

export interface RunsQuery {
  /** The workflow's path in its repository, e.g. `.github/workflows/master.yaml`. */
  readonly workflow: string;
  readonly branch: string;
  /** How many runs with results to read, newest first. */
  readonly count: number;
}

/**
 * The newest `count` completed push or schedule runs with results, newest first; [] when the
 * workflow has never run. Every call goes through conditional requests: a quiet hour costs 304s.
 */
export async function readRecentRuns(
  octokit: GitHubClient,
  repository: RepositoryRef,
  query: RunsQuery,
  memory: RunJobsMemory = new RunJobsMemory(),
): Promise<RunEvidence[]> {
  // GitHub takes the workflow's file name in place of its numeric id (REST "List workflow runs for a workflow").
  const file = query.workflow.split("/").pop() ?? query.workflow;
  let runs;
  try {
    const { data } = await octokit.rest.actions.listWorkflowRuns({
      ...repository,
      workflow_id: file,
      branch: query.branch,
      status: "completed",
      per_page: RUNS_PER_READ,
    });
    runs = data.workflow_runs;
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const evidence = runs.filter((r) => resultEvents.has(r.event) && !noEvidence.has(r.conclusion ?? "")).slice(0, Math.max(1, query.count));
  return Promise.all(
    evidence.map(async (run) => ({
      id: run.id,
      number: run.run_number,
      attempt: run.run_attempt ?? 1,
      url: run.html_url,
      headSha: run.head_sha,
      event: run.event,
      conclusion: run.conclusion,
      createdAt: run.created_at,
      jobs: await rememberedJobs(memory, RunJobsMemory.key(repository, run.id, run.run_attempt ?? 1), () => readJobs(octokit, repository, run.id)),
    })),
  );
}

async function rememberedJobs(memory: RunJobsMemory, key: string, read: () => Promise<RunJob[]>): Promise<readonly RunJob[]> {
  const known = memory.get(key);
  if (known) return known;
  const jobs = await read();
  // `filter=latest` answers with the newest attempt: one re-run since the list was read would still be running,
  // its jobs without a conclusion. Only finished jobs are kept under the attempt the list named.
  if (jobs.every((j) => j.conclusion !== null)) memory.set(key, jobs);
  return jobs;
}

/** Every job of the run's latest attempt: a job re-run to success counts as a success. */
async function readJobs(octokit: GitHubClient, repository: RepositoryRef, runId: number): Promise<RunJob[]> {
  const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    ...repository,
    run_id: runId,
    filter: "latest",
    per_page: 100,
  });
  return jobs.map((j) => ({ name: j.name, conclusion: j.conclusion, url: j.html_url ?? "" }));
}
