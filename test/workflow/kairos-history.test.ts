// Every real version of kairos-init's test.yml reads, selects its matrix job and expands as GitHub would.
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_KEY, selectMatrixJob } from "../../src/workflow/job-selection.js";
import { combinationsOf, expandMatrix } from "../../src/workflow/matrix-expansion.js";
import type { Combination } from "../../src/workflow/matrix-types.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { WorkflowError } from "../../src/workflow/workflow-error.js";
import { fixtureIndex, readFixture } from "../fixtures.js";
import { naiveExpand, type Plain } from "./naive-matrix.js";

const versions = fixtureIndex("kairos-init").filter((row) => row.file.startsWith("test.yml/"));

function jobsOf(file: string, jobId?: string): Combination[] {
  const workflow = readWorkflow(readFixture("kairos-init", file), "test.yml");
  return combinationsOf(expandMatrix(selectMatrixJob(workflow, { jobId, imageKey: DEFAULT_IMAGE_KEY }).matrix));
}

function jobsWith(jobs: Combination[], where: Combination): Combination[] {
  return jobs.filter((job) => Object.entries(where).every(([k, v]) => job[k] === v));
}

describe("kairos-init test.yml history", () => {
  it("has all 55 versions, the 3 oldest being docker.yml", () => {
    expect(versions).toHaveLength(55);
    expect(versions.filter((v) => v.path.endsWith("docker.yml"))).toHaveLength(3);
  });

  for (const version of versions) {
    const file = version.file;
    if (version.path.endsWith("docker.yml")) {
      it(`${file}: reads, and says plainly that no job's matrix uses base_image`, () => {
        const workflow = readWorkflow(readFixture("kairos-init", file), "docker.yml");
        expect(workflow.matrixJobs).toEqual([]);
        expect(() => selectMatrixJob(workflow, { imageKey: DEFAULT_IMAGE_KEY })).toThrow(
          /^docker\.yml:\d+:\d+: no job's matrix uses base_image/,
        );
      });
      continue;
    }
    it(`${file}: selects testing_build_matrix by its image key and expands like the documented rules`, () => {
      const text = readFixture("kairos-init", file);
      const job = selectMatrixJob(readWorkflow(text, "test.yml"), { imageKey: DEFAULT_IMAGE_KEY });
      expect(job.id).toBe("testing_build_matrix");
      const independent = naiveExpand(
        (parse(text) as { jobs: Record<string, { strategy: { matrix: Record<string, Plain> } }> }).jobs
          .testing_build_matrix!.strategy.matrix,
      );
      // Stringified, so key order and scalar types must agree too.
      expect(JSON.stringify(combinationsOf(expandMatrix(job.matrix)))).toBe(JSON.stringify(independent));
    });
  }
});

describe("pinned versions", () => {
  it("63225cb: the rpi4 includes merged into the generic arm64 Hadron jobs, which no longer exist", () => {
    const jobs = jobsOf("test.yml/2026-07-07-63225cb.yml");
    // 2 platforms × 24 images, plus k3s, k0s, 2 fedora:41, 3 arm64 ubuntu:22.04 boards and 3 riscv64 jobs.
    expect(jobs).toHaveLength(58);
    for (const image of ["ghcr.io/kairos-io/hadron:v0.4.0", "ghcr.io/kairos-io/hadron:main"]) {
      expect(jobsWith(jobs, { platform: "arm64", base_image: image })).toEqual([
        { platform: "arm64", base_image: image, model: "rpi4", fips: false },
      ]);
      expect(jobsWith(jobs, { platform: "amd64", base_image: image })).toEqual([{ platform: "amd64", base_image: image }]);
    }
  });

  it("4a52b87 (#399): the generic arm64 Hadron jobs exist again beside the rpi4 ones", () => {
    const jobs = jobsOf("test.yml/2026-07-13-4a52b87.yml");
    // 2 × 22 originals plus 16 include entries that match no original.
    expect(jobs).toHaveLength(60);
    expect(jobs[0]).toEqual({ platform: "amd64", base_image: "ubuntu:20.04" });
    expect(jobs[44]).toEqual({
      platform: "amd64",
      base_image: "ubuntu:22.04",
      kubernetes_provider: "k3s",
      kubernetes_version: "v1.32.1+k3s1",
    });
    expect(jobs[59]).toEqual({ platform: "riscv64", base_image: "fedorariscv/base:42", model: "generic", fips: false });
    for (const image of ["ghcr.io/kairos-io/hadron:v0.5.1", "ghcr.io/kairos-io/hadron:main"]) {
      expect(jobsWith(jobs, { platform: "arm64", base_image: image })).toEqual([
        { platform: "arm64", base_image: image },
        { platform: "arm64", base_image: image, model: "rpi4", fips: false },
      ]);
    }
  });

  it("4a52b87: amd64 ubuntu:24.04 runs only with trusted_boot \"true\" (a string)", () => {
    const jobs = jobsOf("test.yml/2026-07-13-4a52b87.yml");
    expect(jobsWith(jobs, { platform: "amd64", base_image: "ubuntu:24.04" })).toEqual([
      { platform: "amd64", base_image: "ubuntu:24.04", trusted_boot: "true" },
    ]);
    expect(jobsWith(jobs, { platform: "arm64", base_image: "ubuntu:24.04" })).toEqual([
      { platform: "arm64", base_image: "ubuntu:24.04" },
    ]);
  });

  it("f5722ab: the trusted-boot include overwrote fips, so no amd64 fedora:41 job has fips === true", () => {
    const jobs = jobsOf("test.yml/2025-06-09-f5722ab.yml");
    expect(jobs).toHaveLength(20);
    const fedora = jobsWith(jobs, { platform: "amd64", base_image: "fedora:41" });
    expect(fedora.filter((job) => job.fips === true)).toEqual([]);
    // fips was added first (by the FIPS include) and is overwritten in place; trusted_boot comes after it.
    expect(JSON.stringify(fedora)).toBe(
      JSON.stringify([{ platform: "amd64", base_image: "fedora:41", fips: false, trusted_boot: "true" }]),
    );
  });

  it("2025-08-26 acd2ae0: the unit-tests job's go-version stays the YAML number 1.24", () => {
    expect(JSON.stringify(jobsOf("test.yml/2025-08-26-acd2ae0.yml", "unit-tests"))).toBe('[{"go-version":1.24}]');
    const workflow = readWorkflow(readFixture("kairos-init", "test.yml/2025-08-26-acd2ae0.yml"), "test.yml");
    expect(workflow.matrixJobs.map((j) => j.id)).toEqual(["unit-tests", "testing_build_matrix"]);
    expect(selectMatrixJob(workflow, { imageKey: DEFAULT_IMAGE_KEY }).id).toBe("testing_build_matrix");
  });

  it("5c22204: variant and kubernetes_provider are dimensions, the k3s/k0s includes become new jobs", () => {
    const jobs = jobsOf("test.yml/2025-02-04-5c22204.yml");
    expect(jobs).toHaveLength(18);
    expect(JSON.stringify(jobs[0])).toBe(
      JSON.stringify({ variant: "core", kubernetes_provider: "k3s", platform: "amd64", base_image: "ubuntu:20.04" }),
    );
    expect(jobs[8]).toEqual({ variant: "core", kubernetes_provider: "k3s", platform: "arm64", base_image: "ubuntu:20.04" });
    // A created job lists the entry's dimension keys first, then its other keys.
    expect(JSON.stringify(jobs.slice(16))).toBe(
      JSON.stringify([
        { platform: "amd64", base_image: "ubuntu:22.04", variant: "standard", kubernetes_provider: "k3s", kubernetes_version: "v1.32.1+k3s1" },
        { platform: "amd64", base_image: "ubuntu:22.04", variant: "standard", kubernetes_provider: "k0s", kubernetes_version: "v1.32.1+k0s.0" },
      ]),
    );
  });

  it("rejects a job id that is not there, naming the jobs that are", () => {
    const workflow = readWorkflow(readFixture("kairos-init", "test.yml/2025-08-26-acd2ae0.yml"), "test.yml");
    const attempt = () => selectMatrixJob(workflow, { jobId: "build", imageKey: DEFAULT_IMAGE_KEY });
    expect(attempt).toThrow(WorkflowError);
    expect(attempt).toThrow(
      'test.yml:13:1: job "build" not found; the jobs are: unit-tests, test-coverage-report, testing_build_matrix',
    );
    expect(() => selectMatrixJob(workflow, { jobId: "test-coverage-report", imageKey: DEFAULT_IMAGE_KEY })).toThrow(
      'test.yml:13:1: job "test-coverage-report" has no strategy.matrix',
    );
  });
});
