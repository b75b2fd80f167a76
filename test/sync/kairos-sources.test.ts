// The table for what Kairos CI runs today: master.yaml's builds and qemu suites, and every kairos-init version, with clean cells.
import { GITHUB_SERVER_URL } from "../../src/web-links.js";
import { describe, expect, it } from "vitest";
import { toSource } from "../../src/config/index.js";
import { testedImagesOf } from "../../src/sync/desired-page.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { readJob } from "../../src/support-matrix/job-reading.js";
import { fixtureIndex, readFixture } from "../fixtures.js";

const MONOREPO_JOBS = ["build-iso", "build-iso-arm", "qemu-tests-*"];

function expand(repository: string, workflow: string, text: string, jobs: readonly string[] = []) {
  return expandSource(snapshotOfSource(toSource({ repository, workflow, jobs }), "0".repeat(40), text));
}

/** Every run lands in exactly one place: one variant of one platform cell, or one suite of one image. */
function placements(expanded: ReturnType<typeof expand>) {
  const images = testedImagesOf([expanded]);
  const cells = images.flatMap((image) => [
    ...image.platforms.map((p) => ({ key: `${image.reference}|${p.platform}`, texts: p.variants.map((v) => v.label) })),
    ...image.suites.map((s) => ({ key: `${image.reference}|${s.platform}|suites`, texts: s.suites })),
  ]);
  return { images, cells };
}

const monorepoVersions = fixtureIndex("kairos")
  .map((row) => row.file)
  .filter((file) => /^(master|pr)\.yaml\//.test(file));

describe.each(monorepoVersions)("kairos-io/kairos %s", (file) => {
  const [folder, name] = file.split("/") as [string, string];
  const expanded = expand("kairos-io/kairos", `.github/workflows/${folder}`, readFixture("kairos", folder, name), MONOREPO_JOBS);

  it("places every run of the configured jobs in exactly one cell, and no cell reads key=value", () => {
    const { images, cells } = placements(expanded);
    const roles = expanded.snapshot.roles;
    for (const run of expanded.jobs.flatMap((j) => j.runs)) {
      const reading = readJob(run.values, roles, expanded.snapshot.labels);
      expect(reading.image, JSON.stringify(run.values)).not.toBeNull();
      const image = images.find((i) => i.reference === reading.image);
      const inSuites = image?.suites.filter((s) => reading.suite !== null && s.suites.includes(reading.suite)) ?? [];
      const inCells = image?.platforms.filter((p) => p.platform === reading.platform) ?? [];
      expect(reading.suite === null ? inCells.length : inSuites.length, JSON.stringify(run.values)).toBe(1);
    }
    for (const cell of cells) for (const text of cell.texts) expect(text).not.toContain("=");
  });
});

describe("master.yaml at ca02242", () => {
  const expanded = expand("kairos-io/kairos", ".github/workflows/master.yaml", readFixture("kairos", "workflows", "master.yaml"), MONOREPO_JOBS);

  it("reads as Hadron, Hadron (Trusted Boot) and Ubuntu 22.04 for two NVIDIA boards, with 20 suites against Hadron on amd64", () => {
    const images = testedImagesOf([expanded]);
    expect(
      images.map((i) => [i.distribution, i.release, i.platforms.map((p) => `${p.platform}: ${p.variants.map((v) => v.label).join(", ")}`), i.suites.map((s) => `${s.suites.length} on ${s.platform}`)]),
    ).toEqual([
      ["Hadron", "v0.5.1", ["amd64: core, standard (k3s)", "arm64: core, Raspberry Pi 3, Raspberry Pi 4"], ["20 on amd64"]],
      ["Hadron (Trusted Boot)", "v0.5.1", ["amd64: core + Trusted Boot (UKI), standard (k3s) + Trusted Boot (UKI)"], ["2 on amd64"]],
      ["Ubuntu", "22.04", ["arm64: NVIDIA Jetson AGX Orin, NVIDIA Jetson Orin NX"], []],
    ]);
  });
});

const kairosInitVersions = fixtureIndex("kairos-init")
  .map((row) => row.file)
  .filter((file) => file.startsWith("test.yml/"));

describe("all 55 kairos-init versions", () => {
  it("are 55", () => {
    expect(kairosInitVersions).toHaveLength(55);
  });

  it.each(kairosInitVersions)("%s: every job in exactly one cell, no cell reads key=value", (file) => {
    const name = file.split("/")[1] as string;
    const text = readFixture("kairos-init", "test.yml", name);
    // The oldest three are really docker.yml (see test/fixtures/README.md): no matrix, so nothing to place.
    if (!text.includes("base_image")) {
      expect(() => expand("kairos-io/kairos-init", ".github/workflows/test.yml", text)).toThrow(/no job's matrix uses base_image/);
      return;
    }
    // Three versions of 2025-01-20 list `opensuse/leap:15.6:`, no image reference: refused at its location, never placed.
    if (text.includes("opensuse/leap:15.6:")) {
      expect(() => expand("kairos-io/kairos-init", ".github/workflows/test.yml", text)).toThrow(/is not an image reference/);
      return;
    }
    const expanded = expand("kairos-io/kairos-init", ".github/workflows/test.yml", text);
    const { images, cells } = placements(expanded);
    const runs = expanded.jobs.flatMap((j) => j.runs);
    let placed = 0;
    for (const run of runs) {
      const reading = readJob(run.values, expanded.snapshot.roles, expanded.snapshot.labels);
      if (reading.image === null) continue;
      const image = images.find((i) => i.reference === reading.image);
      const matching = image?.platforms.filter((p) => p.platform === (reading.platform ?? "unspecified")) ?? [];
      expect(matching).toHaveLength(1);
      placed += 1;
    }
    expect(placed).toBeGreaterThan(0);
    for (const cell of cells) for (const text of cell.texts) expect(text).not.toContain("=");
  });
});

describe("the rendered table for master.yaml", () => {
  it("folds suites into <details> and names the workflow and jobs under the table", async () => {
    const { desiredPage } = await import("../../src/sync/desired-page.js");
    const { loadDefaultTemplate } = await import("../../src/docs-page/default-templates.js");
    const sha = "7c1544d39607934757cb13a906f2d4f15a97bde4";
    const source = snapshotOfSource(
      toSource({ repository: "kairos-io/kairos", workflow: ".github/workflows/master.yaml", jobs: MONOREPO_JOBS }),
      sha,
      readFixture("kairos", "workflows", "master.yaml"),
    );
    const page = { file: "docs/reference/image_matrix.md", text: readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md") };
    const text = desiredPage({ page, serverUrl: GITHUB_SERVER_URL, testedMatrix: { sources: [source], template: await loadDefaultTemplate("testedMatrix") } }).text;
    expect(text).toContain("| Distribution | Release | Image | amd64 | arm64 | Test suites |");
    expect(text).toContain(
      "| Hadron | v0.5.1 | `ghcr.io/kairos-io/hadron:v0.5.1` | core, standard (k3s) | core, Raspberry Pi 3, Raspberry Pi 4 | <details><summary>20 suites on amd64</summary>acceptance, bundles, ",
    );
    expect(text).toContain(
      "| Hadron (Trusted Boot) | v0.5.1, Trusted Boot (UKI) | `ghcr.io/kairos-io/hadron-trusted:v0.5.1` | core, standard (k3s) | — | <details><summary>2 suites on amd64</summary>boot-assessment, install-upgrade</details> |",
    );
    expect(text).toContain("| Ubuntu | 22.04 | `ubuntu:22.04` | — | NVIDIA Jetson AGX Orin, NVIDIA Jetson Orin NX | — |");
    expect(text).toContain(
      "Generated from kairos-io/kairos's `.github/workflows/master.yaml` (jobs `build-iso`, `build-iso-arm`, `qemu-tests-core`, `qemu-tests-standard`, `qemu-tests-standard-encryption`, `qemu-tests-uki`) at commit [7c1544d]",
    );
  });
});
