// CPU time to read (or refuse) each hostile pull-request workflow of issue #12, on the main thread.
import { toSource } from "../src/config/index.js";
import { expandSource, snapshotOfSource } from "../src/sync/workflow-snapshot.js";
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
      const expanded = expandSource(snapshotOfSource(toSource({ repository: "fork/kairos-init", workflow: name }), "0".repeat(40), text));
      outcome = `${expanded.combinations.length} jobs`;
    } catch (error) {
      outcome = `refused: ${(error as Error).message}`;
    }
    const used = process.cpuUsage(start);
    return { name, kilobytes: Math.round(text.length / 1024), cpuMs: (used.user + used.system) / 1000, outcome };
  });
}
