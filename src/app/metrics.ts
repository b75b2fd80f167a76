// The bot's Prometheus metrics, on a registry of their own, with one typed recording function per fact.
import { emitterEventNames } from "@octokit/webhooks";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import type { ApiCallEvent } from "../github/octokit.js";
import type { ReconcileOutcome } from "../sync/reconcile.js";
import type { TriggerKind } from "./event-triggers.js";

const prefix = "support_matrix_bot_";

/** What became of a webhook delivery. */
export type DeliveryOutcome = "triggered" | "ignored" | "rejected" | "failed";


const unsuccessful: ReadonlySet<ReconcileOutcome> = new Set(["failed", "blocked"]);

export interface BotMetrics {
  readonly registry: Registry;
  readonly deliveries: Counter<"event" | "outcome">;
  readonly reconciles: Counter<"target" | "outcome">;
  readonly apiCalls: Counter<"method" | "status">;
  readonly queueDepth: Gauge;
  readonly lastSuccessfulReconcile: Gauge<"target">;
  readonly rateLimitRemaining: Gauge;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop); on by default. */
  readonly processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): BotMetrics {
  const registry = new Registry();
  // Unprefixed on purpose: standard dashboards expect process_cpu_seconds_total and friends.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    deliveries: new Counter({
      name: `${prefix}webhook_deliveries_total`,
      help: "Webhook deliveries received, by event name and what became of them.",
      labelNames: ["event", "outcome"] as const,
      registers,
    }),
    reconciles: new Counter({
      name: `${prefix}reconciles_total`,
      help: "Reconciles run, by target and outcome.",
      labelNames: ["target", "outcome"] as const,
      registers,
    }),
    apiCalls: new Counter({
      name: `${prefix}github_api_calls_total`,
      help: 'GitHub API calls by method and HTTP status ("304" cost no rate limit; "memory" means answered without a request).',
      labelNames: ["method", "status"] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: `${prefix}queue_depth`,
      help: "Reconciles pending or running.",
      registers,
    }),
    lastSuccessfulReconcile: new Gauge({
      name: `${prefix}last_successful_reconcile_timestamp_seconds`,
      help: "Unix time of the last reconcile that did not fail, by target.",
      labelNames: ["target"] as const,
      registers,
    }),
    rateLimitRemaining: new Gauge({
      name: `${prefix}github_rate_limit_remaining`,
      help: "The last x-ratelimit-remaining GitHub sent.",
      registers,
    }),
  };
}

/** GitHub's webhook event names, as @octokit/webhooks lists them (without the `.action` variants). */
const githubEventNames: ReadonlySet<string> = new Set(emitterEventNames.filter((name) => !name.includes(".")));

/**
 * The event name as a metric label or log field: GitHub's own names, anything else `other`. The header is
 * sender-chosen (and outside the signature), and every distinct label value is a metric series kept forever.
 */
export function knownEventName(name: string | undefined): string {
  return name !== undefined && githubEventNames.has(name) ? name : "other";
}

export function recordDelivery(metrics: BotMetrics, event: string, outcome: DeliveryOutcome): void {
  metrics.deliveries.inc({ event: knownEventName(event), outcome });
}

/** Counts a reconcile; one that reached a decision also moves the target's last-success time to `at`. */
export function recordReconcile(
  metrics: BotMetrics,
  target: TriggerKind,
  outcome: ReconcileOutcome,
  at: Date = new Date(),
): void {
  metrics.reconciles.inc({ target, outcome });
  if (!unsuccessful.has(outcome)) metrics.lastSuccessfulReconcile.set({ target }, at.getTime() / 1000);
}

/** Suits `onApiCall` of createSupportMatrixOctokit directly. */
export function recordApiCall(metrics: BotMetrics, event: ApiCallEvent): void {
  if (event.kind === "memory-hit") {
    metrics.apiCalls.inc({ method: event.method, status: "memory" });
    return;
  }
  metrics.apiCalls.inc({ method: event.method, status: String(event.status) });
  if (event.rateLimitRemaining !== undefined) metrics.rateLimitRemaining.set(event.rateLimitRemaining);
}

export function recordQueueDepth(metrics: BotMetrics, depth: number): void {
  metrics.queueDepth.set(depth);
}

export interface MetricsExposition {
  readonly contentType: string;
  readonly body: string;
}

/** The text a Prometheus scrape of /metrics gets. */
export async function metricsExposition(metrics: BotMetrics): Promise<MetricsExposition> {
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
