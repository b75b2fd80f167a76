// Small workflows written inline for tests: a matrix block wrapped in a job, read and expanded through the public API.
import { selectMatrixJob } from "../../src/workflow/job-selection.js";
import { combinationsOf, expandMatrix } from "../../src/workflow/matrix-expansion.js";
import type { Combination, MatrixDefinition } from "../../src/workflow/matrix-types.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";

/** A workflow whose job `test` has `matrixBlock` (unindented YAML) under `strategy.matrix`. */
export function workflowWithMatrix(matrixBlock: string): string {
  const indented = matrixBlock
    .trim()
    .split("\n")
    .map((line) => `        ${line}`)
    .join("\n");
  return `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n${indented}\n    steps:\n      - run: echo\n`;
}

export function matrixOf(matrixBlock: string, file = "wf.yml"): MatrixDefinition {
  return selectMatrixJob(readWorkflow(workflowWithMatrix(matrixBlock), file), { jobId: "test", imageKey: "base_image" }).matrix;
}

export function expand(matrixBlock: string): Combination[] {
  return combinationsOf(expandMatrix(matrixOf(matrixBlock)));
}
