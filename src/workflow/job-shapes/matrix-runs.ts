// The matrix part every job shape shares: the combinations a job's `strategy.matrix` expands to, with where each key is written.
import type { SourceLocation } from "../../located-error.js";
import type { ExpandedJob } from "../expanded-job.js";
import { expandMatrix } from "../matrix-expansion.js";
import type { MatrixDefinition } from "../matrix-types.js";
import type { WorkflowJob } from "../read-workflow.js";

/** The jobs a matrix expands to; a job without `strategy.matrix` runs once, with an empty matrix context. */
export function matrixRunsOf(job: WorkflowJob): { readonly matrix: MatrixDefinition | null; readonly jobs: readonly (ExpandedJob | null)[] } {
  if (job.matrix === null) return { matrix: null, jobs: [null] };
  if (job.matrix.kind === "unreadable") throw job.matrix.problem;
  return { matrix: job.matrix.matrix, jobs: expandMatrix(job.matrix.matrix).jobs };
}

/** The first place each matrix key is written: a dimension, or an include entry's pair. */
export function matrixKeyLocations(matrix: MatrixDefinition | null): Map<string, SourceLocation> {
  const locations = new Map<string, SourceLocation>();
  if (matrix === null) return locations;
  for (const dimension of matrix.dimensions) locations.set(dimension.key, dimension.keyLocation);
  for (const entry of matrix.include) {
    for (const pair of entry.pairs) if (!locations.has(pair.key)) locations.set(pair.key, pair.keyLocation);
  }
  return locations;
}
