// The ways a job can be written, and the runs GitHub makes of a job whatever its shape.
import type { WorkflowJob } from "../read-workflow.js";
import type { JobRun, JobShape, JobShapeContext } from "./job-run.js";
import { matrixJob } from "./matrix-job.js";
import { reusableWorkflowCall } from "./reusable-workflow-call.js";

export type { JobRun, JobShape, JobShapeContext } from "./job-run.js";

/** Tried in order; the first that matches reads the job. */
export const JOB_SHAPES: readonly JobShape[] = [reusableWorkflowCall, matrixJob];

export function shapeOf(job: WorkflowJob): JobShape {
  // matrixJob matches every job without `uses:`, so one always matches.
  return JOB_SHAPES.find((shape) => shape.matches(job)) ?? matrixJob;
}

/** Throws WorkflowError with `file:line:col` when the job's matrix or a wanted input cannot be known before a run. */
export function runsOf(job: WorkflowJob, context: JobShapeContext): JobRun[] {
  return shapeOf(job).runs(job, context);
}
