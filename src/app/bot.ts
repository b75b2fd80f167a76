// The bot's behaviour behind any front door (server or GitHub Actions): events become queued work, and the work runs.
import type { IssueCommentEvent } from "@octokit/webhooks-types";
import type { ApplicationFunction, Logger } from "probot";
import type { GitHubAccessProvider, GitHubSession } from "../github/github-access.js";
import { fullNameOf, parseRepository, sameRepository, type RepositoryRef } from "../github/repository.js";
import { workflowChangedBetween } from "../github/source-workflow.js";
import { ConfigHistory } from "../sync/config-at-commit.js";
import { PullRequestPreviewer, type PreviewRequest } from "../sync/pull-request-preview.js";
import { KeyedQueue, type StopReport } from "../sync/queue.js";
import { queueKindOf, Reconciler, type ReconcileKind, type ReconcileReport } from "../sync/reconcile.js";
import { isRecreateCommand, recreatePullRequest } from "../sync/recreate.js";
import { defaultConfig, type Config } from "../config/index.js";
import { decideTriggers, repositoryOf, type BotView, type Trigger, type TriggerDecision } from "./event-triggers.js";
import { recordDelivery, recordQueueDepth, recordReconcile, type BotMetrics } from "./metrics.js";

export interface BotOptions {
  readonly docsRepository: RepositoryRef;
  readonly access: GitHubAccessProvider;
  readonly log: Logger;
  readonly metrics: BotMetrics;
  /** How many pieces of work may run at once (different keys only: one key never runs twice at once). */
  readonly concurrency?: number;
  /** The web server every link the bot writes points at (github.com, or a GitHub Enterprise Server's web URL). */
  readonly serverUrl: string;
  /** Where problem reports link for the configuration reference (CONFIG_REFERENCE_URL). */
  readonly referenceUrl?: string;
  /** The clock for rate-limiting refusal comments; Date.now by default. */
  readonly now?: () => number;
}

export interface IncomingDelivery {
  readonly id: string;
  readonly name: string;
  readonly payload: object;
}

/** Work that needs API calls before it knows whether to reconcile, or that is not a reconcile at all. */
type Errand =
  | { readonly kind: "compare"; readonly decision: Extract<TriggerDecision, { action: "compare-workflow" }> }
  | { readonly kind: "recreate"; readonly pullNumber: number; readonly by: string }
  | { readonly kind: "preview"; readonly request: PreviewRequest };

/** Refusals of the recreate command get at most one comment per pull request in this time (per process). */
export const REFUSAL_COMMENT_INTERVAL_MS = 3_600_000;

const RECONCILE_KEYS: ReadonlySet<string> = new Set<ReconcileKind>(["matrix", "releases"]);

export class Bot {
  readonly #options: BotOptions;
  readonly #reconciler: Reconciler;
  readonly #previewer: PullRequestPreviewer;
  readonly #queue: KeyedQueue;
  readonly #errands = new Map<string, Errand>();
  /** When each pull request last got a refusal comment: at most one an hour, however many outsiders try. */
  readonly #refusedAt = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => number;
  /** The last report of each kind, for tests and the GitHub Actions summary. */
  readonly lastReports = new Map<ReconcileKind, ReconcileReport>();

  constructor(options: BotOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    // One configuration history: a preview before the first reconcile reads the config the reconcile then reuses.
    const configs = new ConfigHistory();
    this.#reconciler = new Reconciler({
      docs: options.docsRepository,
      configs,
      log: options.log.child({ name: "reconcile" }),
      serverUrl: options.serverUrl,
      ...(options.referenceUrl ? { referenceUrl: options.referenceUrl } : {}),
    });
    this.#previewer = new PullRequestPreviewer({
      docs: options.docsRepository,
      log: options.log.child({ name: "preview" }),
      serverUrl: options.serverUrl,
      configs,
    });
    this.#queue = new KeyedQueue({
      concurrency: options.concurrency ?? 2,
      run: (key, reasons) => this.#run(key, reasons),
      onError: (key, error, reasons) => {
        options.log.error({ err: error, work: key, deliveries: reasons }, "work failed; the next trigger or the periodic reconcile repairs it");
        if (RECONCILE_KEYS.has(key)) recordReconcile(options.metrics, key as ReconcileKind, "failed");
      },
      onDepthChange: (depth) => {
        recordQueueDepth(options.metrics, depth);
        // Lets an operator (or a test driving a real process) see that everything triggered so far has run.
        if (depth === 0) options.log.debug("queue idle");
      },
    });
  }

  /** What the bot watches: the last valid configuration, or the Kairos defaults before the first read. */
  get view(): BotView {
    const config: Config = this.#reconciler.knownConfig ?? defaultConfig;
    return {
      docsRepository: `${this.#options.docsRepository.owner}/${this.#options.docsRepository.repo}`,
      sources: config.sources.map((s) => ({ repository: s.repository, workflow: s.workflow })),
      components: config.components.map((c) => ({ repository: c.repository })),
      includePrereleases: config.releases.includePrereleases,
    };
  }

  /** Probot's entry: every subscribed event goes through `receive`, which only enqueues. */
  readonly appFn: ApplicationFunction = (app) => {
    app.onAny((event) => {
      this.receive({ id: event.id, name: event.name, payload: event.payload as object });
    });
  };

  /** Decides from the payload alone (no API call) and returns at once; the work runs in the queue. */
  receive(delivery: IncomingDelivery): TriggerDecision | { action: "command"; why: string } {
    const { log, metrics, access } = this.#options;
    const installation = (delivery.payload as { installation?: { id?: number }; repository?: { owner?: { login?: string } } });
    const owner = installation.repository?.owner?.login;
    if (owner && typeof installation.installation?.id === "number") access.remember(owner, installation.installation.id);
    const decision = delivery.name === "issue_comment" ? this.#command(delivery) : decideTriggers(delivery, this.view);
    // deliveryId, as the HTTP front names it, so one search finds every line of a delivery.
    const context = { deliveryId: delivery.id, event: delivery.name, repository: repositoryOf(delivery.payload) };
    if (decision.action === "ignore") {
      log.debug({ ...context, reason: decision.reason }, "ignored");
      recordDelivery(metrics, delivery.name, "ignored");
      return decision;
    }
    log.info({ ...context, why: decision.why }, "accepted");
    recordDelivery(metrics, delivery.name, "triggered");
    if (decision.action === "enqueue") for (const trigger of decision.triggers) this.#enqueue(trigger, delivery.id);
    if (decision.action === "compare-workflow") this.#enqueueCompare(decision, delivery.id);
    return decision;
  }

  #command(delivery: IncomingDelivery): TriggerDecision | { action: "command"; why: string } {
    const event = delivery.payload as IssueCommentEvent;
    const docs = this.#options.docsRepository;
    if (event.action !== "created" || !event.issue?.pull_request) return { action: "ignore", reason: "not a new pull request comment" };
    if (!sameRepository(event.repository.full_name, fullNameOf(docs))) {
      return { action: "ignore", reason: "a comment outside the docs repository" };
    }
    if (!isRecreateCommand(event.comment.body) || event.comment.user.type === "Bot") {
      return { action: "ignore", reason: "not a command" };
    }
    // One key per commenter: a second person's command queues beside the first, never in its place.
    const key = `recreate:${event.issue.number}:${event.comment.user.login.toLowerCase()}`;
    this.#errands.set(key, { kind: "recreate", pullNumber: event.issue.number, by: event.comment.user.login });
    this.#queue.trigger(key, delivery.id);
    return { action: "command", why: `@${event.comment.user.login} asked to recreate #${event.issue.number}` };
  }

  #enqueue(trigger: Trigger, reason: string): void {
    if (trigger.kind === "matrix" || trigger.kind === "releases") {
      this.#queue.trigger(queueKindOf(this.#reconciler.knownConfig, trigger.kind), reason);
      return;
    }
    // One key per pull request: re-deliveries coalesce, and the run reads the latest head SHA queued.
    const { kind: _kind, ...request } = trigger;
    const key = `preview:${trigger.repository.toLowerCase()}#${trigger.pullNumber}`;
    this.#errands.set(key, { kind: "preview", request });
    this.#queue.trigger(key, reason);
  }

  /** Startup converges anything missed while the process was down; the timer repairs anything missed since. */
  start(options: { readonly intervalMs: number | null }): void {
    this.trigger("startup");
    if (options.intervalMs !== null) {
      this.#timer = setInterval(() => this.trigger("periodic"), options.intervalMs);
      this.#timer.unref();
    }
  }

  /**
   * Reads the docs configuration, so that events are judged by the configured sources rather than the
   * built-in defaults: a process that handles an event before any reconcile (GitHub Actions mode) needs it.
   * A failed read is logged and leaves the defaults in place; the next reconcile reads and reports it.
   */
  async readConfiguration(): Promise<void> {
    const session = this.#options.access.session();
    try {
      await this.#reconciler.learnConfig(session);
    } catch (error) {
      this.#options.log.warn({ err: error }, "could not read the configuration yet; events are judged by the built-in defaults until a reconcile reads it");
    }
  }

  /** A reconcile of everything, for a reason that is not a webhook (startup, timer, GitHub Actions schedule). */
  trigger(reason: string): void {
    for (const kind of ["matrix", "releases"] as const) this.#queue.trigger(queueKindOf(this.#reconciler.knownConfig, kind), reason);
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  get queueDepth(): number {
    return this.#queue.depth;
  }

  async stop(options: { readonly timeoutMs: number }): Promise<StopReport> {
    if (this.#timer) clearInterval(this.#timer);
    return this.#queue.stop(options);
  }

  async #run(key: string, reasons: readonly string[]): Promise<void> {
    const session = this.#options.access.session();
    const started = Date.now();
    const docs = this.#options.docsRepository;
    const log = this.#options.log.child({ work: key, deliveries: reasons, repository: fullNameOf(docs) });
    if (RECONCILE_KEYS.has(key)) {
      const report = await this.#reconciler.reconcile(key as ReconcileKind, session, { refresh: reasons.includes("periodic") });
      this.lastReports.set(report.kind, report);
      recordReconcile(this.#options.metrics, report.kind, report.outcome);
      log.info({ outcome: report.outcome, pullRequest: report.pullRequest, problems: report.problems, ...usageOf(session), ms: Date.now() - started }, "reconciled");
      return;
    }
    const errand = this.#errands.get(key);
    this.#errands.delete(key);
    if (!errand) return;
    if (errand.kind === "compare") await this.#compare(errand.decision, session, log);
    else if (errand.kind === "preview") await this.#preview(errand.request, session, log);
    else await this.#recreate(errand.pullNumber, errand.by, session, log);
  }

  async #compare(decision: Extract<TriggerDecision, { action: "compare-workflow" }>, session: GitHubSession, log: Logger): Promise<void> {
    const repository = parseRepository(decision.repository);
    const octokit = await session.forRepository(repository);
    let changed = false;
    for (const workflow of decision.workflows) {
      changed ||= await workflowChangedBetween(octokit, repository, workflow, decision.before, decision.after).catch(() => true);
    }
    log.info({ changed, ...usageOf(session) }, "compared the workflow before and after the push");
    if (changed) for (const trigger of decision.triggers) this.#enqueue(trigger, `compare ${decision.after.slice(0, 7)}`);
  }

  async #preview(request: PreviewRequest, session: GitHubSession, log: Logger): Promise<void> {
    const report = await this.#previewer.preview(request, session);
    log.info({ ...report, pullRequest: `${request.repository}#${request.pullNumber}`, headSha: request.headSha, ...usageOf(session) }, "pull request preview");
  }

  async #recreate(pullNumber: number, by: string, session: GitHubSession, log: Logger): Promise<void> {
    const docs = this.#options.docsRepository;
    const config = this.#reconciler.knownConfig ?? defaultConfig;
    const branches = [config.pullRequest.branch, config.releasePullRequest.branch];
    const octokit = await session.forRepository(docs);
    const now = this.#now();
    const mayComment = now - (this.#refusedAt.get(pullNumber) ?? -Infinity) >= REFUSAL_COMMENT_INTERVAL_MS;
    const { login } = await session.identity();
    const outcome = await recreatePullRequest(octokit, docs, { pullNumber, by, botBranches: branches, botLogin: login, mayComment });
    if (outcome === "not-allowed" && mayComment) this.#refusedAt.set(pullNumber, now);
    log.info({ outcome, pullRequest: pullNumber, by, refusalCommented: outcome === "not-allowed" ? mayComment : undefined, ...usageOf(session) }, "recreate command");
    if (outcome === "recreated") this.trigger(`recreate #${pullNumber}`);
  }

  /** Comparing blobs costs API calls, so it runs in the queue too, never on the webhook's path. */
  #enqueueCompare(decision: Extract<TriggerDecision, { action: "compare-workflow" }>, deliveryId: string): void {
    const key = `compare:${deliveryId}`;
    this.#errands.set(key, { kind: "compare", decision });
    this.#queue.trigger(key, deliveryId);
  }
}

function usageOf(session: GitHubSession): { apiCalls: number; apiCallsSpent: number; rateLimitRemaining: number | undefined } {
  const usage = session.usage();
  return { apiCalls: usage.requests, apiCallsSpent: usage.spent, rateLimitRemaining: usage.rateLimitRemaining };
}
