// What a docs reviewer is told changed between two tested matrices.
import { describe, expect, it } from "vitest";
import { diffTestedImages } from "../../src/support-matrix/matrix-diff.js";
import { testedImages } from "../../src/support-matrix/tested-image.js";
import type { Combination } from "../../src/workflow/matrix-types.js";
import { KAIROS_INIT_JOBS_2026_07_13 } from "./kairos-init-jobs.js";

const job = (platform: string, base_image: string, extra: Combination = {}): Combination => ({ platform, base_image, ...extra });

describe("diffTestedImages", () => {
  it("is empty for the same matrix", () => {
    const images = testedImages(KAIROS_INIT_JOBS_2026_07_13);
    expect(diffTestedImages(images, testedImages([...KAIROS_INIT_JOBS_2026_07_13].reverse()))).toEqual([]);
  });

  it("reports releases, platforms and variants added and removed, in reading order", () => {
    const before = testedImages([
      job("amd64", "ubuntu:20.04"),
      job("amd64", "ubuntu:24.04"),
      job("arm64", "ubuntu:24.04"),
      job("amd64", "fedora:41", { fips: true }),
      job("amd64", "alpine:3.21"),
    ]);
    const after = testedImages([
      job("amd64", "ubuntu:24.04", { trusted_boot: "true" }),
      job("riscv64", "ubuntu:24.04"),
      job("amd64", "ubuntu:26.04"),
      job("arm64", "ubuntu:26.04"),
      job("amd64", "fedora:41", { fips: true }),
      job("amd64", "alpine:3.21"),
      job("amd64", "oraclelinux:10"),
    ]);
    const changes = diffTestedImages(before, after);
    expect(changes.map((c) => c.sentence)).toEqual([
      "Added a new distribution, Oracle Linux 10 (oraclelinux:10): tested on amd64 (generic).",
      "Added Ubuntu 26.04 (ubuntu:26.04): tested on amd64 (generic) and arm64 (generic).",
      "Ubuntu 24.04 (ubuntu:24.04) is no longer tested on arm64.",
      "Ubuntu 24.04 (ubuntu:24.04) on amd64 no longer has a generic job.",
      "Ubuntu 24.04 (ubuntu:24.04) on amd64 now also has a Trusted Boot (UKI) job.",
      "Ubuntu 24.04 (ubuntu:24.04) is now also tested on riscv64 (generic).",
      "Removed Ubuntu 20.04 (ubuntu:20.04): no longer tested.",
    ]);
    expect(changes.map((c) => c.kind)).toEqual([
      "release-added",
      "release-added",
      "platform-removed",
      "variant-removed",
      "variant-added",
      "platform-added",
      "release-removed",
    ]);
  });

  it("says when the last release of a distribution goes", () => {
    const [change] = diffTestedImages(testedImages([job("amd64", "alpine:3.19")]), []);
    expect(change).toMatchObject({ kind: "release-removed", lastOfDistribution: true });
    expect(change?.sentence).toBe("Removed Alpine Linux 3.19 (alpine:3.19): no release of Alpine Linux is tested any more.");
  });
});

describe("a release replaced by another of the same image", () => {
  it("reads as one replacement, not a removal and an addition", () => {
    const before = testedImages([job("amd64", "ghcr.io/kairos-io/hadron:v0.5.0"), job("arm64", "ghcr.io/kairos-io/hadron:v0.5.0", { model: "rpi4" })]);
    const after = testedImages([job("amd64", "ghcr.io/kairos-io/hadron:v0.5.1"), job("arm64", "ghcr.io/kairos-io/hadron:v0.5.1", { model: "rpi4" })]);
    const changes = diffTestedImages(before, after);
    expect(changes.map((c) => c.sentence)).toEqual([
      "Replaced Hadron v0.5.0 (ghcr.io/kairos-io/hadron:v0.5.0) by Hadron v0.5.1 (ghcr.io/kairos-io/hadron:v0.5.1), tested on amd64 (generic) and arm64 (Raspberry Pi 4) as before.",
    ]);
    expect(changes[0]).toMatchObject({ kind: "release-replaced", replaced: { reference: "ghcr.io/kairos-io/hadron:v0.5.0" } });
  });

  it("says where the new release is tested when that changed", () => {
    const [change] = diffTestedImages(testedImages([job("amd64", "ubuntu:24.04"), job("arm64", "ubuntu:24.04")]), testedImages([job("amd64", "ubuntu:26.04")]));
    expect(change?.sentence).toBe("Replaced Ubuntu 24.04 (ubuntu:24.04) by Ubuntu 26.04 (ubuntu:26.04): tested on amd64 (generic); the old release was tested on amd64 (generic) and arm64 (generic).");
  });

  it("never pairs different images, nor releases a kept release sorts between", () => {
    const before = testedImages([job("amd64", "ghcr.io/kairos-io/hadron-trusted:v0.5.0"), job("amd64", "ubuntu:20.04"), job("amd64", "ubuntu:24.04")]);
    const after = testedImages([job("amd64", "ghcr.io/kairos-io/hadron:v0.5.1"), job("amd64", "ubuntu:24.04"), job("amd64", "ubuntu:26.04")]);
    expect(diffTestedImages(before, after).map((c) => c.kind).sort()).toEqual(["release-added", "release-added", "release-removed", "release-removed"]);
  });
});
