// The page the bot proposes, from real workflows and pages: correct rows, nothing else touched, stable on rerun.
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { LocatedError } from "../../src/located-error.js";
import type { ComponentRelease } from "../../src/releases/component-release.js";
import { desiredPage, type DesiredPageInputs } from "../../src/sync/desired-page.js";
import { toSource } from "../../src/config/index.js";
import { snapshotOfSource, type WorkflowSnapshot } from "../../src/sync/workflow-snapshot.js";
import { fixtureIndex, readFixture } from "../fixtures.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

const testedMatrix = await loadDefaultTemplate("testedMatrix");
const releaseChangelog = await loadDefaultTemplate("releaseChangelog");
const PAGE = { file: "docs/reference/image_matrix.md", text: readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md") };

function snapshot(text: string, sha: string, extra: Partial<WorkflowSnapshot> = {}): WorkflowSnapshot {
  return {
    ...snapshotOfSource(toSource({ repository: "kairos-io/kairos-init", workflow: ".github/workflows/test.yml" }), sha, text),
    ...extra,
  };
}

function matrixInputs(sources: WorkflowSnapshot[], page = PAGE): DesiredPageInputs {
  return { page, serverUrl: GITHUB_SERVER_URL, testedMatrix: { sources, template: testedMatrix } };
}

/** The page with the generated block cut out: what must never change. */
function outsideBlock(text: string, name: string): string {
  return text.replace(new RegExp(`<!-- support-matrix-bot:${name}:begin[\\s\\S]*?<!-- support-matrix-bot:${name}:end -->`), "");
}

const history = fixtureIndex("kairos-init").filter((row) => row.file.startsWith("test.yml/") && row.path.endsWith("test.yml"));

// On 2025-01-20 three commits tested `opensuse/leap:15.6:`, which is no image reference (Docker refuses it).
const REFUSED = ["test.yml/2025-01-20-56f7dc0.yml", "test.yml/2025-01-20-b293ea9.yml", "test.yml/2025-01-20-d9d6232.yml"];

describe("the tested-matrix block from kairos-init's history", () => {
  it.each(REFUSED)("%s is refused at the image value, and the page is left as it is", (file) => {
    const text = readFixture("kairos-init", file);
    const line = text.split("\n").findIndex((l) => l.includes('"opensuse/leap:15.6:"')) + 1;
    const col = (text.split("\n")[line - 1]?.indexOf('"opensuse/leap:15.6:"') ?? 0) + 1;
    expect(() => desiredPage(matrixInputs([snapshot(text, "0".repeat(40))]))).toThrow(
      `.github/workflows/test.yml:${line}:${col}: base_image value "opensuse/leap:15.6:" is not an image reference ([registry[:port]/]name[:tag][@digest])`,
    );
  });

  it.each(history.filter((row) => !REFUSED.includes(row.file)).map((row) => [row.file, row.fullSha] as const))("%s renders into today's page", (file, sha) => {
    const first = desiredPage(matrixInputs([snapshot(readFixture("kairos-init", file), sha)]));
    expect(first.testedImages?.length).toBeGreaterThan(0);
    // Idempotent: proposing again from the proposal changes nothing.
    const again = desiredPage(matrixInputs([snapshot(readFixture("kairos-init", file), sha)], { ...PAGE, text: first.text }));
    expect(again.text).toBe(first.text);
    expect(again.previous.sources).toEqual([{ repository: "kairos-io/kairos-init", path: ".github/workflows/test.yml", sha }]);
  });

  it("changes only the Tested distribution matrix section of today's page", () => {
    const today = history[0]!;
    const result = desiredPage(matrixInputs([snapshot(readFixture("kairos-init", today.file), today.fullSha)]));
    const [before, after] = [PAGE.text, result.text].map((t) => t.split("## Tested distribution matrix"));
    expect(after?.[0]).toBe(before?.[0]);
    expect(result.text.slice(result.text.indexOf("## What this means for users"))).toBe(
      PAGE.text.slice(PAGE.text.indexOf("## What this means for users")),
    );
    expect(result.previous.sources).toEqual([]);
  });

  it("says what is really tested before and after kairos-init #399", () => {
    const row = (sha7: string) => history.find((r) => r.fullSha.startsWith(sha7))!;
    const rowsOf = (sha7: string) =>
      desiredPage(matrixInputs([snapshot(readFixture("kairos-init", row(sha7).file), row(sha7).fullSha)])).text;
    // #395 merged the rpi4 includes into the generic arm64 Hadron jobs: only the board was tested.
    expect(rowsOf("63225cb")).toMatch(/\| Hadron \| main \(development build\) \| `ghcr\.io\/kairos-io\/hadron:main` \| generic \| Raspberry Pi 4 \|/);
    expect(rowsOf("4a52b87")).toMatch(/\| Hadron \| main \(development build\) \| `ghcr\.io\/kairos-io\/hadron:main` \| generic \| generic, Raspberry Pi 4 \|/);
  });
});

describe("several sources and other key names", () => {
  it("folds a workflow that says `arch` into the same table", () => {
    const monorepo = "jobs:\n  t:\n    strategy:\n      matrix:\n        arch: [arm64]\n        flavor: [\"alpine:3.21\"]\n";
    const result = desiredPage(
      matrixInputs([
        snapshot("jobs:\n  t:\n    strategy:\n      matrix:\n        platform: [amd64]\n        base_image: [\"alpine:3.21\"]\n", "a".repeat(40)),
        snapshot(monorepo, "b".repeat(40), {
          repository: "kairos-io/kairos",
          path: ".github/workflows/build.yml",
          roles: toSource({ repository: "kairos-io/kairos", workflow: "x", image_key: "flavor", platform_key: "arch" }).roles,
        }),
      ]),
    );
    expect(result.text).toContain("| Alpine Linux | 3.21 | `alpine:3.21` | generic | generic |");
    expect(result.text).toContain("kairos-io/kairos's `.github/workflows/build.yml` at commit [bbbbbbb]");
  });
});

describe("failures never produce a page", () => {
  it("a matrix without image values is an error, not an empty table", () => {
    const text = "jobs:\n  t:\n    strategy:\n      matrix:\n        base_image: [a]\n        exclude:\n          - base_image: a\n";
    expect(() => desiredPage(matrixInputs([snapshot(text, "c".repeat(40))]))).toThrow(LocatedError);
  });

  it("a YAML error carries the workflow path and position", () => {
    expect(() => desiredPage(matrixInputs([snapshot("jobs:\n  t: [\n", "d".repeat(40))]))).toThrow(
      /^\.github\/workflows\/test\.yml:\d+:\d+: /,
    );
  });
});

describe("the release changelog block", () => {
  const releases: ComponentRelease[] = [
    {
      component: { repository: "kairos-io/kairos", displayName: "Kairos core and standard (k3s and k0s support)" },
      releasesUrl: "https://github.com/kairos-io/kairos/releases",
      latest: { tag: "v4.2.0", version: "4.2.0", url: "https://github.com/kairos-io/kairos/releases/tag/v4.2.0", publishedAt: "2026-08-18T10:43:18Z" },
    },
    { component: { repository: "kairos-io/osbuilder", displayName: "OSBuilder" }, releasesUrl: "https://github.com/kairos-io/osbuilder/releases", latest: null },
  ];

  it("replaces only the table under Release changelog and records what it shows", () => {
    const result = desiredPage({ page: PAGE, serverUrl: GITHUB_SERVER_URL, releaseChangelog: { releases, template: releaseChangelog } });
    expect(outsideBlock(result.text, "release-changelog").replace(/\n+/g, "\n")).toBe(
      PAGE.text.replace(/\| \*\*Project\*\*[\s\S]*?osbuilder\/releases +\|\n/, "").replace(/\n+/g, "\n"),
    );
    expect(result.text).toContain("| [OSBuilder](https://github.com/kairos-io/osbuilder) | — | — |");
    const again = desiredPage({ page: { ...PAGE, text: result.text }, serverUrl: GITHUB_SERVER_URL, releaseChangelog: { releases, template: releaseChangelog } });
    expect(again.text).toBe(result.text);
    expect(again.previous.releases?.map((r) => r.latest?.tag ?? null)).toEqual(["v4.2.0", null]);
  });
});

describe("a source commit that does not change what is tested", () => {
  it("leaves the page as it is: no pull request just to bump the commit link", () => {
    const today = history[0]!;
    const text = readFixture("kairos-init", today.file);
    const adopted = desiredPage(matrixInputs([snapshot(text, today.fullSha)]));
    const commentOnly = desiredPage(matrixInputs([snapshot(`# a comment\n${text}`, "e".repeat(40))], { ...PAGE, text: adopted.text }));
    expect(commentOnly.text).toBe(adopted.text);
    expect(commentOnly.sources).toEqual([{ repository: "kairos-io/kairos-init", path: ".github/workflows/test.yml", sha: today.fullSha }]);
    const realChange = desiredPage(
      matrixInputs([snapshot(text.replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:44"\n'), "f".repeat(40))], {
        ...PAGE,
        text: adopted.text,
      }),
    );
    expect(realChange.text).toContain("fffffff");
    expect(realChange.text).toContain("`fedora:44`");
  });
});
