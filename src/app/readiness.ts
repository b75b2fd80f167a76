// Readiness: the app is ready while GitHub accepts its credentials; N authentication failures in a row make it unready.
import type { ApiCallEvent } from "../github/octokit.js";

export interface ReadinessState {
  readonly ready: boolean;
  /** Why not, for /readyz and the log; empty while ready. */
  readonly reason: string;
}

/**
 * Counts consecutive 401 answers (GitHub's "Bad credentials" and JWT refusals: a wrong key, a wrong APP_ID,
 * a revoked app) across every API call; any other answer from GitHub resets the count, so a key that works
 * again makes the app ready again at its next call. Network errors say nothing about credentials.
 */
export class AuthenticationReadiness implements ReadinessState {
  readonly #threshold: number;
  #consecutive = 0;
  readonly #onChange: ((state: ReadinessState) => void) | undefined;

  constructor(options: { readonly failuresBeforeUnready: number; readonly onChange?: (state: ReadinessState) => void }) {
    this.#threshold = options.failuresBeforeUnready;
    this.#onChange = options.onChange;
  }

  get ready(): boolean {
    return this.#consecutive < this.#threshold;
  }

  get reason(): string {
    return this.ready ? "" : `GitHub refused the app's credentials ${this.#consecutive} times in a row (check APP_ID and the private key)`;
  }

  /** Suits `onApiCall` of createSupportMatrixOctokit. */
  observe(event: ApiCallEvent): void {
    if (event.kind !== "request" || event.status === "network-error") return;
    const before = this.ready;
    this.#consecutive = event.status === 401 ? this.#consecutive + 1 : 0;
    if (this.ready !== before) this.#onChange?.(this);
  }
}
