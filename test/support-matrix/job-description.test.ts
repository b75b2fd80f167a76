// One job in words, as pull request bodies and lint messages quote it.
import { describe, expect, it } from "vitest";
import { describeJob } from "../../src/support-matrix/job-description.js";

describe("describeJob", () => {
  it.each([
    [{ platform: "amd64", base_image: "ubuntu:24.04", trusted_boot: "true" }, "Ubuntu 24.04 (ubuntu:24.04) on amd64 with Trusted Boot (UKI)"],
    [{ platform: "arm64", base_image: "ubuntu:24.04" }, "Ubuntu 24.04 (ubuntu:24.04) on arm64 (generic)"],
    [
      { platform: "arm64", base_image: "ghcr.io/kairos-io/hadron:main", model: "rpi4", fips: false },
      "Hadron main (development build, ghcr.io/kairos-io/hadron:main) on arm64 for Raspberry Pi 4",
    ],
    [
      { platform: "amd64", base_image: "fedora:41", trusted_boot: "true", fips: true },
      "Fedora 41 (fedora:41) on amd64 with Trusted Boot (UKI) and FIPS",
    ],
    [
      { platform: "amd64", base_image: "ubuntu:22.04", kubernetes_provider: "k3s", kubernetes_version: "v1.32.1+k3s1" },
      "Ubuntu 22.04 (ubuntu:22.04) on amd64 with Kubernetes (k3s v1.32.1+k3s1)",
    ],
    [{ platform: "s390x", base_image: "example.org/os:7", "go-version": 1.24 }, "example.org/os:7 on s390x with go-version=1.24"],
  ])("describes %j", (job, words) => {
    expect(describeJob(job)).toBe(words);
  });

  it("says so when a job names no image", () => {
    expect(describeJob({ platform: "amd64" })).toBe("a job without base_image on amd64 (generic)");
  });
});
