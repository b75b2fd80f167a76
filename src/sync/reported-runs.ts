// Fills the runs of jobs whose matrix only a running workflow knows from the job names the newest CI run reports (pure).
import type { RunEvidence } from "../support-matrix/run-evidence.js";
import { readJobName } from "../workflow/job-name-pattern.js";
import type { JobRun } from "../workflow/job-shapes/index.js";
import type { ExpandedSource, SourceJob } from "./workflow-snapshot.js";

/**
 * One run per distinct matched name (a reusable call reports several jobs under one caller segment), in the
 * order GitHub lists them. Each run's values are what the pattern's `{key}`s read; roles place them as usual.
 */
function reportedRuns(job: SourceJob, run: RunEvidence): JobRun[] {
  const pattern = job.reportedNames;
  if (!pattern) return [...job.runs];
  const seen = new Map<string, JobRun>();
  for (const reported of run.jobs) {
    const read = readJobName(pattern, reported.name);
    if (!read || seen.has(read.matched)) continue;
    seen.set(read.matched, { jobId: job.id, values: read.values, keys: new Map(), expanded: null, reportedAs: read.matched });
  }
  return [...seen.values()];
}

/** The source as the newest run with results shows it; unchanged without such a run or without `job_names` jobs. */
export function withReportedRuns(source: ExpandedSource, newest: RunEvidence | null): ExpandedSource {
  if (newest === null || !source.jobs.some((j) => j.reportedNames)) return source;
  const jobs = source.jobs.map((job) => (job.reportedNames ? { ...job, runs: reportedRuns(job, newest) } : job));
  return { ...source, jobs, combinations: jobs.flatMap((job) => job.runs.map((r) => r.values)) };
}
