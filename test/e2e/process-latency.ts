// Times a request by what this process spends on it, so a loaded CI machine does not change the figure.
import { existsSync, readFileSync } from "node:fs";

/**
 * The main thread's schedstat (Linux): nanoseconds on a CPU, then nanoseconds runnable but waiting for
 * one (https://docs.kernel.org/scheduler/sched-stats.html, "/proc/<pid>/schedstat"). The main thread's
 * id is the process id. process.cpuUsage() would not do: it adds up every thread, the preview worker's too.
 */
const schedstat = `/proc/${process.pid}/task/${process.pid}/schedstat`;
const measurable = existsSync(schedstat);

function schedulerMs(): { cpu: number; wait: number } | undefined {
  if (!measurable) return undefined;
  const [cpuNs, waitNs] = readFileSync(schedstat, "utf8").split(" ");
  return { cpu: Number(cpuNs) / 1e6, wait: Number(waitNs) / 1e6 };
}

export interface ProcessLatency<T> {
  readonly result: T;
  /** Wall-clock time the action took. */
  readonly wallMs: number;
  /** Of that, time the main thread was runnable but other threads or processes had the CPUs: the machine's load. */
  readonly loadMs: number;
  /** wallMs - loadMs. */
  readonly ownMs: number;
  /** Time the main thread ran on a CPU meanwhile: what a synchronous task blocking the event loop shows up in. */
  readonly cpuMs: number;
}

/**
 * A loopback request to a server on this same thread waits while the event loop is busy: a synchronous
 * task holds it for its CPU time, whatever else runs on the machine. The main thread's CPU time during
 * the request therefore bounds its latency on an idle machine and does not grow with the load of a shared
 * 2-core CI machine, unlike the wall clock (or perf_hooks.monitorEventLoopDelay, which times a timer's
 * lateness and so counts the run-queue wait too). Off Linux every figure is the wall clock: strict.
 */
export async function processLatency<T>(action: () => Promise<T>): Promise<ProcessLatency<T>> {
  const before = schedulerMs();
  const started = performance.now();
  const result = await action();
  const wallMs = performance.now() - started;
  const after = schedulerMs();
  if (!before || !after) return { result, wallMs, loadMs: 0, ownMs: wallMs, cpuMs: wallMs };
  const loadMs = after.wait - before.wait;
  return { result, wallMs, loadMs, ownMs: wallMs - loadMs, cpuMs: after.cpu - before.cpu };
}
