// kairos-init's custom job name template, evaluated for every combination of every test.yml version.
import { toSource } from "../../src/config/index.js";
import { describe, expect, it } from "vitest";
import { expectedJobsOf } from "../../src/sync/tested-results.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { fixtureIndex, readFixture } from "../fixtures.js";

// The three oldest files are docker.yml, which has no matrix job.
const versions = fixtureIndex("kairos-init").filter((row) => row.file.startsWith("test.yml/") && readFixture("kairos-init", row.file).includes("matrix:"));
const source = toSource({ repository: "kairos-io/kairos-init", workflow: ".github/workflows/test.yml" });

function expectedOf(file: string) {
  const expanded = expandSource(snapshotOfSource(source, "0".repeat(40), readFixture("kairos-init", file)));
  return { expanded, expected: expectedJobsOf(expanded) };
}

describe("kairos-init job names", () => {
  it("evaluates the newest template with each job's matrix", () => {
    const { expected } = expectedOf("test.yml/2026-07-13-4a52b87.yml");
    const names = expected.map((e) => e.prediction.name);
    // Empty expressions leave their spaces: GitHub shows the name exactly as evaluated.
    expect(names.filter((n) => n.includes("rpi4"))).toEqual([
      "arm64 - ubuntu:22.04 - rpi4  ",
      "arm64 - ghcr.io/kairos-io/hadron:v0.5.1 - rpi4  ",
      "arm64 - ghcr.io/kairos-io/hadron:main - rpi4  ",
    ]);
    expect(names.filter((n) => n.includes("k3s")).length).toBeGreaterThan(0);
    expect(expected.every((e) => !e.prediction.callsWorkflow)).toBe(true);
  });

  for (const version of versions) {
    // Three versions of 2025-01-20 list `opensuse/leap:15.6:`, which is no image reference: they are refused, not named.
    if (readFixture("kairos-init", version.file).includes("opensuse/leap:15.6:")) {
      it(`${version.file}: is refused for its image value`, () => {
        expect(() => expectedOf(version.file)).toThrow(/"opensuse\/leap:15\.6:" is not an image reference/);
      });
      continue;
    }
    it(`${version.file}: every combination gets a predicted name`, () => {
      const { expanded, expected } = expectedOf(version.file);
      expect(expected).toHaveLength(expanded.combinations.length);
      for (const e of expected) expect(e.prediction.name).not.toContain("${{");
    });
  }
});
