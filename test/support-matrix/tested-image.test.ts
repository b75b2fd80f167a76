// The support-matrix model: what readers are told each image is tested on, honestly and in a stable order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ROLES } from "../../src/support-matrix/roles.js";
import { testedImages, platformColumns, type TestedImage } from "../../src/support-matrix/tested-image.js";
import type { Combination } from "../../src/workflow/matrix-types.js";
import { KAIROS_INIT_JOBS_2026_07_13 } from "./kairos-init-jobs.js";

/** `reference → platform → variant labels`, the shape a reader of the table sees. */
function summary(images: readonly TestedImage[]): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    images.map((image) => [
      image.reference,
      Object.fromEntries(image.platforms.map((p) => [p.platform, p.variants.map((v) => v.label)])),
    ]),
  );
}

function only(jobs: readonly Combination[]): TestedImage {
  const images = testedImages(jobs);
  expect(images).toHaveLength(1);
  return images[0] as TestedImage;
}

describe("testedImages on today's kairos-init workflow", () => {
  const images = testedImages(KAIROS_INIT_JOBS_2026_07_13);

  it("never claims a generic job where the trusted-boot include replaced it", () => {
    const matrix = summary(images);
    expect(matrix["ubuntu:24.04"]).toEqual({
      amd64: ["Trusted Boot (UKI)"],
      arm64: ["generic"],
      riscv64: ["generic"],
    });
    expect(matrix["ubuntu:26.04"]).toEqual({ amd64: ["Trusted Boot (UKI)"], arm64: ["generic"] });
    expect(matrix["fedora:41"]).toEqual({ amd64: ["FIPS", "Trusted Boot (UKI)"] });
  });

  it("shows boards by name and Kubernetes jobs with provider and version", () => {
    const matrix = summary(images);
    expect(matrix["ubuntu:22.04"]).toEqual({
      amd64: ["standard (k0s v1.32.1+k0s.0)", "standard (k3s v1.32.1+k3s1)"],
      arm64: ["NVIDIA Jetson AGX Orin", "NVIDIA Jetson Orin NX", "Raspberry Pi 4"],
    });
    expect(matrix["ghcr.io/kairos-io/hadron:main"]).toEqual({
      amd64: ["generic"],
      arm64: ["generic", "Raspberry Pi 4"],
    });
    expect(matrix["fedorariscv/base:42"]).toEqual({ riscv64: ["generic"] });
  });

  it("lists every image once, by distribution then newest release, with readable names", () => {
    expect(images.map((i) => [i.distribution, i.release, i.reference])).toEqual([
      ["AlmaLinux", "10", "almalinux:10"],
      ["AlmaLinux", "9", "almalinux:9"],
      ["Alpine Linux", "3.23", "alpine:3.23"],
      ["Alpine Linux", "3.21", "alpine:3.21"],
      ["CentOS Stream", "10", "quay.io/centos/centos:stream10"],
      ["CentOS Stream", "9", "quay.io/centos/centos:stream9"],
      ["Debian", "13", "debian:13"],
      ["Debian", "12", "debian:12"],
      ["Fedora", "43", "fedora:43"],
      ["Fedora", "42", "fedora:42"],
      ["Fedora", "41", "fedora:41"],
      ["Fedora (RISC-V)", "42", "fedorariscv/base:42"],
      ["Hadron", "main", "ghcr.io/kairos-io/hadron:main"],
      ["Hadron", "v0.5.1", "ghcr.io/kairos-io/hadron:v0.5.1"],
      ["openSUSE Leap", "16.0", "opensuse/leap:16.0"],
      ["openSUSE Leap", "15.6", "opensuse/leap:15.6"],
      ["openSUSE Tumbleweed", "rolling", "opensuse/tumbleweed"],
      ["Oracle Linux", "10", "oraclelinux:10"],
      ["Oracle Linux", "9", "oraclelinux:9"],
      ["Rocky Linux", "10", "rockylinux/rockylinux:10"],
      ["Rocky Linux", "9", "rockylinux/rockylinux:9"],
      ["SUSE Linux Enterprise Micro (Rancher)", "5.4", "registry.suse.com/suse/sle-micro-rancher/5.4:latest"],
      ["Ubuntu", "26.04", "ubuntu:26.04"],
      ["Ubuntu", "25.10", "ubuntu:25.10"],
      ["Ubuntu", "24.04", "ubuntu:24.04"],
      ["Ubuntu", "22.04", "ubuntu:22.04"],
      ["Ubuntu", "20.04", "ubuntu:20.04"],
    ]);
    expect(images.find((i) => i.reference.endsWith("hadron:main"))?.releaseNote).toBe("development build");
  });

  it("puts amd64, arm64 and riscv64 columns first", () => {
    expect(platformColumns(images)).toEqual(["amd64", "arm64", "riscv64"]);
    expect(platformColumns(testedImages([{ platform: "s390x", base_image: "a" }, { platform: "arm64", base_image: "b" }]))).toEqual([
      "arm64",
      "s390x",
    ]);
  });

  it("gives the same output, byte for byte, whatever the job order", () => {
    const expected = JSON.stringify(images);
    fc.assert(
      fc.property(fc.shuffledSubarray([...KAIROS_INIT_JOBS_2026_07_13], { minLength: KAIROS_INIT_JOBS_2026_07_13.length }), (jobs) => {
        expect(JSON.stringify(testedImages(jobs))).toBe(expected);
      }),
      { numRuns: 25 },
    );
  });
});

describe("testedImages variants", () => {
  it("accepts true and \"true\" alike, and false/absent as off", () => {
    const image = only([
      { platform: "amd64", base_image: "ubuntu:24.04", trusted_boot: true, fips: "true" },
      { platform: "amd64", base_image: "ubuntu:24.04", trusted_boot: "false", fips: false },
    ]);
    expect(image.platforms[0]?.variants.map((v) => v.label)).toEqual(["generic", "Trusted Boot (UKI) + FIPS"]);
  });

  it("counts Kubernetes only for standard jobs when the workflow has a variant dimension", () => {
    const image = only([
      { variant: "core", kubernetes_provider: "k3s", platform: "amd64", base_image: "ubuntu:22.04" },
      { variant: "standard", kubernetes_provider: "k3s", platform: "amd64", base_image: "ubuntu:22.04", kubernetes_version: "v1.32.1+k3s1" },
    ]);
    expect(image.platforms[0]?.variants.map((v) => v.label)).toEqual(["core", "standard (k3s v1.32.1+k3s1)"]);
    expect(image.platforms[0]?.variants[1]?.flavour).toBe("standard (k3s v1.32.1+k3s1)");
  });

  it("counts Kubernetes whenever a provider is set and there is no variant dimension", () => {
    const image = only([
      { platform: "amd64", base_image: "ubuntu:22.04", kubernetes_provider: "k0s" },
      { platform: "amd64", base_image: "ubuntu:22.04", kubernetes_provider: "" },
    ]);
    expect(image.platforms[0]?.variants.map((v) => v.label)).toEqual(["core", "standard (k0s)"]);
  });

  it("never pastes a key as key=value: a key without a role is left out, odd values are shown as words", () => {
    const image = only([
      { platform: "amd64", base_image: "ubuntu:24.04", "go-version": 1.24, fips: "yes" },
      { platform: "amd64", base_image: "ubuntu:24.04", kubernetes_version: "v1.30" },
      { platform: "amd64", base_image: "ubuntu:24.04", variant: "minimal" },
    ]);
    const labels = image.platforms[0]?.variants.map((v) => v.label);
    expect(labels).toEqual(["FIPS yes", "minimal", "standard (v1.30)"]);
    expect(labels?.join()).not.toContain("=");
  });

  it("keeps unknown boards as written and treats model generic as no board", () => {
    const image = only([
      { platform: "arm64", base_image: "ubuntu:24.04", model: "generic" },
      { platform: "arm64", base_image: "ubuntu:24.04", model: "odroid-c2", fips: true },
    ]);
    expect(image.platforms[0]?.variants.map((v) => v.label)).toEqual(["generic", "odroid-c2 + FIPS"]);
  });

  it("merges duplicate jobs into one variant", () => {
    const job = { platform: "amd64", base_image: "alpine:3.21" };
    expect(only([job, { ...job }]).platforms[0]?.variants).toHaveLength(1);
  });
});

describe("testedImages images and platforms", () => {
  it("never drops an unknown image: its name is its reference", () => {
    const image = only([{ platform: "amd64", base_image: "example.com/my/os:1.2" }]);
    expect(image).toMatchObject({ distribution: "example.com/my/os:1.2", release: "1.2", known: false });
  });

  it("keeps typos in the reference visible", () => {
    expect(only([{ platform: "linux/amd64", base_image: "opensuse/leap:15.6:" }])).toMatchObject({
      distribution: "openSUSE Leap",
      release: "15.6:",
      reference: "opensuse/leap:15.6:",
    });
  });

  it("drops the linux/ prefix of early workflows and names a platform for jobs without one", () => {
    const images = testedImages(
      [{ platform: "linux/amd64", base_image: "rockylinux:9" }, { base_image: "fedorariscv/base:latest" }],
      { defaultPlatform: "riscv64" },
    );
    expect(summary(images)).toEqual({
      "fedorariscv/base:latest": { riscv64: ["generic"] },
      "rockylinux:9": { amd64: ["generic"] },
    });
    expect(testedImages([{ base_image: "alpine:3.21" }])[0]?.platforms[0]?.platform).toBe("unspecified");
  });

  it("skips jobs that name no image and honours custom keys", () => {
    const images = testedImages(
      [{ "go-version": "1.24" }, { arch: "arm64", image: "debian:13" }],
      { roles: { ...DEFAULT_ROLES, image: ["image"], platform: ["arch"] } },
    );
    expect(summary(images)).toEqual({ "debian:13": { arm64: ["generic"] } });
  });

  it("orders releases numerically, moving tags first, semver tags by semver", () => {
    const refs = ["ubuntu:9.10", "ubuntu:10.04", "ghcr.io/kairos-io/hadron:v0.10.0", "ghcr.io/kairos-io/hadron:main",
      "ghcr.io/kairos-io/hadron:v0.9.1", "ghcr.io/kairos-io/hadron:v0.10.0-beta.1", "debian:sid", "debian:13", "debian:9"];
    const order = testedImages(refs.map((base_image) => ({ platform: "amd64", base_image }))).map((i) => i.reference);
    expect(order).toEqual([
      "debian:sid",
      "debian:13",
      "debian:9",
      "ghcr.io/kairos-io/hadron:main",
      "ghcr.io/kairos-io/hadron:v0.10.0",
      "ghcr.io/kairos-io/hadron:v0.10.0-beta.1",
      "ghcr.io/kairos-io/hadron:v0.9.1",
      "ubuntu:10.04",
      "ubuntu:9.10",
    ]);
  });
});
