// Issues API (pull requests share the number space): issues, comments, labels and assignees.
import { actor } from "./auth.js";
import { issueCommentPayload } from "./payloads.js";
import { bodyLimit, closePull, reopenPull } from "./pulls.js";
import { commentJson, issueJson, labelJson, repoApiUrl } from "./representations.js";
import {
  HttpError,
  created,
  errorBody,
  noContent,
  notFound,
  ok,
  pageReply,
  stringField,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from "./router.js";
import type { Account, ChangeKind, CommentRecord, IssueRecord, LabelRecord, Repo, World } from "./world.js";

function issueByNumber(ctx: RouteContext): IssueRecord {
  const issue = ctx.repo.issues.get(Number(ctx.params.issue_number));
  if (!issue) throw notFound();
  return issue;
}

/** Finds a label by name (case-insensitive) or creates it with GitHub's default colour. */
export function ensureLabel(world: World, repo: Repo, name: string): LabelRecord {
  const key = name.toLowerCase();
  let label = repo.labels.get(key);
  if (!label) {
    label = { id: world.nextId(), name, color: "ededed", description: null, default: false };
    repo.labels.set(key, label);
  }
  return label;
}

function labelNames(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [];
  return list.map((l) => (typeof l === "object" && l !== null ? String((l as { name?: unknown }).name ?? "") : String(l))).filter(Boolean);
}

function isAssignable(repo: Repo, login: string): boolean {
  return login.toLowerCase() === repo.owner.login.toLowerCase() || repo.collaborators.has(login.toLowerCase());
}

function checkBody(body: string | undefined, resource: "Issue" | "IssueComment"): void {
  if (body === undefined || body.length <= bodyLimit) return;
  if (resource === "Issue") {
    throw validationFailed({ resource, code: "custom", field: "body", message: `body is too long (maximum is ${bodyLimit} characters)` });
  }
  throw validationFailed({ resource, code: "unprocessable", field: "data", message: `Body is too long (maximum is ${bodyLimit} characters)` });
}

function listIssues(ctx: RouteContext): Reply {
  const q = ctx.req.query;
  const state = q.get("state") ?? "open";
  let issues = [...ctx.repo.issues.values()].filter((i) => state === "all" || i.state === state);
  const labels = (q.get("labels") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (labels.length > 0) issues = issues.filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)));
  const creator = q.get("creator");
  if (creator) issues = issues.filter((i) => i.user.login.toLowerCase() === creator.toLowerCase());
  const assignee = q.get("assignee");
  if (assignee && assignee !== "*") issues = issues.filter((i) => i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase()));
  const sort = q.get("sort") ?? "created";
  const key = (i: IssueRecord): string => (sort === "updated" ? i.updatedAt : i.createdAt);
  issues.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number));
  if ((q.get("direction") ?? "desc") === "desc") issues.reverse();
  return pageReply(ctx, issues.map((i) => issueJson(ctx.world, ctx.repo, i)));
}

function createIssue(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const title = stringField(ctx.req.body, "title");
  if (!title) throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
  const body = stringField(ctx.req.body, "body");
  checkBody(body, "Issue");
  const assignees = (Array.isArray(ctx.req.body.assignees) ? ctx.req.body.assignees : []).map(String);
  const invalid = assignees.find((a) => !isAssignable(repo, a));
  if (invalid) throw validationFailed({ resource: "Issue", code: "invalid", field: "assignees", message: invalid });
  const now = world.isoNow();
  const issue: IssueRecord = {
    id: world.nextId(),
    pullId: 0,
    number: repo.nextNumber++,
    title,
    body: body ?? null,
    state: "open",
    stateReason: null,
    user: actor(ctx),
    labels: labelNames(ctx.req.body.labels).map((n) => ensureLabel(world, repo, n).name),
    assignees,
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: null,
    viaApp: true,
  };
  repo.issues.set(issue.number, issue);
  return created(issueJson(world, repo, issue), `${repoApiUrl(world, repo)}/issues/${issue.number}`);
}

function updateIssue(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const issue = issueByNumber(ctx);
  const { body } = ctx.req;
  const newBody = stringField(body, "body");
  checkBody(newBody, "Issue");
  const title = stringField(body, "title");
  if (title !== undefined) issue.title = title;
  if (newBody !== undefined) issue.body = newBody;
  if (body.labels !== undefined) issue.labels = labelNames(body.labels).map((n) => ensureLabel(world, repo, n).name);
  if (Array.isArray(body.assignees)) issue.assignees = body.assignees.map(String).filter((a) => isAssignable(repo, a));
  changeState(ctx, issue, stringField(body, "state"));
  issue.updatedAt = world.isoNow();
  return ok(issueJson(world, repo, issue));
}

// Closing a pull request through the issues API is still a pull request close (and its webhook).
function changeState(ctx: RouteContext, issue: IssueRecord, state: string | undefined): void {
  const { world, repo } = ctx;
  if (state === undefined || state === issue.state) return;
  if (state !== "open" && state !== "closed") throw validationFailed({ resource: "Issue", code: "invalid", field: "state" });
  if (issue.pull && state === "closed") closePull(world, repo, issue, actor(ctx), "request");
  else if (issue.pull && !issue.pull.merged) reopenPull(world, repo, issue, actor(ctx), "request");
  else if (state === "closed") Object.assign(issue, { state, closedAt: world.isoNow(), stateReason: stringField(ctx.req.body, "state_reason") ?? "completed" });
  else if (!issue.pull) Object.assign(issue, { state, closedAt: null, stateReason: "reopened" });
}

/** Adds a comment and records the issue_comment webhook; shared by the API and the test's actions. */
export function addComment(world: World, repo: Repo, issue: IssueRecord, user: Account, body: string, cause: ChangeKind, viaApp: boolean) {
  const now = world.isoNow();
  const comment: CommentRecord = { id: world.nextId(), issueNumber: issue.number, body, user, createdAt: now, updatedAt: now, viaApp };
  repo.comments.set(comment.id, comment);
  issue.updatedAt = now;
  const payload = issueCommentPayload(world, repo, issue, comment);
  world.emitWebhook("issue_comment", payload, cause);
  return { comment, payload };
}

function createComment(ctx: RouteContext): Reply {
  const issue = issueByNumber(ctx);
  const body = stringField(ctx.req.body, "body");
  if (body === undefined) throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  checkBody(body, "IssueComment");
  const { comment } = addComment(ctx.world, ctx.repo, issue, actor(ctx), body, "request", true);
  const json = commentJson(ctx.world, ctx.repo, comment);
  return created(json, json.url);
}

function listComments(ctx: RouteContext): Reply {
  const issue = issueByNumber(ctx);
  const comments = [...ctx.repo.comments.values()].filter((c) => c.issueNumber === issue.number).sort((a, b) => a.id - b.id);
  return pageReply(ctx, comments.map((c) => commentJson(ctx.world, ctx.repo, c)));
}

function commentById(ctx: RouteContext): CommentRecord {
  const c = ctx.repo.comments.get(Number(ctx.params.comment_id));
  if (!c) throw notFound();
  return c;
}

function updateComment(ctx: RouteContext): Reply {
  const c = commentById(ctx);
  const body = stringField(ctx.req.body, "body");
  if (body === undefined) throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  checkBody(body, "IssueComment");
  c.body = body;
  c.updatedAt = ctx.world.isoNow();
  return ok(commentJson(ctx.world, ctx.repo, c));
}

function deleteComment(ctx: RouteContext): Reply {
  const c = commentById(ctx);
  ctx.repo.comments.delete(c.id);
  return noContent();
}

function issueLabels(ctx: RouteContext, issue: IssueRecord) {
  return issue.labels.map((n) => labelJson(ctx.world, ctx.repo, ensureLabel(ctx.world, ctx.repo, n)));
}

function addLabels(ctx: RouteContext): Reply {
  const issue = issueByNumber(ctx);
  const raw = Array.isArray(ctx.req.rawBody) ? ctx.req.rawBody : ctx.req.body.labels;
  for (const name of labelNames(raw)) {
    const label = ensureLabel(ctx.world, ctx.repo, name);
    if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
  }
  issue.updatedAt = ctx.world.isoNow();
  return ok(issueLabels(ctx, issue));
}

function setLabels(ctx: RouteContext): Reply {
  const issue = issueByNumber(ctx);
  const raw = Array.isArray(ctx.req.rawBody) ? ctx.req.rawBody : ctx.req.body.labels;
  issue.labels = labelNames(raw).map((n) => ensureLabel(ctx.world, ctx.repo, n).name);
  return ok(issueLabels(ctx, issue));
}

function removeLabel(ctx: RouteContext): Reply {
  const issue = issueByNumber(ctx);
  const name = (ctx.params.name as string).toLowerCase();
  if (!issue.labels.some((l) => l.toLowerCase() === name)) throw new HttpError(404, errorBody(404, "Label does not exist"));
  issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name);
  return ok(issueLabels(ctx, issue));
}

function addAssignees(ctx: RouteContext): Reply {
  const issue = issueByNumber(ctx);
  const wanted = (Array.isArray(ctx.req.body.assignees) ? ctx.req.body.assignees : []).map(String);
  // GitHub silently drops people who cannot be assigned here.
  for (const a of wanted) if (isAssignable(ctx.repo, a) && !issue.assignees.includes(a)) issue.assignees.push(a);
  return created(issueJson(ctx.world, ctx.repo, issue));
}

function createLabel(ctx: RouteContext): Reply {
  const name = stringField(ctx.req.body, "name");
  if (!name) throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
  if (ctx.repo.labels.has(name.toLowerCase())) throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
  const label = ensureLabel(ctx.world, ctx.repo, name);
  label.color = (stringField(ctx.req.body, "color") ?? "ededed").replace(/^#/, "");
  label.description = stringField(ctx.req.body, "description") ?? null;
  return created(labelJson(ctx.world, ctx.repo, label));
}

function getLabel(ctx: RouteContext): Reply {
  const label = ctx.repo.labels.get((ctx.params.name as string).toLowerCase());
  if (!label) throw notFound();
  return ok(labelJson(ctx.world, ctx.repo, label));
}

const read: ["issues", "read"] = ["issues", "read"];
const write: ["issues", "write"] = ["issues", "write"];
const i = "/repos/{owner}/{repo}/issues";

export const issueRoutes: Route[] = [
  { method: "GET", template: i, auth: "installation", permission: read, handler: listIssues },
  { method: "POST", template: i, auth: "installation", permission: write, handler: createIssue },
  { method: "GET", template: `${i}/comments/{comment_id}`, auth: "installation", permission: read, handler: (ctx) => ok(commentJson(ctx.world, ctx.repo, commentById(ctx))) },
  { method: "PATCH", template: `${i}/comments/{comment_id}`, auth: "installation", permission: write, handler: updateComment },
  { method: "DELETE", template: `${i}/comments/{comment_id}`, auth: "installation", permission: write, handler: deleteComment },
  { method: "GET", template: `${i}/{issue_number}`, auth: "installation", permission: read, handler: (ctx) => ok(issueJson(ctx.world, ctx.repo, issueByNumber(ctx))) },
  { method: "PATCH", template: `${i}/{issue_number}`, auth: "installation", permission: write, handler: updateIssue },
  { method: "GET", template: `${i}/{issue_number}/comments`, auth: "installation", permission: read, handler: listComments },
  { method: "POST", template: `${i}/{issue_number}/comments`, auth: "installation", permission: write, handler: createComment },
  { method: "GET", template: `${i}/{issue_number}/labels`, auth: "installation", permission: read, handler: (ctx) => ok(issueLabels(ctx, issueByNumber(ctx))) },
  { method: "POST", template: `${i}/{issue_number}/labels`, auth: "installation", permission: write, handler: addLabels },
  { method: "PUT", template: `${i}/{issue_number}/labels`, auth: "installation", permission: write, handler: setLabels },
  { method: "DELETE", template: `${i}/{issue_number}/labels/{name}`, auth: "installation", permission: write, handler: removeLabel },
  { method: "POST", template: `${i}/{issue_number}/assignees`, auth: "installation", permission: write, handler: addAssignees },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/labels",
    auth: "installation",
    permission: read,
    handler: (ctx) => pageReply(ctx, [...ctx.repo.labels.values()].map((l) => labelJson(ctx.world, ctx.repo, l))),
  },
  { method: "POST", template: "/repos/{owner}/{repo}/labels", auth: "installation", permission: write, handler: createLabel },
  { method: "GET", template: "/repos/{owner}/{repo}/labels/{name}", auth: "installation", permission: read, handler: getLabel },
];
