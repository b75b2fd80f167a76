// GitHub Actions state: workflows, their runs and run attempts, job executions, and their REST shapes.
// Field shapes follow GitHub's REST description (github/rest-api-description, as published in
// @octokit/openapi-types: components.schemas "workflow-run", "job", "workflow").
import { nodeId, repoApiUrl, repoHtmlUrl, repoJson, userJson } from "./representations.js";
import type { Account, JobConclusion, JobRecord, Repo, World, WorkflowRecord, WorkflowRunRecord } from "./world.js";

/** A job of a simulated run: its display name (as GitHub shows it) and how it ended (null: still running). */
export interface JobSpec {
  name: string;
  conclusion: JobConclusion | null;
}

export interface StartRunOptions {
  workflowPath: string;
  workflowName?: string;
  branch: string;
  sha: string;
  event: string;
  actor: Account;
  jobs: readonly JobSpec[];
  /** Overrides the conclusion derived from the jobs (e.g. a run cancelled by concurrency). */
  conclusion?: string;
}

export function workflowFor(world: World, repo: Repo, path: string, name: string | undefined): WorkflowRecord {
  let workflow = repo.workflows.find((w) => w.path === path);
  if (!workflow) {
    workflow = { id: world.nextId(), path, name: name ?? path, createdAt: world.isoNow() };
    repo.workflows.push(workflow);
  }
  return workflow;
}

/** A run's conclusion from its jobs, as GitHub rolls it up: a failure wins, then a cancellation. */
export function conclusionOf(jobs: readonly JobRecord[]): string {
  const seen = new Set(jobs.map((j) => j.conclusion));
  if (seen.has("failure") || seen.has("timed_out")) return "failure";
  if (seen.has("cancelled")) return "cancelled";
  if (seen.has("action_required")) return "action_required";
  return "success";
}

function jobRecord(world: World, spec: JobSpec, attempt: number): JobRecord {
  const now = world.isoNow();
  const done = spec.conclusion !== null;
  return {
    id: world.nextId(),
    name: spec.name,
    runAttempt: attempt,
    status: done ? "completed" : "in_progress",
    conclusion: spec.conclusion,
    createdAt: now,
    startedAt: now,
    completedAt: done ? now : null,
  };
}

function settle(run: WorkflowRunRecord, override: string | undefined): void {
  const current = latestJobs(run);
  const running = current.some((j) => j.status !== "completed");
  run.status = running ? "in_progress" : "completed";
  run.conclusion = running ? null : (override ?? conclusionOf(current));
}

export function startRun(world: World, repo: Repo, o: StartRunOptions): WorkflowRunRecord {
  const workflow = workflowFor(world, repo, o.workflowPath, o.workflowName);
  const now = world.isoNow();
  const runNumber = repo.workflowRuns.filter((r) => r.workflow.id === workflow.id).length + 1;
  const commit = repo.objects.commit(o.sha);
  const run: WorkflowRunRecord = {
    id: world.nextId(),
    workflow,
    runNumber,
    runAttempt: 1,
    event: o.event,
    headBranch: o.branch,
    headSha: o.sha,
    status: "queued",
    conclusion: null,
    displayTitle: commit?.message.split("\n", 1)[0] ?? workflow.name,
    actor: o.actor,
    createdAt: now,
    updatedAt: now,
    runStartedAt: now,
    jobs: o.jobs.map((j) => jobRecord(world, j, 1)),
  };
  settle(run, o.conclusion);
  repo.workflowRuns.push(run);
  return run;
}

/** Finishes still-running jobs of the current attempt (by name), or all of them with `rest`. */
export function finishJobs(world: World, run: WorkflowRunRecord, results: Readonly<Record<string, JobConclusion>>, conclusion?: string): void {
  for (const job of latestJobs(run)) {
    const result = results[job.name];
    if (job.status === "completed" || result === undefined) continue;
    job.status = "completed";
    job.conclusion = result;
    job.completedAt = world.isoNow();
  }
  run.updatedAt = world.isoNow();
  settle(run, conclusion);
}

/**
 * "Re-run jobs": a new attempt in which the named jobs run again; the others carry their result over,
 * as GitHub shows them under the new attempt. The run keeps its id, number and place in the list.
 */
export function rerun(world: World, run: WorkflowRunRecord, results: Readonly<Record<string, JobConclusion | null>>): void {
  const attempt = run.runAttempt + 1;
  const previous = latestJobs(run);
  for (const name of Object.keys(results)) {
    if (!previous.some((j) => j.name === name)) throw new Error(`simulator: run ${run.id} has no job "${name}"`);
  }
  const next = previous.map((job) => {
    const result = results[job.name];
    if (result === undefined) return { ...job, id: world.nextId(), runAttempt: attempt };
    return jobRecord(world, { name: job.name, conclusion: result }, attempt);
  });
  run.jobs.push(...next);
  run.runAttempt = attempt;
  run.updatedAt = world.isoNow();
  run.runStartedAt = run.updatedAt;
  settle(run, undefined);
}

/** `filter=latest`: the jobs of the most recent attempt. */
export function latestJobs(run: WorkflowRunRecord): JobRecord[] {
  return run.jobs.filter((j) => j.runAttempt === run.runAttempt);
}

export function findRun(repo: Repo, id: number): WorkflowRunRecord | undefined {
  return repo.workflowRuns.find((r) => r.id === id);
}

/** Newest first, as GitHub lists runs. */
export function runsNewestFirst(repo: Repo): WorkflowRunRecord[] {
  return [...repo.workflowRuns].sort((a, b) => b.id - a.id);
}

/**
 * `workflow_id` is the numeric id or the file name (`master.yaml`). GitHub knows every workflow file on the
 * default branch, run or not (a workflow that never ran lists zero runs).
 */
export function findWorkflow(world: World, repo: Repo, idOrFile: string): WorkflowRecord | undefined {
  const known = repo.workflows.find((w) => String(w.id) === idOrFile || w.path.split("/").pop() === idOrFile);
  if (known) return known;
  const head = repo.refs.get(`refs/heads/${repo.defaultBranch}`);
  const path = `.github/workflows/${idOrFile}`;
  return head && repo.objects.fileAt(head, path) ? workflowFor(world, repo, path, undefined) : undefined;
}

export function workflowJson(world: World, repo: Repo, w: WorkflowRecord) {
  const file = w.path.split("/").pop() ?? w.path;
  return {
    id: w.id,
    node_id: nodeId("W", w.id),
    name: w.name,
    path: w.path,
    state: "active",
    created_at: w.createdAt,
    updated_at: w.createdAt,
    url: `${repoApiUrl(world, repo)}/actions/workflows/${w.id}`,
    html_url: `${repoHtmlUrl(world, repo)}/blob/${repo.defaultBranch}/${w.path}`,
    badge_url: `${repoHtmlUrl(world, repo)}/workflows/${encodeURIComponent(file)}/badge.svg`,
  };
}

function headCommitJson(repo: Repo, sha: string) {
  const c = repo.objects.commit(sha);
  if (!c) return null;
  return {
    id: sha,
    tree_id: c.tree,
    message: c.message,
    timestamp: c.committer.date,
    author: { name: c.author.name, email: c.author.email },
    committer: { name: c.committer.name, email: c.committer.email },
  };
}

export function runJson(world: World, repo: Repo, run: WorkflowRunRecord) {
  const api = `${repoApiUrl(world, repo)}/actions/runs/${run.id}`;
  const repository = repoJson(world, repo);
  return {
    id: run.id,
    name: run.workflow.name,
    node_id: nodeId("WFR", run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.workflow.path,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow.id,
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId("CS", run.id + 1),
    url: api,
    html_url: `${repoHtmlUrl(world, repo)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: userJson(world, run.actor),
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    run_started_at: run.runStartedAt,
    triggering_actor: userJson(world, run.actor),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repoApiUrl(world, repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${api}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${repoApiUrl(world, repo)}/actions/workflows/${run.workflow.id}`,
    head_commit: headCommitJson(repo, run.headSha),
    repository,
    head_repository: repository,
  };
}

export function jobJson(world: World, repo: Repo, run: WorkflowRunRecord, job: JobRecord) {
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${repoApiUrl(world, repo)}/actions/runs/${run.id}`,
    run_attempt: job.runAttempt,
    node_id: nodeId("CR", job.id),
    head_sha: run.headSha,
    url: `${repoApiUrl(world, repo)}/actions/jobs/${job.id}`,
    html_url: `${repoHtmlUrl(world, repo)}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.createdAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: [],
    check_run_url: `${repoApiUrl(world, repo)}/check-runs/${job.id}`,
    labels: ["ubuntu-latest"],
    runner_id: 1,
    runner_name: "GitHub Actions 1",
    runner_group_id: 1,
    runner_group_name: "GitHub Actions",
    workflow_name: run.workflow.name,
    head_branch: run.headBranch,
  };
}
