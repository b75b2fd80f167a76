// The simulated GitHub's whole state: accounts, the app, installations, repositories and everything in them.
import { EventEmitter } from "node:events";
import { ObjectStore, type Signature } from "./git-objects.js";

export type AccountType = "User" | "Organization" | "Bot";
export type Permission = "admin" | "maintain" | "write" | "triage" | "read";
export type AccessLevel = "read" | "write";

export interface Account {
  login: string;
  id: number;
  type: AccountType;
  name: string;
  email: string;
}

export interface SimulatedApp {
  id: number;
  slug: string;
  name: string;
  /** `<slug>[bot]`, the login of the app's commits, pull requests and comments. */
  botLogin: string;
  /** RSA 2048, PKCS#1 PEM, as GitHub hands it out. */
  privateKey: string;
  publicKey: string;
}

export interface Installation {
  id: number;
  account: Account;
  permissions: Record<string, AccessLevel>;
  createdAt: string;
}

export interface InstallationToken {
  token: string;
  installationId: number;
  expiresAt: number;
  permissions: Record<string, AccessLevel>;
  /** Repository ids the token was narrowed to, or null for all the installation's repositories. */
  repositoryIds: number[] | null;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface PullFields {
  headRepo: Repo;
  headRef: string;
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
  requestedReviewers: string[];
}

/** Issues and pull requests share one number space; a pull request is an issue with `pull` set. */
export interface IssueRecord {
  id: number;
  pullId: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  user: Account;
  labels: string[];
  assignees: string[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull: PullFields | null;
  /** The app that made it, when made with an installation token. */
  viaApp: boolean;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: Account;
  createdAt: string;
  updatedAt: string;
  viaApp: boolean;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Account;
  createdAt: string;
  updatedAt: string;
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string | null;
  raw_details: string | null;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  checkSuiteId: number;
}

export interface ReleaseRecord {
  id: number;
  tag: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: Account;
  createdAt: string;
  publishedAt: string | null;
  makeLatest: "true" | "false" | "legacy";
}

/** A workflow file GitHub knows because it has run (Actions lists workflows by id or file name). */
export interface WorkflowRecord {
  id: number;
  /** `.github/workflows/<file>` */
  path: string;
  name: string;
  createdAt: string;
}

export type JobConclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required";
export type RunStatus = "queued" | "in_progress" | "completed";

/** One execution of one job: a re-run adds a new execution under the next run attempt. */
export interface JobRecord {
  id: number;
  name: string;
  runAttempt: number;
  status: RunStatus;
  conclusion: JobConclusion | null;
  createdAt: string;
  startedAt: string;
  completedAt: string | null;
}

export interface WorkflowRunRecord {
  id: number;
  workflow: WorkflowRecord;
  runNumber: number;
  runAttempt: number;
  event: string;
  headBranch: string;
  headSha: string;
  status: RunStatus;
  conclusion: string | null;
  displayTitle: string;
  actor: Account;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  /** Every execution of every job, attempts in order. */
  jobs: JobRecord[];
}

export interface Repo {
  id: number;
  owner: Account;
  name: string;
  defaultBranch: string;
  private: boolean;
  description: string | null;
  createdAt: string;
  pushedAt: string;
  updatedAt: string;
  parent: Repo | null;
  objects: ObjectStore;
  /** Full ref names (`refs/heads/main`, `refs/tags/v1`) → commit sha. */
  refs: Map<string, string>;
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  labels: Map<string, LabelRecord>;
  statuses: StatusRecord[];
  checkRuns: CheckRunRecord[];
  releases: ReleaseRecord[];
  workflows: WorkflowRecord[];
  workflowRuns: WorkflowRunRecord[];
  /** Release id GitHub shows as "Latest" (explicitly marked), or null to fall back on the legacy rule. */
  latestReleaseId: number | null;
  collaborators: Map<string, Permission>;
  /** Branch names under protection: the API refuses to move or delete them, as a protection rule would. */
  protectedBranches: Set<string>;
  nextNumber: number;
  /** GitHub's "Automatically delete head branches" setting. */
  deleteBranchOnMerge: boolean;
}

/** A webhook GitHub would deliver because of a change (seeded or made through the API). */
export interface EmittedWebhook {
  event: string;
  action: string | null;
  payload: Record<string, unknown>;
  cause: ChangeKind;
  at: number;
}

/**
 * GitHub caps `commits` in push webhook deliveries at 2048 (the often-quoted 20 is the Events API / timeline
 * limit, "not applied to webhook deliveries").
 */
export const pushCommitLimit = 2048;

export interface WorldOptions {
  now?: () => number;
  pushCommitLimit?: number;
}

/** Why the world changed; waiters re-check their predicate on every change. */
export type ChangeKind = "request" | "seed";

export class World {
  readonly accounts = new Map<string, Account>();
  readonly installations = new Map<number, Installation>();
  readonly tokens = new Map<string, InstallationToken>();
  readonly repos = new Map<string, Repo>();
  readonly changes = new EventEmitter();
  readonly webhooks: EmittedWebhook[] = [];
  private nextIdValue = 1000;
  readonly now: () => number;
  /** Most commits a push payload lists (GitHub: 2048 for webhook deliveries). */
  readonly pushCommitLimit: number;
  app!: SimulatedApp;
  botAccount!: Account;
  /** Where the simulator listens: `web` is the HTML root, `api` the REST root (`web` + /api/v3). */
  urls = { web: "", api: "" };

  constructor(options: WorldOptions = {}) {
    this.now = options.now ?? Date.now;
    this.pushCommitLimit = options.pushCommitLimit ?? pushCommitLimit;
    this.changes.setMaxListeners(0);
  }

  nextId(): number {
    return ++this.nextIdValue;
  }

  isoNow(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  changed(kind: ChangeKind): void {
    this.changes.emit("change", kind);
  }

  emitWebhook(event: string, payload: object, cause: ChangeKind): void {
    const p = payload as Record<string, unknown>;
    const action = typeof p.action === "string" ? p.action : null;
    this.webhooks.push({ event, action, payload: p, cause, at: this.now() });
  }

  /** The account for a login, created on first sight (any login is a real user, as in tests). */
  account(login: string, type: AccountType = "User"): Account {
    const key = login.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const id = this.nextId();
    const account: Account = {
      login,
      id,
      type,
      name: login,
      email: `${id}+${login}@users.noreply.github.com`,
    };
    this.accounts.set(key, account);
    return account;
  }

  /** The account whose (noreply) email signed a commit, as GitHub links commits to users. */
  accountByEmail(email: string): Account | undefined {
    for (const a of this.accounts.values()) if (a.email.toLowerCase() === email.toLowerCase()) return a;
    return undefined;
  }

  signatureOf(account: Account): Signature {
    return { name: account.login, email: account.email, date: this.isoNow() };
  }

  repo(fullName: string): Repo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  requireRepo(fullName: string): Repo {
    const repo = this.repo(fullName);
    if (!repo) throw new Error(`simulator: no repository ${fullName}`);
    return repo;
  }

  installationFor(owner: Account): Installation | undefined {
    for (const i of this.installations.values()) if (i.account.id === owner.id) return i;
    return undefined;
  }

  addRepo(repo: Repo): void {
    this.repos.set(`${repo.owner.login}/${repo.name}`.toLowerCase(), repo);
  }

  newObjectStore(): ObjectStore {
    return new ObjectStore();
  }
}

export function fullName(repo: Repo): string {
  return `${repo.owner.login}/${repo.name}`;
}
