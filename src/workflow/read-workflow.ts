// Reads a workflow's text into its jobs and their matrices, every part located for error messages.
import { isMap, type Node, type Pair } from "yaml";
import type { SourceLocation } from "../located-error.js";
import { readMatrixDefinition, visibleMatrixKeys } from "./matrix-definition.js";
import type { MatrixDefinition } from "./matrix-types.js";
import { WorkflowDocument } from "./workflow-document.js";
import { WorkflowError } from "./workflow-error.js";

type YamlPair = Pair<Node, Node | null>;

interface MatrixJobBase {
  readonly id: string;
  /** The job id key. */
  readonly location: SourceLocation;
  /** Dimension keys and include keys the matrix visibly mentions, even when it cannot be expanded. */
  readonly keys: readonly string[];
}

/** A job whose matrix is written out in the file and can be expanded. */
export interface StaticMatrixJob extends MatrixJobBase {
  readonly kind: "static";
  readonly matrix: MatrixDefinition;
}

/** A job with a matrix this tool cannot expand (an expression, or a shape GitHub rejects). */
export interface UnreadableMatrixJob extends MatrixJobBase {
  readonly kind: "unreadable";
  readonly problem: WorkflowError;
}

export type MatrixJob = StaticMatrixJob | UnreadableMatrixJob;

export interface Workflow {
  readonly file: string;
  /** The `jobs` key. */
  readonly jobsLocation: SourceLocation;
  /** Every job id, in file order. */
  readonly jobIds: readonly string[];
  /** Jobs that have a `strategy.matrix`, in file order. */
  readonly matrixJobs: readonly MatrixJob[];
}

/**
 * Throws WorkflowError for problems of the whole file (syntax, duplicate keys, alias bombs, no
 * `jobs`); a problem inside one job's matrix is kept on that job, so an unrelated job cannot
 * break the one the caller wants.
 */
export function readWorkflow(text: string, fileName: string): Workflow {
  const document = WorkflowDocument.parse(text, fileName);
  const root = document.root;
  const jobsPair = isMap(root) ? document.pair(root, "jobs") : undefined;
  const jobs = jobsPair ? document.resolve(jobsPair.value) : null;
  if (!jobsPair || !isMap(jobs)) {
    throw document.error(jobsPair?.value ?? jobsPair?.key ?? root, "workflow has no `jobs` mapping");
  }
  const jobIds: string[] = [];
  const matrixJobs: MatrixJob[] = [];
  for (const jobPair of jobs.items as YamlPair[]) {
    const id = document.keyOf(jobPair, "job id");
    jobIds.push(id);
    const job = readMatrixJob(document, id, jobPair);
    if (job) matrixJobs.push(job);
  }
  return { file: fileName, jobsLocation: document.locate(jobsPair.key), jobIds, matrixJobs };
}

function readMatrixJob(document: WorkflowDocument, id: string, jobPair: YamlPair): MatrixJob | null {
  const job = document.resolve(jobPair.value);
  if (!isMap(job)) return null;
  const strategyPair = document.pair(job, "strategy");
  if (!strategyPair) return null;
  const location = document.locate(jobPair.key);
  const strategy = document.resolve(strategyPair.value);
  if (!isMap(strategy)) {
    const expression = document.firstExpression(strategyPair.value);
    if (!expression) return null;
    const problem = new WorkflowError(
      expression,
      `strategy of job "${id}" is not statically known: it is an expression that GitHub evaluates only when the workflow runs`,
    );
    return { kind: "unreadable", id, location, keys: [], problem };
  }
  const matrixPair = document.pair(strategy, "matrix");
  if (!matrixPair) return null;
  const keys = visibleMatrixKeys(document, matrixPair.value);
  try {
    return { kind: "static", id, location, keys, matrix: readMatrixDefinition(document, id, matrixPair) };
  } catch (error) {
    if (error instanceof WorkflowError) return { kind: "unreadable", id, location, keys, problem: error };
    throw error;
  }
}
