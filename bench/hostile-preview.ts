// CPU time of the whole pull-request preview (what the worker thread runs) for each hostile workflow of issue #12.
import { computePreview } from "../src/sync/preview-computation.js";
import { previewInput } from "../test/sync/preview-input.js";
import { hostileCorpus } from "../test/workflow/hostile-corpus.js";

/** Issue #12: each hostile case is previewed, or refused, in under a second of CPU. */
export const HOSTILE_CPU_LIMIT_MS = 1000;

export interface HostileFigure {
  readonly name: string;
  readonly kilobytes: number;
  readonly cpuMs: number;
  /** The check run it gets: conclusion, title, and the first problem for a refusal. */
  readonly outcome: string;
}

export async function benchHostilePreview(): Promise<HostileFigure[]> {
  const figures: HostileFigure[] = [];
  for (const { name, text } of hostileCorpus()) {
    // A fork's pull request replacing kairos-init's test.yml with the hostile text, against the docs page.
    const input = await previewInput(text);
    // This process's CPU time (bench runs nothing else meanwhile): other processes' load does not count.
    const start = process.cpuUsage();
    const content = computePreview(input);
    const used = process.cpuUsage(start);
    const problem = content.annotations.find((a) => a.annotation_level === "failure")?.message;
    const outcome = `${content.conclusion}, "${content.title}"${problem ? `: ${problem}` : ""}`;
    figures.push({ name, kilobytes: Math.round(text.length / 1024), cpuMs: (used.user + used.system) / 1000, outcome });
  }
  return figures;
}
