// The one GitHub client class of the bot: Probot's Octokit plus conditional reads, our rate-limit policy and accounting.
import Bottleneck from "bottleneck";
import type { OctokitOptions } from "@octokit/core";
import { ProbotOctokit } from "probot";
import { ApiUsage, countingFetch, uncountedFetch, type ApiCallObserver } from "./octokit/api-usage.js";
import { apiUsagePlugin } from "./octokit/api-usage-plugin.js";
import { cachePartitionOf, clientStateOption, type ClientState, type RateLimitPolicy } from "./octokit/client-state.js";
import { conditionalRequests } from "./octokit/conditional-requests.js";
import { rateLimitPolicy } from "./octokit/rate-limit-policy.js";
import { ResponseCache } from "./octokit/response-cache.js";

export { ApiUsage, type ApiCallEvent, type ApiCallObserver, type ApiUsageSnapshot } from "./octokit/api-usage.js";
export { RateLimitedError, type RateLimitGiveUpReason, type RateLimitKind } from "./octokit/rate-limit-policy.js";
export { ResponseCache } from "./octokit/response-cache.js";
export { isImmutableRead } from "./octokit/conditional-requests.js";

/** The knobs operators may turn (see src/app/settings.ts for their environment variables). */
export interface GitHubClientTuning {
  /** Minimum gap between two mutating requests of one installation; GitHub asks for about a second. */
  readonly writePacingMs: number;
  /** How often a 5xx or network failure is retried. */
  readonly serverErrorRetries: number;
  /** Backoff unit for those retries: waits of 1×, 4×, 9× this value (plugin-retry's schedule). */
  readonly serverErrorBackoffMs: number;
  /** How often one request may wait out a rate limit. */
  readonly rateLimitRetries: number;
  /** Longest single rate-limit wait accepted; beyond it a RateLimitedError is thrown at once. */
  readonly rateLimitMaxWaitMs: number;
  /** Wait for a secondary limit without `retry-after`, doubled on each retry. */
  readonly secondaryRateLimitFallbackMs: number;
  /** Bytes of responses the ETag/immutable cache of one client class keeps (one response: at most an eighth). */
  readonly responseCacheBytes: number;
}

export const defaultGitHubClientTuning: GitHubClientTuning = {
  writePacingMs: 1000,
  serverErrorRetries: 3,
  serverErrorBackoffMs: 1000,
  rateLimitRetries: 3,
  rateLimitMaxWaitMs: 5 * 60_000,
  secondaryRateLimitFallbackMs: 60_000,
  // Far above what the bot reads per reconcile (files, pages, release lists: a few MB), and small
  // within the Kubernetes example's 256 MiB, since parsed JSON costs a few times its text.
  responseCacheBytes: 16 * 1024 * 1024,
};

export interface GitHubClientOptions extends Partial<GitHubClientTuning> {
  /** Told about every request and memory hit of every instance (metrics). */
  readonly onApiCall?: ApiCallObserver;
  /** Clock and sleep used for rate-limit waits; tests inject their own. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Shared by every instance of the class; defaults to a new cache of `responseCacheBytes`. */
  readonly responseCache?: ResponseCache;
}

const BaseOctokit = ProbotOctokit.plugin(rateLimitPolicy, conditionalRequests, apiUsagePlugin);

export type SupportMatrixOctokitClass = typeof BaseOctokit;
export type SupportMatrixOctokit = InstanceType<SupportMatrixOctokitClass>;

// plugin-retry retries every status >= 400 not listed here: list all of 4xx so only 5xx and network
// failures are retried, and 403/429 rate limits reach rateLimitPolicy untouched.
const clientErrorStatuses = Array.from({ length: 100 }, (_, i) => 400 + i);

// The throttling plugin's handlers would retry (or not) on their own schedule; ours decides instead.
const declineRetry = (): boolean => false;

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function definedTuning(options: GitHubClientOptions): GitHubClientTuning {
  const tuning: Record<string, number> = { ...defaultGitHubClientTuning };
  for (const key of Object.keys(defaultGitHubClientTuning) as (keyof GitHubClientTuning)[]) {
    const value = options[key];
    if (value !== undefined) tuning[key] = value;
  }
  return tuning as unknown as GitHubClientTuning;
}

/**
 * Builds the client class. Use it as `new Probot({ Octokit: createSupportMatrixOctokit(...) })`, or
 * directly with a token: `new Class({ auth: token, baseUrl })`. Instances of one class share the
 * response cache (partitioned by identity) and the write pacing; each has its own `apiUsage`.
 */
export function createSupportMatrixOctokit(options: GitHubClientOptions = {}): SupportMatrixOctokitClass {
  const tuning = definedTuning(options);
  const responseCache = options.responseCache ?? new ResponseCache(tuning.responseCacheBytes);
  const rateLimit: RateLimitPolicy = {
    retries: tuning.rateLimitRetries,
    maxWaitMs: tuning.rateLimitMaxWaitMs,
    secondaryFallbackMs: tuning.secondaryRateLimitFallbackMs,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? realSleep,
  };
  // The throttling plugin's own groups are module-wide with a fixed 1 s (writes) and 3 s (writes that
  // notify, such as opening a pull request); ours keep GitHub's 1:3 ratio at the configured pace.
  const write = new Bottleneck.Group({ maxConcurrent: 1, minTime: tuning.writePacingMs });
  const notifications = new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * tuning.writePacingMs });

  return BaseOctokit.defaults((instanceOptions: OctokitOptions = {}): OctokitOptions => {
    const usage = new ApiUsage(options.onApiCall);
    const baseFetch = uncountedFetch(instanceOptions.request?.fetch) ?? globalThis.fetch;
    // Probot's auth strategy wants `{ token }`; a bare string would be spread character by character.
    const auth: unknown =
      typeof instanceOptions.auth === "string" ? { token: instanceOptions.auth } : instanceOptions.auth;
    const state: ClientState = { usage, responseCache, cachePartition: cachePartitionOf(auth), rateLimit };
    return {
      ...instanceOptions,
      auth,
      request: { ...instanceOptions.request, fetch: countingFetch(baseFetch, usage) },
      throttle: {
        ...instanceOptions.throttle,
        onRateLimit: declineRetry,
        onSecondaryRateLimit: declineRetry,
        write,
        notifications,
      },
      retry: {
        ...instanceOptions.retry,
        doNotRetry: clientErrorStatuses,
        retries: tuning.serverErrorRetries,
        retryAfterBaseValue: tuning.serverErrorBackoffMs,
      },
      [clientStateOption]: state,
    };
  });
}

/** Production defaults, real clock; no metrics observer. */
export const SupportMatrixOctokit = createSupportMatrixOctokit();

/**
 * The accounting of a client typed as Probot's (e.g. `context.octokit`), or undefined when it was not
 * built by createSupportMatrixOctokit.
 */
export function apiUsageOf(octokit: object): ApiUsage | undefined {
  const usage: unknown = (octokit as { apiUsage?: unknown }).apiUsage;
  return usage instanceof ApiUsage ? usage : undefined;
}
