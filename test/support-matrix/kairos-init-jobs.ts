// kairos-init's last test.yml (fixture 2026-07-13-4a52b87) expanded by hand.
import type { Combination } from "../../src/workflow/matrix-types.js";

const PLATFORMS = ["amd64", "arm64"];

const BASE_IMAGES = [
  "ubuntu:20.04",
  "ubuntu:24.04",
  "ubuntu:25.10",
  "ubuntu:26.04",
  "debian:12",
  "debian:13",
  "fedora:42",
  "fedora:43",
  "alpine:3.21",
  "alpine:3.23",
  "opensuse/leap:15.6",
  "opensuse/leap:16.0",
  "opensuse/tumbleweed",
  "rockylinux/rockylinux:9",
  "rockylinux/rockylinux:10",
  "almalinux:9",
  "almalinux:10",
  "oraclelinux:9",
  "oraclelinux:10",
  "quay.io/centos/centos:stream9",
  "quay.io/centos/centos:stream10",
  "registry.suse.com/suse/sle-micro-rancher/5.4:latest",
];

// GitHub's include rule: an entry merges into every original combination none of whose original values it
// would overwrite. Only the three trusted-boot entries for ubuntu 24.04/25.10/26.04 on amd64 match an original
// combination (same platform and base_image, only new keys), so those jobs BECOME Trusted Boot jobs.
const MERGED_INTO_ORIGINAL: Readonly<Record<string, Combination>> = {
  "amd64 ubuntu:24.04": { trusted_boot: "true" },
  "amd64 ubuntu:25.10": { trusted_boot: "true" },
  "amd64 ubuntu:26.04": { trusted_boot: "true" },
};

// Every other include entry would overwrite base_image (ubuntu:22.04, fedora:41, hadron are not in the list)
// or platform (riscv64) of every original combination, so each becomes a job of its own, as written.
const ADDED_BY_INCLUDE: readonly Combination[] = [
  { platform: "amd64", base_image: "ubuntu:22.04", kubernetes_provider: "k3s", kubernetes_version: "v1.32.1+k3s1" },
  { platform: "amd64", base_image: "ubuntu:22.04", kubernetes_provider: "k0s", kubernetes_version: "v1.32.1+k0s.0" },
  { platform: "amd64", base_image: "fedora:41", fips: true },
  { platform: "amd64", base_image: "fedora:41", trusted_boot: "true", fips: false },
  { platform: "arm64", base_image: "ubuntu:22.04", model: "nvidia-jetson-agx-orin", fips: false },
  { platform: "arm64", base_image: "ubuntu:22.04", model: "nvidia-jetson-orin-nx", fips: false },
  { platform: "arm64", base_image: "ubuntu:22.04", model: "rpi4", fips: false },
  { platform: "amd64", base_image: "ghcr.io/kairos-io/hadron:v0.5.1" },
  { platform: "amd64", base_image: "ghcr.io/kairos-io/hadron:main" },
  { platform: "arm64", base_image: "ghcr.io/kairos-io/hadron:v0.5.1" },
  { platform: "arm64", base_image: "ghcr.io/kairos-io/hadron:main" },
  { platform: "arm64", base_image: "ghcr.io/kairos-io/hadron:v0.5.1", model: "rpi4", fips: false },
  { platform: "arm64", base_image: "ghcr.io/kairos-io/hadron:main", model: "rpi4", fips: false },
  { platform: "riscv64", base_image: "ubuntu:24.04", model: "generic", fips: false },
  { platform: "riscv64", base_image: "debian:13", model: "generic", fips: false },
  { platform: "riscv64", base_image: "fedorariscv/base:42", model: "generic", fips: false },
];

/** 44 original combinations (3 of them turned into Trusted Boot jobs) plus 16 added by include: 60 jobs. */
export const KAIROS_INIT_JOBS_2026_07_13: readonly Combination[] = [
  ...PLATFORMS.flatMap((platform) =>
    BASE_IMAGES.map((base_image) => ({
      platform,
      base_image,
      ...MERGED_INTO_ORIGINAL[`${platform} ${base_image}`],
    })),
  ),
  ...ADDED_BY_INCLUDE,
];
