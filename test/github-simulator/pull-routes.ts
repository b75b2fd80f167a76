// Pulls API: list (state/head/base filters), create (GitHub's 422s), get, update, merge, reviewers, commits, files.
import { actor } from "./auth.js";
import { commitJson, fileJson } from "./commit-routes.js";
import { bodyLimit, closePull, mergePull, openPull, openRefusal, reopenPull, type MergeMethod } from "./pulls.js";
import { pullChanges, pullJson, repoApiUrl } from "./representations.js";
import { pullRequestPayload } from "./payloads.js";
import {
  HttpError,
  created,
  errorBody,
  notFound,
  ok,
  pageReply,
  stringField,
  unprocessable,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from "./router.js";
import type { IssueRecord, PullFields, Repo } from "./world.js";

function pullNumber(ctx: RouteContext): IssueRecord {
  const issue = ctx.repo.issues.get(Number(ctx.params.pull_number));
  if (!issue?.pull) throw notFound();
  return issue;
}

function headFilter(ctx: RouteContext): ((pull: PullFields) => boolean) | null {
  const head = ctx.req.query.get("head");
  // GitHub ignores a `head` without the `owner:` prefix (a classic pitfall), so the simulator does too.
  if (!head || !head.includes(":")) return null;
  const [owner, ...rest] = head.split(":");
  const branch = rest.join(":");
  return (pull) => pull.headRepo.owner.login.toLowerCase() === owner?.toLowerCase() && pull.headRef === branch;
}

function listPulls(ctx: RouteContext): Reply {
  const state = ctx.req.query.get("state") ?? "open";
  const base = ctx.req.query.get("base");
  const head = headFilter(ctx);
  let pulls = [...ctx.repo.issues.values()].filter((i) => i.pull && (state === "all" || i.state === state));
  if (base) pulls = pulls.filter((i) => i.pull?.baseRef === base);
  if (head) pulls = pulls.filter((i) => head(i.pull as PullFields));
  const sort = ctx.req.query.get("sort") ?? "created";
  const key = (i: IssueRecord): string => (sort === "updated" ? i.updatedAt : i.createdAt);
  pulls.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number));
  // GitHub's default direction is desc for `created`, asc for every other sort.
  const direction = ctx.req.query.get("direction") ?? (sort === "created" ? "desc" : "asc");
  if (direction === "desc") pulls.reverse();
  return pageReply(ctx, pulls.map((i) => pullJson(ctx.world, ctx.repo, i)));
}

/** `branch` (same repository) or `owner:branch` (a fork in the same network). */
function headRepoOf(ctx: RouteContext, head: string): { repo: Repo; ref: string } {
  if (!head.includes(":")) return { repo: ctx.repo, ref: head };
  const [owner, ...rest] = head.split(":");
  const ref = rest.join(":");
  if (owner?.toLowerCase() === ctx.repo.owner.login.toLowerCase()) return { repo: ctx.repo, ref };
  const fork = [...ctx.world.repos.values()].find(
    (r) => r.owner.login.toLowerCase() === owner?.toLowerCase() && r.objects === ctx.repo.objects,
  );
  if (!fork) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  return { repo: fork, ref };
}

function createPull(ctx: RouteContext): Reply {
  const { body } = ctx.req;
  const title = stringField(body, "title");
  if (!title) throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
  const head = stringField(body, "head");
  const baseRef = stringField(body, "base");
  if (!head) throw validationFailed({ resource: "PullRequest", field: "head", code: "missing_field" });
  if (!baseRef) throw validationFailed({ resource: "PullRequest", field: "base", code: "missing_field" });
  const { repo: headRepo, ref: headRef } = headRepoOf(ctx, head);
  const input = {
    base: ctx.repo,
    headRepo,
    headRef,
    baseRef,
    title,
    body: stringField(body, "body") ?? null,
    draft: body.draft === true,
    maintainerCanModify: body.maintainer_can_modify !== false,
    user: actor(ctx),
    viaApp: true,
  };
  const refusal = openRefusal(ctx.world, input);
  if (refusal) throw validationFailed(refusal);
  const { issue } = openPull(ctx.world, input, "request");
  return created(pullJson(ctx.world, ctx.repo, issue), `${repoApiUrl(ctx.world, ctx.repo)}/pulls/${issue.number}`);
}

function tooLong(body: string | undefined): boolean {
  return body !== undefined && body.length > bodyLimit;
}

function updatePull(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const issue = pullNumber(ctx);
  const pull = issue.pull as PullFields;
  const { body } = ctx.req;
  const newBody = stringField(body, "body");
  if (tooLong(newBody)) {
    throw validationFailed({ resource: "Issue", code: "custom", field: "body", message: `body is too long (maximum is ${bodyLimit} characters)` });
  }
  const newBase = stringField(body, "base");
  if (newBase !== undefined && !repo.refs.has(`refs/heads/${newBase}`)) {
    throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  }
  const changes: Record<string, { from: string }> = {};
  const title = stringField(body, "title");
  if (title !== undefined && title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = title;
  }
  if (newBody !== undefined && newBody !== issue.body) {
    changes.body = { from: issue.body ?? "" };
    issue.body = newBody;
  }
  if (newBase !== undefined && newBase !== pull.baseRef) {
    changes.base = { from: pull.baseRef };
    pull.baseRef = newBase;
  }
  if (typeof body.maintainer_can_modify === "boolean") pull.maintainerCanModify = body.maintainer_can_modify;
  if (Object.keys(changes).length > 0) {
    issue.updatedAt = world.isoNow();
    world.emitWebhook("pull_request", pullRequestPayload(world, repo, issue, "edited", actor(ctx), { changes: shapeChanges(changes) }), "request");
  }
  applyState(ctx, issue, stringField(body, "state"));
  return ok(pullJson(world, repo, issue));
}

function shapeChanges(changes: Record<string, { from: string }>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  if (changes.base) out.base = { ref: { from: changes.base.from }, sha: { from: "" } };
  return out;
}

function applyState(ctx: RouteContext, issue: IssueRecord, state: string | undefined): void {
  if (state === undefined || state === issue.state) return;
  if (state !== "open" && state !== "closed") throw validationFailed({ resource: "PullRequest", field: "state", code: "invalid" });
  if (state === "closed") closePull(ctx.world, ctx.repo, issue, actor(ctx), "request");
  else if (issue.pull?.merged) throw unprocessable("state cannot be changed. The pull request has been merged.");
  else reopenPull(ctx.world, ctx.repo, issue, actor(ctx), "request");
}

function mergeRoute(ctx: RouteContext): Reply {
  const issue = pullNumber(ctx);
  const pull = issue.pull as PullFields;
  if (issue.state !== "open") throw new HttpError(405, errorBody(405, "Pull Request is not mergeable"));
  const sha = stringField(ctx.req.body, "sha");
  if (sha && sha !== pull.headSha) throw new HttpError(409, errorBody(409, "Head branch was modified. Review and try the merge again."));
  const method = (stringField(ctx.req.body, "merge_method") ?? "merge") as MergeMethod;
  const outcome = mergePull(ctx.world, ctx.repo, issue, actor(ctx), method, "request", {
    title: stringField(ctx.req.body, "commit_title"),
    body: stringField(ctx.req.body, "commit_message"),
  });
  if (!outcome) throw new HttpError(405, errorBody(405, "Pull Request is not mergeable"));
  return ok({ sha: outcome.sha, merged: true, message: "Pull Request successfully merged" });
}

function requestReviewers(ctx: RouteContext): Reply {
  const issue = pullNumber(ctx);
  const pull = issue.pull as PullFields;
  const reviewers = Array.isArray(ctx.req.body.reviewers) ? ctx.req.body.reviewers.map(String) : [];
  for (const login of reviewers) {
    if (login.toLowerCase() === issue.user.login.toLowerCase()) throw unprocessable("Review cannot be requested from pull request author.");
    const isOwner = login.toLowerCase() === ctx.repo.owner.login.toLowerCase();
    if (!isOwner && !ctx.repo.collaborators.has(login.toLowerCase())) {
      throw unprocessable(
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${ctx.repo.owner.login}/${ctx.repo.name} repository.`,
      );
    }
  }
  for (const login of reviewers) if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
  return created(pullJson(ctx.world, ctx.repo, issue));
}

function removeReviewers(ctx: RouteContext): Reply {
  const issue = pullNumber(ctx);
  const pull = issue.pull as PullFields;
  const gone = new Set((Array.isArray(ctx.req.body.reviewers) ? ctx.req.body.reviewers.map(String) : []).map((s) => s.toLowerCase()));
  pull.requestedReviewers = pull.requestedReviewers.filter((l) => !gone.has(l.toLowerCase()));
  return ok(pullJson(ctx.world, ctx.repo, issue));
}

function listReviewers(ctx: RouteContext): Reply {
  return ok({ users: pullJson(ctx.world, ctx.repo, pullNumber(ctx)).requested_reviewers, teams: [] });
}

function pullCommits(ctx: RouteContext): Reply {
  const shas = pullChanges(ctx.repo, pullNumber(ctx)).commits.slice(0, 250).reverse();
  return pageReply(ctx, shas.map((s) => commitJson(ctx.world, ctx.repo, s)));
}

function pullFiles(ctx: RouteContext): Reply {
  const { repo } = ctx;
  const pull = pullNumber(ctx).pull as PullFields;
  const baseSha = repo.refs.get(`refs/heads/${pull.baseRef}`);
  const mergeBase = baseSha ? repo.objects.mergeBase(baseSha, pull.headSha) : undefined;
  const baseTree = mergeBase ? (repo.objects.commit(mergeBase)?.tree ?? null) : null;
  const headTree = repo.objects.commit(pull.headSha)?.tree ?? null;
  const files = repo.objects.diffTrees(baseTree, headTree).map((ch) => fileJson(ctx.world, repo, pull.headSha, ch));
  return pageReply(ctx, files);
}

const read: ["pull_requests", "read"] = ["pull_requests", "read"];
const write: ["pull_requests", "write"] = ["pull_requests", "write"];
const p = "/repos/{owner}/{repo}/pulls";

export const pullRoutes: Route[] = [
  { method: "GET", template: p, auth: "installation", permission: read, handler: listPulls },
  { method: "POST", template: p, auth: "installation", permission: write, handler: createPull },
  {
    method: "GET",
    template: `${p}/{pull_number}`,
    auth: "installation",
    permission: read,
    handler: (ctx) => ok(pullJson(ctx.world, ctx.repo, pullNumber(ctx))),
  },
  { method: "PATCH", template: `${p}/{pull_number}`, auth: "installation", permission: write, handler: updatePull },
  { method: "PUT", template: `${p}/{pull_number}/merge`, auth: "installation", permission: ["contents", "write"], handler: mergeRoute },
  { method: "POST", template: `${p}/{pull_number}/requested_reviewers`, auth: "installation", permission: write, handler: requestReviewers },
  { method: "DELETE", template: `${p}/{pull_number}/requested_reviewers`, auth: "installation", permission: write, handler: removeReviewers },
  { method: "GET", template: `${p}/{pull_number}/requested_reviewers`, auth: "installation", permission: read, handler: listReviewers },
  { method: "GET", template: `${p}/{pull_number}/commits`, auth: "installation", permission: read, handler: pullCommits },
  { method: "GET", template: `${p}/{pull_number}/files`, auth: "installation", permission: read, handler: pullFiles },
];
