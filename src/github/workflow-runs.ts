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
export async function readRecentRuns(octokit: GitHubClient, repository: RepositoryRef, query: RunsQuery): Promise<RunEvidence[]> {
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
      jobs: await readJobs(octokit, repository, run.id),
    })),
  );
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
