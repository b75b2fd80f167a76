// Job names traced back to cells: kairos-init's custom name template over every test.yml version, and master.yaml's builds and suites.
import { toSource } from "../../src/config/index.js";
import { describe, expect, it } from "vitest";
import { expectedJobsOf, sourceResultsOf } from "../../src/sync/tested-results.js";
import { ResultsByCell } from "../../src/support-matrix/cell-results.js";
import type { RunEvidence } from "../../src/support-matrix/run-evidence.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { fixtureIndex, readFixture } from "../fixtures.js";

// The three oldest files are docker.yml, which has no matrix job.
const versions = fixtureIndex("kairos-init").filter((row) => row.file.startsWith("test.yml/") && readFixture("kairos-init", row.file).includes("matrix:"));
const source = toSource({ repository: "kairos-io/kairos-init", workflow: ".github/workflows/test.yml" });

function expectedOf(file: string) {
  const expanded = expandSource(snapshotOfSource(source, "0".repeat(40), readFixture("kairos-init", file)));
  return { expanded, expected: expectedJobsOf(expanded) };
}

describe("kairos-init job names", () => {
  it("evaluates the newest template with each job's matrix", () => {
    const { expected } = expectedOf("test.yml/2026-07-13-4a52b87.yml");
    const names = expected.map((e) => e.prediction.name);
    // Empty expressions leave their spaces: GitHub shows the name exactly as evaluated.
    expect(names.filter((n) => n.includes("rpi4"))).toEqual([
      "arm64 - ubuntu:22.04 - rpi4  ",
      "arm64 - ghcr.io/kairos-io/hadron:v0.5.1 - rpi4  ",
      "arm64 - ghcr.io/kairos-io/hadron:main - rpi4  ",
    ]);
    expect(names.filter((n) => n.includes("k3s")).length).toBeGreaterThan(0);
    expect(expected.every((e) => !e.prediction.callsWorkflow)).toBe(true);
  });

  for (const version of versions) {
    // Three versions of 2025-01-20 list `opensuse/leap:15.6:`, which is no image reference: they are refused, not named.
    if (readFixture("kairos-init", version.file).includes("opensuse/leap:15.6:")) {
      it(`${version.file}: is refused for its image value`, () => {
        expect(() => expectedOf(version.file)).toThrow(/"opensuse\/leap:15\.6:" is not an image reference/);
      });
      continue;
    }
    it(`${version.file}: every combination gets a predicted name`, () => {
      const { expanded, expected } = expectedOf(version.file);
      expect(expected).toHaveLength(expanded.combinations.length);
      for (const e of expected) expect(e.prediction.name).not.toContain("${{");
    });
  }
});

describe("master.yaml results: build jobs back the cells, qemu suites count toward their image", () => {
  const master = toSource({ repository: "kairos-io/kairos", workflow: ".github/workflows/master.yaml", jobs: ["build-iso", "build-iso-arm", "qemu-tests-*"] });
  const expanded = expandSource(snapshotOfSource(master, "0".repeat(40), readFixture("kairos", "workflows", "master.yaml")));
  const callers = expectedJobsOf(expanded).map((e) => e.prediction.name);
  let nextJob = 1;
  /** Three segments, as GitHub names the jobs of build-iso → _build-iso.yaml → kairos-factory-action. */
  function runOf(id: number, failing: (name: string) => boolean, extra: string[] = []): RunEvidence {
    const names = [...callers.flatMap((c) => [`${c} / iso / build`, `${c} / iso / grype`]), ...extra, "lint / lint"];
    const jobs = names.map((name) => ({ name, conclusion: failing(name) ? "failure" : "success", url: `https://github.com/kairos-io/kairos/actions/runs/${id}/job/${nextJob++}` }));
    return { id, number: id, attempt: 1, url: `https://github.com/kairos-io/kairos/actions/runs/${id}`, headSha: "a".repeat(40), event: "push", conclusion: "success", createdAt: "", jobs };
  }
  const resultsOf = (runs: RunEvidence[]) => {
    const [results] = sourceResultsOf([expanded], [{ repository: "kairos-io/kairos", workflow: ".github/workflows/master.yaml", branch: "master", runs }], 2);
    return { results: results!, byCell: new ResultsByCell(results!.placed) };
  };
  const hadron = "ghcr.io/kairos-io/hadron:v0.5.1";

  it("predicts one caller segment per build and suite combination", () => {
    expect(callers).toHaveLength(9 + 22);
    expect(callers).toContain("build-iso-arm (master-arm64-rpi4, arm64, ghcr.io/kairos-io/hadron:v0.5.1, rpi4, false, false)");
    expect(callers).toContain("qemu-tests-core (acceptance)");
  });

  it("a passing run passes every build cell and counts every suite", () => {
    const { byCell } = resultsOf([runOf(1, () => false)]);
    const arm = byCell.at(hadron, "arm64");
    expect(arm.builds?.labels.map((l) => [l.label, l.shown])).toEqual([
      ["core", "passed"],
      ["Raspberry Pi 3", "passed"],
      ["Raspberry Pi 4", "passed"],
    ]);
    expect(arm.suites).toBeNull();
    const amd = byCell.at(hadron, "amd64");
    expect(amd.suites?.labels).toHaveLength(20);
    expect(amd.suites?.labels.every((l) => l.shown === "passed")).toBe(true);
    expect(byCell.at("ghcr.io/kairos-io/hadron-trusted:v0.5.1", "amd64").suites?.labels.map((l) => l.label)).toEqual(["install-upgrade", "boot-assessment"]);
  });

  it("a suite failing twice fails that suite of its image, linked to the failing job; the builds stay passing", () => {
    const failing = (name: string) => name.startsWith("qemu-tests-core (acceptance) / ") && name.endsWith("/ build");
    const { byCell } = resultsOf([runOf(3, failing), runOf(2, failing)]);
    const amd = byCell.at(hadron, "amd64");
    const failed = amd.suites?.labels.filter((l) => l.shown === "failed") ?? [];
    expect(failed.map((l) => l.label)).toEqual(["acceptance"]);
    expect(failed[0]?.failedJobs[0]?.url).toMatch(/\/actions\/runs\/3\/job\/\d+$/);
    expect(amd.builds?.labels.every((l) => l.shown === "passed")).toBe(true);
  });

  it("a job that matches no prediction is listed, never placed in a cell", () => {
    const stray = "build-iso-arm (master-arm64-rpi5, arm64, ghcr.io/kairos-io/hadron:v0.5.1, rpi5, false, false) / iso / build";
    const { results, byCell } = resultsOf([runOf(4, (n) => n === stray, [stray])]);
    expect(results.results.unmatched.map((j) => j.name)).toEqual([stray]);
    expect(byCell.at(hadron, "arm64").builds?.labels.every((l) => l.shown === "passed")).toBe(true);
  });
});
