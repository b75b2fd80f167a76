// Webhook payloads (push, pull_request, release, issue_comment, workflow_run) in exactly the shape GitHub delivers them.
import type {
  Commit,
  Committer,
  InstallationLite,
  IssueCommentCreatedEvent,
  Organization,
  PullRequestEvent,
  PushEvent,
  ReleaseEvent,
  User,
  WorkflowRunEvent,
} from "@octokit/webhooks-types";
import type { Signature } from "./git-objects.js";
import {
  commentJson,
  issueJson,
  nodeId,
  organizationJson,
  pullJson,
  releaseJson,
  repoHtmlUrl,
  repoJson,
  userJson,
} from "./representations.js";
import { runJson, workflowJson } from "./workflow-runs.js";
import type { Account, CommentRecord, IssueRecord, ReleaseRecord, Repo, World, WorkflowRunRecord } from "./world.js";

export const zeroSha = "0000000000000000000000000000000000000000";


interface Envelope {
  repository: ReturnType<typeof repoJson>;
  sender: User;
  installation?: InstallationLite;
  organization?: Organization;
}

function envelope(world: World, repo: Repo, sender: Account, variant: "rest" | "push" = "rest"): Envelope {
  const out: Envelope = { repository: repoJson(world, repo, variant), sender: userJson(world, sender) };
  const installation = world.installationFor(repo.owner);
  if (installation) out.installation = { id: installation.id, node_id: nodeId("MDIz", installation.id) };
  if (repo.owner.type === "Organization") out.organization = organizationJson(world, repo.owner);
  return out;
}

function committer(world: World, sig: Signature): Committer {
  const account = world.accountByEmail(sig.email);
  const out: Committer = { name: sig.name, email: sig.email, date: sig.date.replace(/Z$/, "+00:00") };
  if (account) out.username = account.login;
  return out;
}

export function pushCommit(world: World, repo: Repo, sha: string, distinct: boolean): Commit {
  const c = repo.objects.commit(sha);
  if (!c) throw new Error(`simulator: no commit ${sha}`);
  const changes = repo.objects.commitChanges(sha);
  const paths = (status: string): string[] => changes.filter((x) => x.status === status).map((x) => x.path);
  return {
    id: sha,
    tree_id: c.tree,
    distinct,
    message: c.message,
    timestamp: c.author.date.replace(/Z$/, "+00:00"),
    url: `${repoHtmlUrl(world, repo)}/commit/${sha}`,
    author: committer(world, c.author),
    committer: committer(world, c.committer),
    added: paths("added"),
    removed: paths("removed"),
    modified: paths("modified"),
  };
}

export interface PushFacts {
  ref: string;
  before: string;
  after: string;
  forced: boolean;
  baseRef: string | null;
  /** Pushed commits, oldest first. */
  commits: string[];
  /** Commits already reachable from other refs before the push (so not `distinct`). */
  known: Set<string>;
  sender: Account;
  pusher: Account;
}

function compareUrl(world: World, repo: Repo, f: PushFacts): string {
  const base = `${repoHtmlUrl(world, repo)}/compare/`;
  const created = f.before === zeroSha;
  if (created) return `${base}${f.ref.replace(/^refs\/(heads|tags)\//, "")}`;
  return `${base}${f.before.slice(0, 12)}...${f.after.slice(0, 12)}`;
}

export function pushPayload(world: World, repo: Repo, f: PushFacts): PushEvent {
  const deleted = f.after === zeroSha;
  // Past the cap the newest commits are kept; head_commit is always the pushed tip.
  const kept = f.commits.slice(-world.pushCommitLimit);
  const commits = kept.map((sha) => pushCommit(world, repo, sha, !f.known.has(sha)));
  const headCommit = deleted ? null : pushCommit(world, repo, f.after, !f.known.has(f.after));
  const { repository, sender, installation, organization } = envelope(world, repo, f.sender, "push");
  const payload: PushEvent = {
    ref: f.ref,
    before: f.before,
    after: f.after,
    repository,
    pusher: { name: f.pusher.login, email: f.pusher.email },
    sender,
    created: f.before === zeroSha,
    deleted,
    forced: f.forced,
    base_ref: f.baseRef,
    compare: compareUrl(world, repo, f),
    commits,
    head_commit: headCommit,
  };
  if (organization) payload.organization = organization;
  if (installation) payload.installation = installation;
  return payload;
}

export type PullRequestAction = "opened" | "closed" | "reopened" | "synchronize" | "edited";

export function pullRequestPayload(
  world: World,
  repo: Repo,
  issue: IssueRecord,
  action: PullRequestAction,
  sender: Account,
  extra: Record<string, unknown> = {},
): PullRequestEvent {
  const { repository, installation, organization, sender: senderJson } = envelope(world, repo, sender);
  const payload: Record<string, unknown> = {
    action,
    number: issue.number,
    ...extra,
    pull_request: pullJson(world, repo, issue),
    repository,
  };
  if (organization) payload.organization = organization;
  payload.sender = senderJson;
  if (installation) payload.installation = installation;
  return payload as unknown as PullRequestEvent;
}

export type ReleaseAction = ReleaseEvent["action"];

export function releasePayload(
  world: World,
  repo: Repo,
  release: ReleaseRecord,
  action: ReleaseAction,
  sender: Account,
  changes?: Record<string, { from: string }>,
): ReleaseEvent {
  const { repository, installation, organization, sender: senderJson } = envelope(world, repo, sender);
  const payload: Record<string, unknown> = { action };
  if (changes) payload.changes = changes;
  payload.release = releaseJson(world, repo, release);
  payload.repository = repository;
  if (organization) payload.organization = organization;
  payload.sender = senderJson;
  if (installation) payload.installation = installation;
  return payload as unknown as ReleaseEvent;
}

export function issueCommentPayload(
  world: World,
  repo: Repo,
  issue: IssueRecord,
  comment: CommentRecord,
): IssueCommentCreatedEvent {
  const { repository, installation, organization, sender } = envelope(world, repo, comment.user);
  const payload: IssueCommentCreatedEvent = {
    action: "created",
    issue: issueJson(world, repo, issue),
    comment: commentJson(world, repo, comment),
    repository,
    sender,
  };
  if (organization) payload.organization = organization;
  if (installation) payload.installation = installation;
  return payload;
}

export type WorkflowRunAction = "requested" | "in_progress" | "completed";

/** A `workflow_run` delivery: the run as REST shows it, plus its workflow. */
export function workflowRunPayload(world: World, repo: Repo, run: WorkflowRunRecord, action: WorkflowRunAction): WorkflowRunEvent {
  const { repository, installation, organization, sender } = envelope(world, repo, run.actor);
  const payload: Record<string, unknown> = {
    action,
    workflow_run: runJson(world, repo, run),
    workflow: workflowJson(world, repo, run.workflow),
    repository,
  };
  if (organization) payload.organization = organization;
  payload.sender = sender;
  if (installation) payload.installation = installation;
  return payload as unknown as WorkflowRunEvent;
}
