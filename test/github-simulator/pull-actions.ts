// What people do to pull requests and conversations: open (also from forks), merge, close, reopen, comment, grant access.
import type {
  IssueCommentCreatedEvent,
  PullRequestClosedEvent,
  PullRequestOpenedEvent,
  PullRequestReopenedEvent,
  PushEvent,
} from "@octokit/webhooks-types";
import { addComment } from "./issue-routes.js";
import { closePull, mergePull, openPull, openRefusal, reopenPull, type MergeMethod } from "./pulls.js";
import { defaultHuman } from "./repo-actions.js";
import type { IssueRecord, Permission, Repo, World } from "./world.js";

export interface OpenPullRequestOptions {
  /** Base repository "owner/name". */
  repo: string;
  /** "branch" in the base repository, or "forkOwner:branch" for a fork in the same network. */
  head: string;
  /** Base branch (default: the default branch). */
  base?: string;
  title: string;
  body?: string;
  /** Who opens it (login; default octocat). */
  user?: string;
  draft?: boolean;
  maintainerCanModify?: boolean;
}

function headRepo(world: World, base: Repo, head: string): { repo: Repo; ref: string } {
  if (!head.includes(":")) return { repo: base, ref: head };
  const [owner, ...rest] = head.split(":");
  const repo = [...world.repos.values()].find((r) => r.owner.login.toLowerCase() === owner?.toLowerCase() && r.objects === base.objects);
  if (!repo) throw new Error(`simulator: no repository of ${owner} in the network of ${base.owner.login}/${base.name}`);
  return { repo, ref: rest.join(":") };
}

export function openPullRequest(world: World, o: OpenPullRequestOptions): PullRequestOpenedEvent {
  const base = world.requireRepo(o.repo);
  const head = headRepo(world, base, o.head);
  const input = {
    base,
    headRepo: head.repo,
    headRef: head.ref,
    baseRef: o.base ?? base.defaultBranch,
    title: o.title,
    body: o.body ?? null,
    draft: o.draft ?? false,
    maintainerCanModify: o.maintainerCanModify ?? true,
    user: world.account(o.user ?? defaultHuman),
    viaApp: false,
  };
  const refusal = openRefusal(world, input);
  if (refusal) throw new Error(`simulator: GitHub would refuse this pull request: ${refusal.message ?? `${refusal.field} ${refusal.code}`}`);
  const { event } = openPull(world, input, "seed");
  world.changed("seed");
  return event as PullRequestOpenedEvent;
}

function pullOf(world: World, repo: string, number: number): { repo: Repo; issue: IssueRecord } {
  const r = world.requireRepo(repo);
  const issue = r.issues.get(number);
  if (!issue?.pull) throw new Error(`simulator: ${repo}#${number} is not a pull request`);
  return { repo: r, issue };
}

export interface MergeResult {
  sha: string;
  /** The push to the base branch. */
  push: PushEvent;
  /** pull_request closed, with merged true. */
  pullRequest: PullRequestClosedEvent;
}

/** Merges as a maintainer pressing the button (merge commit by default). */
export function mergePullRequest(world: World, repo: string, number: number, o: { by?: string; method?: MergeMethod } = {}): MergeResult {
  const { repo: r, issue } = pullOf(world, repo, number);
  if (issue.state !== "open") throw new Error(`simulator: ${repo}#${number} is not open`);
  const outcome = mergePull(world, r, issue, world.account(o.by ?? defaultHuman), o.method ?? "merge", "seed");
  if (!outcome) throw new Error(`simulator: ${repo}#${number} has conflicts`);
  world.changed("seed");
  return { sha: outcome.sha, push: outcome.push, pullRequest: outcome.closed as PullRequestClosedEvent };
}

export function closePullRequest(world: World, repo: string, number: number, o: { by?: string } = {}): PullRequestClosedEvent {
  const { repo: r, issue } = pullOf(world, repo, number);
  const event = closePull(world, r, issue, world.account(o.by ?? defaultHuman), "seed");
  world.changed("seed");
  return event as PullRequestClosedEvent;
}

export function reopenPullRequest(world: World, repo: string, number: number, o: { by?: string } = {}): PullRequestReopenedEvent {
  const { repo: r, issue } = pullOf(world, repo, number);
  const event = reopenPull(world, r, issue, world.account(o.by ?? defaultHuman), "seed");
  world.changed("seed");
  return event as PullRequestReopenedEvent;
}

/** Grants (or with null, removes) a collaborator's role on a repository. */
export function setPermission(world: World, repo: string, login: string, permission: Permission | null): void {
  const r = world.requireRepo(repo);
  world.account(login);
  if (permission) r.collaborators.set(login.toLowerCase(), permission);
  else r.collaborators.delete(login.toLowerCase());
  world.changed("seed");
}

export interface CommentOptions {
  repo: string;
  /** Issue or pull request number. */
  number: number;
  body: string;
  /** Commenter login (default octocat). */
  user?: string;
  /** Sets the commenter's role first (also served by GET .../collaborators/{username}/permission). */
  permission?: Permission;
}

export function commentOnIssue(world: World, o: CommentOptions): IssueCommentCreatedEvent {
  const repo = world.requireRepo(o.repo);
  const issue = repo.issues.get(o.number);
  if (!issue) throw new Error(`simulator: no issue ${o.repo}#${o.number}`);
  const user = o.user ?? defaultHuman;
  if (o.permission) setPermission(world, o.repo, user, o.permission);
  const { payload } = addComment(world, repo, issue, world.account(user), o.body, "seed", false);
  world.changed("seed");
  return payload;
}
