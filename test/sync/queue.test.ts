// The keyed queue: coalescing, independent keys, failure isolation, idle() and a bounded stop.
import { afterEach, describe, expect, it, vi } from "vitest";
import { KeyedQueue } from "../../src/sync/queue.js";

/** A promise the test resolves by hand, so runs end exactly when the test says. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves once `run` has been entered `count` times. */
function startedRuns(): { calls: { key: string; reasons: readonly string[] }[]; reached: (count: number) => Promise<void> } {
  const calls: { key: string; reasons: readonly string[] }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    calls: new Proxy(calls, {
      set(target, property, value: unknown) {
        Reflect.set(target, property, value);
        for (const waiter of waiters.filter((w) => calls.length >= w.count)) waiter.resolve();
        return true;
      },
    }),
    reached: (count) =>
      calls.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("KeyedQueue", () => {
  it("coalesces 20 triggers during a run into exactly one follow-up run", async () => {
    const first = gate();
    const started = startedRuns();
    const queue = new KeyedQueue({
      run: async (key, reasons) => {
        started.calls.push({ key, reasons });
        if (started.calls.length === 1) await first.promise;
      },
    });

    expect(queue.trigger("docs", "push 0")).toBe("scheduled");
    await started.reached(1);
    const outcomes = Array.from({ length: 20 }, (_, i) => queue.trigger("docs", `push ${i + 1}`));
    expect(queue.depth).toBe(2);
    first.open();
    await queue.idle();

    expect(started.calls).toHaveLength(2);
    expect(outcomes.filter((o) => o === "scheduled")).toHaveLength(1);
    expect(started.calls[1]?.reasons).toHaveLength(20);
    expect(queue.depth).toBe(0);
  });

  it("merges triggers that arrive before the run starts into that run", async () => {
    const runs: string[][] = [];
    const queue = new KeyedQueue({ run: async (_key, reasons) => void runs.push([...reasons]) });
    queue.trigger("docs", "a");
    expect(queue.trigger("docs", "b")).toBe("coalesced");
    await queue.idle();
    expect(runs).toEqual([["a", "b"]]);
  });

  it("runs different keys independently, up to the concurrency", async () => {
    const blocker = gate();
    const started = startedRuns();
    const queue = new KeyedQueue({
      concurrency: 2,
      run: async (key, reasons) => {
        started.calls.push({ key, reasons });
        if (key === "slow") await blocker.promise;
      },
    });
    queue.trigger("slow", "x");
    queue.trigger("fast", "y");
    queue.trigger("fast-2", "z");
    await started.reached(3);
    // "fast-2" could only start because "fast" finished while "slow" still held its slot.
    expect(started.calls.map((c) => c.key)).toEqual(["slow", "fast", "fast-2"]);
    blocker.open();
    await queue.idle();
  });

  it("never runs one key twice at the same time", async () => {
    let running = 0;
    let most = 0;
    const queue = new KeyedQueue({
      concurrency: 4,
      run: async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      },
    });
    for (let i = 0; i < 10; i++) {
      queue.trigger("docs", String(i));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await queue.idle();
    expect(most).toBe(1);
  });

  it("reports a failing run and keeps serving that key and others", async () => {
    const errors: { key: string; error: unknown }[] = [];
    const done: string[] = [];
    const queue = new KeyedQueue({
      run: async (key, reasons) => {
        if (reasons.includes("boom")) throw new Error(`broke ${key}`);
        done.push(key);
      },
      onError: (key, error) => errors.push({ key, error }),
    });
    queue.trigger("a", "boom");
    queue.trigger("b", "ok");
    await queue.idle();
    queue.trigger("a", "ok");
    await queue.idle();

    expect(errors).toHaveLength(1);
    expect(errors[0]?.key).toBe("a");
    expect(errors[0]?.error).toBeInstanceOf(Error);
    expect(done.sort()).toEqual(["a", "b"]);
  });

  it("survives a synchronous throw and a throwing error reporter", async () => {
    const queue = new KeyedQueue({
      run: (key) => {
        if (key === "sync") throw new Error("sync");
        return Promise.resolve();
      },
      onError: () => {
        throw new Error("reporter broke");
      },
    });
    queue.trigger("sync", "x");
    await queue.idle();
    expect(queue.trigger("next", "y")).toBe("scheduled");
    await queue.idle();
  });

  it("idle() resolves at once when nothing is queued", async () => {
    const queue = new KeyedQueue({ run: async () => {} });
    await expect(queue.idle()).resolves.toBeUndefined();
  });

  it("publishes depth changes for the gauge", async () => {
    const depths: number[] = [];
    const queue = new KeyedQueue({ run: async () => {}, onDepthChange: (d) => depths.push(d) });
    queue.trigger("a", "x");
    queue.trigger("b", "y");
    await queue.idle();
    expect(depths[0]).toBe(1);
    expect(Math.max(...depths)).toBe(2);
    expect(depths.at(-1)).toBe(0);
  });

  it("stop lets a running job finish in time, refuses new triggers and hands back the pending keys", async () => {
    const running = gate();
    const started = startedRuns();
    const finished: string[] = [];
    const queue = new KeyedQueue({
      concurrency: 1,
      run: async (key, reasons) => {
        started.calls.push({ key, reasons });
        await running.promise;
        finished.push(key);
      },
    });
    queue.trigger("a", "x");
    await started.reached(1);
    queue.trigger("a", "follow-up");
    queue.trigger("b", "waiting");

    const stopping = queue.stop({ timeoutMs: 10_000 });
    expect(queue.trigger("c", "late")).toBe("refused");
    running.open();
    const report = await stopping;

    expect(report).toEqual({ pending: ["a", "b"], unfinished: [] });
    expect(finished).toEqual(["a"]);
    expect(started.calls).toHaveLength(1);
    await queue.idle();
  });

  it("stop gives up on a job that outlives the timeout and names it", async () => {
    vi.useFakeTimers();
    const started = startedRuns();
    const queue = new KeyedQueue({
      run: async (key, reasons) => {
        started.calls.push({ key, reasons });
        await new Promise(() => {});
      },
    });
    queue.trigger("stuck", "x");
    await started.reached(1);

    const stopping = queue.stop({ timeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    void stopping.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    await expect(stopping).resolves.toEqual({ pending: [], unfinished: ["stuck"] });
  });
});
