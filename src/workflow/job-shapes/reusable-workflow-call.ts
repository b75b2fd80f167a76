// A job that calls a reusable workflow (`uses:` + `with:`), possibly with a `strategy.matrix`: its facts are the inputs it passes.
//
// The called workflow sees only `with:` (GitHub docs, "Reuse workflows": "Passing inputs and secrets to a
// reusable workflow"), so an input overrides a matrix key of the same name; each input is evaluated for
// each matrix combination, as GitHub does when it expands the caller's matrix.
import type { SourceLocation } from "../../located-error.js";
import { evaluateValue } from "../expression-value.js";
import type { MatrixValue } from "../matrix-types.js";
import { WorkflowError } from "../workflow-error.js";
import type { JobShape } from "./job-run.js";
import { matrixKeyLocations, matrixRunsOf } from "./matrix-runs.js";

export const reusableWorkflowCall: JobShape = {
  name: "reusable-workflow call",
  matches: (job) => job.uses !== null,
  runs: (job, context) => {
    const { matrix, jobs } = matrixRunsOf(job);
    const matrixKeys = matrixKeyLocations(matrix);
    return jobs.map((expanded) => {
      const combination = expanded?.values ?? {};
      const values: Record<string, MatrixValue> = { ...combination };
      const keys = new Map<string, SourceLocation>([...matrixKeys].filter(([key]) => key in combination));
      for (const input of job.with) {
        keys.set(input.key, input.keyLocation);
        if (!context.wanted(input.key)) {
          delete values[input.key];
          continue;
        }
        const result = evaluateValue(input.value, { matrix: combination, inputs: context.inputDefaults });
        if (!result.known) {
          throw new WorkflowError(
            input.valueLocation,
            `with.${input.key} of job "${job.id}" is not statically known: ${result.reason}; the bot does not guess it`,
          );
        }
        values[input.key] = result.value;
      }
      return { jobId: job.id, values, keys, expanded };
    });
  },
};
