// Says in words which cells' CI results changed and why, with links, for the pull request body (pure).
import type { ResultsRecord } from "./block-record.js";
import type { SourceResults } from "./tested-results.js";

export interface LinkedText {
  readonly text: string;
  readonly url: string;
}

export interface ResultsSummary {
  /** A cell part whose shown result changed, e.g. "ubuntu:24.04 · arm64 · Raspberry Pi 4: passed → failed". */
  readonly changes: readonly LinkedText[];
  /** Failures not shown yet: fewer than `failing_after` consecutive runs failed. */
  readonly firstFailures: readonly LinkedText[];
  /** Jobs that look like a configured job but match no combination. */
  readonly unmatched: readonly LinkedText[];
  readonly runs: readonly LinkedText[];
}

function shownOf(value: string | undefined): string {
  return value === undefined ? "no result" : (value.split(" ", 1)[0] ?? value);
}

function urlOf(value: string, fallback: string): string {
  return value.startsWith("failed ") ? value.slice("failed ".length) : fallback;
}

/** Null when there are no results at all (no watched workflow has a run with results). */
export function summarizeResults(
  previous: readonly ResultsRecord[],
  now: readonly ResultsRecord[],
  sources: readonly SourceResults[],
  failingAfter: number,
): ResultsSummary | null {
  if (now.length === 0) return null;
  const changes = now.flatMap((record) => {
    const before = previous.find((p) => p.repository === record.repository && p.workflow === record.workflow);
    return Object.entries(record.cells).flatMap(([cell, value]): LinkedText[] => {
      const was = shownOf(before?.cells[cell]);
      const is = shownOf(value);
      if (was === is) return [];
      const why = is === "failed" ? ` (failed in ${failingAfter} consecutive runs)` : "";
      return [{ text: `${cell}: ${was} → ${is}${why}`, url: urlOf(value, record.run.url) }];
    });
  });
  const firstFailures = sources.flatMap((s) =>
    s.placed
      .filter((p) => p.result.heldBack)
      .map((p) => ({
        text: `${p.image} · ${p.platform} · ${p.label} failed in run #${s.results.run?.number ?? "?"}; it shows as failing once it fails in ${failingAfter} consecutive runs`,
        url: p.result.failedJobs[0]?.url ?? s.results.run?.url ?? "",
      })),
  );
  const unmatched = sources.flatMap((s) => s.results.unmatched.map((j) => ({ text: j.name, url: j.url })));
  const runs = now.map((r) => ({ text: `${r.workflow} run #${r.run.number}`, url: r.run.url }));
  return { changes, firstFailures, unmatched, runs };
}
