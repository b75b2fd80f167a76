// Runs work per key off the webhook path: triggers during a run coalesce into one rerun; keys run side by side.

export type TriggerOutcome = "scheduled" | "coalesced" | "refused";

export interface KeyedQueueOptions {
  /** The work. `reasons` are the triggers it answers, oldest first (for the log). */
  readonly run: (key: string, reasons: readonly string[]) => Promise<void>;
  /** How many keys may run at once. */
  readonly concurrency?: number;
  /** A run threw or rejected; the queue carries on. */
  readonly onError?: (key: string, error: unknown, reasons: readonly string[]) => void;
  /** Pending plus running changed (for the queue-depth gauge). */
  readonly onDepthChange?: (depth: number) => void;
}

export interface StopReport {
  /** Keys that were waiting and will not run: hand them back (the next start's startup reconcile converges them). */
  readonly pending: readonly string[];
  /** Keys still running when the timeout passed; their runs were abandoned, not cancelled. */
  readonly unfinished: readonly string[];
}

interface KeyState {
  running: boolean;
  /** Reasons for the next run; undefined when no run is waiting. */
  waiting: string[] | undefined;
}

export class KeyedQueue {
  readonly #run: KeyedQueueOptions["run"];
  readonly #concurrency: number;
  readonly #onError: KeyedQueueOptions["onError"];
  readonly #onDepthChange: KeyedQueueOptions["onDepthChange"];
  readonly #keys = new Map<string, KeyState>();
  /** Keys with a waiting run that is not blocked by a run of the same key, in trigger order. */
  readonly #ready: string[] = [];
  readonly #runs = new Map<string, Promise<void>>();
  #idleWaiters: (() => void)[] = [];
  #stopping = false;

  constructor(options: KeyedQueueOptions) {
    const concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`queue concurrency must be a positive integer, got ${concurrency}`);
    }
    this.#run = options.run;
    this.#concurrency = concurrency;
    this.#onError = options.onError;
    this.#onDepthChange = options.onDepthChange;
  }

  /** Pending plus running runs. */
  get depth(): number {
    let depth = 0;
    for (const state of this.#keys.values()) depth += (state.running ? 1 : 0) + (state.waiting ? 1 : 0);
    return depth;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Schedules `run(key)` and returns at once; the run starts on a later tick. */
  trigger(key: string, reason: string): TriggerOutcome {
    if (this.#stopping) return "refused";
    const state = this.#keys.get(key) ?? { running: false, waiting: undefined };
    this.#keys.set(key, state);
    if (state.waiting) {
      state.waiting.push(reason);
      return "coalesced";
    }
    state.waiting = [reason];
    // A running key gets its follow-up queued when its run ends, so one key never runs twice at once.
    if (!state.running) this.#ready.push(key);
    this.#depthChanged();
    // Start on a later tick: triggers of the same tick join this run, and the synchronous part of
    // `run` never executes inside trigger() (a webhook handler).
    queueMicrotask(() => this.#pump());
    return "scheduled";
  }

  /** Resolves when nothing is pending or running. */
  idle(): Promise<void> {
    if (this.#keys.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Refuses new triggers, drops what is waiting, and waits up to `timeoutMs` for the running
   * runs. Resolves with the keys that did not get their run.
   */
  async stop({ timeoutMs }: { timeoutMs: number }): Promise<StopReport> {
    this.#stopping = true;
    const pending: string[] = [];
    for (const [key, state] of this.#keys) {
      if (!state.waiting) continue;
      pending.push(key);
      state.waiting = undefined;
      if (!state.running) this.#keys.delete(key);
    }
    this.#ready.length = 0;
    this.#depthChanged();
    this.#settleIdle();

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#runs.values()]), deadline]);
    clearTimeout(timer);
    return { pending, unfinished: [...this.#runs.keys()] };
  }

  #pump(): void {
    while (this.#runs.size < this.#concurrency && this.#ready.length > 0) {
      const key = this.#ready.shift() as string;
      const state = this.#keys.get(key);
      if (!state?.waiting) continue;
      const reasons = state.waiting;
      state.waiting = undefined;
      state.running = true;
      this.#runs.set(key, this.#execute(key, state, reasons));
    }
  }

  async #execute(key: string, state: KeyState, reasons: readonly string[]): Promise<void> {
    try {
      await this.#run(key, reasons);
    } catch (error) {
      this.#report(key, error, reasons);
    } finally {
      this.#runs.delete(key);
      state.running = false;
      if (state.waiting && !this.#stopping) this.#ready.push(key);
      else this.#keys.delete(key);
      this.#depthChanged();
      this.#pump();
      this.#settleIdle();
    }
  }

  #report(key: string, error: unknown, reasons: readonly string[]): void {
    try {
      this.#onError?.(key, error, reasons);
    } catch {
      // A failing error reporter must not take the queue down with it.
    }
  }

  #depthChanged(): void {
    this.#onDepthChange?.(this.depth);
  }

  #settleIdle(): void {
    if (this.#keys.size > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
