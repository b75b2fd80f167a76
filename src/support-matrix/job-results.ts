// What CI says about each predicted job: passed, failed or did not run, held steady until a failure repeats.
import { jobNameMatches, type PredictedJobName } from "../workflow/job-display-name.js";
import type { RunEvidence, RunJob } from "./run-evidence.js";

export type JobOutcome = "passed" | "failed" | "did not run";

/** One combination of a configured job, as the run's job list should show it. */
export interface ExpectedJob {
  /** Stable within one reconcile, e.g. `build-iso-arm#2`. */
  readonly key: string;
  /** The configured job id the combination belongs to. */
  readonly jobId: string;
  readonly prediction: PredictedJobName;
}

export interface JobResult {
  /** What the page shows. */
  readonly shown: JobOutcome;
  /** What the newest run did. */
  readonly latest: JobOutcome;
  /** The jobs that failed in the newest run (each a link on the page or in the PR body). */
  readonly failedJobs: readonly RunJob[];
  /** How many consecutive newest runs failed this job. */
  readonly failedRuns: number;
  /**
   * Set when the newest run failed but fewer than `failing_after` consecutive runs did: the page keeps
   * the earlier state and the PR body notes this first failure.
   */
  readonly heldBack: boolean;
}

export interface RunResults {
  /** The newest run with results, or null when the workflow has none. */
  readonly run: RunEvidence | null;
  readonly byKey: ReadonlyMap<string, JobResult>;
  /**
   * Jobs of the newest run that look like a configured job (its id starts their name) but match no
   * predicted combination: listed in the PR body and the logs, never guessed into a cell.
   */
  readonly unmatched: readonly RunJob[];
}

const failedConclusions = new Set(["failure", "timed_out", "startup_failure"]);
const passedConclusions = new Set(["success", "neutral", "skipped"]);

/**
 * A combination's outcome from the jobs it ran: any failure fails it; it passed when every job passed
 * (a job its called workflow skipped on purpose does not count against it) and at least one succeeded;
 * otherwise (no job, or only cancelled/skipped ones) it did not run.
 */
export function outcomeOf(jobs: readonly RunJob[]): JobOutcome {
  if (jobs.some((j) => failedConclusions.has(j.conclusion ?? ""))) return "failed";
  const succeeded = jobs.some((j) => j.conclusion === "success");
  if (succeeded && jobs.every((j) => passedConclusions.has(j.conclusion ?? ""))) return "passed";
  return "did not run";
}

function matchedJobs(run: RunEvidence, expected: ExpectedJob): RunJob[] {
  return run.jobs.filter((j) => jobNameMatches(expected.prediction, j.name));
}

/**
 * Level-triggered and stateless: `runs` are the newest runs with results, newest first. A job shows
 * "failed" only when the newest `failingAfter` runs all failed it; until then it shows what the
 * newest run before the failures did.
 */
export function resultsOf(expected: readonly ExpectedJob[], runs: readonly RunEvidence[], failingAfter: number): RunResults {
  const newest = runs[0] ?? null;
  const byKey = new Map<string, JobResult>();
  if (!newest) return { run: null, byKey, unmatched: [] };
  const window = runs.slice(0, Math.max(1, failingAfter));
  for (const e of expected) {
    const outcomes = window.map((run) => outcomeOf(matchedJobs(run, e)));
    const latest = outcomes[0] ?? "did not run";
    let failedRuns = 0;
    while (failedRuns < outcomes.length && outcomes[failedRuns] === "failed") failedRuns += 1;
    const earlier = outcomes.find((o) => o !== "failed");
    const confirmed = latest === "failed" && (failedRuns >= failingAfter || earlier === undefined);
    const shown: JobOutcome = latest !== "failed" || confirmed ? latest : (earlier ?? latest);
    const failedJobs = latest === "failed" ? matchedJobs(newest, e).filter((j) => failedConclusions.has(j.conclusion ?? "")) : [];
    byKey.set(e.key, { shown, latest, failedJobs, failedRuns, heldBack: latest === "failed" && !confirmed });
  }
  return { run: newest, byKey, unmatched: unmatchedJobs(newest, expected) };
}

function unmatchedJobs(run: RunEvidence, expected: readonly ExpectedJob[]): RunJob[] {
  const ids = [...new Set(expected.map((e) => e.jobId))];
  const looksConfigured = (name: string): boolean => ids.some((id) => name === id || name.startsWith(`${id} (`) || name.startsWith(`${id} / `));
  return run.jobs.filter((j) => looksConfigured(j.name) && !expected.some((e) => jobNameMatches(e.prediction, j.name)));
}
