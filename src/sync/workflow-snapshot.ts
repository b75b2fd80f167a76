// A source's workflow at one commit, its configured jobs expanded into runs: the unit every page computation starts from.
import type { MatrixSource } from "../config/index.js";
import type { Labels } from "../support-matrix/labels.js";
import { roleOf, isPlacingRole, type Roles } from "../support-matrix/roles.js";
import type { Combination, MatrixDefinition } from "../workflow/matrix-types.js";
import { readWorkflow, type Workflow, type WorkflowJob } from "../workflow/read-workflow.js";
import { selectJobs, selectLegacyJob } from "../workflow/job-selection.js";
import { runsOf, shapeOf, type JobRun } from "../workflow/job-shapes/index.js";
import { imageReferenceProblem } from "../support-matrix/image-reference.js";
import { locatedValues } from "../workflow/value-location.js";
import { WorkflowError } from "../workflow/workflow-error.js";
import { parseJobNamePattern, type JobNamePattern } from "../workflow/job-name-pattern.js";
import { neverRunsProblems, type NeverRunsError } from "../workflow/never-runs.js";
import type { SourceRecord } from "./block-record.js";

export interface WorkflowSnapshot {
  /** `owner/name` of the repository holding the workflow. */
  readonly repository: string;
  /** The workflow's path in that repository; also the file name in error messages. */
  readonly path: string;
  /** The commit the text was read at. */
  readonly sha: string;
  readonly text: string;
  /** Job ids or `*` patterns; empty for the older "the job whose matrix uses an image key". */
  readonly jobs: readonly string[];
  /** Job id → pattern of the names GitHub reports, for jobs whose matrix only a running workflow knows. */
  readonly jobNames?: Readonly<Record<string, string>>;
  readonly roles: Roles;
  readonly labels: Labels;
  /** The repository's default branch, when known: the "never runs" check judges branch filters against it. */
  readonly defaultBranch?: string | null;
  /**
   * False where `path` is only a local file name (`lint`): the caller judges "never runs" with the repository
   * path it knows, and still lints what the file lists. Unset in the app, where `path` is the repository path.
   */
  readonly judgeRuns?: boolean;
}

/** A configured source's workflow as read at one commit. */
export function snapshotOfSource(source: MatrixSource, sha: string, text: string): WorkflowSnapshot {
  return {
    repository: source.repository,
    path: source.workflow,
    sha,
    text,
    jobs: source.jobs,
    ...(source.jobNames ? { jobNames: source.jobNames } : {}),
    roles: source.roles,
    labels: source.labels,
  };
}

/** One configured job and the runs GitHub makes of it. */
export interface SourceJob {
  readonly id: string;
  /** The job as the workflow writes it (its `name:` and `uses:` give the names GitHub shows for its runs). */
  readonly job: WorkflowJob;
  /** Which module in workflow/job-shapes/ read it, e.g. "reusable-workflow call". */
  readonly shape: string;
  /** Its `strategy.matrix`, when it has one (what the coverage lint checks). */
  readonly matrix: MatrixDefinition | null;
  readonly runs: readonly JobRun[];
  /**
   * Set for a job whose matrix only a running workflow knows and whose names `job_names` describes: its runs
   * are read from the job names a CI run reports (sync/reported-runs.ts), none before that.
   */
  readonly reportedNames?: JobNamePattern;
}

export interface ExpandedSource {
  readonly snapshot: WorkflowSnapshot;
  readonly record: SourceRecord;
  readonly workflow: Workflow;
  /** The configured jobs, in file order. */
  readonly jobs: readonly SourceJob[];
  /** Every run's values, job after job: what the table is made of. */
  readonly combinations: readonly Combination[];
  /** Why GitHub never runs the configured jobs; when any, `jobs` is empty: the source claims nothing. */
  readonly neverRuns: readonly NeverRunsError[];
}

function expandJob(job: WorkflowJob, workflow: Workflow, snapshot: WorkflowSnapshot): SourceJob {
  const roles = snapshot.roles;
  if (job.matrix?.kind === "unreadable" && job.matrix.problem.detail.includes("not statically known")) return dynamicJob(job, job.matrix.problem, snapshot);
  const runs = runsOf(job, { wanted: (key) => isPlacingRole(roleOf(roles, key)), inputDefaults: workflow.inputDefaults });
  const matrix = job.matrix?.kind === "static" ? job.matrix.matrix : null;
  if (matrix) for (const key of roles.image) checkImageReferences(matrix, key);
  return { id: job.id, job, shape: shapeOf(job).name, matrix, runs };
}

/**
 * A matrix only a running workflow knows (`fromJson(needs.matrix.outputs.matrix)`, as in the monorepo's
 * _build-kairos.yaml): with a `job_names` pattern its runs come from the names GitHub reports; without one
 * it is reported as not statically known, where it is written, never guessed.
 */
function dynamicJob(job: WorkflowJob, problem: WorkflowError, snapshot: WorkflowSnapshot): SourceJob {
  const written = snapshot.jobNames?.[job.id];
  const pattern = written === undefined ? null : parseJobNamePattern(written);
  if (pattern === null) {
    throw new WorkflowError(
      problem.location,
      `${problem.detail}; to show its cells from the job names a run reports, set job_names.${job.id} in the source's configuration (e.g. "${job.id} ({arch})")`,
    );
  }
  return { id: job.id, job, shape: shapeOf(job).name, matrix: null, runs: [], reportedNames: pattern };
}

/**
 * Snapshots are immutable, and one preview expands the same one for the page, the tested-image changes and
 * the coverage lint: remembered per snapshot object, a hostile 484 KB workflow is parsed once, not three
 * times (1.7 s of CPU otherwise; issue #12 asks for under one). Refusals are remembered too.
 */
const expansions = new WeakMap<WorkflowSnapshot, ExpandedSource | WorkflowError>();

/** Throws WorkflowError with `path:line:col` for anything GitHub would reject or the bot cannot know. */
export function expandSource(snapshot: WorkflowSnapshot): ExpandedSource {
  const known = expansions.get(snapshot);
  if (known instanceof WorkflowError) throw known;
  if (known) return known;
  try {
    const expanded = expandOnce(snapshot);
    expansions.set(snapshot, expanded);
    return expanded;
  } catch (error) {
    if (error instanceof WorkflowError) expansions.set(snapshot, error);
    throw error;
  }
}

function expandOnce(snapshot: WorkflowSnapshot): ExpandedSource {
  const workflow = readWorkflow(snapshot.text, snapshot.path);
  const selected = snapshot.jobs.length === 0 ? [selectLegacyJob(workflow, snapshot.roles.image)] : selectJobs(workflow, snapshot.jobs);
  const neverRuns = snapshot.judgeRuns === false ? [] : neverRunsProblems(workflow, {
    path: snapshot.path,
    defaultBranch: snapshot.defaultBranch ?? null,
    jobIds: selected.map((job) => job.id),
  });
  // A workflow GitHub never runs is not expanded: what it lists is no claim, and an unreadable part of it no error.
  const jobs = neverRuns.length > 0 ? [] : selected.map((job) => expandJob(job, workflow, snapshot));
  return {
    snapshot,
    record: { repository: snapshot.repository, path: snapshot.path, sha: snapshot.sha },
    workflow,
    jobs,
    combinations: jobs.flatMap((job) => job.runs.map((run) => run.values)),
    neverRuns,
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
