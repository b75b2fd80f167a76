// The tested-matrix block as readers see it: one row per image, one column per platform, and where it comes from.
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { renderTestedMatrix, testedMatrixContext, type TestedMatrixSource } from "../../src/docs-page/tested-matrix-block.js";
import { testedImages } from "../../src/support-matrix/tested-image.js";
import type { Combination } from "../../src/workflow/matrix-types.js";
import { KAIROS_INIT_JOBS_2026_07_13 } from "../support-matrix/kairos-init-jobs.js";
import { codeSpanContent, firstTable } from "./gfm-table.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

const SHA = "4a52b87c0ffee00000000000000000000000beef";
const SOURCE: TestedMatrixSource = { repository: "kairos-io/kairos-init", path: ".github/workflows/test.yml", sha: SHA };
const template = await loadDefaultTemplate("testedMatrix");

function render(jobs: readonly Combination[], sources: readonly TestedMatrixSource[] = [SOURCE]): string {
  return renderTestedMatrix(template, testedMatrixContext(testedImages(jobs), sources, GITHUB_SERVER_URL));
}

const SOURCE_LINE =
  "Generated from kairos-io/kairos-init's `.github/workflows/test.yml` at commit " +
  `[4a52b87](https://github.com/kairos-io/kairos-init/blob/${SHA}/.github/workflows/test.yml). ` +
  "Changes belong in that file, not in this page.";

describe("tested-matrix block", () => {
  it("renders a small matrix exactly", () => {
    const jobs: Combination[] = [
      { platform: "amd64", base_image: "ubuntu:24.04", trusted_boot: "true" },
      { platform: "arm64", base_image: "ubuntu:24.04" },
      { platform: "amd64", base_image: "opensuse/tumbleweed" },
    ];
    expect(render(jobs)).toBe(
      [
        "| Distribution | Release | Image | amd64 | arm64 |",
        "| --- | --- | --- | --- | --- |",
        "| openSUSE Tumbleweed | rolling | `opensuse/tumbleweed` | generic | — |",
        "| Ubuntu | 24.04 | `ubuntu:24.04` | Trusted Boot (UKI) | generic |",
        "",
        SOURCE_LINE,
        "",
      ].join("\n"),
    );
  });

  it("renders today's kairos-init matrix", () => {
    expect(render(KAIROS_INIT_JOBS_2026_07_13)).toBe(
      [
        "| Distribution | Release | Image | amd64 | arm64 | riscv64 |",
        "| --- | --- | --- | --- | --- | --- |",
        "| AlmaLinux | 10 | `almalinux:10` | generic | generic | — |",
        "| AlmaLinux | 9 | `almalinux:9` | generic | generic | — |",
        "| Alpine Linux | 3.23 | `alpine:3.23` | generic | generic | — |",
        "| Alpine Linux | 3.21 | `alpine:3.21` | generic | generic | — |",
        "| CentOS Stream | 10 | `quay.io/centos/centos:stream10` | generic | generic | — |",
        "| CentOS Stream | 9 | `quay.io/centos/centos:stream9` | generic | generic | — |",
        "| Debian | 13 | `debian:13` | generic | generic | generic |",
        "| Debian | 12 | `debian:12` | generic | generic | — |",
        "| Fedora | 43 | `fedora:43` | generic | generic | — |",
        "| Fedora | 42 | `fedora:42` | generic | generic | — |",
        "| Fedora | 41 | `fedora:41` | FIPS, Trusted Boot (UKI) | — | — |",
        "| Fedora (RISC-V) | 42 | `fedorariscv/base:42` | — | — | generic |",
        "| Hadron | main (development build) | `ghcr.io/kairos-io/hadron:main` | generic | generic, Raspberry Pi 4 | — |",
        "| Hadron | v0.5.1 | `ghcr.io/kairos-io/hadron:v0.5.1` | generic | generic, Raspberry Pi 4 | — |",
        "| openSUSE Leap | 16.0 | `opensuse/leap:16.0` | generic | generic | — |",
        "| openSUSE Leap | 15.6 | `opensuse/leap:15.6` | generic | generic | — |",
        "| openSUSE Tumbleweed | rolling | `opensuse/tumbleweed` | generic | generic | — |",
        "| Oracle Linux | 10 | `oraclelinux:10` | generic | generic | — |",
        "| Oracle Linux | 9 | `oraclelinux:9` | generic | generic | — |",
        "| Rocky Linux | 10 | `rockylinux/rockylinux:10` | generic | generic | — |",
        "| Rocky Linux | 9 | `rockylinux/rockylinux:9` | generic | generic | — |",
        "| SUSE Linux Enterprise Micro (Rancher) | 5.4 | `registry.suse.com/suse/sle-micro-rancher/5.4:latest` | generic | generic | — |",
        "| Ubuntu | 26.04 | `ubuntu:26.04` | Trusted Boot (UKI) | generic | — |",
        "| Ubuntu | 25.10 | `ubuntu:25.10` | Trusted Boot (UKI) | generic | — |",
        "| Ubuntu | 24.04 | `ubuntu:24.04` | Trusted Boot (UKI) | generic | generic |",
        "| Ubuntu | 22.04 | `ubuntu:22.04` | standard (k0s v1.32.1+k0s.0), standard (k3s v1.32.1+k3s1) | " +
          "NVIDIA Jetson AGX Orin, NVIDIA Jetson Orin NX, Raspberry Pi 4 | — |",
        "| Ubuntu | 20.04 | `ubuntu:20.04` | generic | generic | — |",
        "",
        SOURCE_LINE,
        "",
      ].join("\n"),
    );
  });

  it("says where every source is", () => {
    const riscv = { repository: "kairos-io/kairos-init", path: ".github/workflows/test-riscv.yml", sha: "f235c15" + "0".repeat(33) };
    const out = render([{ platform: "amd64", base_image: "alpine:3.21" }], [SOURCE, riscv]);
    expect(out.split("\n").slice(3)).toEqual([
      "",
      SOURCE_LINE,
      "",
      "Generated from kairos-io/kairos-init's `.github/workflows/test-riscv.yml` at commit " +
        `[f235c15](https://github.com/kairos-io/kairos-init/blob/${riscv.sha}/.github/workflows/test-riscv.yml). ` +
        "Changes belong in that file, not in this page.",
      "",
    ]);
  });

  it("keeps the table intact whatever the image references and keys contain", () => {
    const hostile = [
      "evil|image:1",
      "<script>alert(1)</script>",
      "img`with`ticks",
      "multi\nline:1",
      "{{mustache}}:{x}",
      "end --> <!-- start",
    ];
    const jobs = hostile.map((base_image, i) => ({ platform: i % 2 ? "amd64" : "a|m<d>", base_image, [`k|${i}`]: "v\n-->" }));
    const out = render(jobs);
    const table = firstTable(out);
    expect(table).toHaveLength(2 + hostile.length);
    for (const row of table) expect(row).toHaveLength(5);
    expect(out).not.toMatch(/<!--|-->/);
    expect(out.split("\n").filter((line) => line.startsWith("|"))).toHaveLength(2 + hostile.length);
    // Outside code spans (where Markdown and MDX read nothing), no raw HTML, JSX or MDX expression may start.
    const plainCells = table.flat().filter((cell) => codeSpanContent(cell) === null);
    for (const cell of plainCells) expect(cell).not.toMatch(/(^|[^\\])[<>{}]/);
    expect(table[2]?.[2]).toBe("`<script>alert(1)</script>`");
  });
});
