// Expands a matrix into the jobs GitHub would run: cross product, then the exclude rule, then the include rule, within GitHub's job limit.
import { crossProduct, productSize } from "./cross-product.js";
import type { ExpandedJob } from "./expanded-job.js";
import { isExcluded } from "./exclude-rule.js";
import { applyIncludes } from "./include-rule.js";
import type { Combination, MatrixDefinition, MatrixEntry, MatrixValue } from "./matrix-types.js";
import { WorkflowError } from "./workflow-error.js";

/** GitHub's docs: "A matrix will generate a maximum of 256 jobs per workflow run." */
export const MAX_MATRIX_JOBS = 256;

/**
 * Excludes can shrink a large product below the job limit, so the product is walked lazily; past
 * this many combinations we stop instead of walking an astronomically large product.
 */
export const MAX_SCANNED_COMBINATIONS = 100_000;

/**
 * Key comparisons (each leaf of each exclude and include entry against each combination) allowed before
 * giving up, so neither thousands of entries nor one entry with thousands of keys can stall a run.
 */
export const MAX_FILTER_CHECKS = 2_000_000;

export interface MatrixExpansion {
  readonly matrix: MatrixDefinition;
  /** In GitHub's order: surviving product combinations, then jobs created by include entries. */
  readonly jobs: readonly ExpandedJob[];
}

/** Throws WorkflowError (at the `matrix` key) when GitHub would refuse the matrix for its size. */
export function expandMatrix(matrix: MatrixDefinition): MatrixExpansion {
  const originals = survivingCombinations(matrix);
  if (originals.length * comparisonsPerCombination(matrix.include) > MAX_FILTER_CHECKS) throw tooMuchWork(matrix);
  const jobs = applyIncludes(originals, matrix.include, matrix.dimensions.map((d) => d.key));
  if (jobs.length > MAX_MATRIX_JOBS) {
    throw tooManyJobs(matrix, `${jobs.length} jobs`);
  }
  return { matrix, jobs };
}

/** The contract the CLI prints with JSON.stringify: each job's matrix context, in GitHub's order. */
export function combinationsOf(expansion: MatrixExpansion): Combination[] {
  return expansion.jobs.map((job) => job.values);
}

function survivingCombinations(matrix: MatrixDefinition): Combination[] {
  const size = productSize(matrix.dimensions);
  const originals: Combination[] = [];
  const excludeCost = comparisonsPerCombination(matrix.exclude);
  let scanned = 0;
  for (const combination of crossProduct(matrix.dimensions)) {
    scanned += 1;
    if (scanned * excludeCost > MAX_FILTER_CHECKS) throw tooMuchWork(matrix);
    if (scanned > MAX_SCANNED_COMBINATIONS) {
      throw new WorkflowError(
        matrix.location,
        `${subject(matrix)} has a cross product of ${size} combinations; this tool walks at most ${MAX_SCANNED_COMBINATIONS} of them to apply exclude (GitHub runs at most ${MAX_MATRIX_JOBS} jobs per matrix)`,
      );
    }
    if (isExcluded(combination, matrix.exclude)) continue;
    originals.push(combination);
    if (originals.length > MAX_MATRIX_JOBS) {
      throw tooManyJobs(matrix, `more than ${MAX_MATRIX_JOBS} jobs (its cross product has ${size} combinations)`);
    }
  }
  return originals;
}

/** What matching every entry against one combination costs at most: one comparison per leaf, at least one per key. */
function comparisonsPerCombination(entries: readonly MatrixEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.pairs.reduce((keys, pair) => keys + Math.max(1, leafCount(pair.value)), 0), 0);
}

function leafCount(value: MatrixValue): number {
  if (typeof value !== "object" || value === null) return 1;
  const children: readonly MatrixValue[] = Array.isArray(value) ? value : Object.values(value);
  return children.reduce((sum: number, child) => sum + leafCount(child), 0);
}

function tooMuchWork(matrix: MatrixDefinition): WorkflowError {
  return new WorkflowError(
    matrix.location,
    `${subject(matrix)} is too large to expand: its ${productSize(matrix.dimensions)} combinations and ${matrix.exclude.length + matrix.include.length} include/exclude entries need more than ${MAX_FILTER_CHECKS} comparisons`,
  );
}

function tooManyJobs(matrix: MatrixDefinition, count: string): WorkflowError {
  return new WorkflowError(
    matrix.location,
    `${subject(matrix)} expands to ${count}; GitHub runs at most ${MAX_MATRIX_JOBS} jobs per matrix`,
  );
}

function subject(matrix: MatrixDefinition): string {
  return `strategy.matrix of job "${matrix.jobId}"`;
}

