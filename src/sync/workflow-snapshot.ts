// A matrix source's workflow at one commit, expanded: the unit every page computation starts from.
import { imageReferenceProblem } from "../support-matrix/image-reference.js";
import { expandMatrix, combinationsOf } from "../workflow/matrix-expansion.js";
import type { Combination, MatrixDefinition } from "../workflow/matrix-types.js";
import type { ExpandedJob } from "../workflow/expanded-job.js";
import { readWorkflow } from "../workflow/read-workflow.js";
import { selectMatrixJob } from "../workflow/job-selection.js";
import { locatedValues } from "../workflow/value-location.js";
import { WorkflowError } from "../workflow/workflow-error.js";
import type { MatrixSource } from "../config/index.js";
import type { SourceRecord } from "./block-record.js";

export interface WorkflowSnapshot {
  /** `owner/name` of the repository holding the workflow. */
  readonly repository: string;
  /** The workflow's path in that repository; also the file name in error messages. */
  readonly path: string;
  /** The commit the text was read at. */
  readonly sha: string;
  readonly text: string;
  /** The job to read; null for "the job whose matrix uses imageKey". */
  readonly job: string | null;
  readonly imageKey: string;
  readonly platformKey: string;
}

/** A configured source's workflow as read at one commit. */
export function snapshotOfSource(source: MatrixSource, sha: string, text: string): WorkflowSnapshot {
  return {
    repository: source.repository,
    path: source.workflow,
    sha,
    text,
    job: source.job,
    imageKey: source.imageKey,
    platformKey: source.platformKey,
  };
}

export interface ExpandedSource {
  readonly snapshot: WorkflowSnapshot;
  readonly record: SourceRecord;
  readonly matrix: MatrixDefinition;
  readonly jobs: readonly ExpandedJob[];
  readonly combinations: readonly Combination[];
}

/** Throws WorkflowError with `path:line:col` for anything GitHub would reject or the bot cannot know. */
export function expandSource(snapshot: WorkflowSnapshot): ExpandedSource {
  const workflow = readWorkflow(snapshot.text, snapshot.path);
  const job = selectMatrixJob(workflow, {
    imageKey: snapshot.imageKey,
    ...(snapshot.job === null ? {} : { jobId: snapshot.job }),
  });
  checkImageReferences(job.matrix, snapshot.imageKey);
  const expansion = expandMatrix(job.matrix);
  return {
    snapshot,
    record: { repository: snapshot.repository, path: snapshot.path, sha: snapshot.sha },
    matrix: job.matrix,
    jobs: expansion.jobs,
    combinations: combinationsOf(expansion),
  };
}

/**
 * Readers copy the image column, so each value of the image key must be a Docker image reference; one that is not
 * (a typo like `opensuse/leap:15.6:`, or markup from a fork) is refused where it is written, before expansion.
 */
function checkImageReferences(matrix: MatrixDefinition, imageKey: string): void {
  for (const { value, location } of locatedValues(matrix, imageKey)) {
    if (value === null) continue;
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    const problem = typeof value === "object" ? "is a list or mapping, not an image reference" : imageReferenceProblem(text);
    const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    if (problem) throw new WorkflowError(location, `${imageKey} value ${JSON.stringify(shown)} ${problem}`);
  }
}
