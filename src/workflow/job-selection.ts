// Picks the configured jobs of a workflow: by id or `*` pattern, or (older form) the only job whose matrix uses the image key.
import { formatLocation } from "../located-error.js";
import { matchesNamePattern } from "./name-pattern.js";
import type { MatrixJob, StaticMatrixJob, Workflow, WorkflowJob } from "./read-workflow.js";
import { WorkflowError } from "./workflow-error.js";

/** kairos-init's test.yml names its image key `base_image`. */
export const DEFAULT_IMAGE_KEY = "base_image";
/** kairos-init's test.yml says `platform`; the kairos monorepo's workflows say `arch`. */
export const DEFAULT_PLATFORM_KEY = "platform";

export interface JobSelection {
  /** When set, exactly this job; otherwise the single job whose matrix uses `imageKey`. */
  readonly jobId?: string;
  readonly imageKey: string;
}

export function selectMatrixJob(workflow: Workflow, selection: JobSelection): StaticMatrixJob {
  const job = selection.jobId === undefined ? jobUsingKey(workflow, selection.imageKey) : jobById(workflow, selection.jobId);
  if (job.kind === "unreadable") throw job.problem;
  return job;
}

function jobById(workflow: Workflow, jobId: string): MatrixJob {
  const job = workflow.matrixJobs.find((j) => j.id === jobId);
  if (job) return job;
  if (workflow.jobIds.includes(jobId)) {
    throw new WorkflowError(workflow.jobsLocation, `job "${jobId}" has no strategy.matrix`);
  }
  throw new WorkflowError(
    workflow.jobsLocation,
    `job "${jobId}" not found; the jobs are: ${workflow.jobIds.join(", ") || "none"}`,
  );
}

function jobUsingKey(workflow: Workflow, imageKey: string): MatrixJob {
  // GitHub looks matrix keys up ignoring case, so `Base_Image` is the same key.
  const wanted = imageKey.toLowerCase();
  const candidates = workflow.matrixJobs.filter((j) => j.keys.some((k) => k.toLowerCase() === wanted));
  const [only, ...others] = candidates;
  if (only && others.length === 0) return only;
  if (only) {
    const names = candidates.map((j) => `${j.id} (${formatLocation(j.location)})`).join(", ");
    throw new WorkflowError(
      workflow.jobsLocation,
      `several jobs' matrices use ${imageKey}: ${names}; configure which job to read`,
    );
  }
  const opaque = workflow.matrixJobs.find((j) => j.kind === "unreadable" && j.keys.length === 0);
  if (opaque?.kind === "unreadable") {
    throw new WorkflowError(
      opaque.problem.location,
      `no job's matrix visibly uses ${imageKey}, and job "${opaque.id}" cannot be checked: ${opaque.problem.detail}`,
    );
  }
  throw new WorkflowError(workflow.jobsLocation, `no job's matrix uses ${imageKey} (${describeJobs(workflow)})`);
}

function describeJobs(workflow: Workflow): string {
  if (workflow.matrixJobs.length === 0) return `no job has a matrix; jobs: ${workflow.jobIds.join(", ") || "none"}`;
  return `matrix jobs: ${workflow.matrixJobs.map((j) => `${j.id} [${j.keys.join(", ")}]`).join(", ")}`;
}

/**
 * The configured jobs, in file order: each id or `*` pattern must name at least one job, so a typo or a
 * renamed job is a located error instead of a quietly shorter table.
 */
export function selectJobs(workflow: Workflow, patterns: readonly string[]): WorkflowJob[] {
  for (const pattern of patterns) {
    if (!workflow.jobs.some((job) => matchesNamePattern(pattern, job.id))) {
      const what = pattern.includes("*") ? `no job matches "${pattern}"` : `job "${pattern}" not found`;
      throw new WorkflowError(workflow.jobsLocation, `${what}; the jobs are: ${workflow.jobIds.join(", ") || "none"}`);
    }
  }
  return workflow.jobs.filter((job) => patterns.some((pattern) => matchesNamePattern(pattern, job.id)));
}

/** The older single-job form: the job picked by id, or the one whose matrix uses an image key. */
export function selectLegacyJob(workflow: Workflow, imageKeys: readonly string[]): WorkflowJob {
  const imageKey = imageKeys[0] ?? DEFAULT_IMAGE_KEY;
  const matrixJob = selectMatrixJob(workflow, { imageKey });
  return workflow.jobs.find((job) => job.id === matrixJob.id) as WorkflowJob;
}

/**
 * The jobs that name an image, for the command line where no configuration says which jobs to read: those whose
 * matrix or `with:` has one of `keys` (ids or `*` patterns, case ignored as GitHub ignores it in matrix keys). In
 * master.yaml these are `build-iso`, `build-iso-arm` and the `qemu-tests-*` jobs; in kairos-init's test.yml, its one
 * matrix job. Empty when no job does (then the older single-job selection explains what is missing).
 */
export function jobsNamingKeys(workflow: Workflow, keys: readonly string[]): string[] {
  const names = (key: string) => keys.some((pattern) => matchesNamePattern(pattern, key));
  return workflow.jobs
    .filter((job) => (job.matrix?.keys ?? []).some(names) || job.with.some((input) => names(input.key)))
    .map((job) => job.id);
}
