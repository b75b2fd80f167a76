// Assembles the simulated GitHub (state, routes, server) and the handle tests drive it with.
import { actionsRoutes } from "./actions-routes.js";
import { appRoutes } from "./app-routes.js";
import { createAppCredentials, issueToken } from "./auth.js";
import { CallLog } from "./call-log.js";
import { waitFor, type WaitOptions } from "./change-feed.js";
import { checkRoutes } from "./check-routes.js";
import { commitRoutes } from "./commit-routes.js";
import { contentsRoutes } from "./contents-routes.js";
import { Faults, type Hold, type RequestMatcher } from "./faults.js";
import { gitRoutes } from "./git-routes.js";
import { Inspection } from "./inspection.js";
import { issueRoutes } from "./issue-routes.js";
import {
  closePullRequest,
  commentOnIssue,
  mergePullRequest,
  openPullRequest,
  reopenPullRequest,
  setPermission,
  type CommentOptions,
  type MergeResult,
  type OpenPullRequestOptions,
} from "./pull-actions.js";
import { pullRoutes } from "./pull-routes.js";
import { RateLimits, type RateLimitOptions } from "./rate-limit.js";
import { addRelease, changeRelease, removeRelease, unpublish, type CreateReleaseOptions, type ReleaseResult, type ReleaseSelector } from "./release-actions.js";
import { releaseRoutes } from "./release-routes.js";
import type { ReleaseEdit } from "./releases.js";
import {
  createBranch,
  createRepo,
  defaultPermissions,
  deleteRef,
  push,
  pushTag,
  type CreateRepoOptions,
  type PushOptions,
  type PushResult,
  type RefOptions,
  type RepoInfo,
} from "./repo-actions.js";
import { RouteTable } from "./router.js";
import { finishWorkflowRun, rerunWorkflowRun, runWorkflow, type JobResults, type RunSelector, type RunWorkflowOptions, type WorkflowRunResult } from "./run-actions.js";
import { apiPrefix, startServer } from "./server.js";
import { deliverWebhook, type WebhookDelivery, type WebhookResult } from "./webhook-delivery.js";
import { World, type JobConclusion, type AccessLevel, type EmittedWebhook, type Permission } from "./world.js";
import type {
  IssueCommentCreatedEvent,
  PullRequestClosedEvent,
  PullRequestOpenedEvent,
  PullRequestReopenedEvent,
} from "@octokit/webhooks-types";

export interface SimulatorOptions {
  /** The app's id (APP_ID); default 1001. */
  appId?: number;
  /** The app's slug; its bot is `<slug>[bot]`. Default "support-matrix-bot". */
  appSlug?: string;
  appName?: string;
  /** Permissions of every new installation (default: contents, pull_requests, issues, statuses, checks write; metadata read). */
  permissions?: Record<string, AccessLevel>;
  /** Hourly limits per installation / app / anonymous caller. */
  rateLimit?: RateLimitOptions;
  /** Clock (ms since epoch) for timestamps, tokens and rate-limit windows; default Date.now. */
  now?: () => number;
  /** Most commits listed in a push payload (default 2048, GitHub's webhook cap; the newest are kept). */
  pushCommitLimit?: number;
}

export interface SimulatedAppCredentials {
  id: number;
  slug: string;
  name: string;
  botLogin: string;
  /** PEM (PKCS#1), as PRIVATE_KEY for the app under test. */
  privateKey: string;
}

export interface WebhookFeed {
  /** Webhooks GitHub would have sent, oldest first (seeded actions and API writes alike). */
  readonly all: readonly EmittedWebhook[];
  mark(): number;
  since(mark: number): EmittedWebhook[];
}

export interface GitHubSimulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + /api/v3: Octokit's baseUrl. */
  apiUrl: string;
  /** 127.0.0.1:PORT, for GHE_HOST (with GHE_PROTOCOL=http). */
  host: string;
  app: SimulatedAppCredentials;
  close(): Promise<void>;

  createRepo(options: CreateRepoOptions): RepoInfo;
  push(options: PushOptions): PushResult;
  createBranch(options: RefOptions & { branch: string; from?: string }): PushResult;
  pushTag(options: RefOptions & { tag: string; at?: string }): PushResult;
  /** Deletes a branch or, with a full ref, a tag. */
  deleteRef(options: RefOptions & { ref: string }): PushResult;
  openPullRequest(options: OpenPullRequestOptions): PullRequestOpenedEvent;
  mergePullRequest(repo: string, number: number, options?: { by?: string; method?: "merge" | "squash" | "rebase" }): MergeResult;
  closePullRequest(repo: string, number: number, options?: { by?: string }): PullRequestClosedEvent;
  reopenPullRequest(repo: string, number: number, options?: { by?: string }): PullRequestReopenedEvent;
  createRelease(options: CreateReleaseOptions): ReleaseResult;
  editRelease(options: ReleaseSelector & ReleaseEdit): ReleaseResult;
  unpublishRelease(options: ReleaseSelector): ReleaseResult;
  deleteRelease(options: ReleaseSelector): ReleaseResult;
  commentOnIssue(options: CommentOptions): IssueCommentCreatedEvent;
  /** GitHub Actions runs a workflow (after a push, on schedule…) with jobs named as GitHub shows them. */
  runWorkflow(options: RunWorkflowOptions): WorkflowRunResult;
  /** Ends a run's still-running jobs; the run completes when none is left. */
  finishWorkflowRun(options: RunSelector & { jobs: Readonly<Record<string, JobConclusion>>; conclusion?: string }): WorkflowRunResult;
  /** "Re-run jobs": a new attempt where the named jobs run again. */
  rerunWorkflowRun(options: RunSelector & { jobs: JobResults }): WorkflowRunResult;
  setPermission(repo: string, login: string, permission: Permission | null): void;
  /** Protects a branch: the API then reports it `protected` and refuses to move or delete it. */
  protectBranch(repo: string, branch: string): void;
  /** Changes what an owner's installation (and tokens issued afterwards) may do. */
  setInstallationPermissions(owner: string, permissions: Record<string, AccessLevel>): void;
  /** A fresh installation token for an owner's installation, without an API call (for raw fetch tests). */
  installationToken(owner: string): string;

  state: Inspection;
  calls: CallLog;
  webhooks: WebhookFeed;
  faults: Faults;
  /** Parks requests to `METHOD route` before they touch state, until `release()`. */
  hold(method: string, route: string, matcher?: Omit<RequestMatcher, "method" | "route">): Hold;
  rateLimits: {
    /** Sets what an installation (by id) or the app ("app") has left this hour. */
    setRemaining(who: number | "app", remaining: number): void;
    remaining(who: number | "app"): number;
  };
  /** Resolves with the predicate's first truthy value, re-checked after every request and state change. */
  waitFor<T>(predicate: () => T | null | undefined | false, options?: WaitOptions): Promise<T>;
  /** Signs and POSTs a webhook to the app (loopback only); the hook's target id is the app id. */
  deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult>;
}

function registerAccounts(world: World): void {
  const bot = world.account(world.app.botLogin, "Bot");
  world.botAccount = bot;
  const webFlow = world.account("web-flow");
  webFlow.email = "noreply@github.com";
  webFlow.name = "GitHub";
}

function routeTable(): RouteTable {
  const table = new RouteTable();
  table.add(...appRoutes, ...contentsRoutes, ...gitRoutes, ...commitRoutes, ...pullRoutes, ...issueRoutes, ...checkRoutes, ...releaseRoutes, ...actionsRoutes);
  return table;
}

export async function createGitHubSimulator(options: SimulatorOptions = {}): Promise<GitHubSimulator> {
  const world = new World({ now: options.now, pushCommitLimit: options.pushCommitLimit });
  const slug = options.appSlug ?? "support-matrix-bot";
  world.app = createAppCredentials(options.appId ?? 1001, slug, options.appName ?? slug);
  registerAccounts(world);
  const log = new CallLog();
  const faults = new Faults(world.now);
  const limits = new RateLimits(world.now, options.rateLimit);
  const running = await startServer({ world, routes: routeTable(), log, faults, limits });
  world.urls = { web: running.url, api: `${running.url}${apiPrefix}` };
  const permissions = options.permissions ?? defaultPermissions();
  const bucket = (who: number | "app"): string => (who === "app" ? "app" : `installation:${who}`);
  const { id, name, botLogin, privateKey } = world.app;

  return {
    url: running.url,
    apiUrl: world.urls.api,
    host: `127.0.0.1:${running.port}`,
    app: { id, slug, name, botLogin, privateKey },
    close: () => running.close(),
    createRepo: (o) => createRepo(world, o, permissions),
    push: (o) => push(world, o),
    createBranch: (o) => createBranch(world, o),
    pushTag: (o) => pushTag(world, o),
    deleteRef: (o) => deleteRef(world, o),
    openPullRequest: (o) => openPullRequest(world, o),
    mergePullRequest: (repo, number, o) => mergePullRequest(world, repo, number, o),
    closePullRequest: (repo, number, o) => closePullRequest(world, repo, number, o),
    reopenPullRequest: (repo, number, o) => reopenPullRequest(world, repo, number, o),
    createRelease: (o) => addRelease(world, o),
    editRelease: (o) => changeRelease(world, o),
    unpublishRelease: (o) => unpublish(world, o),
    deleteRelease: (o) => removeRelease(world, o),
    commentOnIssue: (o) => commentOnIssue(world, o),
    runWorkflow: (o) => runWorkflow(world, o),
    finishWorkflowRun: (o) => finishWorkflowRun(world, o),
    rerunWorkflowRun: (o) => rerunWorkflowRun(world, o),
    setPermission: (repo, login, permission) => setPermission(world, repo, login, permission),
    protectBranch: (repo, branch) => {
      world.requireRepo(repo).protectedBranches.add(branch);
    },
    setInstallationPermissions: (owner, perms) => {
      const account = world.accounts.get(owner.toLowerCase());
      const installation = account ? world.installationFor(account) : undefined;
      if (!installation) throw new Error(`simulator: ${owner} has not installed the app`);
      installation.permissions = { ...perms };
    },
    installationToken: (owner) => {
      const account = world.accounts.get(owner.toLowerCase());
      const installation = account ? world.installationFor(account) : undefined;
      if (!installation) throw new Error(`simulator: ${owner} has not installed the app`);
      return issueToken(world, installation, null, { ...installation.permissions }).token;
    },
    state: new Inspection(world),
    calls: log,
    webhooks: {
      get all() {
        return world.webhooks;
      },
      mark: () => world.webhooks.length,
      since: (mark) => world.webhooks.slice(mark),
    },
    faults,
    hold: (method, route, matcher) => faults.hold(method, route, matcher),
    rateLimits: {
      setRemaining: (who, remaining) => limits.setRemaining(bucket(who), remaining),
      remaining: (who) => {
        const b = limits.bucket(bucket(who));
        return Math.max(0, b.limit - b.used);
      },
    },
    waitFor: (predicate, o = {}) => waitFor(world, predicate, o, () => log.describe()),
    deliverWebhook: (d) => deliverWebhook({ targetId: id, ...d }),
  };
}
