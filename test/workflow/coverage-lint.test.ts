// The coverage lint on kairos-init's real history: the Hadron rpi4 merge (#399), the FIPS overwrite (f5722ab), and jobs a change drops.
import { describe, expect, it } from "vitest";
import { describeLostJob, formatFinding, lintCoverage, type CoverageFinding } from "../../src/workflow/coverage-lint.js";
import { DEFAULT_IMAGE_KEY, selectMatrixJob } from "../../src/workflow/job-selection.js";
import { describeJob } from "../../src/workflow/job-description.js";
import type { MatrixDefinition } from "../../src/workflow/matrix-types.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { readFixture } from "../fixtures.js";
import { matrixOf } from "./workflow-text.js";

function matrixAt(version: string): MatrixDefinition {
  const text = readFixture("kairos-init", `test.yml/${version}.yml`);
  return selectMatrixJob(readWorkflow(text, "test.yml"), { imageKey: DEFAULT_IMAGE_KEY }).matrix;
}

function lines(findings: CoverageFinding[]): string[] {
  return findings.map(formatFinding);
}

const trustedBoot = (line: number, image: string) =>
  `test.yml:${line}:13: include entry merged into the original job {platform: amd64, base_image: ${image}}: that job now runs with trusted_boot="true", so the generic job is no longer tested. To add a separate job instead, move ${image} out of the base_image list or add a key that distinguishes it.`;

describe("include entries that replace an original job", () => {
  it("63225cb: warns about both Hadron rpi4 includes, at each include entry", () => {
    const hadron = (line: number, image: string) =>
      `test.yml:${line}:13: include entry merged into the original job {platform: arm64, base_image: ${image}}: that job now runs with model=rpi4, fips=false, so the generic job is no longer tested. To add a separate job instead, move ${image} out of the base_image list or add a key that distinguishes it.`;
    expect(lines(lintCoverage(matrixAt("2026-07-07-63225cb")))).toEqual([
      trustedBoot(61, "ubuntu:24.04"),
      trustedBoot(64, "ubuntu:25.10"),
      trustedBoot(67, "ubuntu:26.04"),
      hadron(86, "ghcr.io/kairos-io/hadron:v0.4.0"),
      hadron(90, "ghcr.io/kairos-io/hadron:main"),
    ]);
  });

  it("4a52b87 (#399): no Hadron warning any more, but the amd64 ubuntu trusted_boot includes still replace their jobs", () => {
    const findings = lintCoverage(matrixAt("2026-07-13-4a52b87"));
    expect(lines(findings)).toEqual([
      trustedBoot(59, "ubuntu:24.04"),
      trustedBoot(62, "ubuntu:25.10"),
      trustedBoot(65, "ubuntu:26.04"),
    ]);
    expect(findings.every((f) => f.kind === "include-replaces-job")).toBe(true);
  });

  it("stays quiet about the 'add a key to every arm64 job' idiom and GitHub's own include example", () => {
    expect(lintCoverage(matrixOf("platform: [amd64, arm64]\nbase_image: [a, b]\ninclude:\n  - platform: arm64\n    runner: arm\n  - base_image: b\n    slow: true"))).toEqual([]);
    expect(
      lintCoverage(
        matrixOf("fruit: [apple, pear]\nanimal: [cat, dog]\ninclude:\n  - color: green\n  - color: pink\n    animal: cat\n  - fruit: apple\n    shape: circle\n  - fruit: banana\n  - fruit: banana\n    animal: cat"),
      ),
    ).toEqual([]);
  });
});

describe("include entries that overwrite an earlier include's value", () => {
  it("f5722ab: the trusted-boot include overwrote the FIPS include's fips: true on amd64 fedora:41", () => {
    const overwrites = lintCoverage(matrixAt("2025-06-09-f5722ab")).filter((f) => f.kind === "include-overwrites-include");
    expect(lines(overwrites)).toEqual([
      "test.yml:37:13: include entry sets fips=false on the job {platform: amd64, base_image: fedora:41}, overwriting fips=true that the include entry at test.yml:31:13 added, so the job with fips=true is no longer tested. To test both, move fedora:41 out of the base_image list so each include entry becomes a job of its own.",
    ]);
  });

  it("does not warn when a job-specific entry overrides a broad default", () => {
    const matrix = matrixOf("platform: [amd64, arm64]\nbase_image: [a]\ninclude:\n  - runner: x86\n  - platform: arm64\n    base_image: a\n    runner: arm");
    expect(lintCoverage(matrix).map((f) => f.kind)).toEqual(["include-replaces-job"]);
  });
});

describe("jobs a new version stops testing", () => {
  it("f5722ab against 5de2111: the plain amd64 ubuntu:24.04 job and the FIPS fedora:41 job are gone", () => {
    const lost = lintCoverage(matrixAt("2025-06-09-f5722ab"), { previous: matrixAt("2025-06-06-5de2111") }).filter(
      (f) => f.kind === "job-no-longer-tested",
    );
    expect(lines(lost)).toEqual([
      "test.yml:19:7: no longer tested: {platform: amd64, base_image: ubuntu:24.04}",
      "test.yml:19:7: no longer tested: {platform: amd64, base_image: fedora:41, fips: true}",
    ]);
  });

  it("4a52b87 against 352996f: #399 only added jobs, so none is lost", () => {
    const findings = lintCoverage(matrixAt("2026-07-13-4a52b87"), { previous: matrixAt("2026-07-13-352996f") });
    expect(findings.filter((f) => f.kind === "job-no-longer-tested")).toEqual([]);
  });

  it("describes a lost job in words, quoting strings that would read as another type", () => {
    expect(describeLostJob({ platform: "amd64", base_image: "ubuntu:22.04", fips: true })).toBe(
      "no longer tested: {platform: amd64, base_image: ubuntu:22.04, fips: true}",
    );
    expect(describeJob({ trusted_boot: "true", version: "1.10", node: { version: 14 }, tags: ["a", ""] })).toBe(
      '{trusted_boot: "true", version: "1.10", node: {version: 14}, tags: [a, ""]}',
    );
  });
});
