// Coverage lint: include entries that silently replace a tested job, and jobs a new workflow version stops testing.
import { formatLocation, type SourceLocation } from "../located-error.js";
import type { ExpandedJob, IncludeMerge, KeyAssignment } from "./expanded-job.js";
import { DEFAULT_IMAGE_KEY } from "./job-selection.js";
import { describeJob, formatMatrixValue, formatSetting } from "./job-description.js";
import { expandMatrix } from "./matrix-expansion.js";
import type { Combination, MatrixDefinition, MatrixEntry, MatrixValue } from "./matrix-types.js";

export type CoverageFindingKind =
  /** An include entry aimed at one original job turned it into a different job. */
  | "include-replaces-job"
  /** An include entry overwrote a value that an earlier, job-specific include entry had set. */
  | "include-overwrites-include"
  /** An include entry adds a job its job already has, as the roles read it (support-matrix/repeated-jobs.ts). */
  | "include-repeats-job"
  /** A job the previous version tested is gone. */
  | "job-no-longer-tested"
  /** A key of a configured job that no role names: the table cannot show it (support-matrix/role-lint.ts). */
  | "key-without-role";

export interface CoverageFinding {
  readonly kind: CoverageFindingKind;
  readonly location: SourceLocation;
  readonly message: string;
}

export interface CoverageLintOptions {
  /** The same job's matrix in the previous version of the workflow. */
  readonly previous?: MatrixDefinition;
  /** Named in the suggested fix; defaults to `base_image`. */
  readonly imageKey?: string;
  /**
   * Whether a job of this version takes the place of one the previous version ran (the same job with a newer
   * image, say): such a job is a change the table's diff words, not a loss. By default only an equal job does.
   */
  readonly replaces?: (before: Combination, now: Combination) => boolean;
}

/** `file:line:col: message`, the shape of every located message in this project. */
export function formatFinding(finding: CoverageFinding): string {
  return `${formatLocation(finding.location)}: ${finding.message}`;
}

/** Throws WorkflowError when either matrix cannot be expanded. */
export function lintCoverage(matrix: MatrixDefinition, options: CoverageLintOptions = {}): CoverageFinding[] {
  const imageKey = options.imageKey ?? DEFAULT_IMAGE_KEY;
  const jobs = expandMatrix(matrix).jobs;
  const local = [...replacedJobs(matrix, jobs, imageKey), ...overwrittenIncludes(matrix, jobs, imageKey)];
  local.sort((a, b) => a.location.line - b.location.line || a.location.col - b.location.col);
  const lost = options.previous ? lostJobs(options.previous, matrix, jobs, options.replaces) : [];
  return [...local, ...lost];
}

/** How a job that disappeared is reported; separate so other reports can reuse or reword it. */
export function describeLostJob(values: Combination): string {
  return `no longer tested: ${describeJob(values)}`;
}

function replacedJobs(matrix: MatrixDefinition, jobs: readonly ExpandedJob[], imageKey: string): CoverageFinding[] {
  return matrix.include.flatMap((entry) => {
    if (!namesEveryDimension(matrix, entry)) return [];
    const merged = jobs.flatMap((job) => {
      const merge = job.merges.find((m) => m.entry === entry);
      return merge && job.original ? [{ original: job.original, merge }] : [];
    });
    const [only, ...others] = merged;
    if (!only || others.length > 0 || only.merge.assignments.length === 0) return [];
    const settings = only.merge.assignments.map((a) => formatSetting(a.key, a.value)).join(", ");
    const message =
      `include entry merged into the original job ${describeJob(only.original)}: that job now runs with ${settings}, ` +
      `so the generic job is no longer tested. To add a separate job instead, ${moveOut(entry, imageKey)} or add a key that distinguishes it.`;
    return [{ kind: "include-replaces-job" as const, location: entry.location, message }];
  });
}

function overwrittenIncludes(matrix: MatrixDefinition, jobs: readonly ExpandedJob[], imageKey: string): CoverageFinding[] {
  const findings = new Map<string, CoverageFinding>();
  for (const job of jobs) {
    for (const merge of job.merges) {
      for (const assignment of merge.assignments) {
        const finding = overwriteFinding(matrix, job, merge, assignment, imageKey);
        const id = `${merge.entry.index}:${assignment.key}:${assignment.overwritten?.setBy.index}`;
        if (finding && !findings.has(id)) findings.set(id, finding);
      }
    }
  }
  return [...findings.values()];
}

/**
 * Only an overwrite of a job-specific include is a loss: overriding a broad default ("add runner: x
 * to every job, then runner: y to arm64 jobs") is the documented idiom.
 */
function overwriteFinding(
  matrix: MatrixDefinition,
  job: ExpandedJob,
  merge: IncludeMerge,
  assignment: KeyAssignment,
  imageKey: string,
): CoverageFinding | null {
  const overwritten = assignment.overwritten;
  if (!overwritten || sameValue(overwritten.value, assignment.value)) return null;
  if (!namesEveryDimension(matrix, overwritten.setBy)) return null;
  const before = formatSetting(assignment.key, overwritten.value);
  const message =
    `include entry sets ${formatSetting(assignment.key, assignment.value)} on the job ${describeJob(job.original ?? job.values)}, ` +
    `overwriting ${before} that the include entry at ${formatLocation(overwritten.setBy.location)} added, ` +
    `so the job with ${before} is no longer tested. To test both, ${moveOut(merge.entry, imageKey)} so each include entry becomes a job of its own.`;
  return { kind: "include-overwrites-include", location: merge.entry.location, message };
}

function lostJobs(
  previous: MatrixDefinition,
  matrix: MatrixDefinition,
  jobs: readonly ExpandedJob[],
  replaces: CoverageLintOptions["replaces"],
): CoverageFinding[] {
  const current = new Set(jobs.map((job) => canonical(job.values)));
  const byDimensions = new Map<string, ExpandedJob[]>();
  for (const job of jobs) {
    const key = dimensionsOf(matrix, job.values);
    const group = byDimensions.get(key);
    if (group) group.push(job);
    else byDimensions.set(key, [job]);
  }
  return expandMatrix(previous)
    .jobs.filter((job) => !current.has(canonical(job.values)))
    .filter((job) => !(byDimensions.get(dimensionsOf(matrix, job.values)) ?? []).some((now) => onlyDefaultsDiffer(previous, job, matrix, now)))
    .filter((job) => !replaces || !jobs.some((now) => replaces(job.values, now.values)))
    .map((job) => ({ kind: "job-no-longer-tested" as const, location: matrix.location, message: describeLostJob(job.values) }));
}

function dimensionsOf(matrix: MatrixDefinition, values: Combination): string {
  return canonical(matrix.dimensions.map((d) => values[d.key] ?? null));
}

/**
 * The same job, still tested, when every key that differs was set on both sides by broad include
 * entries ("runner: big on every arm64 job"): that is the documented idiom, not a lost job.
 */
function onlyDefaultsDiffer(previous: MatrixDefinition, before: ExpandedJob, matrix: MatrixDefinition, now: ExpandedJob): boolean {
  const keys = new Set([...Object.keys(before.values), ...Object.keys(now.values)]);
  return [...keys].every((key) => {
    const [a, b] = [before.values[key], now.values[key]];
    if (a !== undefined && b !== undefined && sameValue(a, b)) return true;
    return setByBroadEntry(previous, before, key) && setByBroadEntry(matrix, now, key);
  });
}

/** True when the job lacks the key, or its value came last from an include entry that does not name every dimension. */
function setByBroadEntry(matrix: MatrixDefinition, job: ExpandedJob, key: string): boolean {
  if (job.values[key] === undefined) return true;
  const setter = job.merges.findLast((m) => m.assignments.some((a) => a.key === key));
  return setter !== undefined && !namesEveryDimension(matrix, setter.entry);
}

function namesEveryDimension(matrix: MatrixDefinition, entry: MatrixEntry): boolean {
  const keys = new Set(entry.pairs.map((p) => p.key.toLowerCase()));
  return matrix.dimensions.length > 0 && matrix.dimensions.every((d) => keys.has(d.key.toLowerCase()));
}

function moveOut(entry: MatrixEntry, imageKey: string): string {
  const image = entry.pairs.find((p) => p.key.toLowerCase() === imageKey.toLowerCase());
  return image
    ? `move ${formatMatrixValue(image.value)} out of the ${imageKey} list`
    : `move the value out of its dimension list`;
}

function sameValue(a: MatrixValue, b: MatrixValue): boolean {
  return canonical(a) === canonical(b);
}

/** Key order does not make two jobs different; YAML types do (`"true"` is not `true`). */
function canonical(value: MatrixValue): string {
  // String(n) keeps NaN and Infinity apart from null, which JSON would not.
  if (typeof value === "number") return String(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as readonly MatrixValue[]).map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, MatrixValue>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}
