// Reads a workflow's text into its jobs and their matrices, every part located for error messages.
import { isMap, isScalar, type Node, type Pair } from "yaml";
import type { SourceLocation } from "../located-error.js";
import { readMatrixDefinition, visibleMatrixKeys } from "./matrix-definition.js";
import type { Located, MatrixDefinition, MatrixValue } from "./matrix-types.js";
import { WorkflowDocument } from "./workflow-document.js";
import { WorkflowError } from "./workflow-error.js";
import { readTriggers, type Triggers } from "./workflow-triggers.js";

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

/** One `key: value` of a job's `with:` (or of a called workflow's input defaults), expressions not yet evaluated. */
export interface JobInput {
  readonly key: string;
  readonly keyLocation: SourceLocation;
  readonly value: MatrixValue;
  /** The value, or its first `${{` when it holds an expression: where "not statically known" points. */
  readonly valueLocation: SourceLocation;
}

/** A job as the table needs it: what it calls, with which inputs, under which condition, with which matrix. */
export interface WorkflowJob {
  readonly id: string;
  /** The job id key. */
  readonly location: SourceLocation;
  /** `uses:` of a job that calls a reusable workflow, e.g. `./.github/workflows/_build-iso.yaml`. */
  readonly uses: Located<string> | null;
  /** `with:` of a reusable-workflow call, in file order. */
  readonly with: readonly JobInput[];
  /** `if:` as written (a boolean, or a string that may hold an expression). */
  readonly condition: Located<MatrixValue> | null;
  /** `name:` as written (a string that may hold expressions over `matrix`): what GitHub shows instead of the id. */
  readonly name: MatrixValue | null;
  /** The job's `strategy.matrix`, when it has one. */
  readonly matrix: MatrixJob | null;
}

export interface Workflow {
  readonly file: string;
  /** The `jobs` key. */
  readonly jobsLocation: SourceLocation;
  /** Every job id, in file order. */
  readonly jobIds: readonly string[];
  /** Jobs that have a `strategy.matrix`, in file order. */
  readonly matrixJobs: readonly MatrixJob[];
  /** Every job, in file order. */
  readonly jobs: readonly WorkflowJob[];
  /** Defaults of `on.workflow_call.inputs` (inputs without a default are absent: only a caller knows them). */
  readonly inputDefaults: ReadonlyMap<string, MatrixValue>;
  /** The `on` triggers, for the "never runs" check; null when the workflow has none. */
  readonly triggers: Triggers | null;
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
  const workflowJobs: WorkflowJob[] = [];
  for (const jobPair of jobs.items as YamlPair[]) {
    const id = document.keyOf(jobPair, "job id");
    jobIds.push(id);
    const matrix = readMatrixJob(document, id, jobPair);
    if (matrix) matrixJobs.push(matrix);
    workflowJobs.push(readJob(document, id, jobPair, matrix));
  }
  const onPair = isMap(root) ? document.pair(root, "on") : undefined;
  return {
    file: fileName,
    jobsLocation: document.locate(jobsPair.key),
    jobIds,
    matrixJobs,
    jobs: workflowJobs,
    inputDefaults: readInputDefaults(document, onPair?.value ?? null),
    triggers: readTriggers(document, onPair),
  };
}

function readJob(document: WorkflowDocument, id: string, jobPair: YamlPair, matrix: MatrixJob | null): WorkflowJob {
  const location = document.locate(jobPair.key);
  const job = document.resolve(jobPair.value);
  if (!isMap(job)) return { id, location, uses: null, with: [], condition: null, name: null, matrix };
  const usesPair = document.pair(job, "uses");
  const usesNode = document.resolve(usesPair?.value);
  const uses = isScalar(usesNode) && typeof usesNode.value === "string" ? { value: usesNode.value, location: document.locate(usesNode) } : null;
  const ifPair = document.pair(job, "if");
  const condition = ifPair ? { value: document.toMatrixValue(ifPair.value), location: document.locate(ifPair.value ?? ifPair.key) } : null;
  const withNode = document.resolve(document.pair(job, "with")?.value);
  const inputs = isMap(withNode) ? (withNode.items as YamlPair[]).map((pair) => readInput(document, pair)) : [];
  const namePair = document.pair(job, "name");
  const name = namePair ? document.toMatrixValue(namePair.value) : null;
  return { id, location, uses, with: inputs, condition, name, matrix };
}

function readInput(document: WorkflowDocument, pair: YamlPair): JobInput {
  return {
    key: document.keyOf(pair, "input name"),
    keyLocation: document.locate(pair.key),
    value: document.toMatrixValue(pair.value),
    valueLocation: document.firstExpression(pair.value) ?? document.locate(pair.value ?? pair.key),
  };
}

/** `on: {workflow_call: {inputs: {arch: {default: amd64}}}}` gives `arch` its default. */
function readInputDefaults(document: WorkflowDocument, onNode: Node | null): Map<string, MatrixValue> {
  const defaults = new Map<string, MatrixValue>();
  const on = document.resolve(onNode);
  const call = isMap(on) ? document.resolve(document.pair(on, "workflow_call")?.value) : null;
  const inputs = isMap(call) ? document.resolve(document.pair(call, "inputs")?.value) : null;
  if (!isMap(inputs)) return defaults;
  for (const pair of inputs.items as YamlPair[]) {
    const spec = document.resolve(pair.value);
    const defaultPair = isMap(spec) ? document.pair(spec, "default") : undefined;
    if (defaultPair) defaults.set(document.keyOf(pair, "input name"), document.toMatrixValue(defaultPair.value));
  }
  return defaults;
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
