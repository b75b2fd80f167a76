// What GitHub Actions does on its own: runs a workflow after a push or on schedule, finishes it, re-runs jobs.
import type { WorkflowRunEvent } from "@octokit/webhooks-types";
import { workflowRunPayload, type WorkflowRunAction } from "./payloads.js";
import { resolveCommitish } from "./refs.js";
import { defaultHuman } from "./repo-actions.js";
import { findRun, finishJobs, rerun, runJson, startRun, type JobSpec } from "./workflow-runs.js";
import type { JobConclusion, Repo, World, WorkflowRunRecord } from "./world.js";

/** Jobs by display name → how each ended (null: still running). */
export type JobResults = Readonly<Record<string, JobConclusion | null>>;

export interface RunWorkflowOptions {
  /** "owner/name". */
  repo: string;
  /** The workflow file, e.g. `.github/workflows/master.yaml`. */
  workflow: string;
  /** The workflow's `name:` (default: its path, as GitHub shows an unnamed workflow). */
  workflowName?: string;
  /** Default: the repository's default branch. */
  branch?: string;
  /** Default: the head of `branch`. */
  sha?: string;
  /** push (default), schedule, pull_request, workflow_dispatch… */
  event?: string;
  actor?: string;
  jobs: JobResults | readonly JobSpec[];
  /** Overrides the conclusion the jobs roll up to (e.g. "cancelled" by a newer run's concurrency group). */
  conclusion?: string;
}

export interface WorkflowRunResult {
  id: number;
  runAttempt: number;
  /** The run as the REST API shows it now. */
  run: ReturnType<typeof runJson>;
  /** `workflow_run` payloads in order (requested, in_progress, completed once every job has ended). */
  payloads: WorkflowRunEvent[];
  /** The `completed` payload, or null while jobs still run. */
  completed: WorkflowRunEvent | null;
}

function specs(jobs: JobResults | readonly JobSpec[]): JobSpec[] {
  return Array.isArray(jobs) ? [...(jobs as readonly JobSpec[])] : Object.entries(jobs as JobResults).map(([name, conclusion]) => ({ name, conclusion }));
}

function result(world: World, repo: Repo, run: WorkflowRunRecord, actions: WorkflowRunAction[]): WorkflowRunResult {
  if (run.status === "completed") actions.push("completed");
  const payloads = actions.map((action) => {
    const payload = workflowRunPayload(world, repo, run, action);
    world.emitWebhook("workflow_run", payload, "seed");
    return payload;
  });
  world.changed("seed");
  return {
    id: run.id,
    runAttempt: run.runAttempt,
    run: runJson(world, repo, run),
    payloads,
    completed: payloads.find((p) => p.action === "completed") ?? null,
  };
}

export function runWorkflow(world: World, o: RunWorkflowOptions): WorkflowRunResult {
  const repo = world.requireRepo(o.repo);
  const branch = o.branch ?? repo.defaultBranch;
  const sha = o.sha ?? resolveCommitish(repo, branch);
  if (!sha) throw new Error(`simulator: ${o.repo} has no branch ${branch}`);
  const run = startRun(world, repo, {
    workflowPath: o.workflow,
    workflowName: o.workflowName,
    branch,
    sha,
    event: o.event ?? "push",
    actor: world.account(o.actor ?? defaultHuman),
    jobs: specs(o.jobs),
    conclusion: o.conclusion,
  });
  return result(world, repo, run, ["requested", "in_progress"]);
}

export interface RunSelector {
  repo: string;
  runId: number;
}

function select(world: World, s: RunSelector): { repo: Repo; run: WorkflowRunRecord } {
  const repo = world.requireRepo(s.repo);
  const run = findRun(repo, s.runId);
  if (!run) throw new Error(`simulator: no workflow run ${s.runId} in ${s.repo}`);
  return { repo, run };
}

/** Ends jobs still running; the run completes once none is left. */
export function finishWorkflowRun(world: World, s: RunSelector & { jobs: Readonly<Record<string, JobConclusion>>; conclusion?: string }): WorkflowRunResult {
  const { repo, run } = select(world, s);
  finishJobs(world, run, s.jobs, s.conclusion);
  return result(world, repo, run, []);
}

/** "Re-run jobs": the named jobs run again under a new attempt; the rest keep their results. */
export function rerunWorkflowRun(world: World, s: RunSelector & { jobs: JobResults }): WorkflowRunResult {
  const { repo, run } = select(world, s);
  rerun(world, run, s.jobs);
  return result(world, repo, run, ["requested", "in_progress"]);
}
