// Everything the bot warns about in one expanded source: coverage of each configured job's matrix, repeated jobs, and keys without a role.
import { diffTestedImages } from "../support-matrix/matrix-diff.js";
import { repeatedJobs } from "../support-matrix/repeated-jobs.js";
import { keysWithoutRole } from "../support-matrix/role-lint.js";
import { roleOf } from "../support-matrix/roles.js";
import { lintCoverage, type CoverageFinding } from "../workflow/coverage-lint.js";
import type { Combination } from "../workflow/matrix-types.js";
import { testedImagesOf } from "./desired-page.js";
import type { ExpandedSource } from "./workflow-snapshot.js";

/** `before` is the same source at an earlier commit: its jobs are matched by id to report jobs no longer tested. */
export function lintSource(now: ExpandedSource, before?: ExpandedSource | null): CoverageFinding[] {
  const imageKey = now.snapshot.roles.image[0];
  const replaces = before ? replacedRelease(before, now) : undefined;
  const coverage = now.jobs.flatMap((job) => {
    if (job.matrix === null) return [];
    const previous = before?.jobs.find((j) => j.id === job.id)?.matrix ?? undefined;
    return lintCoverage(job.matrix, { ...(imageKey ? { imageKey } : {}), ...(previous ? { previous, replaces } : {}) });
  });
  const repeated = repeatedJobs(now.jobs, now.snapshot.roles);
  return [...coverage, ...repeated, ...keysWithoutRole(now.jobs, now.snapshot.roles)];
}

/**
 * A job is not lost when the same job runs with the release that replaced its image (`hadron:v0.5.0` →
 * `hadron:v0.5.1`): the table's diff words the bump as "Replaced … by …", so the lint follows its pairing.
 */
function replacedRelease(before: ExpandedSource, now: ExpandedSource): (old: Combination, current: Combination) => boolean {
  const pairs = new Set([...replacedReferences(before, now)].map(([old, current]) => `${old}\n${current}`));
  const roles = now.snapshot.roles;
  return (old, current) => {
    let bumped = false;
    for (const key of new Set([...Object.keys(old), ...Object.keys(current)])) {
      const [a, b] = [old[key], current[key]];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      if (roleOf(roles, key) !== "image" || !pairs.has(`${String(a)}\n${String(b)}`)) return false;
      bumped = true;
    }
    return bumped;
  };
}

/** Each image reference of `before` that a release of the same image replaced in `now`, as matrix-diff pairs them. */
export function replacedReferences(before: ExpandedSource, now: ExpandedSource): Map<string, string> {
  return new Map(
    diffTestedImages(testedImagesOf([before]), testedImagesOf([now])).flatMap((change) =>
      change.kind === "release-replaced" ? [[change.replaced.reference, change.image.reference] as const] : [],
    ),
  );
}
