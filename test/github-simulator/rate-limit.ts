// Primary rate limits per caller (installation, app, anonymous), with GitHub's x-ratelimit-* headers.
import type { Caller } from "./auth.js";

export interface RateBucket {
  limit: number;
  used: number;
  /** Unix seconds when the window resets. */
  reset: number;
}

export interface RateLimitOptions {
  /** Requests per hour for an installation (GitHub: 5000). */
  installation?: number;
  /** Requests per hour for the app's JWT (GitHub: 5000). */
  app?: number;
  /** Requests per hour without credentials (GitHub: 60). */
  anonymous?: number;
}

export function bucketKey(caller: Caller): string {
  if (caller.kind === "installation") return `installation:${caller.installation.id}`;
  return caller.kind;
}

export class RateLimits {
  private readonly buckets = new Map<string, RateBucket>();

  constructor(
    private readonly now: () => number,
    private readonly options: RateLimitOptions = {},
  ) {}

  private limitFor(key: string): number {
    if (key.startsWith("installation:")) return this.options.installation ?? 5000;
    if (key === "app") return this.options.app ?? 5000;
    return this.options.anonymous ?? 60;
  }

  bucket(key: string): RateBucket {
    const nowSeconds = Math.floor(this.now() / 1000);
    let b = this.buckets.get(key);
    if (!b || b.reset <= nowSeconds) {
      b = { limit: this.limitFor(key), used: 0, reset: nowSeconds + 3600 };
      this.buckets.set(key, b);
    }
    return b;
  }

  exhausted(key: string): boolean {
    const b = this.bucket(key);
    return b.used >= b.limit;
  }

  consume(key: string): void {
    this.bucket(key).used++;
  }

  /** Sets what is left in a caller's window (e.g. 0 to test exhaustion). */
  setRemaining(key: string, remaining: number): void {
    const b = this.bucket(key);
    b.used = Math.max(0, b.limit - remaining);
  }

  headers(key: string): Record<string, string> {
    const b = this.bucket(key);
    return {
      "x-ratelimit-limit": String(b.limit),
      "x-ratelimit-remaining": String(Math.max(0, b.limit - b.used)),
      "x-ratelimit-reset": String(b.reset),
      "x-ratelimit-used": String(b.used),
      "x-ratelimit-resource": "core",
    };
  }
}
