// Waits out GitHub's rate limits the way GitHub asks (retry-after, x-ratelimit-reset), within bounds, else fails typed.
import type { Octokit, OctokitOptions } from "@octokit/core";
import { clientStateOf, type RateLimitPolicy } from "./client-state.js";
import { describeRequest, headerOf, isHttpFailure, type HttpFailure } from "./http-failure.js";

/** Primary: the hourly quota is spent. Secondary: too much, too fast (concurrency, writes, CPU time). */
export type RateLimitKind = "primary" | "secondary";

export type RateLimitGiveUpReason = "wait-exceeds-bound" | "retries-exhausted";

export interface RateLimitWait {
  readonly kind: RateLimitKind;
  readonly waitMs: number;
}

/** GitHub refused a request for rate limiting and we will not wait any longer: retry at `resetAt` at the earliest. */
export class RateLimitedError extends Error {
  readonly kind: RateLimitKind;
  readonly reason: RateLimitGiveUpReason;
  /** When GitHub said the request may be sent again. */
  readonly resetAt: Date;
  readonly status: number;
  /** Method and URL of the refused request, credentials redacted. */
  readonly request: string;
  /** How many times this request had already waited and been retried. */
  readonly retries: number;

  constructor(details: {
    kind: RateLimitKind;
    reason: RateLimitGiveUpReason;
    resetAt: Date;
    status: number;
    request: string;
    retries: number;
    cause: unknown;
  }) {
    const why =
      details.reason === "wait-exceeds-bound"
        ? "GitHub asks to wait longer than we accept"
        : `still limited after ${details.retries} retries`;
    super(
      `GitHub ${details.kind} rate limit on ${details.request}: ${why}; retry after ${details.resetAt.toISOString()}`,
      { cause: details.cause },
    );
    this.name = new.target.name;
    this.kind = details.kind;
    this.reason = details.reason;
    this.resetAt = details.resetAt;
    this.status = details.status;
    this.request = details.request;
    this.retries = details.retries;
  }
}

/**
 * How long GitHub asks us to wait before sending `failure`'s request again, or undefined when the
 * failure is not a rate limit (a plain 403 is a permission problem: waiting would not help).
 * Order follows GitHub's guidance: retry-after first, then x-ratelimit-reset when the quota is 0,
 * otherwise at least the fallback, doubling with each retry.
 */
export function rateLimitWaitOf(
  failure: HttpFailure,
  now: number,
  retriesSoFar: number,
  secondaryFallbackMs: number,
): RateLimitWait | undefined {
  if (failure.status !== 403 && failure.status !== 429) return undefined;
  const quotaSpent = headerOf(failure, "x-ratelimit-remaining") === "0";
  const kind: RateLimitKind = quotaSpent && !mentionsSecondaryLimit(failure.message) ? "primary" : "secondary";

  const retryAfterMs = retryAfterOf(headerOf(failure, "retry-after"), now);
  if (retryAfterMs !== undefined) return { kind, waitMs: retryAfterMs };

  if (quotaSpent) {
    const reset = Number(headerOf(failure, "x-ratelimit-reset"));
    if (Number.isFinite(reset) && reset > 0) {
      // GitHub: do not retry before the reset time; one more second makes sure we are after it.
      return { kind, waitMs: Math.max(0, reset * 1000 - now) + 1000 };
    }
  }

  if (quotaSpent || failure.status === 429 || mentionsSecondaryLimit(failure.message)) {
    return { kind, waitMs: secondaryFallbackMs * 2 ** retriesSoFar };
  }
  return undefined;
}

function mentionsSecondaryLimit(message: string): boolean {
  return /secondary rate limit|abuse detection/i.test(message);
}

/** `retry-after` is either delta-seconds or an HTTP date (RFC 9110). */
function retryAfterOf(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Octokit plugin. It is the outermost rate-limit handler: the throttling plugin's handlers are set to
 * decline and plugin-retry is told not to retry 4xx, so every 403/429 reaches this hook unretried.
 */
export function rateLimitPolicy(octokit: Octokit, options: OctokitOptions): void {
  const policy: RateLimitPolicy = clientStateOf(options).rateLimit;

  octokit.hook.wrap("request", async (request, endpoint) => {
    for (let retries = 0; ; retries += 1) {
      try {
        return await request(endpoint);
      } catch (error) {
        if (!isHttpFailure(error)) throw error;
        const now = policy.now();
        const wait = rateLimitWaitOf(error, now, retries, policy.secondaryFallbackMs);
        if (wait === undefined) throw error;

        const described = describeRequest(endpoint.method, octokit.request.endpoint.parse(endpoint).url);
        const giveUp = (reason: RateLimitGiveUpReason): RateLimitedError =>
          new RateLimitedError({
            kind: wait.kind,
            reason,
            resetAt: new Date(now + wait.waitMs),
            status: error.status,
            request: described,
            retries,
            cause: error,
          });
        if (wait.waitMs > policy.maxWaitMs) throw giveUp("wait-exceeds-bound");
        if (retries >= policy.retries) throw giveUp("retries-exhausted");

        octokit.log.warn(
          `GitHub ${wait.kind} rate limit on ${described}: waiting ${Math.ceil(wait.waitMs / 1000)} s (retry ${retries + 1} of ${policy.retries})`,
        );
        await policy.sleep(wait.waitMs);
      }
    }
  });
}
