// The page cannot take a generated block: no place for it, or markers that do not pair up.
import { LocatedError, type SourceLocation } from "../located-error.js";

export type SpliceProblem = "no-anchor" | "duplicate-heading" | "no-table" | "broken-markers";

export class SpliceError extends LocatedError {
  readonly problem: SpliceProblem;

  constructor(location: SourceLocation, problem: SpliceProblem, detail: string) {
    super(location, detail);
    this.problem = problem;
  }
}
