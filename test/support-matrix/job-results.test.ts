// From a run's jobs to each combination's result: passed, failed, did not run; no flapping on one failure.
import { describe, expect, it } from "vitest";
import { outcomeOf, resultsOf, type ExpectedJob } from "../../src/support-matrix/job-results.js";
import type { RunEvidence, RunJob } from "../../src/support-matrix/run-evidence.js";

const rpi4 = "build-iso-arm (master-arm64-rpi4, arm64, rpi4)";
const rpi3 = "build-iso-arm (master-arm64-rpi3, arm64, rpi3)";
const expected: ExpectedJob[] = [
  { key: "build-iso-arm#0", jobId: "build-iso-arm", prediction: { name: rpi3, callsWorkflow: true } },
  { key: "build-iso-arm#1", jobId: "build-iso-arm", prediction: { name: rpi4, callsWorkflow: true } },
];

let nextId = 1;
function run(results: Record<string, string | null>): RunEvidence {
  const id = nextId++;
  const jobs: RunJob[] = Object.entries(results).map(([name, conclusion], i) => ({ name, conclusion, url: `https://github.com/r/actions/runs/${id}/job/${i}` }));
  return { id, number: id, attempt: 1, url: `https://github.com/r/actions/runs/${id}`, headSha: "a".repeat(40), event: "push", conclusion: "success", createdAt: "", jobs };
}

const passing = () => run({ [`${rpi3} / rpi3 / build`]: "success", [`${rpi4} / rpi4 / build`]: "success", "lint / lint": "success" });
const rpi4Fails = () => run({ [`${rpi3} / rpi3 / build`]: "success", [`${rpi4} / rpi4 / build`]: "failure", [`${rpi4} / rpi4 / grype`]: "skipped" });

describe("outcome of a combination's jobs", () => {
  it("fails on any failure, passes when all passed, else did not run", () => {
    const j = (conclusion: string | null): RunJob => ({ name: "x", conclusion, url: "" });
    expect(outcomeOf([j("success"), j("skipped")])).toBe("passed");
    expect(outcomeOf([j("success"), j("timed_out")])).toBe("failed");
    expect(outcomeOf([])).toBe("did not run");
    expect(outcomeOf([j("skipped")])).toBe("did not run");
    expect(outcomeOf([j("success"), j("cancelled")])).toBe("did not run");
  });
});

describe("results over the newest runs", () => {
  it("shows passing cells from a passing run, and nothing without runs", () => {
    const results = resultsOf(expected, [passing()], 2);
    expect([...results.byKey.values()].map((r) => r.shown)).toEqual(["passed", "passed"]);
    expect(resultsOf(expected, [], 2)).toMatchObject({ run: null, unmatched: [] });
  });

  it("holds a first failure back, and shows it once it repeats failing_after times", () => {
    const once = resultsOf(expected, [rpi4Fails(), passing()], 2).byKey.get("build-iso-arm#1");
    expect(once).toMatchObject({ shown: "passed", latest: "failed", heldBack: true, failedRuns: 1 });
    expect(once?.failedJobs.map((j) => j.name)).toEqual([`${rpi4} / rpi4 / build`]);
    const twice = resultsOf(expected, [rpi4Fails(), rpi4Fails()], 2);
    expect(twice.byKey.get("build-iso-arm#1")).toMatchObject({ shown: "failed", heldBack: false, failedRuns: 2 });
    expect(twice.byKey.get("build-iso-arm#0")).toMatchObject({ shown: "passed" });
    expect(resultsOf(expected, [rpi4Fails(), passing()], 1).byKey.get("build-iso-arm#1")?.shown).toBe("failed");
  });

  it("shows a failure at once when no earlier run exists to hold on to", () => {
    expect(resultsOf(expected, [rpi4Fails()], 2).byKey.get("build-iso-arm#1")?.shown).toBe("failed");
  });

  it("lists jobs that look like a configured job but match no combination", () => {
    const odd = run({ [`${rpi3} / rpi3 / build`]: "success", "build-iso-arm (master-arm64-rpi5, arm64, rpi5) / x": "success", "lint": "failure" });
    expect(resultsOf(expected, [odd], 2).unmatched.map((j) => j.name)).toEqual(["build-iso-arm (master-arm64-rpi5, arm64, rpi5) / x"]);
  });
});
