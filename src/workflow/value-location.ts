// Finds where a matrix key's values are written, so a value the bot refuses is reported at its own file:line:col.
import type { Located, MatrixDefinition, MatrixValue } from "./matrix-types.js";

/** Every value written for `key`: its dimension list, then each include entry, in the order written. */
export function locatedValues(matrix: MatrixDefinition, key: string): Located<MatrixValue>[] {
  const listed = matrix.dimensions.filter((dimension) => dimension.key === key).flatMap((dimension) => dimension.values);
  const included = matrix.include.flatMap((entry) =>
    entry.pairs.filter((pair) => pair.key === key).map((pair) => ({ value: pair.value, location: pair.valueLocation })),
  );
  return [...listed, ...included];
}
