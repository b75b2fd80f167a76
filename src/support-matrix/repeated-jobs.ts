// Include entries that add a job its job already has, as the roles read it: the table shows both as one, so the job the entry was meant to add is not tested.
import { formatLocation, type SourceLocation } from "../located-error.js";
import type { CoverageFinding } from "../workflow/coverage-lint.js";
import { describeJob, formatMatrixValue } from "../workflow/job-description.js";
import type { JobRun } from "../workflow/job-shapes/index.js";
import type { Combination } from "../workflow/matrix-types.js";
import { roleOf, type Roles } from "./roles.js";

/** What the check needs of a configured job: its id and its runs, in GitHub's order. */
export interface JobRuns {
  readonly id: string;
  readonly runs: readonly JobRun[];
}

interface FirstRun {
  readonly run: JobRun;
  readonly where: SourceLocation | null;
}

/**
 * An include-only matrix (master.yaml's `build-iso`) makes every entry a job of its own, so a copied entry whose
 * identifying values were not edited runs twice under two names while the job it was meant for never runs.
 * Only keys under `roles.ignore` (`name`, `iso`, `registry_*`) do not identify a job: a key without a role still
 * does, so jobs the roles cannot tell apart are never mistaken for one.
 */
export function repeatedJobs(jobs: readonly JobRuns[], roles: Roles): CoverageFinding[] {
  return jobs.flatMap((job) => {
    const seen = new Map<string, FirstRun>();
    const findings: CoverageFinding[] = [];
    for (const run of job.runs) {
      const identity = identifyingValues(run.values, roles);
      const key = JSON.stringify(Object.entries(identity).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const first = seen.get(key);
      const entry = run.expanded?.createdBy ?? null;
      if (!first) seen.set(key, { run, where: entry?.location ?? null });
      else if (entry) findings.push(finding(job.id, entry.location, identity, first, run));
    }
    return findings;
  });
}

function identifyingValues(values: Combination, roles: Roles): Combination {
  return Object.fromEntries(Object.entries(values).filter(([key]) => roleOf(roles, key) !== "ignore"));
}

function finding(jobId: string, location: SourceLocation, identity: Combination, first: FirstRun, run: JobRun): CoverageFinding {
  const other = first.where ? `the include entry at ${formatLocation(first.where)}` : "an original combination";
  const differences = differingValues(first.run.expanded?.values ?? {}, run.expanded?.values ?? {});
  const how =
    differences.length === 0
      ? "with the same values, so GitHub runs it twice"
      : `and differs only in ${differences.join(", ")}, which the table does not show, so it shows both as one job`;
  return {
    kind: "include-repeats-job",
    location,
    message:
      `include entry names the job ${describeJob(identity)} of "${jobId}" that ${other} already adds, ${how}: ` +
      `the job it was meant to add is not tested. Change the value that tells the two apart (its image, platform, board, variant or flag), or remove the entry.`,
  };
}

/** `name: master-arm64-rpi3 here, master-arm64-rpi4 there`-style pairs, in the entry's key order. */
function differingValues(before: Combination, now: Combination): string[] {
  const keys = [...new Set([...Object.keys(now), ...Object.keys(before)])];
  return keys.flatMap((key) => {
    const [a, b] = [before[key], now[key]];
    if (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)) return [];
    const shown = (value: typeof a) => (value === undefined ? "unset" : formatMatrixValue(value));
    return [`${key} (${shown(b)} here, ${shown(a)} there)`];
  });
}
