// Every image kairos-init has ever tested gets a proper distribution name and release.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { identifyImage, imageReferenceProblem, parseImageReference } from "../../src/support-matrix/image-reference.js";
import { describeImage } from "../../src/support-matrix/image-description.js";
import { listFixtures, readFixture } from "../fixtures.js";

function baseImagesIn(workflowText: string): string[] {
  const workflow = parse(workflowText) as { jobs?: Record<string, { strategy?: { matrix?: Record<string, unknown> } }> };
  return Object.values(workflow.jobs ?? {}).flatMap((job) => {
    const matrix = job.strategy?.matrix ?? {};
    const listed = Array.isArray(matrix.base_image) ? matrix.base_image : [];
    const included = Array.isArray(matrix.include) ? matrix.include.map((entry: { base_image?: unknown }) => entry.base_image) : [];
    return [...listed, ...included].filter((value): value is string => typeof value === "string");
  });
}

const everyBaseImage = [
  ...new Set(
    ["test.yml", "test-riscv.yml"].flatMap((folder) =>
      listFixtures("kairos-init", folder).flatMap((file) => baseImagesIn(readFixture("kairos-init", folder, file))),
    ),
  ),
].sort();

describe("distribution names", () => {
  it("found the images of the workflow history", () => {
    expect(everyBaseImage.length).toBeGreaterThan(40);
    expect(everyBaseImage).toContain("registry.suse.com/suse/sle-micro-rancher/5.4:latest");
  });

  it.each(everyBaseImage)("knows %s", (reference) => {
    expect(identifyImage(reference).known).toBe(true);
  });

  it.each([
    ["ubuntu:24.04", "Ubuntu 24.04 (ubuntu:24.04)"],
    ["opensuse/leap:15.6", "openSUSE Leap 15.6 (opensuse/leap:15.6)"],
    ["opensuse/tumbleweed", "openSUSE Tumbleweed rolling (opensuse/tumbleweed)"],
    ["registry.opensuse.org/opensuse/tumbleweed", "openSUSE Tumbleweed rolling (registry.opensuse.org/opensuse/tumbleweed)"],
    ["quay.io/centos/centos:stream9", "CentOS Stream 9 (quay.io/centos/centos:stream9)"],
    ["ghcr.io/kairos-io/hadron:v0.5.1", "Hadron v0.5.1 (ghcr.io/kairos-io/hadron:v0.5.1)"],
    ["ghcr.io/kairos-io/hadron:main", "Hadron main (development build, ghcr.io/kairos-io/hadron:main)"],
    [
      "registry.suse.com/suse/sle-micro-rancher/5.4:latest",
      "SUSE Linux Enterprise Micro (Rancher) 5.4 (registry.suse.com/suse/sle-micro-rancher/5.4:latest)",
    ],
    ["fedorariscv/base:42", "Fedora (RISC-V) 42 (fedorariscv/base:42)"],
    ["rockylinux/rockylinux:9", "Rocky Linux 9 (rockylinux/rockylinux:9)"],
    ["rockylinux:9", "Rocky Linux 9 (rockylinux:9)"],
    ["docker.io/library/alpine:3.21", "Alpine Linux 3.21 (docker.io/library/alpine:3.21)"],
    ["debian:sid", "Debian sid (unstable, debian:sid)"],
    ["localhost:5000/my/os:1", "localhost:5000/my/os:1"],
  ])("describes %s as %s", (reference, words) => {
    expect(describeImage(identifyImage(reference))).toBe(words);
  });

  it("keeps registry ports in the repository and drops digests", () => {
    expect(parseImageReference("localhost:5000/os:1@sha256:abc")).toEqual({ repository: "localhost:5000/os", tag: "1" });
    expect(parseImageReference("alpine")).toEqual({ repository: "alpine", tag: null });
  });
});

describe("imageReferenceProblem", () => {
  it("accepts what Docker accepts: registries with ports, IPv6 hosts, nested paths, tags and digests", () => {
    const valid = [
      "ubuntu:24.04",
      "opensuse/leap:16.0",
      "ghcr.io/kairos-io/hadron:main",
      "registry.suse.com/suse/sle-micro-rancher/5.4:latest",
      "localhost:5000/team/image:v1_2-3",
      "[::1]:5000/image",
      `quay.io/kairos/alpine@sha256:${"a".repeat(64)}`,
      "a__b--c.d_e",
    ];
    expect(valid.filter((reference) => imageReferenceProblem(reference) !== null)).toEqual([]);
  });

  it("says what is wrong with what Docker refuses", () => {
    expect(imageReferenceProblem("opensuse/leap:15.6:")).toBe("is not an image reference ([registry[:port]/]name[:tag][@digest])");
    expect(imageReferenceProblem("x`${HOME}")).toBe('contains "`", which no image reference can');
    expect(imageReferenceProblem("ubuntu:24.04 <img>")).toBe('contains " ", which no image reference can');
    expect(imageReferenceProblem("a{{< b >}}")).toBe('contains "{", which no image reference can');
    expect(imageReferenceProblem("x~y")).toBe('contains "~", which no image reference can');
    expect(imageReferenceProblem("Ubuntu:24.04")).toBe("has upper-case letters in its repository name, which must be lower-case");
    expect(imageReferenceProblem("a".repeat(100_000))).toBe("is 100000 characters long, longer than any image reference");
  });
});
