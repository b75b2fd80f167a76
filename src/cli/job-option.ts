// `--job`: which jobs of a local workflow a command reads, where no configuration file names them.
import { jobsNamingKeys, selectJobs, selectLegacyJob } from "../workflow/job-selection.js";
import type { Workflow, WorkflowJob } from "../workflow/read-workflow.js";

/** `--job build-iso,qemu-tests-*` as the `jobs:` list of a source; without it, every job that names an image. */
export function jobPatterns(workflow: Workflow, option: string | undefined, imageKeys: readonly string[]): string[] {
  if (option !== undefined) return option.split(",").map((id) => id.trim()).filter(Boolean);
  return jobsNamingKeys(workflow, imageKeys);
}

/** Throws WorkflowError at `file:line:col` when a pattern names no job, or (no pattern) when no job names an image. */
export function selectedJobs(workflow: Workflow, patterns: readonly string[], imageKeys: readonly string[]): WorkflowJob[] {
  return patterns.length === 0 ? [selectLegacyJob(workflow, imageKeys)] : selectJobs(workflow, patterns);
}
