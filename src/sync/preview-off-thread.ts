// Runs a pull request's preview in a worker thread with a time and memory budget, so a hostile workflow cannot stall the event loop.
//
// Anyone can open a pull request, and its workflow is expanded here (issue #12: one took 164 s on the
// main thread while /healthz went silent). The worker is started per preview and terminated when the
// budget runs out; Node's resourceLimits cap its heap, and running out ends the worker, not the process.
import { Worker } from "node:worker_threads";
import type { CheckRunContent } from "../github/check-run.js";
import { tooLargeToPreview, type PreviewBudgetExceeded, type PreviewInput } from "./preview-computation.js";

export interface PreviewBudget {
  /** Wall-clock time from handing the input to the ready worker to its answer (starting Node's worker is not counted). */
  readonly timeMs: number;
  /** The worker's old-generation heap. */
  readonly memoryMb: number;
}

/** A real preview takes tens of milliseconds and a few MB; a hostile one within the reader's limits under a second. */
export const DEFAULT_PREVIEW_BUDGET: PreviewBudget = { timeMs: 10_000, memoryMb: 96 };

/** A worker that has not loaded its modules by then is broken, not busy. */
const WORKER_START_LIMIT_MS = 60_000;

export interface PreviewWorkerEvents {
  /** The worker is running: the event loop stays free meanwhile. */
  readonly onStart?: () => void;
}

export async function computePreviewOffThread(
  input: PreviewInput,
  budget: PreviewBudget = DEFAULT_PREVIEW_BUDGET,
  events: PreviewWorkerEvents = {},
): Promise<CheckRunContent> {
  const worker = startWorker(budget);
  events.onStart?.();
  try {
    return await new Promise<CheckRunContent>((resolve, reject) => {
      const give = (exceeded: PreviewBudgetExceeded) => resolve(tooLargeToPreview(exceeded));
      let timer = setTimeout(() => reject(new Error(`preview worker did not start within ${WORKER_START_LIMIT_MS} ms`)), WORKER_START_LIMIT_MS);
      worker.on("message", (message: "ready" | CheckRunContent) => {
        clearTimeout(timer);
        if (message !== "ready") {
          resolve(message);
          return;
        }
        timer = setTimeout(() => give({ limit: "time", description: `${formatSeconds(budget.timeMs)} of work` }), budget.timeMs);
        worker.postMessage(input);
      });
      worker.once("error", (error: Error & { code?: string }) => {
        clearTimeout(timer);
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") give({ limit: "memory", description: `${budget.memoryMb} MB of memory` });
        else reject(error);
      });
      worker.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`preview worker exited with code ${code} before answering`));
      });
    });
  } finally {
    await worker.terminate();
  }
}

function startWorker(budget: PreviewBudget): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb } };
  const entry = new URL(`./preview-worker${extensionOf(import.meta.url)}`, import.meta.url);
  if (entry.pathname.endsWith(".js")) return new Worker(entry, options);
  // Running from TypeScript sources (tests, `tsx`): the worker registers tsx itself before loading the entry.
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function extensionOf(url: string): string {
  return url.endsWith(".ts") ? ".ts" : ".js";
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
