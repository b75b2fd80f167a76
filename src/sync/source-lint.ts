// Everything the bot warns about in one expanded source: coverage of each configured job's matrix, repeated jobs, and keys without a role.
import { repeatedJobs } from "../support-matrix/repeated-jobs.js";
import { keysWithoutRole } from "../support-matrix/role-lint.js";
import { lintCoverage, type CoverageFinding } from "../workflow/coverage-lint.js";
import type { ExpandedSource } from "./workflow-snapshot.js";

/** `before` is the same source at an earlier commit: its jobs are matched by id to report jobs no longer tested. */
export function lintSource(now: ExpandedSource, before?: ExpandedSource | null): CoverageFinding[] {
  const imageKey = now.snapshot.roles.image[0];
  const coverage = now.jobs.flatMap((job) => {
    if (job.matrix === null) return [];
    const previous = before?.jobs.find((j) => j.id === job.id)?.matrix ?? undefined;
    return lintCoverage(job.matrix, { ...(imageKey ? { imageKey } : {}), ...(previous ? { previous } : {}) });
  });
  const repeated = repeatedJobs(now.jobs, now.snapshot.roles);
  return [...coverage, ...repeated, ...keysWithoutRole(now.jobs, now.snapshot.roles)];
}
