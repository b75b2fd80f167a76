// One job a matrix expands to, with the provenance of its values (which include entries shaped it, and how).
import type { SourceLocation } from "../located-error.js";
import type { Combination, MatrixEntry, MatrixValue } from "./matrix-types.js";

/** An include entry setting one key on a job. */
export interface KeyAssignment {
  /** As the job shows it: an overwrite keeps the casing of the key first added. */
  readonly key: string;
  readonly value: MatrixValue;
  /** The value in the include entry. */
  readonly location: SourceLocation;
  /** Present when an earlier include entry had already set this key on the same job. */
  readonly overwritten?: { readonly value: MatrixValue; readonly setBy: MatrixEntry };
}

/** An include entry merged into an original combination. */
export interface IncludeMerge {
  readonly entry: MatrixEntry;
  /** Only keys that are not dimensions: dimension values are what the entry matched on. */
  readonly assignments: readonly KeyAssignment[];
}

export interface ExpandedJob {
  /** The job's matrix context, as GitHub gives it. */
  readonly values: Combination;
  /** The cross-product combination the job grew from; null for a job an include entry created. */
  readonly original: Combination | null;
  /** The include entry that created this job, when it matched no original combination. */
  readonly createdBy: MatrixEntry | null;
  /** Include entries merged into this job, in include order. */
  readonly merges: readonly IncludeMerge[];
}
