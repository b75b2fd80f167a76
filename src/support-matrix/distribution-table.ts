// Pure data: which image repository is which distribution, and how its tag reads as a release.

export interface DistributionEntry {
  /** The repository part of a reference, Docker Hub defaults removed (`ubuntu`, not `docker.io/library/ubuntu`). */
  readonly repository: string;
  /** What readers call it. */
  readonly name: string;
  /** The release when the tag is absent or `latest` (a rolling distribution, or a repository pinned to one release). */
  readonly untaggedRelease?: string;
  /** Stripped from the tag before it is shown, e.g. `stream` in `centos:stream9`. */
  readonly tagPrefix?: string;
  /** Words shown next to particular tags, e.g. Hadron's `main` is a development build. */
  readonly tagNotes?: Readonly<Record<string, string>>;
}

// Every base_image kairos-init's test workflows have used (test.yml and test-riscv.yml history) has an entry here.
export const DISTRIBUTIONS: readonly DistributionEntry[] = [
  { repository: "almalinux", name: "AlmaLinux" },
  { repository: "alpine", name: "Alpine Linux" },
  { repository: "quay.io/centos/centos", name: "CentOS Stream", tagPrefix: "stream" },
  { repository: "debian", name: "Debian", tagNotes: { sid: "unstable" } },
  { repository: "riscv64/debian", name: "Debian", tagNotes: { sid: "unstable" } },
  { repository: "fedora", name: "Fedora" },
  { repository: "fedorariscv/base", name: "Fedora (RISC-V)" },
  { repository: "ghcr.io/kairos-io/hadron", name: "Hadron", tagNotes: { main: "development build" } },
  { repository: "ttl.sh/hadron-riscv64-cloud", name: "Hadron (RISC-V cloud, temporary build)" },
  { repository: "opensuse/leap", name: "openSUSE Leap" },
  { repository: "opensuse/tumbleweed", name: "openSUSE Tumbleweed", untaggedRelease: "rolling" },
  { repository: "registry.opensuse.org/opensuse/tumbleweed", name: "openSUSE Tumbleweed", untaggedRelease: "rolling" },
  { repository: "oraclelinux", name: "Oracle Linux" },
  { repository: "rockylinux", name: "Rocky Linux" },
  { repository: "rockylinux/rockylinux", name: "Rocky Linux" },
  {
    repository: "registry.suse.com/suse/sle-micro-rancher/5.4",
    name: "SUSE Linux Enterprise Micro (Rancher)",
    untaggedRelease: "5.4",
  },
  { repository: "ubuntu", name: "Ubuntu" },
  { repository: "riscv64/ubuntu", name: "Ubuntu" },
];

/**
 * Tags that follow a branch instead of naming a release. Newest-first lists put them on top, in this order,
 * because they are at least as new as any numbered release of the same distribution.
 */
export const MOVING_TAGS: readonly string[] = [
  "main",
  "master",
  "rawhide",
  "sid",
  "unstable",
  "testing",
  "edge",
  "nightly",
  "rolling",
  "latest",
];
