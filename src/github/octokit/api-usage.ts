// Counts what one Octokit instance really spent on GitHub: every HTTP exchange, 304s and answers from memory apart.

/** One thing that happened on the way to GitHub, for metrics. `status` is the HTTP status, or why there was none. */
export type ApiCallEvent =
  | {
      readonly kind: "request";
      readonly method: string;
      readonly status: number | "network-error";
      /** `x-ratelimit-remaining` of the response, when GitHub sent it. */
      readonly rateLimitRemaining: number | undefined;
    }
  | { readonly kind: "memory-hit"; readonly method: string };

export type ApiCallObserver = (event: ApiCallEvent) => void;

export interface ApiUsageSnapshot {
  /** HTTP requests sent, retries and conditional requests included. */
  readonly requests: number;
  readonly byMethod: Readonly<Record<string, number>>;
  /** Keyed by HTTP status ("200", "304", "502") or "network-error". */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Requests GitHub answered 304 Not Modified: they do not count against the primary rate limit. */
  readonly notModified: number;
  /** Reads answered from memory (an immutable object already fetched): no request at all. */
  readonly memoryHits: number;
  /** Requests that count against the primary rate limit: `requests - notModified`. */
  readonly spent: number;
  /** The last `x-ratelimit-remaining` GitHub sent, if any response carried one. */
  readonly rateLimitRemaining: number | undefined;
}

export class ApiUsage {
  #requests = 0;
  #notModified = 0;
  #memoryHits = 0;
  #rateLimitRemaining: number | undefined;
  readonly #byMethod = new Map<string, number>();
  readonly #byStatus = new Map<string, number>();
  readonly #observer: ApiCallObserver | undefined;

  constructor(observer?: ApiCallObserver) {
    this.#observer = observer;
  }

  recordResponse(method: string, status: number, rateLimitRemaining: number | undefined): void {
    this.#countRequest(method, String(status));
    if (status === 304) this.#notModified += 1;
    if (rateLimitRemaining !== undefined) this.#rateLimitRemaining = rateLimitRemaining;
    this.#observer?.({ kind: "request", method, status, rateLimitRemaining });
  }

  recordNetworkError(method: string): void {
    this.#countRequest(method, "network-error");
    this.#observer?.({ kind: "request", method, status: "network-error", rateLimitRemaining: undefined });
  }

  recordMemoryHit(method: string): void {
    this.#memoryHits += 1;
    this.#observer?.({ kind: "memory-hit", method });
  }

  snapshot(): ApiUsageSnapshot {
    return {
      requests: this.#requests,
      byMethod: Object.fromEntries(this.#byMethod),
      byStatus: Object.fromEntries(this.#byStatus),
      notModified: this.#notModified,
      memoryHits: this.#memoryHits,
      spent: this.#requests - this.#notModified,
      rateLimitRemaining: this.#rateLimitRemaining,
    };
  }

  #countRequest(method: string, status: string): void {
    this.#requests += 1;
    this.#byMethod.set(method, (this.#byMethod.get(method) ?? 0) + 1);
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + 1);
  }
}

const baseFetchKey = Symbol("support-matrix-bot.baseFetch");
type CountingFetch = typeof fetch & { [baseFetchKey]?: typeof fetch };

/**
 * Wraps fetch so every exchange is counted where it really happens: below plugin-retry and the
 * throttling plugin, whose retries an outer Octokit hook would never see.
 */
export function countingFetch(base: typeof fetch, usage: ApiUsage): typeof fetch {
  const counted: CountingFetch = async (input, init) => {
    const method = methodOf(input, init);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      usage.recordNetworkError(method);
      throw error;
    }
    usage.recordResponse(method, response.status, rateLimitRemainingOf(response.headers));
    return response;
  };
  counted[baseFetchKey] = base;
  return counted;
}

/**
 * Probot builds installation clients from the options of the app client, so a fetch may already be
 * one of ours: unwrap it, or the new instance would count into the old instance's usage as well.
 */
export function uncountedFetch(candidate: unknown): typeof fetch | undefined {
  if (typeof candidate !== "function") return undefined;
  const fetchFn = candidate as CountingFetch;
  return fetchFn[baseFetchKey] ?? fetchFn;
}

function methodOf(input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1]): string {
  if (init?.method) return init.method.toUpperCase();
  if (input instanceof Request) return input.method.toUpperCase();
  return "GET";
}

function rateLimitRemainingOf(headers: Headers): number | undefined {
  const raw = headers.get("x-ratelimit-remaining");
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
