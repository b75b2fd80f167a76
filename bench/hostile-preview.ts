// CPU time to read (or refuse) each hostile pull-request workflow of issue #12, on the main thread.
import { expandSource } from "../src/sync/workflow-snapshot.js";
import { hostileCorpus } from "../test/workflow/hostile-corpus.js";

export interface HostileFigure {
  readonly name: string;
  readonly kilobytes: number;
  readonly cpuMs: number;
  /** "N jobs", or the refusal. */
  readonly outcome: string;
}

export function benchHostilePreview(): HostileFigure[] {
  return hostileCorpus().map(({ name, text }) => {
    const start = process.cpuUsage();
    let outcome: string;
    try {
      const expanded = expandSource({ repository: "fork/kairos-init", path: name, sha: "0".repeat(40), text, job: null, imageKey: "base_image", platformKey: "platform" });
      outcome = `${expanded.jobs.length} jobs`;
    } catch (error) {
      outcome = `refused: ${(error as Error).message}`;
    }
    const used = process.cpuUsage(start);
    return { name, kilobytes: Math.round(text.length / 1024), cpuMs: (used.user + used.system) / 1000, outcome };
  });
}
