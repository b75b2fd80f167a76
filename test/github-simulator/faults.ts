// Injected failures (seeded random fractions, counted rules, rate limits) and holds that park requests until released.
export interface RequestMatcher {
  /** HTTP method; any when omitted. */
  method?: string;
  /** Route template without the method, e.g. "/repos/{owner}/{repo}/pulls"; any when omitted. */
  route?: string;
  /** The concrete path (below /api/v3, no query) must equal this string or match this pattern. */
  path?: string | RegExp;
}

export interface FaultResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RandomFaultOptions extends RequestMatcher {
  /** Share of matching requests that fail, 0..1. */
  fraction: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** PRNG seed: the same seed and request order fail the same requests. */
  seed?: number;
}

export interface FaultRuleOptions extends RequestMatcher, FaultResponse {
  /** How many matching requests fail before the rule retires (default 1). */
  times?: number;
}

export interface FaultRule {
  /** Requests this rule has answered. */
  readonly hits: number;
  /** Failures left. */
  readonly remaining: number;
  /** Retires the rule. */
  remove(): void;
}

export interface HeldRequest {
  method: string;
  route: string;
  path: string;
}

export interface Hold {
  /** Resolves when the first matching request is parked. */
  readonly held: Promise<HeldRequest>;
  /** Requests parked so far. */
  readonly count: number;
  /** Lets every parked request through and stops holding. */
  release(): void;
}

interface RequestFacts {
  method: string;
  /** Route template without the method, or null for an unknown route. */
  route: string | null;
  path: string;
}

function matches(m: RequestMatcher, r: RequestFacts): boolean {
  if (m.method && m.method.toUpperCase() !== r.method) return false;
  if (m.route && m.route !== r.route) return false;
  if (typeof m.path === "string" && m.path !== r.path) return false;
  if (m.path instanceof RegExp && !m.path.test(r.path)) return false;
  return true;
}

/** mulberry32: small, fast and seedable, so a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RandomFault {
  options: RandomFaultOptions;
  next: () => number;
}

interface RuleState {
  options: FaultRuleOptions;
  hits: number;
  remaining: number;
}

interface HoldState {
  matcher: RequestMatcher;
  parked: Array<() => void>;
  count: number;
  notify: (r: HeldRequest) => void;
  released: boolean;
}

export const secondaryRateLimitMessage =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

export class Faults {
  private randoms: RandomFault[] = [];
  private rules: RuleState[] = [];
  private holds: HoldState[] = [];

  constructor(private readonly now: () => number) {}

  /** Fails a seeded random share of matching requests (default 502). */
  failRandomly(options: RandomFaultOptions): { remove(): void } {
    const entry: RandomFault = { options, next: prng(options.seed ?? 1) };
    this.randoms.push(entry);
    return { remove: () => void (this.randoms = this.randoms.filter((r) => r !== entry)) };
  }

  /** Answers the next `times` matching requests with the given response. */
  rule(options: FaultRuleOptions): FaultRule {
    const state: RuleState = { options, hits: 0, remaining: options.times ?? 1 };
    this.rules.push(state);
    return {
      get hits() {
        return state.hits;
      },
      get remaining() {
        return state.remaining;
      },
      remove: () => void (this.rules = this.rules.filter((r) => r !== state)),
    };
  }

  /** GitHub's secondary rate limit: 403, the documented message and `retry-after`. */
  secondaryRateLimit(matcher: RequestMatcher & { times?: number; retryAfter?: number } = {}): FaultRule {
    return this.rule({
      ...matcher,
      status: 403,
      headers: { "retry-after": String(matcher.retryAfter ?? 1) },
      body: { message: secondaryRateLimitMessage, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
    });
  }

  /** A 429 Too Many Requests with `retry-after`. */
  tooManyRequests(matcher: RequestMatcher & { times?: number; retryAfter?: number } = {}): FaultRule {
    return this.rule({
      ...matcher,
      status: 429,
      headers: { "retry-after": String(matcher.retryAfter ?? 1) },
      body: { message: "Too Many Requests" },
    });
  }

  /** A primary rate limit answer: 403, x-ratelimit-remaining 0 and a reset `resetInSeconds` ahead. */
  primaryRateLimit(matcher: RequestMatcher & { times?: number; resetInSeconds?: number } = {}): FaultRule {
    const reset = Math.floor(this.now() / 1000) + (matcher.resetInSeconds ?? 1);
    return this.rule({
      ...matcher,
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-limit": "5000", "x-ratelimit-reset": String(reset) },
      body: { message: "API rate limit exceeded.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
    });
  }

  /** Parks matching requests (before they touch any state) until `release()`. */
  hold(method: string, route: string, matcher: Omit<RequestMatcher, "method" | "route"> = {}): Hold {
    let notify: (r: HeldRequest) => void = () => undefined;
    const held = new Promise<HeldRequest>((resolve) => {
      notify = resolve;
    });
    const state: HoldState = { matcher: { ...matcher, method, route }, parked: [], count: 0, notify, released: false };
    this.holds.push(state);
    return {
      held,
      get count() {
        return state.count;
      },
      release: () => {
        state.released = true;
        this.holds = this.holds.filter((h) => h !== state);
        for (const go of state.parked.splice(0)) go();
      },
    };
  }

  /** Waits while a hold matches the request; returns at once otherwise. */
  async wait(r: RequestFacts): Promise<void> {
    const hold = this.holds.find((h) => !h.released && matches(h.matcher, r));
    if (!hold) return;
    hold.count++;
    const parked = new Promise<void>((resolve) => hold.parked.push(resolve));
    hold.notify({ method: r.method, route: r.route ?? r.path, path: r.path });
    await parked;
  }

  /** The injected answer for this request, if a rule or random fault fires. */
  pick(r: RequestFacts): FaultResponse | undefined {
    const rule = this.rules.find((x) => x.remaining > 0 && matches(x.options, r));
    if (rule) {
      rule.remaining--;
      rule.hits++;
      if (rule.remaining === 0) this.rules = this.rules.filter((x) => x !== rule);
      return { status: rule.options.status, headers: rule.options.headers, body: rule.options.body };
    }
    for (const f of this.randoms) {
      if (!matches(f.options, r)) continue;
      if (f.next() < f.options.fraction) {
        const status = f.options.status ?? 502;
        return { status, headers: f.options.headers, body: f.options.body ?? { message: "Server Error" } };
      }
    }
    return undefined;
  }

  /** Drops every fault and lets held requests go. */
  clear(): void {
    this.randoms = [];
    this.rules = [];
    for (const h of this.holds.splice(0)) {
      h.released = true;
      for (const go of h.parked.splice(0)) go();
    }
  }
}
