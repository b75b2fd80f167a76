// Traces every configured job run to the jobs CI really ran, and places each result in its table cell (pure).
import { isMap } from "yaml";
import { resultsOf, type ExpectedJob, type RunResults } from "../support-matrix/job-results.js";
import type { PlacedResult } from "../support-matrix/cell-results.js";
import { readJob } from "../support-matrix/job-reading.js";
import { testedImagesOfReadings } from "../support-matrix/tested-image.js";
import { evaluateValue } from "../workflow/expression-value.js";
import { predictJobName } from "../workflow/job-display-name.js";
import type { Combination, MatrixValue } from "../workflow/matrix-types.js";
import { WorkflowDocument } from "../workflow/workflow-document.js";
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

/** `name:` and `uses:` of a job, as written (the expansion keeps neither). */
function jobHeader(source: ExpandedSource, jobId: string): { name: MatrixValue | null; callsWorkflow: boolean } {
  const document = WorkflowDocument.parse(source.snapshot.text, source.snapshot.path);
  const root = document.root;
  const jobs = isMap(root) ? document.resolve(document.pair(root, "jobs")?.value) : null;
  const job = isMap(jobs) ? document.resolve(document.pair(jobs, jobId)?.value) : null;
  if (!isMap(job)) return { name: null, callsWorkflow: false };
  const name = document.pair(job, "name");
  return { name: name ? document.toMatrixValue(name.value) : null, callsWorkflow: document.pair(job, "uses") !== undefined };
}

/** The custom name for one combination, or undefined when only a running workflow could know it. */
function customName(name: MatrixValue | null, matrix: Combination): { text: string; hadExpression: boolean } | null | undefined {
  if (name === null) return null;
  const evaluated = evaluateValue(name, { matrix, inputs: new Map() });
  if (!evaluated.known) return undefined;
  const value = evaluated.value;
  return { text: typeof value === "string" ? value : JSON.stringify(value), hadExpression: typeof name === "string" && name.includes("${{") };
}

/** Every run of the source's configured jobs, with the name GitHub will show for it. */
export function expectedJobsOf(source: ExpandedSource): ExpectedJob[] {
  return source.jobs.flatMap((job) => {
    const header = jobHeader(source, job.id);
    return job.runs.flatMap((run, index) => {
      const custom = customName(header.name, run.expanded?.values ?? {});
      if (custom === undefined) return [];
      return [{ key: `${job.id}#${index}`, jobId: job.id, prediction: predictJobName(job.id, run.expanded, custom, header.callsWorkflow) }];
    });
  });
}

/** Where one run lands in the table, read by the source's roles: a build in its variant, a test run as its suite. */
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

function runOf(source: ExpandedSource, key: string): Combination {
  const hash = key.lastIndexOf("#");
  const job = source.jobs.find((j) => j.id === key.slice(0, hash));
  return job?.runs[Number(key.slice(hash + 1))]?.values ?? {};
}

export function sourceResultsOf(sources: readonly ExpandedSource[], runs: readonly WorkflowRuns[], failingAfter: number): SourceResults[] {
  return runs.map((r) => {
    const mine = sources.filter((s) => s.record.repository.toLowerCase() === r.repository.toLowerCase() && s.record.path === r.workflow);
    const expected = mine.flatMap((source) => expectedJobsOf(source).map((e) => ({ source, e })));
    const results = resultsOf(
      expected.map((x) => x.e),
      r.runs,
      failingAfter,
    );
    const placed = expected.flatMap(({ source, e }): PlacedResult[] => {
      const result = results.byKey.get(e.key);
      const place = placeOf(source, runOf(source, e.key));
      return result && place ? [{ ...place, result }] : [];
    });
    return { repository: r.repository, workflow: r.workflow, branch: r.branch, results, placed };
  });
}
