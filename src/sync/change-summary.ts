// What a proposal changes, in words and links: the tested images and releases before and after, and why.
import type { ComponentRelease } from "../releases/component-release.js";
import { describeChange, diffChangelog } from "../releases/changelog-diff.js";
import { diffTestedImages } from "../support-matrix/matrix-diff.js";
import type { TestedImage } from "../support-matrix/tested-image.js";
import type { CoverageFinding } from "../workflow/coverage-lint.js";
import type { ReleaseRecord } from "./block-record.js";
import { releasesUrl } from "../web-links.js";
import type { SourceCommit } from "./current-sources.js";

export interface MatrixChangeSummary {
  /** One sentence per change; empty when only the source commit moved. */
  readonly changes: readonly string[];
  /** True when the page had no generated table yet. */
  readonly firstTable: boolean;
  readonly causes: readonly (SourceCommit & { readonly repository: string })[];
  readonly moreCauses: number;
  readonly findings: readonly { readonly finding: CoverageFinding; readonly url: string }[];
}

export interface ReleaseChangeSummary {
  readonly changes: readonly { readonly text: string; readonly url: string }[];
}

/** Only the newest causes are listed: a long-stale page should not make an unreadable pull request. */
const MAX_CAUSES = 10;

export function summarizeMatrix(input: {
  readonly before: readonly TestedImage[] | null;
  readonly after: readonly TestedImage[];
  readonly causes: readonly (SourceCommit & { readonly repository: string })[];
  readonly findings: readonly { readonly finding: CoverageFinding; readonly url: string }[];
}): MatrixChangeSummary {
  const firstTable = input.before === null;
  const changes = firstTable
    ? [
        `The section now lists the ${input.after.length} tested images themselves, ` +
          `generated from the workflow, instead of a link to it.`,
      ]
    : diffTestedImages(input.before ?? [], input.after).map((c) => c.sentence);
  return {
    changes,
    firstTable,
    causes: input.causes.slice(0, MAX_CAUSES),
    moreCauses: Math.max(0, input.causes.length - MAX_CAUSES),
    findings: input.findings,
  };
}

/** The rows the page showed, rebuilt from its hidden record (display names come from today's config). */
export function recordedReleases(
  records: readonly ReleaseRecord[],
  current: readonly ComponentRelease[],
  serverUrl: string,
): ComponentRelease[] {
  return records.map((record) => {
    const known = current.find((c) => c.component.repository.toLowerCase() === record.repository.toLowerCase());
    return {
      component: known?.component ?? { repository: record.repository, displayName: record.repository },
      releasesUrl: known?.releasesUrl ?? releasesUrl(serverUrl, record.repository),
      latest: record.latest,
    };
  });
}

export function summarizeReleases(before: readonly ComponentRelease[] | null, after: readonly ComponentRelease[]): ReleaseChangeSummary {
  if (before === null) {
    return {
      changes: after.map((r) => ({
        text: `${r.component.displayName}: ${r.latest?.tag ?? "no stable release"}`,
        url: r.latest?.url ?? "",
      })),
    };
  }
  return {
    changes: diffChangelog(before, after).map((change) => ({
      text: describeChange(change),
      url: (change.kind === "removed" ? null : change.to)?.url ?? "",
    })),
  };
}

/** The one line that heads the body and can be used in titles: counts, not details. */
export function summaryLine(matrix: MatrixChangeSummary | null, releases: ReleaseChangeSummary | null): string {
  const parts: string[] = [];
  if (matrix) {
    parts.push(
      matrix.firstTable
        ? "the tested-distribution table replaces the link to the workflow"
        : matrix.changes.length === 0
          ? "the tested-distribution table follows a new source commit"
          : `${matrix.changes.length} tested-matrix change${matrix.changes.length === 1 ? "" : "s"}`,
    );
  }
  if (releases) {
    parts.push(
      releases.changes.length === 0
        ? "the release changelog is regenerated"
        : `${releases.changes.length} release changelog update${releases.changes.length === 1 ? "" : "s"}`,
    );
  }
  return parts.join("; ");
}
