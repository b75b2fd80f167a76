// The cross product of a matrix's dimensions, lazily and in GitHub's job order (the first key varies slowest).
//
// GitHub's docs ("Running variations of jobs in a workflow": "The order of the variables in the matrix
// determines the order in which the jobs are created") and MatrixBuilder.Build in actions/runner, which
// walks productIndex with the last vector changing fastest.
import type { Combination, MatrixDimension } from "./matrix-types.js";

/** Exact, so a matrix of 10^12 combinations is reported as such rather than rounded. */
export function productSize(dimensions: readonly MatrixDimension[]): bigint {
  if (dimensions.length === 0) return 0n;
  return dimensions.reduce((size, d) => size * BigInt(d.values.length), 1n);
}

/** Yields one combination at a time, so callers can stop long before a huge product is built. */
export function* crossProduct(dimensions: readonly MatrixDimension[]): Generator<Combination> {
  if (dimensions.length === 0 || dimensions.some((d) => d.values.length === 0)) return;
  const indexes = dimensions.map(() => 0);
  for (;;) {
    yield Object.fromEntries(dimensions.map((d, i) => [d.key, d.values[indexes[i] as number]?.value ?? null]));
    if (!advance(indexes, dimensions)) return;
  }
}

/** An odometer step: the last dimension turns fastest; false once every combination was produced. */
function advance(indexes: number[], dimensions: readonly MatrixDimension[]): boolean {
  for (let i = dimensions.length - 1; i >= 0; i--) {
    const next = (indexes[i] as number) + 1;
    if (next < (dimensions[i] as MatrixDimension).values.length) {
      indexes[i] = next;
      return true;
    }
    indexes[i] = 0;
  }
  return false;
}
