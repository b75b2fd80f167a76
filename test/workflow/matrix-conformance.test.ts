// Matrix vectors written by others (GitHub's docs, actions/runner, languageservices, act, runner.server, actionlint, wrkflw) expand as GitHub does.
// The vectors, their sources and the comparison rules are described in test/fixtures/matrix-conformance/README.md.
import { describe, expect, it } from "vitest";
import { selectMatrixJob } from "../../src/workflow/job-selection.js";
import { combinationsOf, expandMatrix } from "../../src/workflow/matrix-expansion.js";
import type { Combination } from "../../src/workflow/matrix-types.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { WorkflowError } from "../../src/workflow/workflow-error.js";
import { readFixture } from "../fixtures.js";

interface Vector {
  id: string;
  file: string;
  job: string;
  order: "exact" | "multiset";
  keyOrder?: boolean;
  expect: { jobs?: unknown[]; error?: string; runtime?: boolean; github?: unknown[] };
}

const vectors = (JSON.parse(readFixture("matrix-conformance", "vectors.json")) as { vectors: Vector[] }).vectors;

type Outcome = { jobs: Combination[] } | { error: WorkflowError };

function build(vector: Vector): Outcome {
  const text = readFixture("matrix-conformance", vector.file);
  try {
    const job = selectMatrixJob(readWorkflow(text, vector.file), { jobId: vector.job, imageKey: "base_image" });
    return { jobs: combinationsOf(expandMatrix(job.matrix)) };
  } catch (error) {
    if (error instanceof WorkflowError) return { error };
    throw error;
  }
}

/** vectors.json writes the numbers JSON cannot hold as `{"$number": "NaN"}`. */
function isNumberMarker(value: object): value is { $number: string } {
  return Object.keys(value).length === 1 && typeof (value as { $number?: unknown }).$number === "string";
}

/** The README's comparison: as JSON (NaN and ±Infinity become null), keys sorted unless key order is checked. */
function comparable(job: unknown, keyOrder: boolean): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === "object") {
      if (isNumberMarker(value)) return Number(value.$number);
      const entries = Object.entries(value).map(([k, v]) => [k, sorted(v)] as const);
      return Object.fromEntries(keyOrder ? entries : entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  };
  return JSON.stringify(sorted(JSON.parse(JSON.stringify(job))));
}

function jobList(jobs: readonly unknown[], vector: Vector): string[] {
  const list = jobs.map((job) => comparable(job, vector.keyOrder === true));
  return vector.order === "multiset" ? list.sort() : list;
}

describe("matrix conformance vectors", () => {
  it("has all 189 vectors", () => {
    expect(vectors).toHaveLength(189);
  });

  it.each(vectors.map((v) => [v.id, v] as const))("%s", (_, vector) => {
    const outcome = build(vector);
    const expected = vector.expect;
    if (expected.error !== undefined) {
      // GitHub rejects the workflow: a located refusal, never a crash or a job list.
      expect("error" in outcome ? outcome.error.message : JSON.stringify(outcome.jobs)).toMatch(/^vectors\/[^:]+\.yml:\d+:\d+: /);
    } else if (expected.runtime) {
      if ("jobs" in outcome) {
        expect(expected.github, "a run-time matrix may only be printed when GitHub's list is known").toBeDefined();
        expect(jobList(outcome.jobs, vector)).toEqual(jobList(expected.github ?? [], vector));
      } else {
        expect(outcome.error.message).toContain("expression");
      }
    } else {
      expect("error" in outcome ? outcome.error.message : null).toBeNull();
      if ("jobs" in outcome) expect(jobList(outcome.jobs, vector)).toEqual(jobList(expected.jobs ?? [], vector));
    }
  });
});
