// Commit statuses (list, combined) and check runs (create, update with appended annotations, list by ref), with GitHub's limits.
import { actor } from "./auth.js";
import { resolveCommitish } from "./refs.js";
import { nodeId, repoApiUrl, repoHtmlUrl, repoJson, userJson } from "./representations.js";
import {
  HttpError,
  created,
  errorBody,
  notFound,
  ok,
  pageReply,
  paginate,
  stringField,
  unprocessable,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from "./router.js";
import type { AnnotationRecord, CheckRunRecord, Repo, StatusRecord, World } from "./world.js";

const statusStates = ["error", "failure", "pending", "success"] as const;
export const statusDescriptionLimit = 140;
export const checkTextLimit = 65535;
export const annotationsPerRequest = 50;

function statusJson(world: World, repo: Repo, s: StatusRecord) {
  return {
    url: `${repoApiUrl(world, repo)}/statuses/${s.sha}`,
    avatar_url: `${world.urls.web}/avatars/u/${s.creator.id}?`,
    id: s.id,
    node_id: nodeId("SC", s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: userJson(world, s.creator),
  };
}

function createStatus(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const sha = ctx.params.sha as string;
  if (!repo.objects.commit(sha)) throw unprocessable(`No commit found for SHA: ${sha}`);
  const state = stringField(ctx.req.body, "state");
  if (!state || !(statusStates as readonly string[]).includes(state)) {
    throw validationFailed({ resource: "Status", code: "custom", field: "state", message: "state is not included in the list" });
  }
  const description = stringField(ctx.req.body, "description") ?? null;
  if (description && description.length > statusDescriptionLimit) {
    throw validationFailed({ resource: "Status", code: "custom", field: "description", message: `description is too long (maximum is ${statusDescriptionLimit} characters)` });
  }
  const now = world.isoNow();
  const status: StatusRecord = {
    id: world.nextId(),
    sha,
    state: state as StatusRecord["state"],
    context: stringField(ctx.req.body, "context") ?? "default",
    description,
    targetUrl: stringField(ctx.req.body, "target_url") ?? null,
    creator: actor(ctx),
    createdAt: now,
    updatedAt: now,
  };
  repo.statuses.push(status);
  return created(statusJson(world, repo, status));
}

function commitOf(ctx: RouteContext): string {
  const ref = ctx.params.ref as string;
  const sha = resolveCommitish(ctx.repo, ref);
  if (!sha) throw new HttpError(404, errorBody(404, `No commit found for the ref ${ref}`));
  return sha;
}

function statusesFor(repo: Repo, sha: string): StatusRecord[] {
  return repo.statuses.filter((s) => s.sha === sha).sort((a, b) => b.id - a.id);
}

function combinedState(latest: StatusRecord[]): string {
  if (latest.some((s) => s.state === "error" || s.state === "failure")) return "failure";
  if (latest.length === 0 || latest.some((s) => s.state === "pending")) return "pending";
  return "success";
}

function combinedStatus(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const sha = commitOf(ctx);
  const latest: StatusRecord[] = [];
  for (const s of statusesFor(repo, sha)) if (!latest.some((l) => l.context === s.context)) latest.push(s);
  const page = paginate(ctx, latest);
  return ok(
    {
      state: combinedState(latest),
      statuses: page.items.map((s) => statusJson(world, repo, s)),
      sha,
      total_count: latest.length,
      repository: repoJson(world, repo),
      commit_url: `${repoApiUrl(world, repo)}/commits/${sha}`,
      url: `${repoApiUrl(world, repo)}/commits/${sha}/status`,
    },
    page.headers,
  );
}

function invalidRequest(detail: string): HttpError {
  return new HttpError(422, errorBody(422, `Invalid request.\n\n${detail}`));
}

function parseAnnotation(raw: unknown): AnnotationRecord {
  const a = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const field of ["path", "start_line", "end_line", "annotation_level", "message"]) {
    if (a[field] === undefined) throw invalidRequest(`"${field}" wasn't supplied.`);
  }
  const level = String(a.annotation_level);
  if (!["notice", "warning", "failure"].includes(level)) throw invalidRequest(`${level} is not a member of ["notice", "warning", "failure"].`);
  const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
  const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
  return {
    path: String(a.path),
    start_line: Number(a.start_line),
    end_line: Number(a.end_line),
    start_column: num(a.start_column),
    end_column: num(a.end_column),
    annotation_level: level as AnnotationRecord["annotation_level"],
    message: String(a.message),
    title: str(a.title),
    raw_details: str(a.raw_details),
  };
}

function checkSize(field: string, value: unknown): void {
  if (typeof value === "string" && Buffer.byteLength(value) > checkTextLimit) {
    throw validationFailed({ resource: "CheckRun", code: "custom", field, message: `${field} exceeds a maximum bytesize of ${checkTextLimit}` });
  }
}

/** Applies `output` (title and summary required; summary/text ≤ 65535 bytes; ≤ 50 annotations, appended). */
function applyOutput(run: CheckRunRecord, raw: unknown): void {
  if (raw === undefined) return;
  const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof o.title !== "string") throw invalidRequest(`"title" wasn't supplied.`);
  if (typeof o.summary !== "string") throw invalidRequest(`"summary" wasn't supplied.`);
  checkSize("summary", o.summary);
  checkSize("text", o.text);
  const annotations = Array.isArray(o.annotations) ? o.annotations : [];
  if (annotations.length > annotationsPerRequest) {
    throw invalidRequest(`Only ${annotationsPerRequest} annotations are allowed per request; ${annotations.length} were supplied.`);
  }
  const parsed = annotations.map(parseAnnotation);
  run.output = { title: o.title, summary: o.summary, text: typeof o.text === "string" ? o.text : null };
  run.annotations.push(...parsed);
}

const runStatuses = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
const conclusions = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];

function applyState(world: World, run: CheckRunRecord, body: Record<string, unknown>): void {
  const status = stringField(body, "status");
  if (status !== undefined && !runStatuses.includes(status)) throw invalidRequest(`${status} is not a member of ${JSON.stringify(runStatuses)}.`);
  const conclusion = stringField(body, "conclusion");
  if (conclusion !== undefined && !conclusions.includes(conclusion)) throw invalidRequest(`${conclusion} is not a member of ${JSON.stringify(conclusions)}.`);
  const completedAt = stringField(body, "completed_at");
  if ((status === "completed" || completedAt) && !conclusion && !run.conclusion) throw invalidRequest(`"conclusion" wasn't supplied.`);
  if (status) run.status = status as CheckRunRecord["status"];
  if (conclusion) {
    run.conclusion = conclusion;
    run.status = "completed";
    run.completedAt = completedAt ?? world.isoNow();
  }
  const startedAt = stringField(body, "started_at");
  if (startedAt) run.startedAt = startedAt;
  const detailsUrl = stringField(body, "details_url");
  if (detailsUrl !== undefined) run.detailsUrl = detailsUrl;
  const externalId = stringField(body, "external_id");
  if (externalId !== undefined) run.externalId = externalId;
  const name = stringField(body, "name");
  if (name) run.name = name;
}

function checkRunJson(world: World, repo: Repo, run: CheckRunRecord) {
  const api = `${repoApiUrl(world, repo)}/check-runs/${run.id}`;
  const pulls = [...repo.issues.values()].filter((i) => i.state === "open" && i.pull?.headSha === run.headSha);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("CR", run.id),
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url: api,
    html_url: `${repoHtmlUrl(world, repo)}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${repoHtmlUrl(world, repo)}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    check_suite: { id: run.checkSuiteId },
    app: { id: world.app.id, slug: world.app.slug, name: world.app.name, node_id: nodeId("A", world.app.id), owner: userJson(world, world.account("simulator-app-owner", "Organization")) },
    pull_requests: pulls.map((i) => ({
      url: `${repoApiUrl(world, repo)}/pulls/${i.number}`,
      id: i.pullId,
      number: i.number,
      head: { ref: i.pull?.headRef, sha: i.pull?.headSha, repo: { id: i.pull?.headRepo.id, url: i.pull ? repoApiUrl(world, i.pull.headRepo) : "", name: i.pull?.headRepo.name } },
      base: { ref: i.pull?.baseRef, sha: repo.refs.get(`refs/heads/${i.pull?.baseRef}`) ?? "", repo: { id: repo.id, url: repoApiUrl(world, repo), name: repo.name } },
    })),
  };
}

function createCheckRun(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const { body } = ctx.req;
  const name = stringField(body, "name");
  if (!name) throw invalidRequest(`"name" wasn't supplied.`);
  const headSha = stringField(body, "head_sha");
  if (!headSha) throw invalidRequest(`"head_sha" wasn't supplied.`);
  if (!repo.objects.commit(headSha)) throw unprocessable(`No commit found for SHA: ${headSha}`);
  const existingSuite = repo.checkRuns.find((r) => r.headSha === headSha)?.checkSuiteId;
  const run: CheckRunRecord = {
    id: world.nextId(),
    name,
    headSha,
    status: "queued",
    conclusion: null,
    startedAt: world.isoNow(),
    completedAt: null,
    detailsUrl: null,
    externalId: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    checkSuiteId: existingSuite ?? world.nextId(),
  };
  applyState(world, run, body);
  applyOutput(run, body.output);
  repo.checkRuns.push(run);
  return created(checkRunJson(world, repo, run));
}

function runById(ctx: RouteContext): CheckRunRecord {
  const run = ctx.repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
  if (!run) throw notFound();
  return run;
}

function updateCheckRun(ctx: RouteContext): Reply {
  const run = runById(ctx);
  const draft: CheckRunRecord = { ...run, output: { ...run.output }, annotations: [...run.annotations] };
  applyState(ctx.world, draft, ctx.req.body);
  applyOutput(draft, ctx.req.body.output);
  Object.assign(run, draft);
  return ok(checkRunJson(ctx.world, ctx.repo, run));
}

function listCheckRuns(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const sha = commitOf(ctx);
  const q = ctx.req.query;
  let runs = repo.checkRuns.filter((r) => r.headSha === sha).sort((a, b) => b.id - a.id);
  const name = q.get("check_name");
  if (name) runs = runs.filter((r) => r.name === name);
  const status = q.get("status");
  if (status) runs = runs.filter((r) => r.status === status);
  if ((q.get("filter") ?? "latest") === "latest") runs = runs.filter((r, i) => runs.findIndex((x) => x.name === r.name) === i);
  const page = paginate(ctx, runs);
  return ok({ total_count: runs.length, check_runs: page.items.map((r) => checkRunJson(world, repo, r)) }, page.headers);
}

function annotationsJson(ctx: RouteContext): Reply {
  const run = runById(ctx);
  const blob = `${repoHtmlUrl(ctx.world, ctx.repo)}/blob/${run.headSha}`;
  return pageReply(ctx, run.annotations.map((a) => ({ ...a, blob_href: `${blob}/${a.path}` })));
}

/** Check runs belong to GitHub Apps: other credentials get 403 even with access to the repository. */
function appOnly(handler: (ctx: RouteContext) => Reply): (ctx: RouteContext) => Reply {
  return (ctx) => {
    if (ctx.caller.kind !== "installation") throw new HttpError(403, errorBody(403, "You must authenticate via a GitHub App."));
    return handler(ctx);
  };
}

const r = "/repos/{owner}/{repo}";

export const checkRoutes: Route[] = [
  { method: "POST", template: `${r}/statuses/{sha}`, auth: "installation", permission: ["statuses", "write"], handler: createStatus },
  {
    method: "GET",
    template: `${r}/commits/{ref}/statuses`,
    auth: "installation",
    permission: ["statuses", "read"],
    handler: (ctx) => pageReply(ctx, statusesFor(ctx.repo, commitOf(ctx)).map((s) => statusJson(ctx.world, ctx.repo, s))),
  },
  { method: "GET", template: `${r}/commits/{ref}/status`, auth: "installation", permission: ["statuses", "read"], handler: combinedStatus },
  { method: "POST", template: `${r}/check-runs`, auth: "installation", permission: ["checks", "write"], handler: appOnly(createCheckRun) },
  { method: "PATCH", template: `${r}/check-runs/{check_run_id}`, auth: "installation", permission: ["checks", "write"], handler: appOnly(updateCheckRun) },
  {
    method: "GET",
    template: `${r}/check-runs/{check_run_id}`,
    auth: "installation",
    permission: ["checks", "read"],
    handler: (ctx) => ok(checkRunJson(ctx.world, ctx.repo, runById(ctx))),
  },
  { method: "GET", template: `${r}/check-runs/{check_run_id}/annotations`, auth: "installation", permission: ["checks", "read"], handler: annotationsJson },
  { method: "GET", template: `${r}/commits/{ref}/check-runs`, auth: "installation", permission: ["checks", "read"], handler: listCheckRuns },
];
