// What people do to repositories outside the API: create them (and forks), push commits, force-push, tag, delete refs.
import type { PullRequestEvent, PushEvent } from "@octokit/webhooks-types";
import type { PathEdit, Signature } from "./git-objects.js";
import { changeRef, fullRef, resolveCommitish } from "./refs.js";
import { fullName, type AccessLevel, type Account, type AccountType, type Repo, type World } from "./world.js";

/** The human who acts when a test does not say who: a plain GitHub user. */
export const defaultHuman = "octocat";

export interface CreateRepoOptions {
  owner: string;
  name: string;
  defaultBranch?: string;
  /** Initial files (path → content); no files means an empty repository (no commits, no branches). */
  files?: Record<string, string>;
  /** Whether the owner has installed the app (one installation per owner, like an organisation install). */
  installed?: boolean;
  /** Make this repository a fork of `parent` ("owner/name"): same object network, a copy of its default branch. */
  fork?: { parent: string };
  ownerType?: Exclude<AccountType, "Bot">;
  private?: boolean;
  description?: string;
  /** "Automatically delete head branches": merging deletes a same-repository head branch (with its push). */
  deleteBranchOnMerge?: boolean;
}

export interface RepoInfo {
  fullName: string;
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  installationId: number | null;
  /** Head of the default branch, or null for an empty repository. */
  head: string | null;
}

export type AuthorSpec = string | { name: string; email: string; login?: string };

export interface CommitSpec {
  /** path → new content, or null to delete the path. */
  files: Record<string, string | null>;
  message?: string;
  author?: AuthorSpec;
}

export interface PushOptions {
  /** "owner/name". */
  repo: string;
  /** Branch to push to (default: the default branch); created when missing. */
  branch?: string;
  /** One commit's changes (shorthand for `commits: [{ files, message, author }]`). */
  files?: Record<string, string | null>;
  message?: string;
  author?: AuthorSpec;
  /** Several commits pushed at once, oldest first. */
  commits?: CommitSpec[];
  /**
   * Rewrite history: the new commits go on top of `onto` (default: the first parent of the current head),
   * so the result does not descend from `before`.
   */
  force?: boolean | { onto: string };
  /** Where a new branch starts (branch, tag or sha; default: the default branch). */
  from?: string;
}

export interface PushResult {
  before: string;
  after: string;
  /** The `push` webhook payload. */
  payload: PushEvent;
  /** `pull_request` payloads the push caused (synchronize, closed on deletion, closed+merged). */
  pullRequests: PullRequestEvent[];
}

export function defaultPermissions(): Record<string, AccessLevel> {
  return { metadata: "read", contents: "write", pull_requests: "write", issues: "write", statuses: "write", checks: "write", actions: "read" };
}

function ensureInstallation(world: World, owner: Account, permissions: Record<string, AccessLevel>): number {
  const existing = world.installationFor(owner);
  if (existing) return existing.id;
  const id = world.nextId();
  world.installations.set(id, { id, account: owner, permissions: { ...permissions }, createdAt: world.isoNow() });
  return id;
}

function newRepo(world: World, owner: Account, o: CreateRepoOptions, parent: Repo | null): Repo {
  const now = world.isoNow();
  return {
    id: world.nextId(),
    owner,
    name: o.name,
    defaultBranch: parent?.defaultBranch ?? o.defaultBranch ?? "main",
    private: o.private ?? false,
    description: o.description ?? null,
    createdAt: now,
    pushedAt: now,
    updatedAt: now,
    parent,
    objects: parent ? parent.objects : world.newObjectStore(),
    refs: new Map(),
    issues: new Map(),
    comments: new Map(),
    labels: new Map(),
    statuses: [],
    checkRuns: [],
    releases: [],
    workflows: [],
    workflowRuns: [],
    latestReleaseId: null,
    collaborators: new Map(),
    protectedBranches: new Set(),
    nextNumber: 1,
    deleteBranchOnMerge: o.deleteBranchOnMerge ?? false,
  };
}

export function createRepo(world: World, o: CreateRepoOptions, permissions: Record<string, AccessLevel>): RepoInfo {
  if (world.repo(`${o.owner}/${o.name}`)) throw new Error(`simulator: repository ${o.owner}/${o.name} already exists`);
  const owner = world.account(o.owner, o.ownerType ?? "Organization");
  const parent = o.fork ? world.requireRepo(o.fork.parent) : null;
  const repo = newRepo(world, owner, o, parent);
  world.addRepo(repo);
  const installationId = o.installed === false ? (world.installationFor(owner)?.id ?? null) : ensureInstallation(world, owner, permissions);
  if (parent) {
    const head = parent.refs.get(`refs/heads/${parent.defaultBranch}`);
    if (head) repo.refs.set(`refs/heads/${repo.defaultBranch}`, head);
  } else if (o.files && Object.keys(o.files).length > 0) {
    const sha = commitOnto(world, repo, null, { files: o.files, message: "Initial commit" });
    repo.refs.set(`refs/heads/${repo.defaultBranch}`, sha);
  }
  world.changed("seed");
  return repoInfo(world, repo, installationId);
}

export function repoInfo(world: World, repo: Repo, installationId = world.installationFor(repo.owner)?.id ?? null): RepoInfo {
  return {
    fullName: fullName(repo),
    id: repo.id,
    owner: repo.owner.login,
    name: repo.name,
    defaultBranch: repo.defaultBranch,
    installationId,
    head: repo.refs.get(`refs/heads/${repo.defaultBranch}`) ?? null,
  };
}

/** The identity a commit is made with; a login maps to that user's noreply address, so GitHub links it. */
export function authorOf(world: World, spec: AuthorSpec | undefined): { account: Account; signature: Signature } {
  if (spec === undefined || typeof spec === "string") {
    const account = world.account(spec ?? defaultHuman);
    return { account, signature: world.signatureOf(account) };
  }
  const account = world.account(spec.login ?? spec.name);
  return { account, signature: { name: spec.name, email: spec.email, date: world.isoNow() } };
}

function commitOnto(world: World, repo: Repo, parent: string | null, spec: CommitSpec): string {
  const parentTree = parent ? (repo.objects.commit(parent)?.tree ?? null) : null;
  const edits = new Map<string, PathEdit>(
    Object.entries(spec.files).map(([path, content]) => [path, content === null ? null : { content: Buffer.from(content) }]),
  );
  const tree = repo.objects.editTree(parentTree, edits);
  const { signature } = authorOf(world, spec.author);
  return repo.objects.putCommit({
    tree,
    parents: parent ? [parent] : [],
    author: signature,
    committer: signature,
    message: spec.message ?? "Update files",
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  });
}

function startingPoint(repo: Repo, o: PushOptions, current: string | undefined): string | null {
  if (o.force && current) {
    if (typeof o.force === "object") return resolveCommitish(repo, o.force.onto) ?? null;
    return repo.objects.commit(current)?.parents[0] ?? null;
  }
  if (current) return current;
  const from = o.from ?? repo.defaultBranch;
  return resolveCommitish(repo, from) ?? null;
}

/** Pushes one or more commits (creating the branch if needed) and returns the resulting webhooks. */
export function push(world: World, o: PushOptions): PushResult {
  const repo = world.requireRepo(o.repo);
  const branch = o.branch ?? repo.defaultBranch;
  const ref = `refs/heads/${branch}`;
  const specs: CommitSpec[] = o.commits ?? (o.files ? [{ files: o.files, message: o.message, author: o.author }] : []);
  const current = repo.refs.get(ref);
  let head = startingPoint(repo, o, current);
  for (const spec of specs) head = commitOnto(world, repo, head, { ...spec, author: spec.author ?? o.author });
  if (!head || head === current) throw new Error(`simulator: nothing to push to ${o.repo}:${branch}`);
  const sender = authorOf(world, specs.at(-1)?.author ?? o.author).account;
  return moveRef(world, repo, ref, head, sender);
}

function moveRef(world: World, repo: Repo, ref: string, after: string | null, sender: Account): PushResult {
  const result = changeRef(world, { repo, ref, after, sender, cause: "seed" });
  world.changed("seed");
  return { before: result.before, after: result.after, payload: result.push, pullRequests: result.pullRequests };
}

export interface RefOptions {
  repo: string;
  /** Who does it (login; default octocat). */
  by?: string;
}

/** Creates a branch at an existing commit (no new commits), like `git push origin main:new-branch`. */
export function createBranch(world: World, o: RefOptions & { branch: string; from?: string }): PushResult {
  const repo = world.requireRepo(o.repo);
  const sha = resolveCommitish(repo, o.from ?? repo.defaultBranch);
  if (!sha) throw new Error(`simulator: no commit for ${o.from ?? repo.defaultBranch} in ${o.repo}`);
  if (repo.refs.has(`refs/heads/${o.branch}`)) throw new Error(`simulator: branch ${o.branch} already exists`);
  return moveRef(world, repo, `refs/heads/${o.branch}`, sha, world.account(o.by ?? defaultHuman));
}

/** Pushes a (lightweight) tag at a branch, tag or sha (default: the default branch head). */
export function pushTag(world: World, o: RefOptions & { tag: string; at?: string }): PushResult {
  const repo = world.requireRepo(o.repo);
  const sha = resolveCommitish(repo, o.at ?? repo.defaultBranch);
  if (!sha) throw new Error(`simulator: no commit for ${o.at ?? repo.defaultBranch} in ${o.repo}`);
  return moveRef(world, repo, `refs/tags/${o.tag}`, sha, world.account(o.by ?? defaultHuman));
}

/** Deletes a branch (name or full ref, e.g. "refs/tags/v1"), like `git push origin :branch`. */
export function deleteRef(world: World, o: RefOptions & { ref: string }): PushResult {
  const repo = world.requireRepo(o.repo);
  const ref = fullRef(o.ref);
  if (!repo.refs.has(ref)) throw new Error(`simulator: no ref ${ref} in ${o.repo}`);
  return moveRef(world, repo, ref, null, world.account(o.by ?? defaultHuman));
}

