// Predicts the name GitHub shows for each job a matrix expands to, so a run's jobs can be traced back to their combination.
//
// GitHub's rule, as ChristopherHX/runner.server reproduces it (src/Sdk/Actions/StrategyUtils.cs,
// GetDefaultDisplaySuffix, and its callers in the language server's code lenses):
// - a job with no `name:` is shown as `<job id> (<values>)`;
// - for a cross-product combination the values are the leaf values of the matrix's vector keys, in key
//   order; for a job an include entry created, the entry's leaf values in entry order;
// - nested lists and mappings contribute their leaf scalars; empty strings (and nulls) are skipped; the
//   rest are joined by ", ". With no value left, the name is the bare job id.
// - a job with a `name:` is shown as that name, expressions evaluated with the job's matrix context.
// A job that calls a reusable workflow shows each of the called workflow's jobs as
// `<caller display name> / <called job display name>`, one segment per level of nesting; only the
// caller's segment carries the matrix values, so that segment is what a prediction pins down.
// Sources for the segments: actions/runner issue #2577 ("a workflow with a job `build`, which uses another
// workflow with a job called `test`, the job name in GitHub will be `build / test`") and 8398a7/action-slack
// issue #183 ("the format of job name in API response is `<caller-job> / <callee-job>`"). master.yaml's
// build-iso calls _build-iso.yaml, whose `iso` job calls kairos-io/kairos-factory-action's workflow, so its
// jobs read `build-iso (<values>) / <iso's name> / <factory job>`: only the first segment is predicted.
import type { ExpandedJob } from "./expanded-job.js";
import type { MatrixValue } from "./matrix-types.js";

/** What GitHub shows between the segments of a reusable workflow's job names. */
export const NAME_SEGMENT_SEPARATOR = " / ";

export interface PredictedJobName {
  /** The name of the job itself, or of its first segment when it calls a reusable workflow. */
  readonly name: string;
  /** A reusable-workflow call: GitHub's job names continue with ` / <called job>…`. */
  readonly callsWorkflow: boolean;
  /**
   * A custom `name:` without any expression: every combination would share it, so GitHub's default
   * suffix may follow it. Both forms are accepted.
   */
  readonly mayHaveSuffix?: string;
}

/** The leaf scalars of a value, depth first, as text; nulls become "". */
function leaves(value: MatrixValue): string[] {
  if (value === null) return [""];
  if (Array.isArray(value)) return (value as readonly MatrixValue[]).flatMap(leaves);
  if (typeof value === "object") return Object.values(value as Record<string, MatrixValue>).flatMap(leaves);
  return [String(value)];
}

/** `(a, b)` from the job's values, or "" when none is left (runner.server GetDefaultDisplaySuffix); "" for a job without a matrix. */
export function defaultDisplaySuffix(job: ExpandedJob | null): string {
  if (job === null) return "";
  const values = job.createdBy
    ? job.createdBy.pairs.map((p) => p.value)
    : Object.values(job.original ?? {});
  const shown = values.flatMap(leaves).filter((v) => v !== "");
  return shown.length === 0 ? "" : `(${shown.join(", ")})`;
}

/** `<job id> (<values>)`: the name of a matrix job without `name:`. */
export function defaultDisplayName(jobId: string, job: ExpandedJob | null): string {
  const suffix = defaultDisplaySuffix(job);
  return suffix === "" ? jobId : `${jobId} ${suffix}`;
}

/**
 * The predicted name of one combination. `customName` is the job's `name:` already evaluated for this
 * combination (null when the job has none); `hadExpression` says whether it held `${{ }}`.
 */
export function predictJobName(
  jobId: string,
  job: ExpandedJob | null,
  customName: { readonly text: string; readonly hadExpression: boolean } | null,
  callsWorkflow: boolean,
): PredictedJobName {
  if (customName === null) return { name: defaultDisplayName(jobId, job), callsWorkflow };
  const suffix = defaultDisplaySuffix(job);
  if (!customName.hadExpression && suffix !== "") return { name: customName.text, callsWorkflow, mayHaveSuffix: `${customName.text} ${suffix}` };
  return { name: customName.text, callsWorkflow };
}

/**
 * Names compared with runs of white space as one space and none at the ends: an empty expression leaves
 * spaces in an evaluated name (kairos-init's template does), and whether GitHub keeps them is not documented.
 */
function normalized(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** Whether a job name GitHub reported belongs to the predicted combination. */
export function jobNameMatches(prediction: PredictedJobName, actual: string): boolean {
  const heads = (prediction.mayHaveSuffix === undefined ? [prediction.name] : [prediction.name, prediction.mayHaveSuffix]).map(normalized);
  const seen = normalized(actual);
  return heads.some((head) => (prediction.callsWorkflow ? seen === head || seen.startsWith(head + NAME_SEGMENT_SEPARATOR) : seen === head));
}
