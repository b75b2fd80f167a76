// The shapes a strategy.matrix takes once read: values keep their YAML scalar types, and every part keeps its position.
import type { SourceLocation } from "../located-error.js";

/** A matrix value as YAML gave it: `fips: true` stays a boolean, `go-version: 1.24` a number. */
export type MatrixValue =
  | string
  | number
  | boolean
  | null
  | readonly MatrixValue[]
  | { readonly [key: string]: MatrixValue };

/** One job's matrix context, keys in the order GitHub would show them. */
export type Combination = Readonly<Record<string, MatrixValue>>;

/** A value and where the maintainer wrote it. */
export interface Located<T> {
  readonly value: T;
  readonly location: SourceLocation;
}

/** One `key: value` line of an include or exclude entry. */
export interface MatrixPair {
  readonly key: string;
  readonly keyLocation: SourceLocation;
  readonly value: MatrixValue;
  readonly valueLocation: SourceLocation;
}

/** A matrix key with a list of values, e.g. `platform: [amd64, arm64]`. */
export interface MatrixDimension {
  readonly key: string;
  readonly keyLocation: SourceLocation;
  readonly values: readonly Located<MatrixValue>[];
}

/** One mapping of `include:` or `exclude:`. */
export interface MatrixEntry {
  readonly list: "include" | "exclude";
  /** 0-based position in its list. */
  readonly index: number;
  /** Where the entry's mapping starts (its first key). */
  readonly location: SourceLocation;
  readonly pairs: readonly MatrixPair[];
}

/** A statically known `strategy.matrix`, ready to expand. */
export interface MatrixDefinition {
  readonly file: string;
  readonly jobId: string;
  /** The `matrix` key itself: errors about the whole matrix point here. */
  readonly location: SourceLocation;
  /** In the order written: the first dimension varies slowest. */
  readonly dimensions: readonly MatrixDimension[];
  readonly include: readonly MatrixEntry[];
  readonly exclude: readonly MatrixEntry[];
}
