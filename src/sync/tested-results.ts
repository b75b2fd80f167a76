// Traces every configured job run to the jobs CI really ran, and places each result in its table cell (pure).
import { resultsOf, type ExpectedJob, type RunResults } from "../support-matrix/job-results.js";
import type { PlacedResult } from "../support-matrix/cell-results.js";
import { readJob } from "../support-matrix/job-reading.js";
import { testedImagesOfReadings } from "../support-matrix/tested-image.js";
import { evaluateValue } from "../workflow/expression-value.js";
import { predictJobName } from "../workflow/job-display-name.js";
import type { Combination, MatrixValue } from "../workflow/matrix-types.js";
import type { JobRun } from "../workflow/job-shapes/index.js";
import type { WorkflowRuns } from "./current-results.js";
import type { ExpandedSource } from "./workflow-snapshot.js";

/** One watched workflow's results: the runs read, what each expected job did, and where it shows. */
export interface SourceResults {
  readonly repository: string;
  readonly workflow: string;
  readonly branch: string;
  readonly results: RunResults;
  readonly placed: readonly PlacedResult[];
}

/** The custom name for one combination, or undefined when only a running workflow could know it. */
function customName(name: MatrixValue | null, matrix: Combination): { text: string; hadExpression: boolean } | null | undefined {
  if (name === null) return null;
  const evaluated = evaluateValue(name, { matrix, inputs: new Map() });
  if (!evaluated.known) return undefined;
  const value = evaluated.value;
  return { text: typeof value === "string" ? value : JSON.stringify(value), hadExpression: typeof name === "string" && name.includes("${{") };
}

/** One run of a configured job: what its name should look like in a run's job list, and the values that place it. */
interface TracedRun {
  readonly expected: ExpectedJob;
  readonly run: JobRun;
}

/** Every run of every configured job, each with the name GitHub will show for it (runs whose name only a running workflow knows are left out). */
function tracedRunsOf(source: ExpandedSource): TracedRun[] {
  return source.jobs.flatMap((job) =>
    job.runs.flatMap((run, index): TracedRun[] => {
      const callsWorkflow = job.job.uses !== null;
      const reported = run.reportedAs === undefined ? undefined : { name: run.reportedAs, callsWorkflow };
      const custom = customName(job.job.name, run.expanded?.values ?? {});
      if (!reported && custom === undefined) return [];
      const prediction = reported ?? predictJobName(job.id, run.expanded, custom ?? null, callsWorkflow);
      return [{ expected: { key: `${job.id}#${index}`, jobId: job.id, prediction }, run }];
    }),
  );
}

/** Every run of the source's configured jobs, with the name GitHub will show for it. */
export function expectedJobsOf(source: ExpandedSource): ExpectedJob[] {
  return tracedRunsOf(source).map((t) => t.expected);
}

/**
 * Where one run lands in the table, read by the source's roles: a build (a run without a suite) in its
 * image's platform cell as its variant; a test run (the qemu-tests-* calls pass `test`) as one suite of
 * its image on its platform, counted in that cell ("9/9 suites passed").
 */
function placeOf(source: ExpandedSource, values: Combination): Omit<PlacedResult, "result"> | null {
  const reading = readJob(values, source.snapshot.roles, source.snapshot.labels);
  const [tested] = testedImagesOfReadings([reading], source.snapshot.labels);
  if (!tested) return null;
  const suites = tested.suites[0];
  if (suites) return { image: tested.reference, platform: suites.platform, label: suites.suites[0] ?? "", kind: "suite" };
  const cell = tested.platforms[0];
  const variant = cell?.variants[0];
  return cell && variant ? { image: tested.reference, platform: cell.platform, label: variant.label, kind: "build" } : null;
}

export function sourceResultsOf(sources: readonly ExpandedSource[], runs: readonly WorkflowRuns[], failingAfter: number): SourceResults[] {
  return runs.map((r) => {
    const mine = sources.filter((s) => s.record.repository.toLowerCase() === r.repository.toLowerCase() && s.record.path === r.workflow);
    // Two configured sources may name the same workflow and job: the source's place keeps their keys apart.
    const traced = mine.flatMap((source, i) =>
      tracedRunsOf(source).map((t) => ({ source, run: t.run, expected: { ...t.expected, key: `${i}:${t.expected.key}` } })),
    );
    const results = resultsOf(
      traced.map((t) => t.expected),
      r.runs,
      failingAfter,
    );
    const placed = traced.flatMap(({ source, expected, run }): PlacedResult[] => {
      const result = results.byKey.get(expected.key);
      const place = placeOf(source, run.values);
      return result && place ? [{ ...place, result }] : [];
    });
    return { repository: r.repository, workflow: r.workflow, branch: r.branch, results, placed };
  });
}
