// Actions API: a workflow's runs (branch/status/event filters), one run, and a run's jobs (latest or all attempts).
import { notFound, ok, paginate, type Reply, type Route, type RouteContext } from "./router.js";
import { findRun, findWorkflow, jobJson, latestJobs, runJson, runsNewestFirst } from "./workflow-runs.js";
import type { WorkflowRunRecord } from "./world.js";

/** GitHub's `status` filter takes a status or a conclusion ("completed", "success", "cancelled"…). */
function statusMatches(run: WorkflowRunRecord, status: string | null): boolean {
  return status === null || run.status === status || run.conclusion === status;
}

function listRuns(ctx: RouteContext): Reply {
  const workflow = findWorkflow(ctx.world, ctx.repo, ctx.params.workflow_id as string);
  if (!workflow) throw notFound();
  const q = ctx.req.query;
  const runs = runsNewestFirst(ctx.repo).filter(
    (r) =>
      r.workflow.id === workflow.id &&
      (q.get("branch") === null || r.headBranch === q.get("branch")) &&
      (q.get("event") === null || r.event === q.get("event")) &&
      (q.get("head_sha") === null || r.headSha === q.get("head_sha")) &&
      statusMatches(r, q.get("status")),
  );
  const page = paginate(ctx, runs);
  return ok({ total_count: runs.length, workflow_runs: page.items.map((r) => runJson(ctx.world, ctx.repo, r)) }, page.headers);
}

function runOf(ctx: RouteContext): WorkflowRunRecord {
  const run = findRun(ctx.repo, Number(ctx.params.run_id));
  if (!run) throw notFound();
  return run;
}

function listJobs(ctx: RouteContext): Reply {
  const run = runOf(ctx);
  // `filter`: "latest" (default) returns the jobs of the most recent execution; "all" every attempt's.
  const jobs = ctx.req.query.get("filter") === "all" ? run.jobs : latestJobs(run);
  const page = paginate(ctx, jobs);
  return ok({ total_count: jobs.length, jobs: page.items.map((j) => jobJson(ctx.world, ctx.repo, run, j)) }, page.headers);
}

const read: ["actions", "read"] = ["actions", "read"];
const r = "/repos/{owner}/{repo}/actions";

export const actionsRoutes: Route[] = [
  { method: "GET", template: `${r}/workflows/{workflow_id}/runs`, auth: "installation", permission: read, handler: listRuns },
  { method: "GET", template: `${r}/runs/{run_id}`, auth: "installation", permission: read, handler: (ctx) => ok(runJson(ctx.world, ctx.repo, runOf(ctx))) },
  { method: "GET", template: `${r}/runs/{run_id}/jobs`, auth: "installation", permission: read, handler: listJobs },
];
