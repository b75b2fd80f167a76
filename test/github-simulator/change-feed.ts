// Awaiting a condition on the simulated GitHub: re-checked on every request and state change, never by polling.
import type { World } from "./world.js";

export interface WaitOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** What is awaited, for the timeout message. */
  description?: string;
}

/**
 * Resolves with the predicate's first truthy value. The predicate runs now and after every change; a throw
 * counts as "not yet" and its message is reported if the wait times out.
 */
export function waitFor<T>(
  world: World,
  predicate: () => T | null | undefined | false,
  options: WaitOptions,
  context: () => string,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<T>((resolve, reject) => {
    let lastError: unknown;
    const check = (): boolean => {
      try {
        const value = predicate();
        if (value) {
          finish();
          resolve(value);
          return true;
        }
      } catch (e) {
        lastError = e;
      }
      return false;
    };
    const onChange = (): void => void check();
    const timer = setTimeout(() => {
      finish();
      const what = options.description ?? predicate.toString().slice(0, 200);
      const why = lastError instanceof Error ? `\nlast predicate error: ${lastError.message}` : "";
      reject(new Error(`waitFor timed out after ${timeoutMs} ms: ${what}${why}\nrecent API calls:\n${context() || "  (none)"}`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      world.changes.off("change", onChange);
    };
    world.changes.on("change", onChange);
    check();
  });
}
