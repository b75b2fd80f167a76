// The page the docs should have, computed from the current sources: pure, shared by the CLI and the app.
import { RELEASE_CHANGELOG_BLOCK, TESTED_MATRIX_BLOCK, canonicalBlock, readBlock, spliceBlock } from "../docs-page/page-splice.js";
import { releaseChangelogContext, renderReleaseChangelog } from "../docs-page/release-changelog-block.js";
import { renderTestedMatrix, testedMatrixContext, type TestedMatrixResults, type TestedMatrixSource } from "../docs-page/tested-matrix-block.js";
import type { TemplateSource } from "../docs-page/template-source.js";
import type { ComponentRelease } from "../releases/component-release.js";
import { ResultsByCell, type PlacedResult } from "../support-matrix/cell-results.js";
import { readJob } from "../support-matrix/job-reading.js";
import { testedImagesOfReadings, type TestedImage } from "../support-matrix/tested-image.js";
import { NothingRunsError, type NeverRunsError } from "../workflow/never-runs.js";
import { WorkflowError } from "../workflow/workflow-error.js";
import {
  readReleasesRecord,
  readResultsRecord,
  readSourcesRecord,
  releasesRecordLine,
  resultsRecordLine,
  sourcesRecordLine,
  type ReleaseRecord,
  type ResultsRecord,
  type SourceRecord,
} from "./block-record.js";
import type { WorkflowRuns } from "./current-results.js";
import { sourceResultsOf, type SourceResults } from "./tested-results.js";
import { withReportedRuns } from "./reported-runs.js";
import type { RunEvidence } from "../support-matrix/run-evidence.js";
import { expandSource, type ExpandedSource, type WorkflowSnapshot } from "./workflow-snapshot.js";

export interface PageText {
  /** Shown in errors, e.g. `docs/reference/image_matrix.md`. */
  readonly file: string;
  readonly text: string;
}

export interface DesiredPageInputs {
  readonly page: PageText;
  /** The web server every link on the page points at (github.com or a GitHub Enterprise Server). */
  readonly serverUrl: string;
  /** Regenerate the tested-matrix block from these workflows (omit to leave the block alone). */
  readonly testedMatrix?: {
    readonly sources: readonly WorkflowSnapshot[];
    readonly template: TemplateSource;
    /** CI runs of the watched workflows (omit, or no runs: the cells say nothing about results). */
    readonly results?: { readonly runs: readonly WorkflowRuns[]; readonly failingAfter: number };
    /** The tested-matrix block of the bot's open pull request, whose results stand while they are still true. */
    readonly pendingBlock?: string | null;
  };
  /** Regenerate the release changelog block (omit to leave it alone). */
  readonly releaseChangelog?: { readonly releases: readonly ComponentRelease[]; readonly template: TemplateSource };
}

export interface DesiredPage {
  readonly text: string;
  /** What the tested-matrix block now lists (null when it was not regenerated). */
  readonly testedImages: TestedImage[] | null;
  readonly expanded: readonly ExpandedSource[];
  /** The source commits the desired page's table names (the recorded ones when the matrix did not change). */
  readonly sources: readonly SourceRecord[];
  /** What the blocks on the current page say they were generated from. */
  readonly previous: {
    readonly sources: readonly SourceRecord[];
    readonly releases: readonly ReleaseRecord[] | null;
    readonly results: readonly ResultsRecord[];
  };
  /** What the desired block's results say (empty without results). */
  readonly results: readonly ResultsRecord[];
  /** Each watched workflow's results, for the pull request body. */
  readonly sourceResults: readonly SourceResults[];
  /** Configured sources GitHub never runs, with why: they make no row, and the pull request body says so. */
  readonly neverRuns: readonly { readonly source: SourceRecord; readonly problem: NeverRunsError }[];
}

/** A suite is named as one (`… · amd64 · suite acceptance`), so a suite and a variant of the same name stay apart. */
function cellName(p: PlacedResult): string {
  return `${p.image} · ${p.platform} · ${p.kind === "suite" ? `suite ${p.label}` : p.label}`;
}

/** Each cell part's shown outcome, a failed one with the link to its first failing job. */
function recordOf(source: SourceResults): ResultsRecord | null {
  const run = source.results.run;
  if (!run) return null;
  const cells: Record<string, string> = {};
  for (const p of source.placed) {
    const name = cellName(p);
    const before = cells[name];
    if (before?.startsWith("failed")) continue;
    const url = p.result.failedJobs[0]?.url ?? run.url;
    if (p.result.shown === "failed") cells[name] = `failed ${url}`;
    else if (p.result.shown === "passed" || before === undefined) cells[name] = p.result.shown;
  }
  return { repository: source.repository, workflow: source.workflow, run: { number: run.number, url: run.url }, cells };
}

function outcomesOf(record: ResultsRecord): string {
  return JSON.stringify(Object.entries(record.cells).map(([cell, shown]) => [cell, shown.split(" ", 1)[0]]).sort());
}

/**
 * A new run that shows the same outcomes in every cell changes nothing a reader needs: the block keeps
 * the run and failing-job links it already has (on the page, or in the bot's open pull request).
 */
function standingRecord(fresh: ResultsRecord, candidates: readonly (readonly ResultsRecord[])[]): ResultsRecord {
  for (const records of candidates) {
    const same = records.find((r) => r.repository === fresh.repository && r.workflow === fresh.workflow);
    if (same && outcomesOf(same) === outcomesOf(fresh)) return same;
  }
  return fresh;
}

/** The cells' results, with the links of the record they stand on. */
function resultsToShow(sources: readonly SourceResults[], records: readonly ResultsRecord[]): TestedMatrixResults {
  const placed = sources.flatMap((s) => {
    const record = records.find((r) => r.repository === s.repository && r.workflow === s.workflow);
    return s.placed.map((p): PlacedResult => {
      const shown = record?.cells[cellName(p)];
      if (p.result.shown !== "failed" || !shown?.startsWith("failed ")) return p;
      return { ...p, result: { ...p.result, failedJobs: [{ name: p.label, conclusion: "failure", url: shown.slice("failed ".length) }] } };
    });
  });
  const runs = sources.flatMap((s) => {
    const record = records.find((r) => r.repository === s.repository && r.workflow === s.workflow);
    return record ? [{ repository: s.repository, workflow: s.workflow, branch: s.branch, number: record.run.number, url: record.run.url }] : [];
  });
  return { byCell: new ResultsByCell(placed), runs };
}

/** The recorded sources are the configured ones (same repositories and paths, in order), whatever their commits. */
function sameSources(recorded: readonly SourceRecord[], expanded: readonly ExpandedSource[]): boolean {
  return (
    recorded.length === expanded.length &&
    recorded.every((r, i) => r.repository === expanded[i]?.record.repository && r.path === expanded[i]?.record.path)
  );
}

/** Every source's jobs under one naming, so several workflows (one says `arch`) fold into one table. */
export function testedImagesOf(expanded: readonly ExpandedSource[]): TestedImage[] {
  const readings = expanded.flatMap((e) => e.combinations.map((job) => readJob(job, e.snapshot.roles, e.snapshot.labels)));
  return testedImagesOfReadings(readings, expanded[0]?.snapshot.labels);
}

function requireImages(images: TestedImage[], expanded: readonly ExpandedSource[]): TestedImage[] {
  const first = expanded[0];
  if (images.length === 0 && first) {
    const keys = first.snapshot.roles.image.map((k) => `"${k}"`).join(" or ");
    const where = first.jobs.find((j) => j.matrix !== null)?.matrix?.location ?? first.workflow.jobsLocation;
    throw new WorkflowError(where, `no configured job has a ${keys} value: the table would be empty`);
  }
  return images;
}

/** The line under the table names the jobs of sources that name theirs (the older one-job form keeps its line). */
function withJobs(records: readonly SourceRecord[], expanded: readonly ExpandedSource[]): TestedMatrixSource[] {
  return records.map((record) => {
    const source = expanded.find((e) => e.record.repository === record.repository && e.record.path === record.path);
    return source && source.snapshot.jobs.length > 0 ? { ...record, jobs: source.jobs.map((j) => j.id) } : record;
  });
}

/** The newest run with results of a snapshot's workflow, whose job names fill the runs of `job_names` jobs. */
function newestRunOf(snapshot: WorkflowSnapshot, runs: readonly WorkflowRuns[]): RunEvidence | null {
  const same = runs.find((r) => r.repository.toLowerCase() === snapshot.repository.toLowerCase() && r.workflow === snapshot.path);
  return same?.runs[0] ?? null;
}

/**
 * Throws LocatedError (workflow, template or page) with `file:line:col`, NothingRunsError when no configured
 * source runs; never returns a half-updated page.
 */
export function desiredPage(inputs: DesiredPageInputs): DesiredPage {
  const { file } = inputs.page;
  let text = inputs.page.text;
  const currentBlock = readBlock(text, TESTED_MATRIX_BLOCK, file);
  const previous = {
    sources: readSourcesRecord(currentBlock),
    releases: readReleasesRecord(readBlock(text, RELEASE_CHANGELOG_BLOCK, file)),
    results: readResultsRecord(currentBlock),
  };
  let results: ResultsRecord[] = [];
  let found: SourceResults[] = [];
  let images: TestedImage[] | null = null;
  let expanded: ExpandedSource[] = [];
  let neverRuns: DesiredPage["neverRuns"] = [];
  let sources: readonly SourceRecord[] = previous.sources;
  if (inputs.testedMatrix) {
    const { template } = inputs.testedMatrix;
    const read = inputs.testedMatrix.results;
    const all = inputs.testedMatrix.sources.map((snapshot) => withReportedRuns(expandSource(snapshot), newestRunOf(snapshot, read?.runs ?? [])));
    neverRuns = all.flatMap((e) => e.neverRuns.map((problem) => ({ source: e.record, problem })));
    expanded = all.filter((e) => e.neverRuns.length === 0);
    if (expanded.length === 0 && neverRuns.length > 0) throw new NothingRunsError(neverRuns.map((n) => n.problem));
    images = requireImages(testedImagesOf(expanded), expanded);
    const tested = images;
    found = read ? sourceResultsOf(expanded, read.runs, read.failingAfter) : [];
    const pending = readResultsRecord(inputs.testedMatrix.pendingBlock ?? null);
    results = found.flatMap((s) => {
      const fresh = recordOf(s);
      return fresh ? [standingRecord(fresh, [previous.results, pending])] : [];
    });
    const shown = results.length > 0 ? resultsToShow(found, results) : null;
    const resultsLine = results.length > 0 ? `${resultsRecordLine(results)}\n` : "";
    const block = (sources: readonly SourceRecord[]) =>
      `${sourcesRecordLine(sources)}\n${resultsLine}\n${renderTestedMatrix(template, testedMatrixContext(tested, withJobs(sources, expanded), inputs.serverUrl, shown))}`;
    // A commit that leaves the tested matrix as it was (a comment, a step change) is no reason for a pull
    // request: when the recorded commits still render this very block, the block stays true as it is.
    const unchanged =
      sameSources(previous.sources, expanded) && readBlock(text, TESTED_MATRIX_BLOCK, file) === canonicalBlock(block(previous.sources));
    if (!unchanged) {
      sources = expanded.map((e) => e.record);
      text = spliceBlock(text, TESTED_MATRIX_BLOCK, block(sources), file);
    }
  }
  if (inputs.releaseChangelog) {
    const { releases, template } = inputs.releaseChangelog;
    const table = renderReleaseChangelog(template, releaseChangelogContext(releases, inputs.serverUrl));
    const record = releases.map((r) => ({ repository: r.component.repository, latest: r.latest }));
    text = spliceBlock(text, RELEASE_CHANGELOG_BLOCK, `${releasesRecordLine(record)}\n\n${table}`, file);
  }
  return { text, testedImages: images, expanded, sources, previous, results, sourceResults: found, neverRuns };
}
