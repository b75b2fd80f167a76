// The coverage lint over every configured job of a monorepo source: include-only matrices and reusable-workflow calls.
import { describe, expect, it } from "vitest";
import { toSource } from "../../src/config/index.js";
import { testedImagesOf } from "../../src/sync/desired-page.js";
import { lintSource } from "../../src/sync/source-lint.js";
import { diffTestedImages } from "../../src/support-matrix/matrix-diff.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { formatFinding } from "../../src/workflow/coverage-lint.js";
import { fixtureIndex, readFixture } from "../fixtures.js";

const MONOREPO_JOBS = ["build-iso", "build-iso-arm", "qemu-tests-*"];

function expand(text: string, jobs: readonly string[] = MONOREPO_JOBS) {
  return expandSource(snapshotOfSource(toSource({ repository: "kairos-io/kairos", workflow: ".github/workflows/master.yaml", jobs }), "0".repeat(40), text));
}

const monorepoVersions = fixtureIndex("kairos")
  .map((row) => row.file)
  .filter((file) => /^(master|pr)\.yaml\//.test(file));

const masterYaml = readFixture("kairos", "master.yaml", "2026-08-21-7c1544d.yaml");

describe.each(monorepoVersions)("kairos-io/kairos %s", (file) => {
  it("gives no finding for the configured jobs", () => {
    const [folder, name] = file.split("/") as [string, string];
    expect(lintSource(expand(readFixture("kairos", folder, name))).map(formatFinding)).toEqual([]);
  });
});

describe("an include-only entry copied without changing what identifies its job", () => {
  // build-iso-arm's rpi4 entry, copied from the rpi3 one with only its name edited.
  const rpi4 = "{name: 'master-arm64-rpi4', arch: 'arm64', base_image: 'ghcr.io/kairos-io/hadron:v0.5.1', model: 'rpi4',";
  const copied = masterYaml.replace(rpi4, rpi4.replace("model: 'rpi4'", "model: 'rpi3'"));

  it("is reported at the entry, naming the entry it repeats and the values that differ", () => {
    expect(copied).not.toBe(masterYaml);
    expect(lintSource(expand(copied)).map(formatFinding)).toEqual([
      `.github/workflows/master.yaml:134:13: include entry names the job {arch: arm64, base_image: ghcr.io/kairos-io/hadron:v0.5.1, model: rpi3, trusted_boot: false, kubernetes_distro: ""} ` +
        `of "build-iso-arm" that the include entry at .github/workflows/master.yaml:133:13 already adds, and differs only in name (master-arm64-rpi4 here, master-arm64-rpi3 there), ` +
        `which the table does not show, so it shows both as one job: the job it was meant to add is not tested. ` +
        `Change the value that tells the two apart (its image, platform, board, variant or flag), or remove the entry.`,
    ]);
  });

  it("is reported in a reusable-workflow call's include-only matrix too", () => {
    const suites = masterYaml.replace("- {test: 'boot-assessment', variant: 'core'}", "- {test: 'install-upgrade', variant: 'standard'}");
    const findings = lintSource(expand(suites));
    expect(findings.map((f) => [f.kind, `${f.location.line}:${f.location.col}`])).toEqual([["include-repeats-job", "257:13"]]);
    expect(findings[0]?.message).toContain('of "qemu-tests-uki" that the include entry at .github/workflows/master.yaml:256:13 already adds, with the same values, so GitHub runs it twice');
  });

  it("is not reported for a job that is not configured", () => {
    expect(lintSource(expand(copied, ["build-iso", "qemu-tests-*"]))).toEqual([]);
  });
});

describe("a release bump between two versions", () => {
  const bumped = (text: string) => text.replaceAll("ghcr.io/kairos-io/hadron:v0.5.1", "ghcr.io/kairos-io/hadron:v0.5.0");

  it("master.yaml (crafted v0.5.0 before 7c1544d): no job is reported lost, the diff says Replaced", () => {
    const before = expand(bumped(masterYaml));
    const now = expand(masterYaml);
    expect(lintSource(now, before)).toEqual([]);
    expect(diffTestedImages(testedImagesOf([before]), testedImagesOf([now])).map((c) => c.sentence)).toEqual([
      "Replaced Hadron v0.5.0 (ghcr.io/kairos-io/hadron:v0.5.0) by Hadron v0.5.1 (ghcr.io/kairos-io/hadron:v0.5.1), " +
        "tested on amd64 (core, standard (k3s)) and arm64 (core, Raspberry Pi 3, Raspberry Pi 4) as before.",
    ]);
  });

  it("kairos-init #397 (bdb1a4a → 352996f): the Hadron jobs are not lost, and a real loss still is", () => {
    const kairosInit = (version: string, text = readFixture("kairos-init", "test.yml", `${version}.yml`)) =>
      expandSource(snapshotOfSource(toSource({ repository: "kairos-io/kairos-init", workflow: ".github/workflows/test.yml" }), "0".repeat(40), text));
    const head = readFixture("kairos-init", "test.yml", "2026-07-13-352996f.yml");
    const kinds = lintSource(kairosInit("2026-07-13-352996f", head), kairosInit("2026-07-08-bdb1a4a")).map((f) => f.kind);
    expect(kinds).not.toContain("job-no-longer-tested");
    // The same bump that also drops the rpi4 board is still a loss: only the image may differ.
    const dropped = head.replace(/(hadron:v0\.5\.1"\n)\s+model: "rpi4"\n/, "$1");
    expect(dropped).not.toBe(head);
    const lost = lintSource(kairosInit("2026-07-13-352996f", dropped), kairosInit("2026-07-08-bdb1a4a")).filter((f) => f.kind === "job-no-longer-tested");
    expect(lost.map((f) => f.message)).toEqual(["no longer tested: {platform: arm64, base_image: ghcr.io/kairos-io/hadron:v0.5.0, model: rpi4, fips: false}"]);
  });
});
