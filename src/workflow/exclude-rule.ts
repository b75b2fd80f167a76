// The exclude rule: a combination of the cross product is dropped when any exclude entry matches it, even partially.
//
// GitHub's docs ("Excluding matrix configurations": "An excluded configuration only has to be a partial
// match for it to be excluded", and includes are processed after excludes). MatrixBuilder.Build in
// actions/runner tests excludes against each product vector before any include is applied. Every
// exclude key is a dimension (matrix-definition.ts rejects others, as GitHub does).
import { filterMatches } from "./matrix-filter.js";
import type { Combination, MatrixEntry } from "./matrix-types.js";

export function isExcluded(combination: Combination, exclude: readonly MatrixEntry[]): boolean {
  return exclude.some((entry) => filterMatches(entry.pairs, combination));
}
