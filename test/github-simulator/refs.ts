// Ref resolution (branch, tag or sha) and the one place refs move, with the push and pull_request events that follow.
import type { PullRequestEvent, PushEvent } from "@octokit/webhooks-types";
import { pullRequestPayload, pushPayload, zeroSha } from "./payloads.js";
import type { Account, ChangeKind, IssueRecord, Repo, World } from "./world.js";

/** `main`, `heads/main` or `refs/heads/main` → `refs/heads/main`; tags likewise. */
export function fullRef(ref: string): string {
  if (ref.startsWith("refs/")) return ref;
  if (ref.startsWith("heads/") || ref.startsWith("tags/") || ref.startsWith("pull/")) return `refs/${ref}`;
  return `refs/heads/${ref}`;
}

export function branchName(ref: string): string | null {
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
}

/** A commit sha from a branch, tag, full ref or (abbreviated) sha, as `?ref=` and `{ref}` accept. */
export function resolveCommitish(repo: Repo, spec: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(spec) && repo.objects.commit(spec.toLowerCase())) return spec.toLowerCase();
  const candidates = spec.startsWith("refs/")
    ? [spec]
    : [`refs/heads/${spec}`, `refs/tags/${spec}`, `refs/${spec}`];
  for (const ref of candidates) {
    const sha = repo.refs.get(ref);
    if (sha) return sha;
  }
  if (/^[0-9a-f]{7,39}$/i.test(spec)) {
    const sha = repo.objects.expand(spec);
    if (sha && repo.objects.commit(sha)) return sha;
  }
  return undefined;
}

export interface RefChange {
  repo: Repo;
  /** Full ref name. */
  ref: string;
  /** New commit, or null to delete the ref. */
  after: string | null;
  sender: Account;
  cause: ChangeKind;
}

export interface RefChangeResult {
  before: string;
  after: string;
  push: PushEvent;
  pullRequests: PullRequestEvent[];
}

function otherHeads(repo: Repo, except: string): string[] {
  return [...repo.refs].filter(([name]) => name !== except).map(([, sha]) => sha);
}

function baseRefFor(repo: Repo, ref: string, after: string): string | null {
  const same = [...repo.refs].filter(([name, sha]) => name !== ref && sha === after && name.startsWith("refs/heads/"));
  const preferred = same.find(([name]) => name === `refs/heads/${repo.defaultBranch}`) ?? same[0];
  return preferred ? preferred[0] : null;
}

// An update lists what `before..after` adds; a new ref lists what it adds to the default branch.
function pushedCommits(repo: Repo, ref: string, before: string, after: string | null): string[] {
  if (!after) return [];
  const defaultRef = `refs/heads/${repo.defaultBranch}`;
  const defaultHead = repo.refs.get(defaultRef);
  let exclude: string[] = [before];
  if (before === zeroSha) exclude = ref !== defaultRef && defaultHead ? [defaultHead] : [];
  return repo.objects.range(after, exclude).reverse();
}

/** Moves (or creates, or deletes) a ref and records the webhooks GitHub would send for it. */
export function changeRef(world: World, change: RefChange): RefChangeResult {
  const { repo, ref, after, sender, cause } = change;
  const before = repo.refs.get(ref) ?? zeroSha;
  const known = repo.objects.reachable(otherHeads(repo, ref));
  const commits = pushedCommits(repo, ref, before, after);
  const forced = before !== zeroSha && after !== null && !repo.objects.isAncestor(before, after);
  const baseRef = after && before === zeroSha ? baseRefFor(repo, ref, after) : null;
  if (after) repo.refs.set(ref, after);
  else repo.refs.delete(ref);
  repo.pushedAt = world.isoNow();
  const push = pushPayload(world, repo, {
    ref,
    before,
    after: after ?? zeroSha,
    forced,
    baseRef,
    commits,
    known,
    sender,
    pusher: sender,
  });
  world.emitWebhook("push", push, cause);
  const pullRequests = syncPullRequests(world, change, before);
  return { before, after: after ?? zeroSha, push, pullRequests };
}

function openPullsWithHead(world: World, repo: Repo, branch: string): Array<[Repo, IssueRecord]> {
  const out: Array<[Repo, IssueRecord]> = [];
  for (const base of world.repos.values()) {
    for (const issue of base.issues.values()) {
      if (issue.state === "open" && issue.pull?.headRepo === repo && issue.pull.headRef === branch) out.push([base, issue]);
    }
  }
  return out;
}

// Pull requests follow their head branch: a new head is a `synchronize`, a deleted head closes the pull
// request, and a base branch that now contains the head marks it merged (a maintainer merged by pushing).
function syncPullRequests(world: World, change: RefChange, before: string): PullRequestEvent[] {
  const branch = branchName(change.ref);
  if (!branch) return [];
  const events: PullRequestEvent[] = [];
  for (const [base, issue] of openPullsWithHead(world, change.repo, branch)) {
    events.push(change.after ? synchronize(world, base, issue, change, before) : closeForDeletedHead(world, base, issue, change));
  }
  if (change.after) events.push(...mergeContainedPulls(world, change.repo, branch, change));
  for (const e of events) world.emitWebhook("pull_request", e, change.cause);
  return events;
}

function synchronize(world: World, base: Repo, issue: IssueRecord, change: RefChange, before: string): PullRequestEvent {
  const pull = issue.pull as NonNullable<IssueRecord["pull"]>;
  pull.headSha = change.after as string;
  issue.updatedAt = world.isoNow();
  return pullRequestPayload(world, base, issue, "synchronize", change.sender, { before, after: change.after });
}

function closeForDeletedHead(world: World, base: Repo, issue: IssueRecord, change: RefChange): PullRequestEvent {
  issue.state = "closed";
  issue.closedAt = world.isoNow();
  issue.updatedAt = issue.closedAt;
  return pullRequestPayload(world, base, issue, "closed", change.sender);
}

function mergeContainedPulls(world: World, repo: Repo, branch: string, change: RefChange): PullRequestEvent[] {
  const events: PullRequestEvent[] = [];
  for (const issue of repo.issues.values()) {
    const pull = issue.pull;
    if (issue.state !== "open" || !pull || pull.baseRef !== branch) continue;
    if (!repo.objects.isAncestor(pull.headSha, change.after as string)) continue;
    const now = world.isoNow();
    Object.assign(pull, { merged: true, mergedAt: now, mergedBy: change.sender, mergeCommitSha: change.after });
    Object.assign(issue, { state: "closed", closedAt: now, updatedAt: now });
    events.push(pullRequestPayload(world, repo, issue, "closed", change.sender));
  }
  return events;
}
