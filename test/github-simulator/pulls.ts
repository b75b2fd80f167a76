// Pull request life cycle shared by the API and the test's own actions: open, edit, close, reopen, merge.
import type { PullRequestEvent, PushEvent } from "@octokit/webhooks-types";
import type { FileEntry } from "./git-objects.js";
import { pullRequestPayload } from "./payloads.js";
import { changeRef } from "./refs.js";
import type { Account, ChangeKind, IssueRecord, PullFields, Repo, World } from "./world.js";

export const bodyLimit = 65536;

export interface OpenPullInput {
  base: Repo;
  headRepo: Repo;
  headRef: string;
  baseRef: string;
  title: string;
  body: string | null;
  draft: boolean;
  maintainerCanModify: boolean;
  user: Account;
  viaApp: boolean;
}

/** Why GitHub would refuse to open this pull request, or null. Messages are GitHub's. */
export function openRefusal(world: World, input: OpenPullInput): { field?: string; code: string; message?: string; resource: string } | null {
  const { base, headRepo, headRef, baseRef } = input;
  if (!base.refs.has(`refs/heads/${baseRef}`)) return { resource: "PullRequest", field: "base", code: "invalid" };
  const headSha = headRepo.refs.get(`refs/heads/${headRef}`);
  if (!headSha) return { resource: "PullRequest", field: "head", code: "invalid" };
  if (input.body !== null && input.body.length > bodyLimit) {
    return { resource: "Issue", code: "custom", field: "body", message: `body is too long (maximum is ${bodyLimit} characters)` };
  }
  const duplicate = [...base.issues.values()].some(
    (i) => i.state === "open" && i.pull?.headRepo === headRepo && i.pull.headRef === headRef && i.pull.baseRef === baseRef,
  );
  if (duplicate) {
    return { resource: "PullRequest", code: "custom", message: `A pull request already exists for ${headRepo.owner.login}:${headRef}.` };
  }
  const baseSha = base.refs.get(`refs/heads/${baseRef}`) as string;
  if (base.objects.range(headSha, [baseSha]).length === 0) {
    return { resource: "PullRequest", code: "custom", message: `No commits between ${baseRef} and ${headRef}` };
  }
  return null;
}

export function openPull(world: World, input: OpenPullInput, cause: ChangeKind): { issue: IssueRecord; event: PullRequestEvent } {
  const now = world.isoNow();
  const pull: PullFields = {
    headRepo: input.headRepo,
    headRef: input.headRef,
    headSha: input.headRepo.refs.get(`refs/heads/${input.headRef}`) as string,
    baseRef: input.baseRef,
    draft: input.draft,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    maintainerCanModify: input.maintainerCanModify,
    requestedReviewers: [],
  };
  const issue: IssueRecord = {
    id: world.nextId(),
    pullId: world.nextId(),
    number: input.base.nextNumber++,
    title: input.title,
    body: input.body,
    state: "open",
    stateReason: null,
    user: input.user,
    labels: [],
    assignees: [],
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull,
    viaApp: input.viaApp,
  };
  input.base.issues.set(issue.number, issue);
  const event = pullRequestPayload(world, input.base, issue, "opened", input.user);
  world.emitWebhook("pull_request", event, cause);
  return { issue, event };
}

export function closePull(world: World, repo: Repo, issue: IssueRecord, sender: Account, cause: ChangeKind): PullRequestEvent {
  const now = world.isoNow();
  Object.assign(issue, { state: "closed", closedAt: now, updatedAt: now });
  const event = pullRequestPayload(world, repo, issue, "closed", sender);
  world.emitWebhook("pull_request", event, cause);
  return event;
}

export function reopenPull(world: World, repo: Repo, issue: IssueRecord, sender: Account, cause: ChangeKind): PullRequestEvent {
  const pull = issue.pull as PullFields;
  const head = pull.headRepo.refs.get(`refs/heads/${pull.headRef}`);
  if (head) pull.headSha = head;
  Object.assign(issue, { state: "open", closedAt: null, updatedAt: world.isoNow() });
  const event = pullRequestPayload(world, repo, issue, "reopened", sender);
  world.emitWebhook("pull_request", event, cause);
  return event;
}

type FileMap = Map<string, FileEntry>;

function same(a: FileEntry | undefined, b: FileEntry | undefined): boolean {
  return a?.sha === b?.sha && a?.mode === b?.mode;
}

/** Three-way merge of flat trees; null on a conflict (both sides changed a path differently). */
export function mergeTrees(base: FileMap, ours: FileMap, theirs: FileMap): FileMap | null {
  const out: FileMap = new Map();
  for (const path of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
    const [b, o, t] = [base.get(path), ours.get(path), theirs.get(path)];
    let pick: FileEntry | undefined;
    if (same(o, t) || same(b, t)) pick = o;
    else if (same(b, o)) pick = t;
    else return null;
    if (pick) out.set(path, pick);
  }
  return out;
}

export type MergeMethod = "merge" | "squash" | "rebase";

export interface MergeOutcome {
  sha: string;
  push: PushEvent;
  closed: PullRequestEvent;
}

function mergedTree(repo: Repo, baseHead: string, headSha: string): string | null {
  const objects = repo.objects;
  const mergeBase = objects.mergeBase(baseHead, headSha);
  const flat = (sha: string | undefined) => objects.flatten(sha ? (objects.commit(sha)?.tree ?? null) : null);
  const merged = mergeTrees(flat(mergeBase), flat(baseHead), flat(headSha));
  return merged ? objects.treeFromFiles(merged) : null;
}

/** Merges like the merge button: a commit on the base branch, the pull request closed as merged. */
export function mergePull(
  world: World,
  repo: Repo,
  issue: IssueRecord,
  by: Account,
  method: MergeMethod,
  cause: ChangeKind,
  message?: { title?: string; body?: string },
): MergeOutcome | null {
  const pull = issue.pull as PullFields;
  const baseRefName = `refs/heads/${pull.baseRef}`;
  const baseHead = repo.refs.get(baseRefName) as string;
  const tree = mergedTree(repo, baseHead, pull.headSha);
  if (!tree) return null;
  const title =
    message?.title ??
    (method === "merge" ? `Merge pull request #${issue.number} from ${pull.headRepo.owner.login}/${pull.headRef}` : `${issue.title} (#${issue.number})`);
  const body = message?.body ?? (method === "merge" ? issue.title : "");
  const now = world.isoNow();
  const sha = repo.objects.putCommit({
    tree,
    parents: method === "merge" ? [baseHead, pull.headSha] : [baseHead],
    author: world.signatureOf(by),
    committer: { name: "GitHub", email: "noreply@github.com", date: now },
    message: body ? `${title}\n\n${body}` : title,
    verification: { verified: true, reason: "valid", signature: "-----BEGIN PGP SIGNATURE-----\n\nweb-flow\n-----END PGP SIGNATURE-----", payload: title, verified_at: now },
  });
  Object.assign(pull, { merged: true, mergedAt: now, mergedBy: by, mergeCommitSha: sha });
  Object.assign(issue, { state: "closed", closedAt: now, updatedAt: now });
  const { push } = changeRef(world, { repo, ref: baseRefName, after: sha, sender: by, cause });
  const closed = pullRequestPayload(world, repo, issue, "closed", by);
  world.emitWebhook("pull_request", closed, cause);
  if (repo.deleteBranchOnMerge && pull.headRepo === repo && repo.refs.has(`refs/heads/${pull.headRef}`)) {
    changeRef(world, { repo, ref: `refs/heads/${pull.headRef}`, after: null, sender: by, cause });
  }
  return { sha, push, closed };
}
