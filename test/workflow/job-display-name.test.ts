// The job names GitHub shows for master.yaml's image builds and qemu suites, predicted from the workflow alone.
import { describe, expect, it } from "vitest";
import type { ExpandedJob } from "../../src/workflow/expanded-job.js";
import { defaultDisplayName, jobNameMatches, predictJobName } from "../../src/workflow/job-display-name.js";
import { expandMatrix } from "../../src/workflow/matrix-expansion.js";
import { readWorkflow, type Workflow } from "../../src/workflow/read-workflow.js";
import { listFixtures, readFixture } from "../fixtures.js";

function jobsOf(workflow: Workflow, jobId: string): ExpandedJob[] {
  const job = workflow.matrixJobs.find((j) => j.id === jobId);
  if (job?.kind !== "static") throw new Error(`${jobId} has no static matrix`);
  return [...expandMatrix(job.matrix).jobs];
}

function namesOf(workflow: Workflow, jobId: string): string[] {
  return jobsOf(workflow, jobId).map((job) => defaultDisplayName(jobId, job));
}

const newest = readWorkflow(readFixture("kairos", "workflows", "master.yaml"), "master.yaml");

describe("master.yaml at ca02242", () => {
  it("names each build-iso cell by its include entry's values in entry order, empty strings left out", () => {
    expect(namesOf(newest, "build-iso")).toEqual([
      "build-iso (master-amd64-core, amd64, ghcr.io/kairos-io/hadron:v0.5.1, generic, true, false)",
      "build-iso (master-amd64-standard, amd64, ghcr.io/kairos-io/hadron:v0.5.1, generic, true, false, k3s)",
      "build-iso (master-amd64-standard-uki, amd64, ghcr.io/kairos-io/hadron-trusted:v0.5.1, generic, true, true, k3s)",
      "build-iso (master-amd64-core-uki, amd64, ghcr.io/kairos-io/hadron-trusted:v0.5.1, generic, true, true)",
    ]);
  });

  it("names the arm and board cells, registry keys included", () => {
    expect(namesOf(newest, "build-iso-arm")).toEqual([
      "build-iso-arm (master-arm64-core, arm64, ghcr.io/kairos-io/hadron:v0.5.1, generic, true, false)",
      "build-iso-arm (master-arm64-rpi3, arm64, ghcr.io/kairos-io/hadron:v0.5.1, rpi3, false, false)",
      "build-iso-arm (master-arm64-rpi4, arm64, ghcr.io/kairos-io/hadron:v0.5.1, rpi4, false, false)",
      "build-iso-arm (master-arm64-nvidia-agx-orin, arm64, ubuntu:22.04, nvidia-jetson-agx-orin, false, false, quay.io, kairos, ci-temp-images)",
      "build-iso-arm (master-arm64-nvidia-orin-nx, arm64, ubuntu:22.04, nvidia-jetson-orin-nx, false, false, quay.io, kairos, ci-temp-images)",
    ]);
  });

  it("names the qemu suites by their test (and release matcher, variant)", () => {
    expect(namesOf(newest, "qemu-tests-core")).toEqual([
      "qemu-tests-core (custom-partitioning)",
      "qemu-tests-core (acceptance)",
      "qemu-tests-core (install)",
      "qemu-tests-core (install-target)",
      "qemu-tests-core (reset)",
      "qemu-tests-core (upgrade-with-cli)",
      "qemu-tests-core (bundles)",
      "qemu-tests-core (ssh-hardening)",
      "qemu-tests-core (upgrade-latest-with-cli, kairos-hadron-*-core-amd64-generic-v*.iso)",
    ]);
    expect(namesOf(newest, "qemu-tests-uki")).toEqual(["qemu-tests-uki (install-upgrade, standard)", "qemu-tests-uki (boot-assessment, core)"]);
    expect(namesOf(newest, "qemu-tests-standard-encryption")).toHaveLength(6);
  });

  it("matches the three-segment names of reusable calls on the caller's segment only", () => {
    const [rpi4] = jobsOf(newest, "build-iso-arm").filter((j) => j.values.model === "rpi4");
    const prediction = predictJobName("build-iso-arm", rpi4!, null, true);
    const caller = "build-iso-arm (master-arm64-rpi4, arm64, ghcr.io/kairos-io/hadron:v0.5.1, rpi4, false, false)";
    expect(jobNameMatches(prediction, `${caller} / master-arm64-rpi4 / build`)).toBe(true);
    expect(jobNameMatches(prediction, `${caller} / master-arm64-rpi4 / grype`)).toBe(true);
    expect(jobNameMatches(prediction, caller.replace("rpi4", "rpi3"))).toBe(false);
    expect(jobNameMatches(prediction, `${caller}x / a`)).toBe(false);
    expect(jobNameMatches({ ...prediction, callsWorkflow: false }, `${caller} / master-arm64-rpi4 / build`)).toBe(false);
  });
});

describe("every master.yaml version", () => {
  for (const file of listFixtures("kairos", "master.yaml")) {
    it(`${file}: one distinct name per combination of each build and qemu job`, () => {
      const workflow = readWorkflow(readFixture("kairos", "master.yaml", file), "master.yaml");
      const ids = workflow.matrixJobs.map((j) => j.id).filter((id) => id.startsWith("build-iso") || id.startsWith("qemu-tests-"));
      expect(ids).toEqual(expect.arrayContaining(["build-iso", "qemu-tests-core"]));
      const names = ids.flatMap((id) => namesOf(workflow, id));
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) {
        expect(name).toMatch(/^[\w-]+ \(\S.*\S\)$/);
        expect(name).not.toMatch(/, ,|\(, |, \)/);
      }
    });
  }
});

describe("custom names", () => {
  const [job] = jobsOf(newest, "qemu-tests-uki");
  it("is the evaluated name; a name without an expression may be followed by GitHub's suffix", () => {
    expect(predictJobName("qemu-tests-uki", job!, { text: "UKI install-upgrade", hadExpression: true }, false)).toEqual({
      name: "UKI install-upgrade",
      callsWorkflow: false,
    });
    const plain = predictJobName("qemu-tests-uki", job!, { text: "UKI", hadExpression: false }, false);
    expect(jobNameMatches(plain, "UKI")).toBe(true);
    expect(jobNameMatches(plain, "UKI (install-upgrade, standard)")).toBe(true);
  });
});
