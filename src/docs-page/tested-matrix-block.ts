// Renders the tested-matrix block: one table row per tested image, one column per platform, its suites, and its sources.
import { releaseLabel } from "../support-matrix/image-description.js";
import type { CellResult, ResultsByCell } from "../support-matrix/cell-results.js";
import { platformColumns, type TestedImage } from "../support-matrix/tested-image.js";
import { GENERIC_LABEL, variantParts, type Variant } from "../support-matrix/variant.js";
import { blobUrl } from "../web-links.js";
import { compileTemplate } from "./template-environment.js";
import type { TemplateSource } from "./template-source.js";

/** A workflow file the rows were read from, at the commit that was read. */
export interface TestedMatrixSource {
  /** `owner/name`. */
  readonly repository: string;
  readonly path: string;
  /** Full commit SHA: the link must not move when the branch does. */
  readonly sha: string;
  /** The job ids the rows come from, when the source names its jobs (absent for the older one-job form). */
  readonly jobs?: readonly string[];
}

/** A part of a cell that failed, linked to the first failing job. */
export interface FailedPart {
  readonly label: string;
  readonly url: string;
}

/** What CI's newest run on the default branch did for a cell's builds or suites. */
export interface CellOutcome {
  /** `passed`, `failed` or `did not run`. */
  readonly status: string;
  readonly passed: number;
  readonly total: number;
  /** Shown failing (failed in `failing_after` consecutive runs), each linked to its failing job. */
  readonly failed: readonly FailedPart[];
  /** Parts whose jobs did not run (skipped, cancelled, or no such job in the run). */
  readonly notRun: readonly string[];
}

export interface TestedMatrixCell {
  readonly platform: string;
  readonly tested: boolean;
  readonly variants: readonly string[];
  /** Variants joined with `, `, or `—` when the image is not tested on this platform. */
  readonly text: string;
  /** The builds' results; null when there are no CI results (no run yet, or not tested here). */
  readonly builds: CellOutcome | null;
  /** The test suites' results, counted ("9/9 suites passed"); null when no suite runs here. */
  readonly suites: CellOutcome | null;
}

/** The suites run against an image on one platform: a short summary, and the names for whoever opens it. */
export interface TestedMatrixSuites {
  readonly platform: string;
  readonly count: number;
  readonly names: readonly string[];
  /** e.g. `20 suites on amd64`. */
  readonly summary: string;
  /** The names joined with `, `. */
  readonly text: string;
}

export interface TestedMatrixRow {
  readonly distribution: string;
  /** The release, with any flag every build of the row shares, e.g. `v0.5.1, Trusted Boot (UKI)`. */
  readonly release: string;
  readonly image: string;
  readonly cells: readonly TestedMatrixCell[];
  /** Empty when no configured job runs a suite against the image. */
  readonly suites: readonly TestedMatrixSuites[];
}

export interface TestedMatrixSourceContext extends TestedMatrixSource {
  readonly shortSha: string;
  readonly url: string;
}

/** The run a block's results come from. */
export interface ResultsRun {
  readonly repository: string;
  readonly workflow: string;
  readonly branch: string;
  readonly number: number;
  readonly url: string;
}

export interface TestedMatrixResults {
  readonly byCell: ResultsByCell;
  readonly runs: readonly ResultsRun[];
}

export interface ResultsRunContext extends ResultsRun {
  /** `#123` */
  readonly title: string;
}

/** The render context, documented for template authors at the top of templates/tested-matrix.md.hbs. */
export interface TestedMatrixContext {
  readonly platforms: readonly string[];
  /** Whether any row has suites: the table then has a "Test suites" column. */
  readonly hasSuites: boolean;
  readonly rows: readonly TestedMatrixRow[];
  readonly sources: readonly TestedMatrixSourceContext[];
  /** The runs the cells' results come from, one per watched workflow that has one; empty without results. */
  readonly runs: readonly ResultsRunContext[];
}

export const NOT_TESTED = "—";

function outcomeOf(cell: CellResult | null): CellOutcome | null {
  if (cell === null) return null;
  const failed = cell.labels.filter((l) => l.shown === "failed");
  const passed = cell.labels.filter((l) => l.shown === "passed").length;
  const notRun = cell.labels.filter((l) => l.shown === "did not run").map((l) => l.label);
  const status = failed.length > 0 ? "failed" : passed > 0 ? "passed" : "did not run";
  return {
    status,
    passed,
    total: cell.labels.length,
    failed: failed.map((l) => ({ label: l.label, url: l.failedJobs[0]?.url ?? "" })),
    notRun,
  };
}

/** A flag every build of the image has (Trusted Boot on hadron-trusted) is said once, next to the release. */
function sharedFlags(image: TestedImage): string[] {
  const variants = image.platforms.flatMap((p) => p.variants);
  const [first, ...rest] = variants;
  if (!first) return [];
  return first.flags.filter((flag) => rest.every((v) => v.flags.includes(flag)));
}

function labelWithout(variant: Variant, hidden: readonly string[]): string {
  const parts = variantParts(variant, hidden);
  return parts.length === 0 ? GENERIC_LABEL : parts.join(" + ");
}

function suitesOf(image: TestedImage): TestedMatrixSuites[] {
  return image.suites.map(({ platform, suites }) => ({
    platform,
    count: suites.length,
    names: suites,
    summary: `${suites.length} ${suites.length === 1 ? "suite" : "suites"} on ${platform}`,
    text: suites.join(", "),
  }));
}

function rowOf(image: TestedImage, platforms: readonly string[], results: ResultsByCell | null): TestedMatrixRow {
  const shared = sharedFlags(image);
  const cells = platforms.map((platform): TestedMatrixCell => {
    const variants = image.platforms.find((p) => p.platform === platform)?.variants.map((v) => labelWithout(v, shared)) ?? [];
    const tested = variants.length > 0;
    const found = results?.at(image.reference, platform) ?? { builds: null, suites: null };
    return {
      platform,
      tested,
      variants,
      text: tested ? variants.join(", ") : NOT_TESTED,
      builds: tested ? outcomeOf(found.builds) : null,
      suites: outcomeOf(found.suites),
    };
  });
  const release = [releaseLabel(image), ...shared].filter(Boolean).join(", ");
  return { distribution: image.distribution, release: release || NOT_TESTED, image: image.reference, cells, suites: suitesOf(image) };
}

function sourceOf(source: TestedMatrixSource, serverUrl: string): TestedMatrixSourceContext {
  const url = blobUrl(serverUrl, { repository: source.repository, ref: source.sha, path: source.path });
  return { ...source, jobs: source.jobs ?? [], shortSha: source.sha.slice(0, 7), url };
}

/** Rows keep the order of `images` (testedImages() already sorts them for readers); links go to `serverUrl`. */
export function testedMatrixContext(
  images: readonly TestedImage[],
  sources: readonly TestedMatrixSource[],
  serverUrl: string,
  results: TestedMatrixResults | null = null,
): TestedMatrixContext {
  const platforms = platformColumns(images);
  const rows = images.map((image) => rowOf(image, platforms, results?.byCell ?? null));
  return {
    platforms,
    hasSuites: rows.some((row) => row.suites.length > 0),
    rows,
    sources: sources.map((source) => sourceOf(source, serverUrl)),
    runs: (results?.runs ?? []).map((run) => ({ ...run, title: `#${run.number}` })),
  };
}

/** Pure: the template text is passed in (the default file, or a maintainer's override fetched by the app). */
export function renderTestedMatrix(template: TemplateSource, context: TestedMatrixContext): string {
  return compileTemplate(template.text, template.file)(context);
}
