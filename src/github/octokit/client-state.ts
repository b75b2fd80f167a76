// The per-instance state our plugins share, carried through Octokit's constructor options under one key.
import type { OctokitOptions } from "@octokit/core";
import type { ApiUsage } from "./api-usage.js";
import type { ResponseCache } from "./response-cache.js";

export interface RateLimitPolicy {
  /** How many times one request may wait for a rate limit before giving up. */
  readonly retries: number;
  /** The longest single wait accepted; GitHub asking for more means give up at once. */
  readonly maxWaitMs: number;
  /** Wait for a secondary limit that names no `retry-after`; doubles on each further retry (GitHub: "at least one minute"). */
  readonly secondaryFallbackMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface ClientState {
  readonly usage: ApiUsage;
  readonly responseCache: ResponseCache;
  /** Responses are only shared between clients acting as the same identity. */
  readonly cachePartition: string;
  readonly rateLimit: RateLimitPolicy;
}

/** The Octokit option our defaults fill in; plugins read it back with {@link clientStateOf}. */
export const clientStateOption = "supportMatrixClient";

export class MissingClientStateError extends Error {
  constructor() {
    super(`Octokit option "${clientStateOption}" is missing: build clients with createSupportMatrixOctokit()`);
    this.name = new.target.name;
  }
}

export function clientStateOf(options: OctokitOptions): ClientState {
  const state: unknown = options[clientStateOption];
  if (typeof state !== "object" || state === null) throw new MissingClientStateError();
  return state as ClientState;
}

/** Which identity a client acts as, without ever holding on to a credential. */
export function cachePartitionOf(auth: unknown): string {
  if (typeof auth === "object" && auth !== null) {
    const installationId: unknown = (auth as { installationId?: unknown }).installationId;
    if (typeof installationId === "number" || typeof installationId === "string") {
      return `installation:${installationId}`;
    }
    if ("appId" in auth) return "app";
    if ("token" in auth) return "token";
  }
  if (typeof auth === "string") return "token";
  return "anonymous";
}
