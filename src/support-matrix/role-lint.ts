// Keys of configured jobs that no role names: they never reach the table, so the maintainer is told where they are.
import type { SourceLocation } from "../located-error.js";
import type { CoverageFinding } from "../workflow/coverage-lint.js";
import { roleOf, type Roles } from "./roles.js";

/** What role-lint needs of a job: its id and, per run, every key with where it is written. */
export interface JobKeys {
  readonly id: string;
  readonly runs: readonly { readonly keys: ReadonlyMap<string, SourceLocation> }[];
}

/** One finding per job and key, at the key's first occurrence, in file order. */
export function keysWithoutRole(jobs: readonly JobKeys[], roles: Roles): CoverageFinding[] {
  const findings: CoverageFinding[] = [];
  for (const job of jobs) {
    const seen = new Set<string>();
    for (const run of job.runs) {
      for (const [key, location] of run.keys) {
        if (seen.has(key) || roleOf(roles, key) !== null) continue;
        seen.add(key);
        findings.push({
          kind: "key-without-role",
          location,
          message:
            `key "${key}" of job "${job.id}" has no role, so the table does not show it; ` +
            `name it under roles (image, platform, board, variant, kubernetes, flag or suite) or under roles.ignore`,
        });
      }
    }
  }
  return findings.sort((a, b) => a.location.line - b.location.line || a.location.col - b.location.col);
}
