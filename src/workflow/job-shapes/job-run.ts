// One job GitHub runs for a configured job id: its facts (matrix values and evaluated `with:` inputs) and where each key is written.
import type { SourceLocation } from "../../located-error.js";
import type { ExpandedJob } from "../expanded-job.js";
import type { Combination, MatrixValue } from "../matrix-types.js";
import type { WorkflowJob } from "../read-workflow.js";

export interface JobRun {
  readonly jobId: string;
  /**
   * What the run is about, by key: its matrix values, overlaid by the `with:` inputs it passes to a called
   * workflow (evaluated for this combination). Only keys the caller asked for are evaluated.
   */
  readonly values: Combination;
  /** Every key the run has (matrix keys and `with:` inputs), with where it is written, for "this key has no role". */
  readonly keys: ReadonlyMap<string, SourceLocation>;
  /** The matrix job it grew from, for provenance; null when the job has no matrix. */
  readonly expanded: ExpandedJob | null;
  /**
   * For a run read from a name a CI run reported (a matrix only a running workflow knows): that name, or its
   * first segments for a reusable call. It is the run's name; no prediction is made.
   */
  readonly reportedAs?: string;
}

export interface JobShapeContext {
  /** Whether a key's value is needed; others are not evaluated, so an irrelevant runtime-only input is no error. */
  readonly wanted: (key: string) => boolean;
  /** `inputs` defaults of the workflow the job lives in (a reusable workflow read as a source). */
  readonly inputDefaults: ReadonlyMap<string, MatrixValue>;
}

/** One way a job can be written; a new way is a new module in this folder. */
export interface JobShape {
  /** Shown in messages, e.g. "reusable-workflow call". */
  readonly name: string;
  readonly matches: (job: WorkflowJob) => boolean;
  /** Throws WorkflowError (at file:line:col) when a wanted value is not statically known. */
  readonly runs: (job: WorkflowJob, context: JobShapeContext) => JobRun[];
}
