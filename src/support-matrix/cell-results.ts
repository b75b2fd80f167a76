// Folds each job run's CI result into the table cell it lands in: builds by variant, test suites counted.
import type { JobOutcome, JobResult } from "./job-results.js";
import type { RunJob } from "./run-evidence.js";

/** One configured job run with its result, placed where the table shows it. */
export interface PlacedResult {
  /** The image reference the run is about (the row). */
  readonly image: string;
  /** The column. */
  readonly platform: string;
  /** What the cell calls it: a variant label (`Raspberry Pi 4`) or, for a test run, the suite name. */
  readonly label: string;
  readonly kind: "build" | "suite";
  readonly result: JobResult;
}

/** One labelled part of a cell and what it shows. */
export interface LabelResult {
  readonly label: string;
  readonly shown: JobOutcome;
  /** The newest run's failing jobs: linked when the cell shows "failed", or noted as a first failure. */
  readonly failedJobs: readonly RunJob[];
  readonly heldBack: boolean;
}

/** The results of one kind (builds or suites) in one cell, labels in natural order of appearance. */
export interface CellResult {
  readonly labels: readonly LabelResult[];
}

export interface CellResults {
  readonly builds: CellResult | null;
  readonly suites: CellResult | null;
}

/** A label's results from all its runs: any failure shown fails it; it passed when every run passed. */
function combine(label: string, results: readonly JobResult[]): LabelResult {
  const shown: JobOutcome = results.some((r) => r.shown === "failed")
    ? "failed"
    : results.length > 0 && results.every((r) => r.shown === "passed")
      ? "passed"
      : results.some((r) => r.shown === "passed")
        ? "passed"
        : "did not run";
  return {
    label,
    shown,
    failedJobs: results.flatMap((r) => r.failedJobs),
    heldBack: results.some((r) => r.heldBack),
  };
}

function cellKey(image: string, platform: string): string {
  return `${image}\u0000${platform}`;
}

/** Results by (image, platform), for the block and the pull request body. */
export class ResultsByCell {
  readonly #cells = new Map<string, { builds: Map<string, JobResult[]>; suites: Map<string, JobResult[]> }>();

  constructor(placed: readonly PlacedResult[]) {
    for (const p of placed) {
      const key = cellKey(p.image, p.platform);
      let cell = this.#cells.get(key);
      if (!cell) {
        cell = { builds: new Map(), suites: new Map() };
        this.#cells.set(key, cell);
      }
      const byLabel = p.kind === "build" ? cell.builds : cell.suites;
      byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p.result]);
    }
  }

  at(image: string, platform: string): CellResults {
    const cell = this.#cells.get(cellKey(image, platform));
    const of = (m: Map<string, JobResult[]> | undefined): CellResult | null =>
      m && m.size > 0 ? { labels: [...m.entries()].map(([label, results]) => combine(label, results)) } : null;
    return { builds: of(cell?.builds), suites: of(cell?.suites) };
  }
}
