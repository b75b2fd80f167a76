// The "never runs" check: a configured workflow or job that GitHub would never run on the default branch claims nothing.
import type { Workflow } from "./read-workflow.js";
import { pushTriggerProblems } from "./workflow-triggers.js";
import { WorkflowError } from "./workflow-error.js";

/** A source GitHub never runs: its jobs make no row, and the maintainer is told where. */
export class NeverRunsError extends WorkflowError {}

export interface RunContext {
  /** The workflow's path from the repository root; null when unknown (then where it lives is not judged). */
  readonly path: string | null;
  /** The repository's default branch; null when unknown (then only what holds for any branch is judged). */
  readonly defaultBranch: string | null;
  /** The configured job ids, whose `if:` is judged. */
  readonly jobIds: readonly string[];
}

/**
 * GitHub reads workflows only from `.github/workflows/` at the repository root, files ending in .yml or .yaml
 * ("You must store workflow files in the .github/workflows directory of your repository":
 * https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#about-yaml-syntax-for-workflows).
 */
export function workflowLocationProblem(path: string): string | null {
  const normalized = path.replace(/^\.\//, "");
  const match = /^\.github\/workflows\/([^/]+)$/.exec(normalized);
  if (!match) return `${path} is not directly under the repository's root .github/workflows/, the only folder GitHub runs workflows from`;
  if (!/\.ya?ml$/.test(match[1] as string)) return `${path} does not end in .yml or .yaml, so GitHub does not read it as a workflow`;
  return null;
}

/** `if: false`, `if: "false"` and `if: ${{ false }}` all make GitHub skip the job every time. */
function alwaysFalse(condition: unknown): boolean {
  if (condition === false) return true;
  return typeof condition === "string" && /^\s*(?:\$\{\{\s*false\s*\}\}|false)\s*$/.test(condition);
}

/** Every reason GitHub never runs the configured jobs, each at its `file:line:col`; empty when they may run. */
export function neverRunsProblems(workflow: Workflow, context: RunContext): NeverRunsError[] {
  const problems: NeverRunsError[] = [];
  const where = context.path === null ? null : workflowLocationProblem(context.path);
  if (where) problems.push(new NeverRunsError({ file: workflow.file, line: 1, col: 1 }, `GitHub never runs this workflow: ${where}`));
  const branch = context.defaultBranch === null ? "the default branch" : context.defaultBranch;
  for (const problem of pushTriggerProblems(workflow.triggers, context.defaultBranch)) {
    problems.push(new NeverRunsError(problem.location, `GitHub never runs this workflow for a push to ${branch}: ${problem.detail}`));
  }
  for (const job of workflow.jobs) {
    if (!context.jobIds.includes(job.id) || !job.condition || !alwaysFalse(job.condition.value)) continue;
    problems.push(new NeverRunsError(job.condition.location, `GitHub never runs job "${job.id}": its if: is always false`));
  }
  return problems;
}

/** No configured source runs: there is nothing true to put in the table, so the page stays as it is. */
export class NothingRunsError extends WorkflowError {
  constructor(readonly problems: readonly NeverRunsError[]) {
    const first = problems[0] as NeverRunsError;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more reason${problems.length > 2 ? "s" : ""})` : "";
    super(first.location, `no configured source runs: ${first.detail}${more}`);
  }
}
