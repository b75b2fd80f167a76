// Random small matrices, written as YAML and read back, expand exactly as the naive implementation of GitHub's documented rules says.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { selectMatrixJob } from "../../src/workflow/job-selection.js";
import { combinationsOf, expandMatrix } from "../../src/workflow/matrix-expansion.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { naiveExpand, type Plain } from "./naive-matrix.js";

// Values chosen to collide under GitHub's loose `==`: "A"/"a", "1"/1/true, ""/null/0/false, "true"/true.
const value = fc.constantFrom<Plain>("a", "A", "b", "1", 1, 1.5, 0, "", true, false, "true", null);
const dimensionKey = fc.constantFrom("x", "y", "z");
// Extra keys overlap each other across entries, sometimes in another case.
const extraKey = fc.constantFrom("w", "W", "v", "u");

const dimensions = fc.uniqueArray(fc.tuple(dimensionKey, fc.array(value, { minLength: 1, maxLength: 3 })), {
  minLength: 0,
  maxLength: 3,
  selector: ([key]) => key,
});

function entry(keys: fc.Arbitrary<string>, minLength: number) {
  return fc
    .uniqueArray(fc.tuple(keys, value), { minLength, maxLength: 4, selector: ([key]) => key.toLowerCase() })
    .map((pairs) => Object.fromEntries(pairs) as Record<string, Plain>);
}

const matrix = dimensions.chain((dims) => {
  const dimKeys = dims.map(([key]) => key);
  // Excludes may only name dimensions (GitHub rejects others); includes name dimensions and extras.
  const excludes: fc.Arbitrary<Record<string, Plain>[]> =
    dimKeys.length === 0 ? fc.constant([]) : fc.array(entry(fc.constantFrom(...dimKeys), 1), { maxLength: 3 });
  const includeKeys = fc.oneof(extraKey, ...(dimKeys.length > 0 ? [fc.constantFrom(...dimKeys)] : []));
  return fc.record({
    dims: fc.constant(dims),
    exclude: excludes,
    include: fc.array(entry(includeKeys, 1), { maxLength: 4 }),
  });
});

describe("matrix expansion against a naive implementation of the documented rules", () => {
  it("agrees on every job, its key order and its value types", () => {
    fc.assert(
      fc.property(matrix, ({ dims, exclude, include }) => {
        fc.pre(dims.length > 0 || include.length > 0);
        const definition: Record<string, Plain> = Object.fromEntries(dims);
        if (exclude.length > 0) definition.exclude = exclude;
        if (include.length > 0) definition.include = include;
        const text = stringify({ on: "push", jobs: { test: { "runs-on": "x", strategy: { matrix: definition } } } });
        const job = selectMatrixJob(readWorkflow(text, "random.yml"), { jobId: "test", imageKey: "base_image" });
        expect(JSON.stringify(combinationsOf(expandMatrix(job.matrix)))).toBe(JSON.stringify(naiveExpand(definition)));
      }),
      { numRuns: 400 },
    );
  });
});
